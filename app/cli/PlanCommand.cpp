#include "cli/DeployCommand.h"
#include "cli/FleetCli.h"
#include "plan/PlanText.h"

#include <QCoreApplication>

namespace saltant {

// `plan`: connect, read the server, print what a deploy would change (with diffs) and run. Changes nothing.
class PlanCommand : public ProjectCommand
{
public:
    QString name() const override { return QStringLiteral("plan"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli", "Compare the server with the project: diffs and the commands a "
                                                  "deploy would run. Changes nothing.");
    }
    void addCommandOptions(QCommandLineParser& parser) const override { DeployCommand::addConnectionOptions(parser); }
    bool needsValidProject() const override { return true; }
    // With --all or --host each host's own problems are reported on that host, and the others go on.
    QList<FieldProblem> refusingProblems(const Project& project, const QCommandLineParser& parser) const override
    {
        return FleetCli::requested(parser) ? QList<FieldProblem>() : ProjectCommand::refusingProblems(project, parser);
    }
    int runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const override
    {
        if (FleetCli::requested(parser)) {
            return FleetCli::plan(project, parser, io);
        }
        DeployContext context{project, nullptr};
        const int connected = DeployCommand::connect(parser, io, &context);
        if (connected != ExitCode::Ok) {
            return connected;
        }
        // A plan with blockers is still a plan: they are printed under "Cannot deploy", and `deploy` refuses.
        io.out << PlanText::render(context.connection->plan()) << Qt::flush;
        return ExitCode::Ok;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(PlanCommand)
