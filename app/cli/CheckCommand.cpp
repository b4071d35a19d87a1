#include "cli/CheckCli.h"
#include "cli/DeployCommand.h"
#include "cli/ProjectCommand.h"
#include "deploy/DeployConnection.h"
#include "generate/SiteFacts.h"
#include "model/SettingKeys.h"
#include "net/WorkerChecks.h"
#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

namespace saltant {

// `check [--preflight|--health]`: runs the checks against the live server, one line per check
// ("PASS|WARN|FAIL  title: detail — remedy"); exit 1 when any fails. Without either option both suites run.
// `check --host NAME` (repeatable) or `--all-hosts`: the checks that run on worker hosts over SSH (WorkerChecks),
// connecting as a deploy does (host key policy, secrets from the keychain); the server's suites then run only when
// --preflight or --health is given too.
class CheckCommand : public ProjectCommand
{
public:
    QString name() const override { return QStringLiteral("check"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli",
                                           "Check DNS, ports, the live site, Flower, RabbitMQ and certificates.");
    }
    void addCommandOptions(QCommandLineParser& parser) const override
    {
        parser.addOption({QStringLiteral("preflight"),
                          QCoreApplication::translate("Cli", "Only the preflight checks (DNS and open ports).")});
        parser.addOption(
            {QStringLiteral("health"),
             QCoreApplication::translate("Cli", "Only the health checks (site, /flower/, /rabbitmq/, certificates). "
                                                "Logs in to Flower with its password from the keychain, or from "
                                                "SALTANT_FLOWER_PASSWORD in the environment when that is set.")});
        parser.addOption(
            {QStringLiteral("host"),
             QCoreApplication::translate("Cli", "Run the checks on worker host NAME over SSH (broker name, "
                                                "port, certificate and AMQP login seen from there, its "
                                                "virtualenv, its container runtime); repeatable."),
             QStringLiteral("NAME")});
        parser.addOption({QStringLiteral("all-hosts"),
                          QCoreApplication::translate("Cli", "Run the worker checks on every worker host.")});
        parser.addOption({QStringLiteral("worker-ca-file"),
                          QCoreApplication::translate("Cli", "With --host: a CA file on the worker trusted for the "
                                                             "broker's certificate instead of its system store (a "
                                                             "private ACME server)."),
                          QStringLiteral("FILE")});
        DeployCommand::addConnectionOptions(parser);
        CheckCli::addOptions(parser);
    }
    bool needsValidProject() const override { return true; }
    QString refusalNote() const override
    {
        return QCoreApplication::translate("Cli", "check: nothing checked; fix the settings above.");
    }
    int runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const override
    {
        CheckOptions options;
        QString error;
        if (!CheckCli::readOptions(parser, &options, &error)) {
            io.err << QStringLiteral("check: ") << error << Qt::endl;
            return ExitCode::Usage;
        }
        QStringList hosts = parser.values(QStringLiteral("host"));
        if (parser.isSet(QStringLiteral("all-hosts"))) {
            hosts.clear();
            for (const WorkerHost& host : project.workers()) {
                hosts << host.name;
            }
            if (hosts.isEmpty()) {
                io.err << QCoreApplication::translate("Cli", "check: --all-hosts: the project has no worker hosts; "
                                                             "add one first.")
                       << Qt::endl;
                return ExitCode::Usage;
            }
        }
        hosts.removeDuplicates();
        for (const QString& name : hosts) {
            if (!project.worker(name)) {
                QStringList names;
                for (const WorkerHost& host : project.workers()) {
                    names << host.name;
                }
                io.err << QCoreApplication::translate("Cli", "check: --host %1: there is no such worker host (the "
                                                             "project has: %2).")
                              .arg(name.left(64), names.isEmpty() ? QCoreApplication::translate("Cli", "none")
                                                                  : names.join(QStringLiteral(", ")))
                       << Qt::endl;
                return ExitCode::Usage;
            }
        }
        QList<CheckSuite::Kind> kinds;
        const bool preflight = parser.isSet(QStringLiteral("preflight"));
        const bool health = parser.isSet(QStringLiteral("health"));
        const bool serverDefault = hosts.isEmpty() && !preflight && !health;
        if (preflight || serverDefault) {
            kinds << CheckSuite::Kind::Preflight;
        }
        if (health || serverDefault) {
            kinds << CheckSuite::Kind::Health;
            options.flowerPassword = flowerPassword(project, io);
        }
        int failures = 0;
        for (CheckSuite::Kind kind : kinds) {
            failures += CheckCli::run(kind, project, options, io);
        }
        int exitCode = ExitCode::Ok;
        if (!hosts.isEmpty()) {
            WorkerCheckOptions workerOptions;
            workerOptions.timeoutSeconds = qMax(1, (options.timeoutMs + 999) / 1000);
            workerOptions.expiryWarnDays = options.expiryWarnDays;
            workerOptions.caFileOnWorker = parser.value(QStringLiteral("worker-ca-file"));
            SecretValues secrets;
            KeychainSecretStore store(project.projectId());
            const SecretResult read = store.readAll(&secrets);
            if (!read.ok) {
                io.err << QCoreApplication::translate("Cli", "warning: secrets could not be read from the keychain: %1")
                              .arg(read.errorMessage)
                       << Qt::endl;
            }
            const bool accept = parser.isSet(QStringLiteral("accept-new-host-key"));
            for (const QString& name : hosts) {
                const int code = runOnWorker(project.forWorker(name), secrets, workerOptions, accept, io, &failures);
                exitCode = exitCode == ExitCode::Ok ? code : exitCode;
            }
            secrets.wipe();
        }
        if (exitCode != ExitCode::Ok) {
            return exitCode;
        }
        return failures > 0 ? ExitCode::Problems : ExitCode::Ok;
    }

private:
    // Connects to one worker host as a deploy would and runs WorkerChecks there, printing a heading and one line per
    // check. Returns ExitCode::Ok, or HostKey / Connection when the checks could not run (after saying why).
    static int runOnWorker(const Project& worker, const SecretValues& secrets, const WorkerCheckOptions& options,
                           bool acceptNewHostKey, CliIo& io, int* failures)
    {
        io.out << QCoreApplication::translate("Cli", "Worker host %1 (%2):")
                      .arg(worker.hostName(), worker.text(Key::SshHost))
               << Qt::endl;
        DeployConnection connection(worker, secrets);
        const bool connected =
            connection.connectToHost() &&
            connection.authenticate(acceptNewHostKey && connection.hostKey().status == HostKeyCheck::Unknown);
        if (!connection.notice().isEmpty()) {
            io.err << connection.notice() << Qt::endl;
        }
        if (!connected) {
            io.err << connection.errorString() << Qt::endl;
            const bool hostKey = connection.failure() == DeployConnection::Failure::HostKeyChanged ||
                                 connection.failure() == DeployConnection::Failure::HostKeyRejected;
            return hostKey ? ExitCode::HostKey : ExitCode::Connection;
        }
        const QList<CheckResult> results =
            WorkerChecks::run(*connection.host(), worker, secrets, options,
                              [&io](const CheckResult& result) { io.out << result.toLine() << Qt::endl; });
        for (const CheckResult& result : results) {
            *failures += result.verdict == CheckVerdict::Fail ? 1 : 0;
        }
        return ExitCode::Ok;
    }

    // The Flower password is a secret: from the environment when set there, else from the keychain; never from
    // the command line. Empty (the login check is left out, with a note why) when neither has it.
    static QString flowerPassword(const Project& project, CliIo& io)
    {
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (env.contains(QStringLiteral("SALTANT_FLOWER_PASSWORD"))) {
            return env.value(QStringLiteral("SALTANT_FLOWER_PASSWORD"));
        }
        if (SiteFacts(project).flowerUrl().isEmpty()) {
            return QString();
        }
        KeychainSecretStore store(project.projectId());
        SecretResult read = store.readNow(QStringLiteral("flower.password"));
        if (!read.ok) {
            const QString why = read.errorKind == SecretErrorKind::NotFound
                                    ? QCoreApplication::translate("Cli", "the secret flower.password has no value; "
                                                                         "set it with `secret set flower.password`.")
                                    : read.errorMessage;
            io.err << QCoreApplication::translate("Cli", "note: the Flower login is not checked: %1").arg(why)
                   << Qt::endl;
            return QString();
        }
        const QString value = read.value;
        read.wipe();
        return value;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(CheckCommand)
