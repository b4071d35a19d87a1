#pragma once

#include "cli/CliCommand.h"
#include "model/Project.h"

namespace saltant {

// A command that works on one project (--project FILE, --set KEY=VALUE): it loads the project once, reports a
// file, key or value that could not be loaded (exit 2), optionally refuses settings that do not validate (exit 2),
// and then runs with the loaded project.
class ProjectCommand : public CliCommand
{
public:
    // The project options first, then the command's own.
    void addOptions(QCommandLineParser& parser) const final;
    int run(const QCommandLineParser& parser, CliIo& io) const final;

protected:
    virtual void addCommandOptions(QCommandLineParser& parser) const { Q_UNUSED(parser) }
    // What can be refused before the project is read (a required option, the positional arguments): ExitCode::Ok,
    // or the exit code to end with after printing why.
    virtual int checkArguments(const QCommandLineParser& parser, CliIo& io) const;
    // Whether the settings must validate before runWithProject; each problem is printed as an
    // "error invalid-value KEY: message" line, then refusalNote() when it is not empty.
    virtual bool needsValidProject() const { return false; }
    // The problems that refuse the command when needsValidProject(): by default the web server's own
    // (Project::withoutWorkers()), as the commands that need a valid project work on the server.
    virtual QList<FieldProblem> refusingProblems(const Project& project, const QCommandLineParser& parser) const;
    virtual QString refusalNote() const { return QString(); }
    virtual int runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const = 0;
};

} // namespace saltant
