#include "cli/ProjectCommand.h"

#include "cli/ProjectOptions.h"

namespace saltant {

void ProjectCommand::addOptions(QCommandLineParser& parser) const
{
    ProjectOptions::add(parser);
    addCommandOptions(parser);
}

int ProjectCommand::checkArguments(const QCommandLineParser& parser, CliIo& io) const
{
    Q_UNUSED(parser)
    Q_UNUSED(io)
    return ExitCode::Ok;
}

QList<FieldProblem> ProjectCommand::refusingProblems(const Project& project, const QCommandLineParser& parser) const
{
    Q_UNUSED(parser)
    return project.withoutWorkers().validate();
}

int ProjectCommand::run(const QCommandLineParser& parser, CliIo& io) const
{
    const int checked = checkArguments(parser, io);
    if (checked != ExitCode::Ok) {
        return checked;
    }
    Project project;
    QString error;
    if (!ProjectOptions::load(parser, &project, &error)) {
        io.err << error << Qt::endl;
        return ExitCode::Usage;
    }
    if (needsValidProject() && !ProjectOptions::reportProblems(refusingProblems(project, parser), io.err)) {
        const QString note = refusalNote();
        if (!note.isEmpty()) {
            io.err << note << Qt::endl;
        }
        return ExitCode::Usage;
    }
    return runWithProject(project, parser, io);
}

} // namespace saltant
