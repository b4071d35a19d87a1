#include "cli/FleetCli.h"

#include "cli/CheckCli.h"
#include "cli/DeployCommand.h"
#include "deploy/FleetDeploy.h"
#include "net/WorkerChecks.h"
#include "plan/PlanText.h"
#include "secrets/KeychainSecretStore.h"

#include <atomic>
#include <csignal>
#include <thread>

namespace saltant {
namespace {

std::atomic_bool interrupted{false};

void onInterrupt(int)
{
    interrupted.store(true);
}

// Ctrl-C (or SIGTERM) while hosts deploy: every host stops at its next safe point (DeployOptions::cancel) instead
// of the process dying between a file being put in place and its validation.
class InterruptGuard
{
public:
    InterruptGuard()
    {
        interrupted.store(false);
        struct sigaction action = {};
        action.sa_handler = onInterrupt;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &m_oldInt);
        sigaction(SIGTERM, &action, &m_oldTerm);
    }
    ~InterruptGuard()
    {
        sigaction(SIGINT, &m_oldInt, nullptr);
        sigaction(SIGTERM, &m_oldTerm, nullptr);
    }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    struct sigaction m_oldInt = {};
    struct sigaction m_oldTerm = {};
};

bool selectHosts(const Project& project, const QCommandLineParser& parser, QList<FleetHost>* hosts, CliIo& io)
{
    QString error;
    if (!FleetDeploy::select(project, parser.isSet(QStringLiteral("all")), parser.values(QStringLiteral("host")), hosts,
                             &error)) {
        io.err << error << Qt::endl;
        return false;
    }
    return true;
}

SecretValues readSecrets(const Project& project, CliIo& io)
{
    SecretValues secrets;
    KeychainSecretStore store(project.projectId());
    const SecretResult read = store.readAll(&secrets, project.taskSecretNames());
    if (!read.ok) {
        io.err << FleetCli::tr("warning: secrets could not be read from the keychain: %1").arg(read.errorMessage)
               << Qt::endl;
    }
    return secrets;
}

// "== gpu-1 (root@10.0.0.11:22) ==" and the host's plan, or why it has none.
void printPlans(const FleetDeploy& fleet, bool withDiffs, CliIo& io)
{
    for (qsizetype i = 0; i < fleet.results().size(); ++i) {
        const FleetHostResult& r = fleet.results().at(i);
        io.out << QStringLiteral("== %1 (%2) ==\n").arg(r.name, r.target);
        if (!r.notice.isEmpty()) {
            io.err << QStringLiteral("[%1] ").arg(r.name) << r.notice << Qt::endl;
        }
        if (r.planned) {
            io.out << PlanText::render(fleet.connection(i).plan(), withDiffs);
        } else {
            io.out << FleetCli::tr("Not planned: %1").arg(r.error) << '\n';
        }
        io.out << '\n';
    }
    io.out.flush();
}

// The worker hosts' own checks (WorkerChecks: the broker seen from the worker, the AMQP login, the venv, the
// runtime), over each planned worker's session, all hosts at once; printed per host. Returns the failures.
int runWorkerChecks(const FleetDeploy& fleet, CliIo& io)
{
    QList<qsizetype> workers;
    for (qsizetype i = 0; i < fleet.results().size(); ++i) {
        if (fleet.results().at(i).planned && fleet.connection(i).project().isWorker()) {
            workers << i;
        }
    }
    QList<QList<CheckResult>> results(fleet.results().size());
    std::vector<std::thread> threads;
    for (const qsizetype i : workers) {
        threads.emplace_back([&fleet, &results, i] {
            const DeployConnection& c = fleet.connection(i);
            results[i] = WorkerChecks::run(*c.host(), c.project(), c.secrets());
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    int failures = 0;
    for (const qsizetype i : workers) {
        io.out << FleetCli::tr("Worker checks (%1):").arg(fleet.results().at(i).name) << '\n';
        for (const CheckResult& result : results.at(i)) {
            io.out << result.toLine() << '\n';
            failures += result.verdict == CheckVerdict::Fail ? 1 : 0;
        }
    }
    io.out.flush();
    return failures;
}

// The first failing host's exit code, in host order; Ok when none failed.
int fleetExitCode(const FleetDeploy& fleet)
{
    for (const FleetHostResult& r : fleet.results()) {
        if (!r.planned) {
            return DeployCommand::exitCode(r.failure);
        }
        if (r.applied && !r.report.ok()) {
            return DeployCommand::exitCode(r.report.outcome);
        }
        if (!r.error.isEmpty()) {
            return ExitCode::DeployFailed;
        }
    }
    return ExitCode::Ok;
}

} // namespace

void FleetCli::addOptions(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("all"), tr("Every host of the project: the web server and each worker host, in "
                                                "parallel.")});
    parser.addOption({QStringLiteral("host"),
                      tr("Only this host: \"server\" or a worker host's name; repeatable (default: the web server "
                         "alone)."),
                      QStringLiteral("NAME")});
}

bool FleetCli::requested(const QCommandLineParser& parser)
{
    return parser.isSet(QStringLiteral("all")) || parser.isSet(QStringLiteral("host"));
}

int FleetCli::plan(const Project& project, const QCommandLineParser& parser, CliIo& io)
{
    QList<FleetHost> hosts;
    if (!selectHosts(project, parser, &hosts, io)) {
        return ExitCode::Usage;
    }
    FleetDeploy fleet(hosts, readSecrets(project, io));
    fleet.connectAndPlan(parser.isSet(QStringLiteral("accept-new-host-key")));
    printPlans(fleet, true, io);
    for (const FleetHostResult& r : fleet.results()) {
        if (!r.planned) {
            io.err << QStringLiteral("[%1] ").arg(r.name) << r.error << Qt::endl;
        }
    }
    return fleetExitCode(fleet);
}

int FleetCli::deploy(const Project& project, const QCommandLineParser& parser, CliIo& io)
{
    QList<FleetHost> hosts;
    if (!selectHosts(project, parser, &hosts, io)) {
        return ExitCode::Usage;
    }
    const bool checks = !parser.isSet(QStringLiteral("no-checks"));
    bool withServer = false;
    for (const FleetHost& host : hosts) {
        withServer = withServer || host.name == FleetDeploy::serverName();
    }
    CheckOptions checkOptions;
    QString error;
    if (checks && withServer && !CheckCli::readOptions(parser, &checkOptions, &error)) {
        io.err << QStringLiteral("deploy: ") << error << Qt::endl;
        return ExitCode::Usage;
    }
    if (checks && withServer) {
        CheckCli::run(CheckSuite::Kind::Preflight, project, checkOptions, io, tr("Preflight (server):"));
    }
    FleetDeploy fleet(hosts, readSecrets(project, io));
    fleet.connectAndPlan(parser.isSet(QStringLiteral("accept-new-host-key")));
    const bool confirmed = parser.isSet(QStringLiteral("yes"));
    printPlans(fleet, !confirmed, io);
    // Like the server's preflight: shown, not fatal (on a first deploy the RabbitMQ user a worker logs in with does
    // not exist until the server's deploy creates it).
    const int workerFailures = checks ? runWorkerChecks(fleet, io) : 0;
    bool work = false;
    for (qsizetype i = 0; i < fleet.results().size(); ++i) {
        work = work || (fleet.results().at(i).planned && fleet.connection(i).plan().hasWork());
    }
    if (!confirmed && work) {
        if (workerFailures > 0) {
            io.out << tr("%n worker check(s) failed (see above).", nullptr, workerFailures) << Qt::endl;
        }
        if (!DeployCommand::confirm(tr("Apply these plans? [y/N] "), QStringLiteral("deploy"), io)) {
            return ExitCode::Problems;
        }
    }
    if (fleet.serverFirst()) {
        io.out << tr("The server's .env changes (broker credentials): deploying the server first, then the worker "
                     "hosts.")
               << Qt::endl;
    }
    const InterruptGuard guard;
    DeployOptions options;
    options.installMissing = parser.isSet(QStringLiteral("install-missing"));
    options.overwriteDrift = parser.isSet(QStringLiteral("overwrite-drift"));
    options.cancel = &interrupted;
    fleet.apply(options, [&io](const QString& host, const DeployStepReport& step) {
        io.out << QStringLiteral("[%1] ").arg(host) << DeployLog::formatStep(step) << Qt::flush;
    });

    io.out << tr("Summary:") << '\n';
    for (const FleetHostResult& r : fleet.results()) {
        QString line;
        if (!r.planned) {
            line = tr("not deployed: %1").arg(r.error);
        } else if (r.applied) {
            line = DeployRunner::outcomeText(r.report.outcome) + QStringLiteral(": ") + r.report.message;
        } else {
            line = r.error;
        }
        (r.ok() ? io.out : io.err) << QStringLiteral("  %1 (%2): %3").arg(r.name, r.target, line) << Qt::endl;
    }
    const int code = fleetExitCode(fleet);
    if (code != ExitCode::Ok || !checks || !withServer) {
        return code;
    }
    for (qsizetype i = 0; i < fleet.results().size(); ++i) {
        if (fleet.results().at(i).name == FleetDeploy::serverName()) {
            checkOptions.flowerPassword = fleet.connection(i).secrets().value(QStringLiteral("flower.password"));
        }
    }
    const int healthFailures =
        CheckCli::run(CheckSuite::Kind::Health, project, checkOptions, io, tr("Health (server):"));
    checkOptions.flowerPassword.clear();
    if (healthFailures > 0) {
        io.err << tr("deploy: the server has the new configuration, but %n health check(s) failed (see above).",
                     nullptr, healthFailures)
               << Qt::endl;
        return ExitCode::Problems;
    }
    return ExitCode::Ok;
}

} // namespace saltant
