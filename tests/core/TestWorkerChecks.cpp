#include "generate/Quote.h"
#include "generate/SiteFacts.h"
#include "model/SettingKeys.h"
#include "net/WorkerChecks.h"

#include <QTest>
#include <functional>

using namespace saltant;

namespace {

// A RemoteHost that runs nothing: it records each command with its standard input and answers from a function.
class ScriptedHost : public RemoteHost
{
public:
    struct Call
    {
        QString command;
        QByteArray stdinData;
        bool privileged = false;
    };
    std::function<CommandResult(const QString&)> answer;
    QList<Call> calls;

    bool upload(const QString&, const QByteArray&, int, QString* error) override
    {
        *error = QStringLiteral("no uploads here");
        return false;
    }
    CommandResult run(const QString& command, const QByteArray& stdinData, bool privileged) override
    {
        calls << Call{command, stdinData, privileged};
        return answer ? answer(command) : ok("");
    }
    QString stagingDirectory() const override { return QStringLiteral("/tmp"); }

    static CommandResult ok(const QByteArray& out) { return exit(0, out); }
    static CommandResult exit(int status, const QByteArray& out)
    {
        CommandResult r;
        r.started = true;
        r.exitStatus = status;
        r.stdOut = out;
        return r;
    }
};

const QString Password = QStringLiteral("p@ss:w/rd $(touch /tmp/x) 'q'");

} // namespace

// WorkerChecks without a network: which commands a worker gets, that every value is one quoted word and the password
// only ever on standard input, how each command's output becomes a result, and the run order with prerequisites.
class TestWorkerChecks : public QObject
{
    Q_OBJECT

private slots:
    void commands_followTheSettings();
    void commands_quoteEveryValue();
    void amqpLogin_passwordOnlyOnStdin_asWorkerUser();
    void amqpLogin_withoutPassword_isWarningNotRun();
    void brokerAddressOverride_leavesNameCheckOut();
    void interpret_data();
    void interpret();
    void interpret_unreadableCaFile_namesItAndTheWorkerUser();
    void interpret_commandDidNotRun_isFailWithRemedy();
    void run_failedPrerequisite_skipsDependents();
    void run_neverReportsASecretValue();
    void run_cancelled_stopsBeforeNextCommand();

private:
    static Project worker(const QStringList& sets = {});
    static SecretValues secrets();
    static const WorkerChecks::Command& command(const QList<WorkerChecks::Command>& all, const QString& check);
};

Project TestWorkerChecks::worker(const QStringList& sets)
{
    Project p = Project::example();
    QString error;
    bool ok = p.addWorker(QStringLiteral("gpu-1"), &error) &&
              p.setWorkerValue(QStringLiteral("gpu-1"), Key::SshHost, QStringLiteral("10.0.0.11"), &error);
    for (const QString& set : sets) {
        const std::optional<SettingKey> key = SettingKey::parse(set.section(QLatin1Char('='), 0, 0), &error);
        ok = ok && key && p.setFromString(*key, set.section(QLatin1Char('='), 1), &error);
    }
    if (!ok) {
        qFatal("worker: %s", qPrintable(error));
    }
    return p.forWorker(QStringLiteral("gpu-1"));
}

SecretValues TestWorkerChecks::secrets()
{
    SecretValues s;
    s.set(QStringLiteral("rabbitmq.password"), Password);
    s.set(QStringLiteral("django.apiToken"), QStringLiteral("api-token-value-123"));
    return s;
}

const WorkerChecks::Command& TestWorkerChecks::command(const QList<WorkerChecks::Command>& all, const QString& check)
{
    for (const WorkerChecks::Command& c : all) {
        if (c.id.endsWith(QLatin1Char('.') + check)) {
            return c;
        }
    }
    qFatal("no check %s", qPrintable(check));
    return all.first();
}

void TestWorkerChecks::commands_followTheSettings()
{
    const Project w = worker();
    QVERIFY(SiteFacts(w).amqpTls());
    QCOMPARE(WorkerChecks::ids(w), (QStringList{"worker.gpu-1.dns", "worker.gpu-1.port", "worker.gpu-1.tls",
                                                "worker.gpu-1.amqp-login", "worker.gpu-1.venv"}));
    const QList<WorkerChecks::Command> all = WorkerChecks::commands(w, secrets());
    QCOMPARE(command(all, "port").prerequisite, QStringLiteral("worker.gpu-1.dns"));
    QCOMPARE(command(all, "tls").prerequisite, QStringLiteral("worker.gpu-1.port"));
    QCOMPARE(command(all, "amqp-login").prerequisite, QStringLiteral("worker.gpu-1.tls"));
    QVERIFY(command(all, "dns").title.startsWith(QStringLiteral("gpu-1: ")));
    QVERIFY(command(all, "dns").command.startsWith(QStringLiteral("timeout ")));
    QVERIFY(command(all, "dns").command.contains(QStringLiteral("getent ahosts fictionaljobrunner.com")));
    QVERIFY(command(all, "port").command.endsWith(QStringLiteral(" fictionaljobrunner.com 5671 10")));

    // No TLS: no certificate check, the login follows the port; a container runtime adds its check.
    const Project plain = worker({"rabbitmqTls.enabled=false", "workers.containerRuntime=singularity"});
    QCOMPARE(WorkerChecks::ids(plain), (QStringList{"worker.gpu-1.dns", "worker.gpu-1.port", "worker.gpu-1.amqp-login",
                                                    "worker.gpu-1.venv", "worker.gpu-1.runtime"}));
    const QList<WorkerChecks::Command> plainAll = WorkerChecks::commands(plain, secrets());
    QCOMPARE(command(plainAll, "amqp-login").prerequisite, QStringLiteral("worker.gpu-1.port"));
    QCOMPARE(command(plainAll, "runtime").command, QStringLiteral("command -v singularity"));
    QVERIFY(command(plainAll, "port").command.endsWith(QStringLiteral(" 5672 10")));
    QVERIFY(!command(plainAll, "runtime").privileged);
    QVERIFY(!command(plainAll, "dns").privileged);
}

void TestWorkerChecks::commands_quoteEveryValue()
{
    // Values validation would refuse still come out as single words (Quote::shell): no $(...), no ; runs.
    const QString checkout = QStringLiteral("/srv/it's here;touch /tmp/pwned");
    const QString venv = QStringLiteral("/opt/v env$(id)");
    const QString user = QStringLiteral("w`id`");
    Project p = worker();
    QVERIFY(p.setValue(Key::WorkersProjectDir, checkout));
    QVERIFY(p.setValue(Key::WorkersVenvDir, venv));
    QVERIFY(p.setValue(Key::WorkersUser, user));
    QVERIFY(p.setValue(Key::RabbitmqBrokerHost, QStringLiteral("b'; rm -rf /;'")));
    const QList<WorkerChecks::Command> all = WorkerChecks::commands(p, secrets());
    const WorkerChecks::Command& venvCheck = command(all, "venv");
    QVERIFY(venvCheck.privileged);
    QVERIFY(venvCheck.command.contains(QStringLiteral("cd ") + Quote::shell(checkout) + QStringLiteral(" && ")));
    QVERIFY(venvCheck.command.contains(QStringLiteral("runuser -u ") + Quote::shell(user) + QStringLiteral(" -- ") +
                                       Quote::shell(venv + QStringLiteral("/bin/python")) + QStringLiteral(" -B -c ")));
    QVERIFY(command(all, "dns").command.endsWith(Quote::shell(QStringLiteral("b'; rm -rf /;'"))));
    QVERIFY(command(all, "amqp-login").command.contains(QStringLiteral("runuser -u ") + Quote::shell(user)));
    for (const WorkerChecks::Command& c : all) {
        QVERIFY2(!c.command.contains(QStringLiteral("rm -rf /;'")) ||
                     c.command.contains(Quote::shell(QStringLiteral("b'; rm -rf /;'"))),
                 qPrintable(c.command));
    }
}

void TestWorkerChecks::amqpLogin_passwordOnlyOnStdin_asWorkerUser()
{
    const Project w = worker();
    const QList<WorkerChecks::Command> all = WorkerChecks::commands(w, secrets());
    const WorkerChecks::Command& login = command(all, "amqp-login");
    QVERIFY(!login.skipped);
    QVERIFY(login.privileged);
    QVERIFY(login.command.contains(
        QStringLiteral("runuser -u ") + Quote::shell(w.text(Key::WorkersUser)) + QStringLiteral(" -- ") +
        Quote::shell(w.text(Key::WorkersVenvDir) + QStringLiteral("/bin/python")) + QStringLiteral(" -I -c ")));
    const QByteArray url = QByteArrayLiteral("pyamqp://AzureDiamond:") + Quote::urlComponent(Password).toUtf8() +
                           QByteArrayLiteral("@fictionaljobrunner.com:5671/AzureDiamond_vhost\n");
    QCOMPARE(login.stdinData, url);
    for (const WorkerChecks::Command& c : all) {
        QVERIFY2(!c.command.contains(Password) && !c.command.contains(Quote::urlComponent(Password)), qPrintable(c.id));
        if (c.id != login.id) {
            QVERIFY(c.stdinData.isEmpty());
        }
    }
    // The certificate is verified during the login too, against the broker's name.
    QVERIFY(login.command.contains(QStringLiteral("CERT_REQUIRED")));
    QVERIFY(login.command.contains(QStringLiteral("fictionaljobrunner.com 1 10")));
}

void TestWorkerChecks::amqpLogin_withoutPassword_isWarningNotRun()
{
    const Project w = worker();
    ScriptedHost host;
    host.answer = [](const QString& command) {
        if (command.contains(QStringLiteral("getent"))) {
            return ScriptedHost::ok("203.0.113.7     STREAM fictionaljobrunner.com\n");
        }
        if (command.contains(QStringLiteral("create_connection((h, p), t)\n"))) {
            return ScriptedHost::ok("connected 203.0.113.7\n");
        }
        return ScriptedHost::ok("verified TLSv1.3 80\n");
    };
    const QList<CheckResult> results = WorkerChecks::run(host, w, SecretValues());
    const CheckResult login = results.at(3);
    QCOMPARE(login.id, QStringLiteral("worker.gpu-1.amqp-login"));
    QCOMPARE(login.verdict, CheckVerdict::Warn);
    QVERIFY(login.remedy.contains(QStringLiteral("secret set rabbitmq.password")));
    for (const ScriptedHost::Call& call : host.calls) {
        QVERIFY(!call.command.contains(QStringLiteral("kombu")));
    }
}

void TestWorkerChecks::brokerAddressOverride_leavesNameCheckOut()
{
    WorkerCheckOptions options;
    options.brokerAddress = QStringLiteral("127.0.0.1");
    options.brokerPort = 18671;
    options.caFileOnWorker = QStringLiteral("/etc/ssl/private ca.pem");
    const Project w = worker();
    QCOMPARE(WorkerChecks::ids(w, options).first(), QStringLiteral("worker.gpu-1.port"));
    const QList<WorkerChecks::Command> all = WorkerChecks::commands(w, secrets(), options);
    QVERIFY(command(all, "port").prerequisite.isEmpty());
    QVERIFY(command(all, "port").command.endsWith(QStringLiteral("127.0.0.1 18671 10")));
    // Connects to the address, verifies and sends the broker's name, trusts the given CA file.
    QVERIFY(
        command(all, "tls")
            .command.endsWith(QStringLiteral("127.0.0.1 18671 10 fictionaljobrunner.com '/etc/ssl/private ca.pem'")));
    QVERIFY(command(all, "amqp-login").stdinData.contains("@127.0.0.1:18671/"));
    QVERIFY(command(all, "amqp-login")
                .command.endsWith(QStringLiteral("fictionaljobrunner.com 1 10 '/etc/ssl/private ca.pem'")));
}

void TestWorkerChecks::interpret_data()
{
    QTest::addColumn<QString>("check");
    QTest::addColumn<QStringList>("sets");
    QTest::addColumn<int>("exitStatus");
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("detailHas");
    QTest::addColumn<QString>("remedyHas");
    const int P = int(CheckVerdict::Pass);
    const int W = int(CheckVerdict::Warn);
    const int F = int(CheckVerdict::Fail);
    const QStringList none;
    QTest::newRow("dns resolves") << "dns" << none << 0
                                  << QByteArray("203.0.113.7     STREAM fictionaljobrunner.com\n203.0.113.7     "
                                                "DGRAM\n2001:db8::7   STREAM\n")
                                  << P << "fictionaljobrunner.com resolves to 203.0.113.7, 2001:db8::7 on gpu-1"
                                  << "";
    QTest::newRow("dns unknown") << "dns" << none << 2 << QByteArray() << F << "does not resolve on gpu-1"
                                 << "/etc/hosts";
    QTest::newRow("dns to the worker itself")
        << "dns" << none << 0 << QByteArray("127.0.1.1 STREAM x\n") << F << "127.0.1.1"
        << "loopback";
    QTest::newRow("dns localhost (off network)")
        << "dns" << QStringList{"rabbitmq.onNetwork=false"} << 0
        << QByteArray("::1 STREAM localhost\n127.0.0.1 STREAM\n") << F << "localhost resolves"
        << "Workers connect over the network";
    QTest::newRow("port open") << "port" << none << 0 << QByteArray("connected 203.0.113.7\n") << P
                               << "gpu-1 connects to fictionaljobrunner.com port 5671 (203.0.113.7)"
                               << "";
    QTest::newRow("port refused") << "port" << none << 2 << QByteArray("error Connection refused\n") << F
                                  << "Connection refused"
                                  << "listens on port 5671";
    QTest::newRow("port silent") << "port" << none << 3 << QByteArray("timeout\n") << F << "no answer"
                                 << "firewall";
    QTest::newRow("no python3") << "port" << none << 127 << QByteArray("sh: 1: python3: not found") << F
                                << "python3: not found"
                                << "apt-get install python3";
    QTest::newRow("outer timeout") << "port" << none << 124 << QByteArray() << F << "time limit"
                                   << "firewall";
    QTest::newRow("tls verified") << "tls" << none << 0 << QByteArray("verified TLSv1.3 60\n") << P
                                  << "verified on gpu-1 (TLSv1.3), expires in 60 days"
                                  << "";
    QTest::newRow("tls expiring") << "tls" << none << 0 << QByteArray("verified TLSv1.3 3\n") << W
                                  << "expires in 3 days"
                                  << "certbot renew";
    QTest::newRow("tls unverified") << "tls" << none << 4
                                    << QByteArray("unverified unable to get local issuer certificate\n") << F
                                    << "unable to get local issuer certificate"
                                    << "ca-certificates";
    QTest::newRow("tls handshake") << "tls" << none << 5 << QByteArray("tls WRONG_VERSION_NUMBER\n") << F
                                   << "WRONG_VERSION_NUMBER"
                                   << "TLS listener";
    QTest::newRow("login ok") << "amqp-login" << none << 0 << QByteArray("ok\n") << P
                              << "gpu-1 logs in to vhost AzureDiamond_vhost as AzureDiamond"
                              << "";
    QTest::newRow("login refused") << "amqp-login" << none << 6
                                   << QByteArray("AccessRefused (0, 0): (403) ACCESS_REFUSED - Login was refused\n")
                                   << F << "refused the login of AzureDiamond"
                                   << "secret set rabbitmq.password";
    QTest::newRow("login vhost") << "amqp-login" << none << 6
                                 << QByteArray("NotAllowed (0, 0): (530) NOT_ALLOWED - access to vhost denied\n") << F
                                 << "may not use vhost AzureDiamond_vhost"
                                 << "permissions";
    QTest::newRow("login no kombu") << "amqp-login" << none << 5 << QByteArray("import No module named 'kombu'\n") << F
                                    << "no kombu"
                                    << "requirements-worker-python3.txt";
    QTest::newRow("login not amqp") << "amqp-login" << none << 6
                                    << QByteArray("ConnectionResetError [Errno 104] Connection reset by peer\n") << F
                                    << "Connection reset by peer"
                                    << "is RabbitMQ";
    QTest::newRow("venv both") << "venv" << none << 0 << QByteArray("both 5.2.6\n") << P
                               << "Celery 5.2.6 and saltant import as ubuntu in /home/ubuntu/saltant"
                               << "";
    QTest::newRow("venv before .env") << "venv" << none << 0 << QByteArray("celery-only 5.2.6\n") << P
                                      << "not tried before its .env"
                                      << "";
    QTest::newRow("venv no checkout") << "venv" << none << 3 << QByteArray("missing-checkout\n") << F
                                      << "no saltant checkout at /home/ubuntu/saltant"
                                      << "git clone";
    QTest::newRow("venv no python") << "venv" << none << 4 << QByteArray("missing-python\n") << F
                                    << "no virtualenv python"
                                    << "python3 -m venv";
    QTest::newRow("venv no celery") << "venv" << none << 5
                                    << QByteArray("celery ModuleNotFoundError No module named 'celery'\n") << F
                                    << "No module named 'celery'"
                                    << "requirements-worker-python3.txt";
    QTest::newRow("venv app fails") << "venv" << none << 6 << QByteArray("app KeyError 'SECRET_KEY'\n") << F
                                    << "saltant does not import"
                                    << "deploy the worker again";
    QTest::newRow("venv no user") << "venv" << none << 1 << QByteArray("runuser: user ubuntu does not exist\n") << F
                                  << "does not exist"
                                  << "user ubuntu exists";
    QTest::newRow("docker there") << "runtime" << QStringList{"workers.containerRuntime=docker"} << 0
                                  << QByteArray("/usr/bin/docker\n") << P << "docker is /usr/bin/docker"
                                  << "";
    QTest::newRow("docker missing") << "runtime" << QStringList{"workers.containerRuntime=docker"} << 1 << QByteArray()
                                    << F << "docker is not installed on gpu-1"
                                    << "docker.io";
    QTest::newRow("docker missing (dash: 127)") << "runtime" << QStringList{"workers.containerRuntime=docker"} << 127
                                                << QByteArray() << F << "docker is not installed on gpu-1"
                                                << "docker.io";
    QTest::newRow("singularity missing") << "runtime" << QStringList{"workers.containerRuntime=singularity"} << 1
                                         << QByteArray() << F << "singularity is not installed"
                                         << "Apptainer";
}

void TestWorkerChecks::interpret()
{
    QFETCH(QString, check);
    QFETCH(QStringList, sets);
    QFETCH(int, exitStatus);
    QFETCH(QByteArray, output);
    QFETCH(int, verdict);
    QFETCH(QString, detailHas);
    QFETCH(QString, remedyHas);
    const Project w = worker(sets);
    const QList<WorkerChecks::Command> all = WorkerChecks::commands(w, secrets());
    const WorkerChecks::Command& c = command(all, check);
    const CheckResult r = WorkerChecks::interpret(w, c, ScriptedHost::exit(exitStatus, output));
    QCOMPARE(r.id, c.id);
    QCOMPARE(r.title, c.title);
    QVERIFY2(r.detail.contains(detailHas), qPrintable(r.toLine()));
    QCOMPARE(int(r.verdict), verdict);
    if (verdict == int(CheckVerdict::Pass)) {
        QVERIFY2(r.remedy.isEmpty(), qPrintable(r.toLine()));
    } else {
        QVERIFY2(r.remedy.contains(remedyHas), qPrintable(r.toLine()));
    }
}

void TestWorkerChecks::interpret_unreadableCaFile_namesItAndTheWorkerUser()
{
    // The login runs as the worker user: a CA file only root can read fails it with Python's PermissionError.
    const Project w = worker({});
    WorkerCheckOptions options;
    options.caFileOnWorker = QStringLiteral("/etc/private/ca.pem");
    const QList<WorkerChecks::Command> all = WorkerChecks::commands(w, secrets(), options);
    const CheckResult r =
        WorkerChecks::interpret(w, command(all, QStringLiteral("amqp-login")),
                                ScriptedHost::exit(6, "PermissionError [Errno 13] Permission denied\n"), options);
    QCOMPARE(int(r.verdict), int(CheckVerdict::Fail));
    QVERIFY2(r.remedy.contains(QLatin1String("/etc/private/ca.pem")) &&
                 r.remedy.contains(w.text(Key::WorkersUser)),
             qPrintable(r.toLine()));
}

void TestWorkerChecks::interpret_commandDidNotRun_isFailWithRemedy()
{
    const Project w = worker();
    CommandResult lost;
    lost.error = QStringLiteral("the connection to 10.0.0.11 was lost");
    const QList<WorkerChecks::Command> all = WorkerChecks::commands(w, secrets());
    const CheckResult r = WorkerChecks::interpret(w, command(all, QStringLiteral("venv")), lost);
    QCOMPARE(r.verdict, CheckVerdict::Fail);
    QVERIFY(r.detail.contains(lost.error));
    QVERIFY(r.remedy.contains(QStringLiteral("SSH connection")));
}

void TestWorkerChecks::run_failedPrerequisite_skipsDependents()
{
    const Project w = worker({"workers.containerRuntime=docker"});
    ScriptedHost host;
    host.answer = [](const QString& command) {
        if (command.contains(QStringLiteral("getent"))) {
            return ScriptedHost::exit(2, QByteArray());
        }
        if (command.startsWith(QStringLiteral("command -v"))) {
            return ScriptedHost::ok("/usr/bin/docker\n");
        }
        return ScriptedHost::ok("both 5.2.6\n");
    };
    QStringList streamed;
    const QList<CheckResult> results = WorkerChecks::run(host, w, secrets(), WorkerCheckOptions(),
                                                         [&streamed](const CheckResult& r) { streamed << r.id; });
    QCOMPARE(streamed, WorkerChecks::ids(w));
    QCOMPARE(results.size(), 6);
    QCOMPARE(results.at(0).verdict, CheckVerdict::Fail);
    for (int i = 1; i <= 3; ++i) {
        QCOMPARE(results.at(i).verdict, CheckVerdict::Fail);
        QVERIFY2(results.at(i).detail.startsWith(QStringLiteral("not tried")), qPrintable(results.at(i).toLine()));
    }
    QCOMPARE(results.at(4).verdict, CheckVerdict::Pass);
    QCOMPARE(results.at(5).verdict, CheckVerdict::Pass);
    // Only the name check, the virtualenv and the runtime ran: nothing went to the broker, no password was sent.
    QCOMPARE(host.calls.size(), 3);
    for (const ScriptedHost::Call& call : host.calls) {
        QVERIFY(call.stdinData.isEmpty());
    }
}

void TestWorkerChecks::run_neverReportsASecretValue()
{
    const Project w = worker();
    ScriptedHost host;
    const QByteArray encoded = Quote::urlComponent(Password).toUtf8();
    host.answer = [&encoded](const QString& command) {
        if (command.contains(QStringLiteral("getent"))) {
            return ScriptedHost::ok("203.0.113.7 STREAM x\n");
        }
        if (command.contains(QStringLiteral("kombu"))) {
            // A library that repeats the URL in its error.
            return ScriptedHost::exit(6, "OperationalError cannot connect to pyamqp://AzureDiamond:" + encoded +
                                             "@fictionaljobrunner.com:5671// and " + Password.toUtf8() + "\n");
        }
        if (command.contains(QStringLiteral("celery"))) {
            return ScriptedHost::exit(6, "app ValueError token api-token-value-123 refused\n");
        }
        if (command.contains(QStringLiteral("wrap_socket"))) {
            return ScriptedHost::ok("verified TLSv1.3 60\n");
        }
        return ScriptedHost::ok("connected 203.0.113.7\n");
    };
    const QList<CheckResult> results = WorkerChecks::run(host, w, secrets());
    bool sawLogin = false;
    for (const CheckResult& r : results) {
        const QString line = r.toLine();
        QVERIFY2(!line.contains(Password) && !line.contains(QString::fromUtf8(encoded)) &&
                     !line.contains(QStringLiteral("api-token-value-123")),
                 qPrintable(line));
        sawLogin = sawLogin || (r.id.endsWith(QStringLiteral("amqp-login")) && line.contains(QStringLiteral("***")));
    }
    QVERIFY(sawLogin);
}

void TestWorkerChecks::run_cancelled_stopsBeforeNextCommand()
{
    const Project w = worker();
    ScriptedHost host;
    std::atomic_bool cancelled{false};
    host.answer = [&cancelled](const QString&) {
        cancelled = true;
        return ScriptedHost::ok("203.0.113.7 STREAM x\n");
    };
    const QList<CheckResult> results = WorkerChecks::run(host, w, secrets(), WorkerCheckOptions(), {}, &cancelled);
    QCOMPARE(results.size(), 1);
    QCOMPARE(host.calls.size(), 1);
}

QTEST_GUILESS_MAIN(TestWorkerChecks)
#include "TestWorkerChecks.moc"
