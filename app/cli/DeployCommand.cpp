#include "cli/DeployCommand.h"

#include "cli/CheckCli.h"
#include "cli/FleetCli.h"
#include "deploy/DeployRunner.h"
#include "plan/PlanText.h"
#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>
#include <cstdio>
#include <thread>
#include <unistd.h>

namespace saltant {
int DeployCommand::exitCode(DeployReport::Outcome outcome)
{
    switch (outcome) {
    case DeployReport::Outcome::NothingToDo:
    case DeployReport::Outcome::Deployed:
        return ExitCode::Ok;
    case DeployReport::Outcome::Refused:
    case DeployReport::Outcome::Cancelled:
        return ExitCode::Problems;
    case DeployReport::Outcome::ValidationFailed:
        return ExitCode::Validation;
    case DeployReport::Outcome::ConnectionLost:
        return ExitCode::Connection;
    case DeployReport::Outcome::DriftRefused:
        return ExitCode::Drift;
    case DeployReport::Outcome::TransactionFailed:
    case DeployReport::Outcome::StepFailed:
        break;
    }
    return ExitCode::DeployFailed;
}

int DeployCommand::exitCode(DeployConnection::Failure failure)
{
    switch (failure) {
    case DeployConnection::Failure::HostKeyChanged:
    case DeployConnection::Failure::HostKeyRejected:
        return ExitCode::HostKey;
    case DeployConnection::Failure::Plan:
        return ExitCode::Problems;
    case DeployConnection::Failure::None:
    case DeployConnection::Failure::Connection:
        break;
    }
    return ExitCode::Connection;
}

QString DeployCommand::summary() const
{
    return tr("Show the plan, then apply it to the server as a transaction (validated, rolled back on failure).");
}

void DeployCommand::addConnectionOptions(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("accept-new-host-key"),
                      tr("Trust the server's host key when it is not yet in known_hosts (a changed key is always "
                         "refused).")});
    FleetCli::addOptions(parser);
}

void DeployCommand::addCommandOptions(QCommandLineParser& parser) const
{
    addConnectionOptions(parser);
    parser.addOption({QStringLiteral("yes"), tr("Apply without asking (required when standard input is not a "
                                                "terminal).")});
    parser.addOption({QStringLiteral("install-missing"),
                      tr("Also run the plan's install commands for missing programs (apt-get, pip).")});
    parser.addOption({QStringLiteral("overwrite-drift"),
                      tr("Overwrite files that were changed on the server since the last deploy (without it, or "
                         "--keep-drift, such a deploy is refused with exit code 9 and nothing is changed).")});
    parser.addOption({QStringLiteral("keep-drift"),
                      tr("Leave files that were changed on the server since the last deploy as they are (they are "
                         "not recorded as deployed) and deploy the rest.")});
    parser.addOption({QStringLiteral("no-checks"),
                      tr("Skip the preflight checks before and the health checks after the deploy (DNS, ports, "
                         "the live site, certificates).")});
    CheckCli::addOptions(parser);
}

bool DeployCommand::confirm(const QString& question, const QString& command, CliIo& io)
{
    io.out << question << Qt::flush;
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    if (answer != QLatin1String("y") && answer != QLatin1String("yes")) {
        io.err << tr("%1: cancelled; nothing was changed.").arg(command) << Qt::endl;
        return false;
    }
    return true;
}

int DeployCommand::connect(const QCommandLineParser& parser, CliIo& io, DeployContext* context, Reading reading)
{
    context->connection = std::make_unique<DeployConnection>(context->project, SecretValues());
    DeployConnection& connection = *context->connection;
    connection.setKeepDrift(context->keepDrift);
    // The TCP connection, key exchange and host-key check need no secret: they run on a thread of their own while
    // this one reads the keychain (which needs this thread's event loop). Authentication waits for both.
    bool connected = false;
    std::thread connecting([&connection, &connected] { connected = connection.connectToHost(); });
    SecretValues secrets;
    {
        KeychainSecretStore store(context->project.projectId());
        const SecretResult read = store.readAll(&secrets, context->project.taskSecretNames());
        if (!read.ok) {
            io.err << tr("warning: secrets could not be read from the keychain: %1").arg(read.errorMessage) << Qt::endl;
        }
    }
    connecting.join();
    connection.setSecrets(secrets);
    secrets.wipe();
    const bool accept = parser.isSet(QStringLiteral("accept-new-host-key"));
    const bool trust = accept && connection.hostKey().status == HostKeyCheck::Unknown;
    const bool opened = connected && (reading == Reading::Plan ? connection.authenticateAndPlan(trust)
                                                               : connection.authenticate(trust));
    if (!connection.notice().isEmpty()) {
        io.err << connection.notice() << Qt::endl;
    }
    if (!opened) {
        io.err << connection.errorString() << Qt::endl;
        return exitCode(connection.failure());
    }
    return ExitCode::Ok;
}

QList<FieldProblem> DeployCommand::refusingProblems(const Project& project, const QCommandLineParser& parser) const
{
    return FleetCli::requested(parser) ? QList<FieldProblem>() : ProjectCommand::refusingProblems(project, parser);
}

int DeployCommand::checkArguments(const QCommandLineParser& parser, CliIo& io) const
{
    if (!parser.isSet(QStringLiteral("yes")) && !isatty(STDIN_FILENO)) {
        io.err << tr("deploy: standard input is not a terminal; review the plan with `plan`, then deploy with "
                     "--yes.")
               << Qt::endl;
        return ExitCode::Usage;
    }
    if (parser.isSet(QStringLiteral("overwrite-drift")) && parser.isSet(QStringLiteral("keep-drift"))) {
        io.err << tr("deploy: --overwrite-drift and --keep-drift exclude each other; choose one.") << Qt::endl;
        return ExitCode::Usage;
    }
    if (parser.isSet(QStringLiteral("keep-drift")) && FleetCli::requested(parser)) {
        io.err << tr("deploy: --keep-drift works on one host only; deploy each host on its own, or use "
                     "--overwrite-drift.")
               << Qt::endl;
        return ExitCode::Usage;
    }
    return ExitCode::Ok;
}

int DeployCommand::runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const
{
    if (FleetCli::requested(parser)) {
        return FleetCli::deploy(project, parser, io);
    }
    const bool confirmed = parser.isSet(QStringLiteral("yes"));
    DeployContext context{project, nullptr, parser.isSet(QStringLiteral("keep-drift"))};
    const bool checks = !parser.isSet(QStringLiteral("no-checks"));
    CheckOptions checkOptions;
    QString error;
    if (checks && !CheckCli::readOptions(parser, &checkOptions, &error)) {
        io.err << QStringLiteral("deploy: ") << error << Qt::endl;
        return ExitCode::Usage;
    }
    // Preflight first: a closed SSH port or a name pointing elsewhere is clearer before the connection fails.
    // Its failures do not stop the deploy (a first deploy installs what answers on 80 and 443): they are shown
    // and asked about.
    const int preflightFailures =
        checks ? CheckCli::run(CheckSuite::Kind::Preflight, context.project, checkOptions, io, tr("Preflight:")) : 0;
    const int connected = connect(parser, io, &context);
    if (connected != ExitCode::Ok) {
        return connected;
    }
    DeployConnection& connection = *context.connection;
    const Plan& plan = connection.plan();
    if (!confirmed) {
        io.out << PlanText::render(plan);
        if (plan.hasWork() && plan.blockers.isEmpty()) {
            if (preflightFailures > 0) {
                io.out << tr("%n preflight check(s) failed (see above).", nullptr, preflightFailures) << Qt::endl;
            }
            if (!confirm(tr("Apply this plan? [y/N] "), QStringLiteral("deploy"), io)) {
                return ExitCode::Problems;
            }
        }
    } else {
        io.out << PlanText::render(plan, false);
    }
    DeployOptions options;
    options.installMissing = parser.isSet(QStringLiteral("install-missing"));
    options.overwriteDrift = parser.isSet(QStringLiteral("overwrite-drift"));
    const DeployReport report = DeployRunner::apply(
        *connection.host(), plan, connection.secrets(), options,
        [&io](const DeployStepReport& step) { io.out << DeployLog::formatStep(step) << Qt::flush; });
    (report.ok() ? io.out : io.err) << DeployRunner::outcomeText(report.outcome) << ": " << report.message << Qt::endl;
    // For the benchmark and the curious: what the connection, the plan and the deploy cost in round trips.
    if (qEnvironmentVariableIntValue("SALTANT_DEPLOY_STATS") == 1) {
        io.err << QStringLiteral("round trips: ") << connection.roundTrips().text() << Qt::endl;
    }
    if (!report.logPath.isEmpty()) {
        io.out << tr("Log: %1").arg(report.logPath) << Qt::endl;
    }
    if (!report.ok() || !checks) {
        return exitCode(report.outcome);
    }
    checkOptions.flowerPassword = connection.secrets().value(QStringLiteral("flower.password"));
    const int healthFailures =
        CheckCli::run(CheckSuite::Kind::Health, context.project, checkOptions, io, tr("Health:"));
    checkOptions.flowerPassword.clear(); // the connection still holds (and wipes) the value it shares
    if (healthFailures > 0) {
        io.err << tr("deploy: the server has the new configuration, but %n health check(s) failed (see above).",
                     nullptr, healthFailures)
               << Qt::endl;
        return ExitCode::Problems;
    }
    return ExitCode::Ok;
}

} // namespace saltant

SALTANT_REGISTER_COMMAND(DeployCommand)
