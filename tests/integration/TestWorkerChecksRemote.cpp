#include "SshdRig.h"
#include "TlsPeer.h"
#include "deploy/DeployConnection.h"
#include "model/ProjectFile.h"
#include "model/SettingKeys.h"
#include "net/WorkerChecks.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>
#include <memory>

using namespace saltant;

// WorkerChecks run on a worker host through a real sshd on loopback (SshdRig; the "worker" is this machine, logged in
// as the test's user, root, so runuser works): the broker port, certificate and AMQP login against a tiny fake AMQP
// broker (tests/data/worker-checks/fake_amqp_broker.py: TLS with TlsPeer's certificate, Connection.Start and a
// login accepted only with the right password, else 403 ACCESS_REFUSED as RabbitMQ answers; a real RabbitMQ is too
// heavy here), the worker's virtualenv (a venv whose python is Debian's python3 with python3-celery and -kombu) and
// its checkout, the container runtime (a stub docker on the remote PATH), and the name check with real getent.
// Then `saltant-deploy-cli check --host` end to end.
class TestWorkerChecksRemote : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void healthyWorker_everyCheckPasses_passwordReachesBrokerOnlyThroughStdin();
    void wrongPassword_loginRefusedByBroker();
    void certificateOfAnotherCaOrName_fails_loginNotTried();
    void closedPort_fails_laterChecksNotTried();
    void brokerName_resolvedOnTheWorker();
    void virtualenv_missingCheckout_andBeforeTheEnvFile();
    void cli_checkHost_connectsAndRunsOnTheWorker_unknownHostRefused();

private:
    bool startBroker(const TlsPeer::Leaf& leaf, quint16* port, QString* error);
    QList<CheckResult> runChecks(const SecretValues& secrets, const WorkerCheckOptions& options);
    static const CheckResult& result(const QList<CheckResult>& all, const QString& check);
    static QString describe(const QList<CheckResult>& all);

    std::unique_ptr<TlsPeer> m_tls;
    TlsPeer::Leaf m_leaf;
    TlsPeer::Leaf m_otherName;
    std::unique_ptr<SshdRig> m_rig;
    std::vector<std::unique_ptr<QProcess>> m_brokers;
    QTemporaryDir m_worker; // the checkout, the venv and the stub docker
    Project m_project;      // the rig's project with worker host w1 pointing at the sshd
    QString m_brokerLog;
};

namespace {

const QString Broker = QStringLiteral("broker.saltant.test");
// The characters that broke other tools, in the password that must reach the broker intact.
const QString Password = QStringLiteral("p@ss:w/rd 'q' $HOME #x,y\\z");

bool writeFile(const QString& path, const QByteArray& content, QFile::Permissions permissions = {})
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        return false;
    }
    file.close();
    return permissions == QFile::Permissions() || file.setPermissions(permissions);
}

SecretValues secretsWith(const QString& password)
{
    SecretValues s;
    s.set(QStringLiteral("rabbitmq.password"), password);
    return s;
}

} // namespace

void TestWorkerChecksRemote::initTestCase()
{
    QVERIFY(m_worker.isValid());
    m_tls = std::make_unique<TlsPeer>();
    QVERIFY2(m_tls->createCa(), qPrintable(m_tls->errorString()));
    QVERIFY2(m_tls->issue(QStringLiteral("broker"), {Broker}, TlsPeer::Validity::Valid, &m_leaf),
             qPrintable(m_tls->errorString()));
    QVERIFY2(m_tls->issue(QStringLiteral("other"), {QStringLiteral("other.saltant.test")}, TlsPeer::Validity::Valid,
                          &m_otherName),
             qPrintable(m_tls->errorString()));

    // The worker's checkout: saltant's package is a Celery app that needs nothing else; its .env exists.
    const QString root = m_worker.path();
    QVERIFY(QDir().mkpath(root + QStringLiteral("/checkout/saltant")));
    QVERIFY(writeFile(root + QStringLiteral("/checkout/saltant/__init__.py"),
                      "import celery\napp = celery.Celery('saltant')\n"));
    QVERIFY(writeFile(root + QStringLiteral("/checkout/.env"), "IM_A_CELERY_WORKER=True\n"));
    // The venv: Debian's python3, which has python3-celery, -kombu and -amqp.
    QVERIFY(QDir().mkpath(root + QStringLiteral("/venv/bin")));
    QVERIFY(QFile::link(QStringLiteral("/usr/bin/python3"), root + QStringLiteral("/venv/bin/python")));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/stubs")));
    QVERIFY(writeFile(root + QStringLiteral("/stubs/docker"), "#!/bin/sh\nexit 0\n",
                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
}

void TestWorkerChecksRemote::init()
{
    m_rig = std::make_unique<SshdRig>();
    QString error;
    QVERIFY2(m_rig->start(SshdRig::KnownHosts::Peer, &error, m_worker.path() + QStringLiteral("/stubs")),
             qPrintable(error));
    Project p = m_rig->fixture->project;
    QVERIFY2(p.addWorker(QStringLiteral("w1"), &error), qPrintable(error));
    for (const FieldSpec& f : Schema::fields()) {
        if (f.key.name().startsWith(QLatin1String("ssh.")) && p.stored(f.key).isValid() &&
            !p.stored(f.key).toString().isEmpty()) {
            QVERIFY2(p.setWorkerValue(QStringLiteral("w1"), f.key, p.stored(f.key), &error), qPrintable(error));
        }
    }
    // The web server is elsewhere; only the worker is this sshd.
    QVERIFY(p.setValue(Key::SshHost, QStringLiteral("server.invalid")));
    const QString root = m_worker.path();
    QVERIFY(p.setWorkerValue(QStringLiteral("w1"), Key::WorkersUser, m_rig->peer->user()));
    QVERIFY(
        p.setWorkerValue(QStringLiteral("w1"), Key::WorkersProjectDir, QString(root + QStringLiteral("/checkout"))));
    QVERIFY(p.setWorkerValue(QStringLiteral("w1"), Key::WorkersVenvDir, QString(root + QStringLiteral("/venv"))));
    QVERIFY(p.setWorkerValue(QStringLiteral("w1"), Key::WorkersContainerRuntime, QStringLiteral("docker")));
    QVERIFY(p.setValue(Key::RabbitmqOnNetwork, true));
    QVERIFY(p.setValue(Key::RabbitmqTlsEnabled, true));
    QVERIFY(p.setValue(Key::TlsEnabled, true));
    QVERIFY(p.setValue(Key::RabbitmqBrokerHost, Broker));
    QVERIFY(p.setValue(Key::DjangoCeleryApp, QStringLiteral("saltant")));
    m_project = p;
    m_brokerLog.clear();
}

void TestWorkerChecksRemote::cleanup()
{
    for (auto& broker : m_brokers) {
        broker->kill();
        broker->waitForFinished(5000);
    }
    m_brokers.clear();
    m_rig.reset();
}

bool TestWorkerChecksRemote::startBroker(const TlsPeer::Leaf& leaf, quint16* port, QString* error)
{
    *port = TlsPeer::freePort();
    auto broker = std::make_unique<QProcess>();
    broker->setProcessChannelMode(QProcess::MergedChannels);
    broker->start(QStringLiteral("/usr/bin/python3"),
                  {QStringLiteral(SALTANT_TEST_DATA "/worker-checks/fake_amqp_broker.py"), QString::number(*port),
                   leaf.certPath, leaf.keyPath});
    if (!broker->waitForStarted(10000)) {
        *error = QStringLiteral("the fake broker did not start: ") + broker->errorString();
        return false;
    }
    broker->write(Password.toUtf8() + '\n');
    broker->closeWriteChannel();
    while (!broker->canReadLine() && broker->waitForReadyRead(10000)) {
    }
    const QByteArray ready = broker->readLine().trimmed();
    if (ready != "ready") {
        *error = QStringLiteral("the fake broker did not get ready: ") + QString::fromUtf8(ready + broker->readAll());
        return false;
    }
    m_brokers.push_back(std::move(broker));
    return true;
}

QList<CheckResult> TestWorkerChecksRemote::runChecks(const SecretValues& secrets, const WorkerCheckOptions& options)
{
    const Project worker = m_project.forWorker(QStringLiteral("w1"));
    DeployConnection connection(worker, secrets);
    if (!connection.connectToHost() || !connection.authenticate(false)) {
        qWarning("connection: %s", qPrintable(connection.errorString()));
        return {};
    }
    const QList<CheckResult> results = WorkerChecks::run(*connection.host(), worker, secrets, options);
    for (auto& broker : m_brokers) {
        broker->waitForReadyRead(200);
        m_brokerLog += QString::fromUtf8(broker->readAll());
    }
    return results;
}

const CheckResult& TestWorkerChecksRemote::result(const QList<CheckResult>& all, const QString& check)
{
    for (const CheckResult& r : all) {
        if (r.id == QStringLiteral("worker.w1.") + check) {
            return r;
        }
    }
    qFatal("no result for %s", qPrintable(check));
    return all.first();
}

QString TestWorkerChecksRemote::describe(const QList<CheckResult>& all)
{
    QStringList lines;
    for (const CheckResult& r : all) {
        lines << r.toLine();
    }
    return lines.join(QLatin1Char('\n'));
}

void TestWorkerChecksRemote::healthyWorker_everyCheckPasses_passwordReachesBrokerOnlyThroughStdin()
{
    quint16 port = 0;
    QString error;
    QVERIFY2(startBroker(m_leaf, &port, &error), qPrintable(error));
    WorkerCheckOptions options;
    options.timeoutSeconds = 5;
    options.brokerAddress = QStringLiteral("127.0.0.1");
    options.brokerPort = port;
    options.caFileOnWorker = m_tls->path(QStringLiteral("ca.pem"));
    const QList<CheckResult> results = runChecks(secretsWith(Password), options);
    QCOMPARE(results.size(), 5);
    for (const CheckResult& r : results) {
        QVERIFY2(r.verdict == CheckVerdict::Pass, qPrintable(describe(results)));
    }
    QVERIFY(result(results, "tls").detail.contains(QStringLiteral("verified on w1")));
    QVERIFY2(result(results, "venv").detail.contains(QStringLiteral("and saltant import as")),
             qPrintable(result(results, "venv").detail));
    QVERIFY2(m_brokerLog.contains(QStringLiteral("login ok")), qPrintable(m_brokerLog));
}

void TestWorkerChecksRemote::wrongPassword_loginRefusedByBroker()
{
    quint16 port = 0;
    QString error;
    QVERIFY2(startBroker(m_leaf, &port, &error), qPrintable(error));
    WorkerCheckOptions options;
    options.timeoutSeconds = 5;
    options.brokerAddress = QStringLiteral("127.0.0.1");
    options.brokerPort = port;
    options.caFileOnWorker = m_tls->path(QStringLiteral("ca.pem"));
    const QString wrong = QStringLiteral("not-the-password-1234");
    const QList<CheckResult> results = runChecks(secretsWith(wrong), options);
    const CheckResult& login = result(results, "amqp-login");
    QCOMPARE(login.verdict, CheckVerdict::Fail);
    QVERIFY2(login.detail.contains(QStringLiteral("refused the login")), qPrintable(login.toLine()));
    QVERIFY(login.remedy.contains(QStringLiteral("secret set rabbitmq.password")));
    QVERIFY(!describe(results).contains(wrong));
    QVERIFY2(m_brokerLog.contains(QStringLiteral("login refused")), qPrintable(m_brokerLog));
}

void TestWorkerChecksRemote::certificateOfAnotherCaOrName_fails_loginNotTried()
{
    quint16 port = 0;
    quint16 otherPort = 0;
    QString error;
    QVERIFY2(startBroker(m_leaf, &port, &error), qPrintable(error));
    QVERIFY2(startBroker(m_otherName, &otherPort, &error), qPrintable(error));
    WorkerCheckOptions options;
    options.timeoutSeconds = 5;
    options.brokerAddress = QStringLiteral("127.0.0.1");
    options.brokerPort = port;
    // The worker's system store does not know the test CA.
    QList<CheckResult> results = runChecks(secretsWith(Password), options);
    QCOMPARE(result(results, "port").verdict, CheckVerdict::Pass);
    QCOMPARE(result(results, "tls").verdict, CheckVerdict::Fail);
    QVERIFY2(result(results, "tls").detail.contains(QStringLiteral("does not verify")), qPrintable(describe(results)));
    QVERIFY(result(results, "amqp-login").detail.startsWith(QStringLiteral("not tried")));
    QVERIFY2(!m_brokerLog.contains(QStringLiteral("login")), qPrintable(m_brokerLog));

    // Trusted CA, but the certificate is for another name.
    options.brokerPort = otherPort;
    options.caFileOnWorker = m_tls->path(QStringLiteral("ca.pem"));
    results = runChecks(secretsWith(Password), options);
    QCOMPARE(result(results, "tls").verdict, CheckVerdict::Fail);
    QVERIFY2(result(results, "tls").detail.contains(QStringLiteral("ostname")), qPrintable(describe(results)));
    QVERIFY(result(results, "amqp-login").detail.startsWith(QStringLiteral("not tried")));
}

void TestWorkerChecksRemote::closedPort_fails_laterChecksNotTried()
{
    WorkerCheckOptions options;
    options.timeoutSeconds = 5;
    options.brokerAddress = QStringLiteral("127.0.0.1");
    options.brokerPort = TlsPeer::freePort();
    const QList<CheckResult> results = runChecks(secretsWith(Password), options);
    QCOMPARE(result(results, "port").verdict, CheckVerdict::Fail);
    QVERIFY2(result(results, "port").detail.contains(QStringLiteral("refused")), qPrintable(describe(results)));
    QVERIFY(result(results, "tls").detail.startsWith(QStringLiteral("not tried")));
    QVERIFY(result(results, "amqp-login").detail.startsWith(QStringLiteral("not tried")));
    QCOMPARE(result(results, "venv").verdict, CheckVerdict::Pass);
}

void TestWorkerChecksRemote::brokerName_resolvedOnTheWorker()
{
    WorkerCheckOptions options;
    options.timeoutSeconds = 5;
    QVERIFY(m_project.setValue(Key::RabbitmqBrokerHost, QStringLiteral("nothing-here.invalid")));
    QList<CheckResult> results = runChecks(secretsWith(Password), options);
    QCOMPARE(result(results, "dns").verdict, CheckVerdict::Fail);
    QVERIFY2(result(results, "dns").detail.contains(QStringLiteral("nothing-here.invalid does not resolve on w1")),
             qPrintable(describe(results)));
    QVERIFY(result(results, "port").detail.startsWith(QStringLiteral("not tried")));

    // Off the network the worker's .env says localhost: it resolves, to the worker itself.
    QVERIFY(m_project.setValue(Key::RabbitmqOnNetwork, false));
    results = runChecks(secretsWith(Password), options);
    QCOMPARE(result(results, "dns").verdict, CheckVerdict::Fail);
    QVERIFY2(result(results, "dns").remedy.contains(QStringLiteral("Workers connect over the network")),
             qPrintable(describe(results)));
}

void TestWorkerChecksRemote::virtualenv_missingCheckout_andBeforeTheEnvFile()
{
    WorkerCheckOptions options;
    options.timeoutSeconds = 5;
    options.brokerAddress = QStringLiteral("127.0.0.1");
    options.brokerPort = TlsPeer::freePort();
    const QString checkout = m_worker.path() + QStringLiteral("/checkout");
    QVERIFY(QFile::rename(checkout + QStringLiteral("/.env"), checkout + QStringLiteral("/env.away")));
    QList<CheckResult> results = runChecks(secretsWith(Password), options);
    QVERIFY(QFile::rename(checkout + QStringLiteral("/env.away"), checkout + QStringLiteral("/.env")));
    QCOMPARE(result(results, "venv").verdict, CheckVerdict::Pass);
    QVERIFY2(result(results, "venv").detail.contains(QStringLiteral("not tried before its .env")),
             qPrintable(describe(results)));

    QVERIFY(m_project.setWorkerValue(QStringLiteral("w1"), Key::WorkersProjectDir,
                                     QString(m_worker.path() + QStringLiteral("/no such checkout"))));
    QVERIFY(
        m_project.setWorkerValue(QStringLiteral("w1"), Key::WorkersContainerRuntime, QStringLiteral("singularity")));
    results = runChecks(secretsWith(Password), options);
    QCOMPARE(result(results, "venv").verdict, CheckVerdict::Fail);
    QVERIFY2(result(results, "venv").detail.contains(QStringLiteral("no saltant checkout")),
             qPrintable(describe(results)));
    QCOMPARE(result(results, "runtime").verdict, CheckVerdict::Fail);
    QVERIFY(result(results, "runtime").detail.contains(QStringLiteral("singularity is not installed on w1")));
}

void TestWorkerChecksRemote::cli_checkHost_connectsAndRunsOnTheWorker_unknownHostRefused()
{
    QString error;
    const QString projectFile = m_rig->directory() + QStringLiteral("/workers.saltant.json");
    QVERIFY2(ProjectFile::save(projectFile, m_project, &error), qPrintable(error));
    auto cli = [&](const QStringList& args, QString* out, QString* err) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_rig->directory());
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no keychain: no RabbitMQ password
        env.remove(QStringLiteral("SSH_AUTH_SOCK"));
        env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        process.setProcessEnvironment(env);
        process.setStandardInputFile(QProcess::nullDevice());
        process.start(QStringLiteral(SALTANT_BINARY_DIR "/app/saltant-deploy-cli"),
                      QStringList{QStringLiteral("check")} + args +
                          QStringList{QStringLiteral("--project"), projectFile});
        if (!process.waitForFinished(120000)) {
            return -1;
        }
        *out = QString::fromUtf8(process.readAllStandardOutput());
        *err = QString::fromUtf8(process.readAllStandardError());
        return process.exitCode();
    };
    QString out;
    QString err;
    // broker.saltant.test resolves nowhere: the name check fails on the worker, the rest still runs.
    QCOMPARE(cli({QStringLiteral("--host"), QStringLiteral("w1"), QStringLiteral("--timeout"), QStringLiteral("5000")},
                 &out, &err),
             1);
    QVERIFY2(out.contains(QStringLiteral("Worker host w1 (127.0.0.1):")) ||
                 out.contains(QStringLiteral("Worker host w1 (")),
             qPrintable(out + err));
    QVERIFY2(out.contains(QStringLiteral("FAIL  w1: broker name broker.saltant.test resolves: broker.saltant.test does "
                                         "not resolve on w1")),
             qPrintable(out + err));
    QVERIFY2(out.contains(QStringLiteral("WARN  w1: AMQP login as")), qPrintable(out + err));
    QVERIFY2(out.contains(QStringLiteral("PASS  w1: virtualenv imports celery and saltant")), qPrintable(out + err));
    QVERIFY2(out.contains(QStringLiteral("PASS  w1: Docker installed")), qPrintable(out + err));
    // The server's own suites are not run with --host alone.
    QVERIFY2(!out.contains(QStringLiteral("SSH port")), qPrintable(out));

    QCOMPARE(cli({QStringLiteral("--host"), QStringLiteral("nosuch")}, &out, &err), 2);
    QVERIFY2(err.contains(QStringLiteral("nosuch")) && err.contains(QStringLiteral("w1")), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestWorkerChecksRemote)
#include "TestWorkerChecksRemote.moc"
