#include "CliCommand.h"
#include "DeployCommand.h"
#include "deploy/PlanText.h"

#include <QCoreApplication>

namespace saltant {

// `plan`: connect, read the server, print what a deploy would change (with diffs) and run. Changes nothing.
class PlanCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("plan"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli", "Compare the server with the project: diffs and the commands a "
                                                  "deploy would run. Changes nothing.");
    }
    void addOptions(QCommandLineParser& parser) const override { DeployCommand::addConnectionOptions(parser); }
    int run(const QCommandLineParser& parser, CliIo& io) const override
    {
        DeployContext context;
        const int prepared = DeployCommand::prepare(parser, io, &context);
        if (prepared != ExitCode::Ok) {
            return prepared;
        }
        io.out << PlanText::render(context.plan) << Qt::flush;
        // A plan the deploy would refuse is a failed check.
        return context.plan.blockers.isEmpty() ? ExitCode::Ok : ExitCode::Problems;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(PlanCommand)
