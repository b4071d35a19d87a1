#include "cli/DeployCommand.h"
#include "cli/ProjectCommand.h"
#include "deploy/DeployLog.h"
#include "deploy/DeployRunner.h"
#include "deploy/Rollback.h"
#include "plan/PlanText.h"

#include <QCoreApplication>
#include <QTextStream>
#include <unistd.h>

namespace saltant {

// `rollback --to ID [--yes]`: the server as it was before deploy ID (see `history`), as a normal transaction:
// the kept versions are staged, put in place, validated (a failure restores them all), committed, and the handlers
// of the changed files run. Files changed by hand since are overwritten: that is what a rollback is for.
class RollbackCommand : public ProjectCommand
{
    Q_DECLARE_TR_FUNCTIONS(saltant::RollbackCommand)

public:
    QString name() const override { return QStringLiteral("rollback"); }
    QString summary() const override
    {
        return tr("Restore the server's files to how they were before deploy ID (see `history`), validated, as a "
                  "transaction.");
    }

protected:
    void addCommandOptions(QCommandLineParser& parser) const override
    {
        DeployCommand::addConnectionOptions(parser);
        parser.addOption({QStringLiteral("to"), tr("The deploy (an id `history` lists) to undo, with every later one."),
                          QStringLiteral("ID")});
        parser.addOption({QStringLiteral("yes"), tr("Apply without asking (required when standard input is not a "
                                                    "terminal).")});
    }
    bool needsValidProject() const override { return true; }
    int checkArguments(const QCommandLineParser& parser, CliIo& io) const override
    {
        if (parser.value(QStringLiteral("to")).isEmpty()) {
            io.err << tr("rollback: give --to ID; `saltant-deploy-cli history` lists the ids.") << Qt::endl;
            return ExitCode::Usage;
        }
        if (!parser.isSet(QStringLiteral("yes")) && !isatty(STDIN_FILENO)) {
            io.err << tr("rollback: standard input is not a terminal; pass --yes.") << Qt::endl;
            return ExitCode::Usage;
        }
        return ExitCode::Ok;
    }
    int runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const override
    {
        DeployContext context{project, nullptr};
        const int connected = DeployCommand::connect(parser, io, &context, DeployCommand::Reading::HostOnly);
        if (connected != ExitCode::Ok) {
            return connected;
        }
        DeployConnection& connection = *context.connection;
        Plan plan;
        QStringList notes;
        QString error;
        if (!Rollback::makePlan(*connection.host(), project, connection.secrets(), parser.value(QStringLiteral("to")),
                                &plan, &notes, &error)) {
            io.err << error << Qt::endl;
            return ExitCode::Problems;
        }
        io.out << PlanText::render(plan, !parser.isSet(QStringLiteral("yes")));
        for (const QString& note : std::as_const(notes)) {
            io.out << note << Qt::endl;
        }
        if (!plan.hasWork()) {
            return ExitCode::Ok;
        }
        if (!parser.isSet(QStringLiteral("yes"))) {
            io.out << tr("Roll back? [y/N] ") << Qt::flush;
            QTextStream in(stdin);
            const QString answer = in.readLine().trimmed().toLower();
            if (answer != QLatin1String("y") && answer != QLatin1String("yes")) {
                io.err << tr("rollback: cancelled; nothing was changed.") << Qt::endl;
                return ExitCode::Problems;
            }
        }
        DeployOptions options;
        options.overwriteDrift = true;
        const DeployReport report = DeployRunner::apply(
            *connection.host(), plan, connection.secrets(), options,
            [&io](const DeployStepReport& step) { io.out << DeployLog::formatStep(step) << Qt::flush; });
        (report.ok() ? io.out : io.err) << DeployRunner::outcomeText(report.outcome) << ": " << report.message
                                        << Qt::endl;
        return DeployCommand::exitCode(report.outcome);
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(RollbackCommand)
