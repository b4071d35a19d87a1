#pragma once

#include "deploy/RemoteHost.h"
#include "model/Project.h"
#include "net/CheckResult.h"
#include "secrets/SecretValues.h"

#include <QCoreApplication>
#include <QList>
#include <atomic>
#include <functional>

namespace saltant {

// How the checks on a worker run.
struct WorkerCheckOptions
{
    int timeoutSeconds = 10; // per network check on the worker (connect, handshake, AMQP login)
    int expiryWarnDays = 14; // the broker's certificate expiring sooner is a warning
    // A CA file *on the worker* trusted for the broker's certificate instead of the system store (a private CA, tests).
    // Empty: the worker's system CA store, as saltant's workers would use with certificate checks on.
    QString caFileOnWorker;
    // Like CheckOptions' overrides, for a broker not (yet) in DNS or a test peer: the port, certificate and login
    // checks connect to this address instead of resolving the broker host (TLS still verifies and sends the broker
    // host name), and the name check is left out. Empty: resolve the broker host on the worker.
    QString brokerAddress;
    int brokerPort = 0; // the port contacted instead of the AMQP(S) port of the settings; 0: the setting
};

// Checks that run ON a worker host over SSH, seen from where Celery runs rather than from this machine: the broker's
// name resolves there, its AMQP(S) port is reachable from there, its certificate verifies there (system CA store, SNI
// = the broker host), the AMQP login works with the stored RabbitMQ password, the worker's virtualenv imports Celery
// (and saltant's Celery app, in the checkout as the worker user, once the .env is there) and the container runtime
// exists when one is chosen. Each check is one command on the host; every value in it is quoted with Quote::shell and
// the broker URL with the password goes to the command's standard input only (never its argv or a file).
//
//     DeployConnection c(project.forWorker(name), secrets);
//     c.connectToHost() && c.authenticate(accept);     // host key policy as for a deploy
//     QList<CheckResult> results = WorkerChecks::run(*c.host(), c.project(), secrets);
//
// Blocking: the GUI calls run() on a worker thread and shows each result from onResult (queued to the GUI thread);
// DeployConnection::cancel() makes the remaining commands fail at once, and `cancelled` stops before the next one.
class WorkerChecks
{
    Q_DECLARE_TR_FUNCTIONS(saltant::WorkerChecks)

public:
    // One check as it runs on the host.
    struct Command
    {
        QString id;              // "worker.NAME.dns", ".port", ".tls", ".amqp-login", ".venv", ".runtime"
        QString title;           // translated, names the host
        QString command;         // one sh command line
        QByteArray stdinData;    // the AMQP login's broker URL (holds the password); empty otherwise
        bool privileged = false; // runs as root (through sudo for a non-root login): runuser to the worker user
        QString prerequisite;    // id of a check that must pass (or warn) first, or empty
        bool skipped = false;    // not run at all: interpret() reports why (no stored password)
    };

    // The checks for worker (a Project::forWorker() project), in report order. secrets: the RabbitMQ password for
    // the AMQP login (without it that check is a warning saying it was not run).
    static QList<Command> commands(const Project& worker, const SecretValues& secrets,
                                   const WorkerCheckOptions& options = WorkerCheckOptions());
    // The ids commands() gives, in the same order (the GUI's placeholders).
    static QStringList ids(const Project& worker, const WorkerCheckOptions& options = WorkerCheckOptions());
    // What one command's outcome means, with a remedy unless it passed. Scrub secrets from result first (run() does).
    static CheckResult interpret(const Project& worker, const Command& command, const CommandResult& result,
                                 const WorkerCheckOptions& options = WorkerCheckOptions());
    // The result of a check that was not run because `prerequisite` failed.
    static CheckResult notRun(const Command& command, const CheckResult& prerequisite);

    // Runs every check on host (connected to that worker) in order and returns the results; onResult (optional) gets
    // each one as soon as it is known. A check whose prerequisite failed is reported as failed without running; the
    // AMQP login without a stored password is a warning saying so (whatever came before).
    // Secret values never appear in a result: any stored secret in the output is replaced by "***".
    static QList<CheckResult> run(RemoteHost& host, const Project& worker, const SecretValues& secrets,
                                  const WorkerCheckOptions& options = WorkerCheckOptions(),
                                  const std::function<void(const CheckResult&)>& onResult = {},
                                  const std::atomic_bool* cancelled = nullptr);
};

} // namespace saltant
