#include "CliCommand.h"
#include "ProjectOptions.h"
#include "lint/Lint.h"

#include <QCoreApplication>

namespace saltant {

// `lint`: every problem of the project, one line each ("severity id field: message"), errors first.
class LintCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("lint"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli", "List the project's problems, errors first; exit 1 on any error.");
    }
    void addOptions(QCommandLineParser& parser) const override { ProjectOptions::add(parser); }
    int run(const QCommandLineParser& parser, CliIo& io) const override
    {
        Project project;
        QString error;
        if (!ProjectOptions::load(parser, &project, &error)) {
            io.err << error << Qt::endl;
            return ExitCode::Usage;
        }
        // The CLI reads no keychain yet: no secret counts as stored, so missing-secret lists every needed one.
        const LintContext context{project, {}, nullptr};
        bool anyError = false;
        for (const LintIssue& issue : Linter::run(context)) {
            anyError = anyError || issue.severity == Severity::Error;
            io.out << Linter::severityName(issue.severity) << ' ' << issue.ruleId << ' ' << issue.field << ": "
                   << issue.message << '\n';
        }
        io.out.flush();
        return anyError ? ExitCode::Problems : ExitCode::Ok;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(LintCommand)
