#include "net/WorkerChecks.h"

#include "generate/Quote.h"
#include "generate/SiteFacts.h"
#include "model/SettingKeys.h"
#include "net/WorkerCheckScripts.h"

#include <QHostAddress>
#include <algorithm>

namespace saltant {
namespace {

using Quote::shell;
using namespace WorkerCheckScripts;

// Exit codes of the commands and scripts.
constexpr int TimedOut = 3;         // scripts' own timeout
constexpr int Unverified = 4;       // certificate did not verify; venv: no python
constexpr int TlsFailed = 5;        // handshake; import of kombu/celery failed
constexpr int LoginFailed = 6;      // AMQP login; import of the app failed
constexpr int TimeoutCommand = 124; // coreutils timeout killed it
constexpr int NoProgram = 127;      // sh: command not found

QString idOf(const Project& w, const char* check)
{
    return QStringLiteral("worker.") + w.hostName() + QLatin1Char('.') + QLatin1String(check);
}

QString python3(const char* script, const QStringList& args, int timeout)
{
    QStringList quoted;
    for (const QString& a : args) {
        quoted << shell(a);
    }
    return QStringLiteral("timeout %1 python3 -I -c %2 %3")
        .arg(timeout)
        .arg(shell(QString::fromLatin1(script)), quoted.join(QLatin1Char(' ')));
}

// The first line of the command's output (stdout, else stderr), trimmed and bounded.
QString firstLine(const CommandResult& r)
{
    const QByteArray out = r.stdOut.trimmed().isEmpty() ? r.stdErr : r.stdOut;
    return QString::fromUtf8(out.trimmed()).section(QLatin1Char('\n'), 0, 0).trimmed().left(300);
}

// The line without its leading word ("error Connection refused" -> "Connection refused").
QString rest(const QString& line)
{
    return line.section(QLatin1Char(' '), 1).trimmed();
}

QString word(const QString& line)
{
    return line.section(QLatin1Char(' '), 0, 0);
}

bool isLoopback(const QString& address)
{
    const QHostAddress a(address);
    return !a.isNull() && a.isLoopback();
}

} // namespace

QList<WorkerChecks::Command> WorkerChecks::commands(const Project& w, const SecretValues& secrets,
                                                    const WorkerCheckOptions& options)
{
    const SiteFacts f(w);
    const QString name = w.hostName();
    const QString broker = f.brokerHost();
    const QString connectHost = options.brokerAddress.isEmpty() ? broker : options.brokerAddress;
    const QString port = QString::number(options.brokerPort > 0 ? options.brokerPort : f.amqpPort());
    const QString timeout = QString::number(options.timeoutSeconds);
    const int outer = options.timeoutSeconds + 5;
    QList<Command> out;

    Command dns;
    dns.id = idOf(w, "dns");
    dns.title = tr("%1: broker name %2 resolves").arg(name, broker);
    dns.command = QStringLiteral("timeout %1 getent ahosts %2").arg(QString::number(outer), shell(broker));
    if (options.brokerAddress.isEmpty()) {
        out << dns;
    }

    Command tcp;
    tcp.id = idOf(w, "port");
    tcp.title = tr("%1: %2 port %3 reachable").arg(name, f.amqpTls() ? tr("AMQPS") : tr("AMQP"), port);
    tcp.command = python3(PortScript, {connectHost, port, timeout}, outer);
    tcp.prerequisite = options.brokerAddress.isEmpty() ? dns.id : QString();
    out << tcp;

    QString loginAfter = tcp.id;
    if (f.amqpTls()) {
        Command tls;
        tls.id = idOf(w, "tls");
        tls.title = tr("%1: certificate of %2 verifies").arg(name, broker);
        QStringList args = {connectHost, port, timeout, broker};
        if (!options.caFileOnWorker.isEmpty()) {
            args << options.caFileOnWorker;
        }
        tls.command = python3(TlsScript, args, outer);
        tls.prerequisite = tcp.id;
        out << tls;
        loginAfter = tls.id;
    }

    const QString user = w.text(Key::WorkersUser);
    const QString checkout = w.text(Key::WorkersProjectDir);
    const QString python = w.text(Key::WorkersVenvDir) + QStringLiteral("/bin/python");
    const QString runAsWorker = QStringLiteral("runuser -u ") + shell(user) + QStringLiteral(" -- ");

    Command login;
    login.id = idOf(w, "amqp-login");
    login.title = tr("%1: AMQP login as %2").arg(name, w.text(Key::RabbitmqAdminUser));
    login.prerequisite = loginAfter;
    const QString password = secrets.value(QStringLiteral("rabbitmq.password"));
    if (password.isEmpty()) {
        login.skipped = true;
    } else {
        QStringList args = {broker, f.amqpTls() ? QStringLiteral("1") : QStringLiteral("0"), timeout};
        if (f.amqpTls() && !options.caFileOnWorker.isEmpty()) {
            args << options.caFileOnWorker;
        }
        QStringList quoted;
        for (const QString& a : args) {
            quoted << shell(a);
        }
        // As the worker user, with the venv's python (its kombu and amqp are what Celery uses); the URL on stdin.
        login.command = QStringLiteral("cd / && timeout %1 %2%3 -I -c %4 %5")
                            .arg(QString::number(3 * options.timeoutSeconds + 5), runAsWorker, shell(python),
                                 shell(QString::fromLatin1(AmqpScript)), quoted.join(QLatin1Char(' ')));
        login.privileged = true;
        const QString urlHost =
            connectHost.contains(QLatin1Char(':')) ? QLatin1Char('[') + connectHost + QLatin1Char(']') : connectHost;
        const QString url = f.brokerScheme() + QStringLiteral("://") +
                            Quote::urlComponent(w.text(Key::RabbitmqAdminUser)) + QLatin1Char(':') +
                            Quote::urlComponent(password) + QLatin1Char('@') + urlHost + QLatin1Char(':') + port +
                            QLatin1Char('/') + Quote::urlComponent(w.text(Key::RabbitmqVhost));
        login.stdinData = url.toUtf8() + '\n';
    }
    out << login;

    Command venv;
    venv.id = idOf(w, "venv");
    venv.title = tr("%1: virtualenv imports celery and %2").arg(name, w.text(Key::DjangoCeleryApp));
    venv.command = QStringLiteral("test -d %1 || { echo missing-checkout; exit 3; }; "
                                  "test -x %2 || { echo missing-python; exit 4; }; "
                                  "cd %1 && timeout %3 %4%2 -B -c %5 %6 </dev/null 2>&1")
                       .arg(shell(checkout), shell(python), QString::number(outer + 30), runAsWorker,
                            shell(QString::fromLatin1(VenvScript)), shell(w.text(Key::DjangoCeleryApp)));
    venv.privileged = true;
    out << venv;

    const QString runtime = w.text(Key::WorkersContainerRuntime);
    if (runtime == QLatin1String("docker") || runtime == QLatin1String("singularity")) {
        Command rt;
        rt.id = idOf(w, "runtime");
        rt.title = tr("%1: %2 installed")
                       .arg(name, runtime == QLatin1String("docker") ? QStringLiteral("Docker")
                                                                     : QStringLiteral("Singularity"));
        rt.command = QStringLiteral("command -v ") + shell(runtime);
        out << rt;
    }
    return out;
}

QStringList WorkerChecks::ids(const Project& worker, const WorkerCheckOptions& options)
{
    SecretValues withPassword;
    withPassword.set(QStringLiteral("rabbitmq.password"), QStringLiteral("x"));
    QStringList out;
    for (const Command& c : commands(worker, withPassword, options)) {
        out << c.id;
    }
    return out;
}

CheckResult WorkerChecks::notRun(const Command& command, const CheckResult& prerequisite)
{
    return CheckResult{command.id, command.title, CheckVerdict::Fail,
                       tr("not tried: \"%1\" failed first").arg(prerequisite.title),
                       tr("Fix that first, then run the checks again.")};
}

CheckResult WorkerChecks::interpret(const Project& w, const Command& command, const CommandResult& r,
                                    const WorkerCheckOptions& options)
{
    const SiteFacts f(w);
    const QString name = w.hostName();
    const QString broker = f.brokerHost();
    const int port = options.brokerPort > 0 ? options.brokerPort : f.amqpPort();
    CheckResult result{command.id, command.title, CheckVerdict::Fail, QString(), QString()};
    auto pass = [&result](const QString& detail) {
        result.verdict = CheckVerdict::Pass;
        result.detail = detail;
        return result;
    };
    auto fail = [&result](const QString& detail, const QString& remedy) {
        result.verdict = CheckVerdict::Fail;
        result.detail = detail;
        result.remedy = remedy;
        return result;
    };
    const QString check = command.id.section(QLatin1Char('.'), -1);

    if (command.skipped) {
        result.verdict = CheckVerdict::Warn;
        result.detail = tr("not checked: the RabbitMQ password is not stored");
        result.remedy = tr("Store it (secret set rabbitmq.password) to check the login from %1.").arg(name);
        return result;
    }
    if (!r.started) {
        return fail(tr("the command could not run on %1: %2").arg(name, r.error),
                    tr("Check the SSH connection to %1 and run the checks again.").arg(name));
    }
    const QString line = firstLine(r);
    if (r.exitStatus == NoProgram && check != QLatin1String("runtime")) {
        return fail(tr("a program is missing on %1: %2").arg(name, line),
                    check == QLatin1String("dns") ? tr("Install libc-bin (getent) on %1.").arg(name)
                                                  : tr("Install python3 on %1 (apt-get install python3).").arg(name));
    }
    if (r.exitStatus == TimeoutCommand && check == QLatin1String("amqp-login")) {
        return fail(tr("the AMQP login got no answer from %1 port %2 within the time limit").arg(broker).arg(port),
                    tr("Check that %1 port %2 is RabbitMQ (not another service) and that the server's deploy "
                       "succeeded.")
                        .arg(broker)
                        .arg(port));
    }
    if (r.exitStatus == TimeoutCommand) {
        return fail(tr("no answer within the time limit on %1").arg(name),
                    tr("Check that %1 reaches %2 (firewall, routes), then run the checks again.").arg(name, broker));
    }
    const QString loopbackRemedy =
        tr("The worker's .env points at %1, the worker itself: turn \"Workers connect over the network\" on and set "
           "the broker host to the server's public name.")
            .arg(broker);

    if (check == QLatin1String("dns")) {
        if (r.exitStatus != 0) {
            return fail(tr("%1 does not resolve on %2").arg(broker, name),
                        tr("Add a DNS record for %1 pointing at the server, or fix %2's resolver (/etc/resolv.conf) "
                           "or add the name to its /etc/hosts.")
                            .arg(broker, name));
        }
        QStringList addresses;
        for (const QByteArray& l : r.stdOut.split('\n')) {
            const QString a = QString::fromUtf8(l).section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty).trimmed();
            if (!a.isEmpty() && !addresses.contains(a)) {
                addresses << a;
            }
        }
        const bool allLoopback = !addresses.isEmpty() && std::all_of(addresses.cbegin(), addresses.cend(),
                                                                     [](const QString& a) { return isLoopback(a); });
        const QString detail = tr("%1 resolves to %2 on %3").arg(broker, addresses.join(QStringLiteral(", ")), name);
        if (allLoopback) {
            return fail(detail, isLoopback(broker) || broker == QLatin1String("localhost")
                                    ? loopbackRemedy
                                    : tr("That is %1 itself: remove the /etc/hosts line mapping %2 to a loopback "
                                         "address there, or name the broker by another name.")
                                          .arg(name, broker));
        }
        return pass(detail);
    }

    if (check == QLatin1String("port")) {
        if (r.exitStatus == 0 && word(line) == QLatin1String("connected")) {
            return pass(tr("%1 connects to %2 port %3 (%4)").arg(name, broker).arg(port).arg(rest(line)));
        }
        if (r.exitStatus == TimedOut) {
            return fail(tr("%1 port %2: no answer from %3 within %4 s")
                            .arg(broker)
                            .arg(port)
                            .arg(name)
                            .arg(options.timeoutSeconds),
                        tr("Open port %1 for %2 in the server's firewall or security group (a silent drop looks "
                           "like this).")
                            .arg(port)
                            .arg(name));
        }
        return fail(tr("%1 cannot connect to %2 port %3: %4").arg(name, broker).arg(port).arg(rest(line)),
                    isLoopback(broker) || broker == QLatin1String("localhost")
                        ? loopbackRemedy
                        : tr("Check that RabbitMQ listens on port %1 (deploy the server) and that the firewall lets "
                             "%2 in.")
                              .arg(port)
                              .arg(name));
    }

    if (check == QLatin1String("tls")) {
        if (r.exitStatus == 0 && word(line) == QLatin1String("verified")) {
            const QStringList parts = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            const int days = parts.size() > 2 ? parts.at(2).toInt() : -1;
            const QString detail = tr("verified on %1 (%2), expires in %3 days").arg(name, parts.value(1)).arg(days);
            if (days >= 0 && days < options.expiryWarnDays) {
                result.verdict = CheckVerdict::Warn;
                result.detail = detail;
                result.remedy = tr("Renew the certificate (certbot renew) and deploy, so RabbitMQ serves the new one.");
                return result;
            }
            return pass(detail);
        }
        if (r.exitStatus == Unverified) {
            return fail(tr("%1 does not verify the certificate of %2: %3").arg(name, broker, rest(line)),
                        tr("Make RabbitMQ serve the certificate issued for %1 (deploy the server), and keep %2's CA "
                           "store current (apt-get install ca-certificates).")
                            .arg(broker, name));
        }
        return fail(
            tr("TLS with %1 port %2 failed on %3: %4").arg(broker).arg(port).arg(name, rest(line)),
            tr("Check that port %1 is RabbitMQ's TLS listener (AMQP over TLS on, deploy the server).").arg(port));
    }

    if (check == QLatin1String("amqp-login")) {
        if (r.exitStatus == 0 && word(line) == QLatin1String("ok")) {
            return pass(tr("%1 logs in to vhost %2 as %3")
                            .arg(name, w.text(Key::RabbitmqVhost), w.text(Key::RabbitmqAdminUser)));
        }
        if (r.exitStatus == TlsFailed) {
            return fail(tr("the worker's virtualenv has no kombu: %1").arg(rest(line)),
                        tr("Install saltant's worker requirements in %1 (pip install -r "
                           "requirements/requirements-worker-python3.txt).")
                            .arg(w.text(Key::WorkersVenvDir)));
        }
        if (line.contains(QLatin1String("ACCESS_REFUSED")) || word(line) == QLatin1String("AccessRefused")) {
            return fail(
                tr("RabbitMQ refused the login of %1 with the stored password").arg(w.text(Key::RabbitmqAdminUser)),
                tr("Deploy the server (it sets the user's password), or store the password RabbitMQ has "
                   "(secret set rabbitmq.password)."));
        }
        if (line.contains(QLatin1String("NOT_ALLOWED")) || line.contains(QLatin1String("access to vhost"))) {
            return fail(
                tr("%1 may not use vhost %2: %3").arg(w.text(Key::RabbitmqAdminUser), w.text(Key::RabbitmqVhost), line),
                tr("Deploy the server: it creates the vhost and sets the user's permissions."));
        }
        if (word(line) == QLatin1String("PermissionError") && !options.caFileOnWorker.isEmpty()) {
            // The login runs as the worker user, who must read the CA file (the TLS check ran as the login user).
            return fail(tr("the AMQP login from %1 failed: %2").arg(name, line),
                        tr("Make %1 readable by %2 (the file and every directory above it), then check again.")
                            .arg(options.caFileOnWorker, w.text(Key::WorkersUser)));
        }
        return fail(tr("the AMQP login from %1 failed: %2").arg(name, line.isEmpty() ? tr("no output") : line),
                    tr("Check that %1 port %2 is RabbitMQ (not another service) and that the server's deploy "
                       "succeeded.")
                        .arg(broker)
                        .arg(port));
    }

    if (check == QLatin1String("venv")) {
        const QString venv = w.text(Key::WorkersVenvDir);
        const QString checkout = w.text(Key::WorkersProjectDir);
        const QString app = w.text(Key::DjangoCeleryApp);
        if (r.exitStatus == 0 && word(line) == QLatin1String("both")) {
            return pass(
                tr("Celery %1 and %2 import as %3 in %4").arg(rest(line), app, w.text(Key::WorkersUser), checkout));
        }
        if (r.exitStatus == 0 && word(line) == QLatin1String("celery-only")) {
            result.verdict = CheckVerdict::Pass;
            result.detail = tr("Celery %1 imports; %2 is not tried before its .env is deployed").arg(rest(line), app);
            return result;
        }
        if (word(line) == QLatin1String("missing-checkout")) {
            return fail(tr("%1 has no saltant checkout at %2").arg(name, checkout),
                        tr("Clone saltant there as the worker user (git clone "
                           "https://github.com/saltant-org/saltant.git %1), or set saltant checkout to where it is.")
                            .arg(checkout));
        }
        const QString requirements = tr("Create the virtualenv and install saltant's worker requirements in it "
                                        "(python3 -m venv %1; %1/bin/pip install -r "
                                        "requirements/requirements-worker-python3.txt), or set Worker virtualenv to "
                                        "the one that has them.")
                                         .arg(venv);
        if (word(line) == QLatin1String("missing-python")) {
            return fail(tr("%1 has no virtualenv python at %2/bin/python").arg(name, venv), requirements);
        }
        if (r.exitStatus == TlsFailed) {
            return fail(tr("celery does not import in %1: %2").arg(venv, rest(line)), requirements);
        }
        if (r.exitStatus == LoginFailed) {
            return fail(
                tr("%1 does not import in %2 as %3: %4").arg(app, checkout, w.text(Key::WorkersUser), rest(line)),
                tr("Install saltant's worker requirements in %1 and check the .env there (deploy the "
                   "worker again).")
                    .arg(venv));
        }
        return fail(
            tr("the import check failed on %1: %2").arg(name, line.isEmpty() ? tr("no output") : line),
            tr("Check that user %1 exists on %2 and may read %3.").arg(w.text(Key::WorkersUser), name, checkout));
    }

    // runtime
    const QString runtime = w.text(Key::WorkersContainerRuntime);
    if (r.exitStatus == 0 && !line.isEmpty()) {
        return pass(tr("%1 is %2").arg(runtime, line));
    }
    return fail(
        tr("%1 is not installed on %2").arg(runtime, name),
        runtime == QLatin1String("docker")
            ? tr("Install Docker on %1 (apt-get install docker.io), or choose another container runtime.").arg(name)
            : tr("Install SingularityCE or Apptainer on %1 as their documentation says (Debian 12 does not "
                 "package it), or choose another container runtime.")
                  .arg(name));
}

QList<CheckResult> WorkerChecks::run(RemoteHost& host, const Project& worker, const SecretValues& secrets,
                                     const WorkerCheckOptions& options,
                                     const std::function<void(const CheckResult&)>& onResult,
                                     const std::atomic_bool* cancelled)
{
    QList<QByteArray> hidden;
    for (const QString& name : secrets.names()) {
        const QString value = secrets.value(name);
        if (value.size() >= 4) {
            hidden << value.toUtf8() << Quote::urlComponent(value).toUtf8();
        }
    }
    QList<CheckResult> results;
    QList<Command> commands = WorkerChecks::commands(worker, secrets, options);
    for (Command& command : commands) {
        if (cancelled && cancelled->load()) {
            break;
        }
        CheckResult result;
        const auto before = std::find_if(results.cbegin(), results.cend(),
                                         [&command](const CheckResult& r) { return r.id == command.prerequisite; });
        if (command.skipped) {
            result = interpret(worker, command, CommandResult(), options);
        } else if (!command.prerequisite.isEmpty() && before != results.cend() &&
                   before->verdict == CheckVerdict::Fail) {
            result = notRun(command, *before);
        } else {
            CommandResult r = host.run(command.command, command.stdinData, command.privileged);
            for (const QByteArray& secret : hidden) {
                r.stdOut.replace(secret, "***");
                r.stdErr.replace(secret, "***");
            }
            result = interpret(worker, command, r, options);
        }
        command.stdinData.fill('\0');
        command.stdinData.clear();
        results << result;
        if (onResult) {
            onResult(result);
        }
    }
    for (Command& command : commands) {
        command.stdinData.fill('\0');
    }
    return results;
}

} // namespace saltant
