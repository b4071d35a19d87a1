#include "KeyringPeer.h"
#include "PebblePeer.h"
#include "RealServerPeer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <memory>

using namespace saltant;

// Empty Debian 12 server -> running saltant in one deploy, on the real programs: a booted Debian 12 container
// (systemd as PID 1) reached over real SSH, with the deploy's own apt-get installing nginx, RabbitMQ, PostgreSQL,
// uWSGI and certbot, certbot obtaining the certificate from Debian's pebble (Let's Encrypt's test ACME server), and
// the real saltant app (the fixture) answering through uWSGI and nginx. Everything from the CLI, as an admin runs it.
// The test functions run in order and build on each other (one server, deployed once, then changed).
class TestRealServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void firstDeploy_bringsTheEmptyServerUp();
    void site_answersFromTheMachine();
    void celeryWorkerOutside_roundTripsATaskOverVerifiedAmqps();
    void secondDeploy_changesNothing();
    void changeNginxRejects_isRolledBackAndTheSiteStillAnswers();
    void rabbitMqPasswordChange_isAppliedAndTheWorkerReconnects();
    void certificateRenewal_newCertificateOn443And5671();
    void home0750_firstDeployServesTheSite();

private:
    struct Http
    {
        int status = 0;
        QByteArray body;
        QString location;
        QString error;
    };

    bool bootServer(const QString& homeMode, QString* error);
    bool writeProject(QString* error);
    KeyringPeer::Run cli(const QStringList& args, const QByteArray& input = QByteArray()) const;
    KeyringPeer::Run deploy(const QStringList& extra = QStringList()) const;
    Http get(const QString& url, const QString& user = QString(), const QString& password = QString()) const;
    QString servedFingerprint(quint16 port) const;
    QMap<QString, QString> activeSince() const;
    bool startWorker(QString* error);
    void stopWorker();
    KeyringPeer::Run sendTask(const QString& value) const;
    QString remote(const QString& command) const;

    static QString fixturesDir();

    const QString m_domain = QStringLiteral("saltant.test");
    const QString m_www = QStringLiteral("www.saltant.test");
    QTemporaryDir m_dir;
    QString m_project;
    QString m_rootCa; // pebble's root + intermediate: what the issued certificates chain to
    std::unique_ptr<PebblePeer> m_pebble;
    std::unique_ptr<RealServerPeer> m_server;
    std::unique_ptr<KeyringPeer> m_keyring;
    QProcess m_worker;
    QString m_workerDir;
    QMap<QString, QString> m_secrets;
};

namespace {

const char* const kProjectName = "Saltant E2E Runner";

QString shellQuote(const QString& value)
{
    return QStringLiteral("'") + QString(value).replace(QStringLiteral("'"), QStringLiteral("'\\''")) +
           QStringLiteral("'");
}

bool runLocal(const QString& program, const QStringList& args, QByteArray* out, QString* error,
              const QString& workingDir = QString())
{
    QProcess p;
    if (!workingDir.isEmpty()) {
        p.setWorkingDirectory(workingDir);
    }
    p.start(program, args);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("%1 %2 failed: %3")
                     .arg(program, args.join(QLatin1Char(' ')), QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    if (out) {
        *out = p.readAllStandardOutput();
    }
    return true;
}

} // namespace

QString TestRealServer::fixturesDir()
{
    const QString fromEnv = qEnvironmentVariable("SALTANT_FIXTURES");
    return fromEnv.isEmpty() ? QDir::cleanPath(QStringLiteral(SALTANT_SOURCE_DIR "/../shared/fixtures")) : fromEnv;
}

void TestRealServer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString fixtures = fixturesDir();
    // Absent fixtures fail the test (never a skip): the e2e test is what proves the generated files.
    QVERIFY2(QFile::exists(fixtures + QStringLiteral("/saltant-db498a1.tar.gz")) &&
                 QFile::exists(fixtures + QStringLiteral("/python-vendor.tar.gz")),
             qPrintable(QStringLiteral("the saltant fixtures are missing in %1 (set SALTANT_FIXTURES to the folder "
                                       "holding saltant-db498a1.tar.gz and python-vendor.tar.gz)")
                            .arg(fixtures)));

    QString error;
    m_pebble = std::make_unique<PebblePeer>();
    QVERIFY2(m_pebble->start(&error), qPrintable(error));

    m_keyring = std::make_unique<KeyringPeer>(KeyringPeer::Mode::UnlockedKeyring);
    QVERIFY2(m_keyring->start(&error), qPrintable(error));
    m_keyring->setTimeout(15 * 60 * 1000);

    // Secrets with the characters that broke other tools: each must reach its reader exactly.
    m_secrets = {
        {QStringLiteral("django.secretKey"), QStringLiteral("k3y-$HOME-#not-a-comment-'\"\\-e2e-0123456789abcdef")},
        {QStringLiteral("django.apiToken"), QStringLiteral("e2e0api0token0123456789abcdef0123456789")},
        {QStringLiteral("email.password"), QStringLiteral("smtp-pa$$word")},
        {QStringLiteral("database.password"), QStringLiteral("db-p@ss:w/o'r\"d$#\\1")},
        {QStringLiteral("rabbitmq.password"), QStringLiteral("Rabbit-p@ss:w/o#rd$1")},
        {QStringLiteral("flower.password"), QStringLiteral("Flower-p@ss:w/o#rd$'\"1")},
        {QStringLiteral("rollbar.token"), QStringLiteral("0123456789abcdef0123456789abcdef")},
        {QStringLiteral("aws.secretKey"), QStringLiteral("aws/secret+key0123456789abcdef0123456789")},
    };
    m_project = m_dir.filePath(QStringLiteral("e2e.saltant.json"));
    const KeyringPeer::Run created = cli({QStringLiteral("new"), m_project});
    QVERIFY2(created.exitCode == 0, qPrintable(created.describe()));
    for (auto it = m_secrets.cbegin(); it != m_secrets.cend(); ++it) {
        const KeyringPeer::Run set =
            cli({QStringLiteral("secret"), QStringLiteral("set"), it.key(), QStringLiteral("--project"), m_project},
                it.value().toUtf8() + '\n');
        QVERIFY2(set.exitCode == 0, qPrintable(it.key() + QStringLiteral(": ") + set.describe()));
    }

    QVERIFY2(bootServer(QStringLiteral("0755"), &error), qPrintable(error));
    QVERIFY2(writeProject(&error), qPrintable(error));
}

void TestRealServer::cleanupTestCase()
{
    stopWorker();
    if (m_server) {
        m_server->stop();
    }
}

bool TestRealServer::bootServer(const QString& homeMode, QString* error)
{
    if (m_server) {
        m_server->stop();
    }
    m_server = std::make_unique<RealServerPeer>();
    QElapsedTimer timer;
    timer.start();
    if (!m_server->start(error)) {
        return false;
    }
    qInfo("e2e: the server booted in %.1f s (root file system %s)", double(m_server->bootMilliseconds()) / 1000.0,
          qPrintable(m_server->rootfs()));
    // What the admin had before using the tool: the saltant checkout and its virtualenv (saltant's development
    // set-up), and - only because there is no public ACME server here - trust in the test ACME server's HTTPS CA.
    QFile saltant(fixturesDir() + QStringLiteral("/saltant-db498a1.tar.gz"));
    QFile vendor(fixturesDir() + QStringLiteral("/python-vendor.tar.gz"));
    QFile prepare(QStringLiteral(SALTANT_SOURCE_DIR "/tests/e2e/prepare-saltant.sh"));
    if (!saltant.open(QIODevice::ReadOnly) || !vendor.open(QIODevice::ReadOnly) ||
        !prepare.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the fixtures or tests/e2e/prepare-saltant.sh");
        return false;
    }
    if (!m_server->writeFile(QStringLiteral("/tmp/saltant.tar.gz"), saltant.readAll(), QStringLiteral("0644"),
                             error) ||
        !m_server->writeFile(QStringLiteral("/tmp/python-vendor.tar.gz"), vendor.readAll(), QStringLiteral("0644"),
                             error) ||
        !m_server->writeFile(QStringLiteral("/etc/saltant-e2e/acme-ca.pem"), m_pebble->httpsCaPem(),
                             QStringLiteral("0644"), error)) {
        return false;
    }
    const RealServerPeer::Result prepared =
        m_server->ssh(QStringLiteral("sh -s ") + homeMode, prepare.readAll(), 5 * 60 * 1000);
    if (!prepared.ok()) {
        *error = QStringLiteral("preparing the saltant checkout failed: ") + prepared.describe();
        return false;
    }
    qInfo("e2e: server ready for the first deploy after %.1f s", double(timer.elapsed()) / 1000.0);
    return true;
}

bool TestRealServer::writeProject(QString* error)
{
    QFile file(m_project);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read ") + m_project;
        return false;
    }
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    const QList<QPair<QString, QJsonValue>> settings = {
        {QStringLiteral("server.domain"), m_domain},
        {QStringLiteral("django.projectName"), QString::fromLatin1(kProjectName)},
        {QStringLiteral("email.fromAddress"), QStringLiteral("noreply@saltant.test")},
        {QStringLiteral("tls.email"), QStringLiteral("admin@saltant.test")},
        {QStringLiteral("tls.acmeServer"), m_pebble->directoryUrl()},
        {QStringLiteral("tls.acmeCaFile"), QStringLiteral("/etc/saltant-e2e/acme-ca.pem")},
        {QStringLiteral("uwsgi.processes"), 2},
        {QStringLiteral("ssh.host"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("ssh.port"), int(m_server->sshPort())},
        {QStringLiteral("ssh.user"), QStringLiteral("root")},
        {QStringLiteral("ssh.identityFile"), m_server->identityFile()},
        {QStringLiteral("ssh.knownHostsFile"), m_dir.filePath(QStringLiteral("known_hosts"))},
    };
    for (const auto& [key, value] : settings) {
        const QString section = key.section(QLatin1Char('.'), 0, 0);
        QJsonObject object = root.value(section).toObject();
        object.insert(key.section(QLatin1Char('.'), 1), value);
        root.insert(section, object);
    }
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(QJsonDocument(root).toJson()) < 0) {
        *error = QStringLiteral("cannot write ") + m_project;
        return false;
    }
    return true;
}

KeyringPeer::Run TestRealServer::cli(const QStringList& args, const QByteArray& input) const
{
    return m_keyring->cli(args, input);
}

KeyringPeer::Run TestRealServer::deploy(const QStringList& extra) const
{
    return cli(QStringList{QStringLiteral("deploy"), QStringLiteral("--project"), m_project, QStringLiteral("--yes"),
                           QStringLiteral("--install-missing"), QStringLiteral("--accept-new-host-key"),
                           QStringLiteral("--no-checks")}
               << extra);
}

QString TestRealServer::remote(const QString& command) const
{
    const RealServerPeer::Result r = m_server->ssh(command);
    return r.ok() ? QString::fromUtf8(r.out).trimmed() : QStringLiteral("<failed: %1>").arg(r.describe());
}

TestRealServer::Http TestRealServer::get(const QString& url, const QString& user, const QString& password) const
{
    // curl with the test domain pinned to this machine and pebble's root as the only trust anchor.
    QStringList args = {QStringLiteral("-sS"),
                        QStringLiteral("--max-time"),
                        QStringLiteral("30"),
                        QStringLiteral("--cacert"),
                        m_rootCa,
                        QStringLiteral("--resolve"),
                        m_www + QStringLiteral(":443:127.0.0.1"),
                        QStringLiteral("--resolve"),
                        m_www + QStringLiteral(":80:127.0.0.1"),
                        QStringLiteral("--resolve"),
                        m_domain + QStringLiteral(":443:127.0.0.1"),
                        QStringLiteral("--resolve"),
                        m_domain + QStringLiteral(":80:127.0.0.1"),
                        QStringLiteral("-o"),
                        m_dir.filePath(QStringLiteral("body")),
                        QStringLiteral("-w"),
                        QStringLiteral("%{http_code} %{redirect_url}")};
    QProcess p;
    if (!user.isEmpty()) {
        // The credentials go through curl's config on standard input, not its command line.
        args << QStringLiteral("-K") << QStringLiteral("-");
    }
    args << url;
    p.start(QStringLiteral("curl"), args);
    if (!user.isEmpty()) {
        QString escaped = user + QLatin1Char(':') + password;
        escaped.replace(QStringLiteral("\\"), QStringLiteral("\\\\")).replace(QStringLiteral("\""), QStringLiteral("\\\""));
        p.write(QStringLiteral("user = \"%1\"\n").arg(escaped).toUtf8());
    }
    p.closeWriteChannel();
    Http http;
    if (!p.waitForFinished(40000) || p.exitCode() != 0) {
        http.error = QString::fromLocal8Bit(p.readAllStandardError());
        return http;
    }
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    http.status = out.section(QLatin1Char(' '), 0, 0).toInt();
    http.location = out.section(QLatin1Char(' '), 1);
    QFile body(m_dir.filePath(QStringLiteral("body")));
    if (body.open(QIODevice::ReadOnly)) {
        http.body = body.readAll();
    }
    return http;
}

QString TestRealServer::servedFingerprint(quint16 port) const
{
    const QString script = QStringLiteral("openssl s_client -connect 127.0.0.1:%1 -servername %2 </dev/null "
                                          "2>/dev/null | openssl x509 -noout -fingerprint -sha256")
                               .arg(port)
                               .arg(m_www);
    QProcess p;
    p.start(QStringLiteral("sh"), {QStringLiteral("-c"), script});
    p.closeWriteChannel();
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

QMap<QString, QString> TestRealServer::activeSince() const
{
    QMap<QString, QString> out;
    for (const QString& unit : {QStringLiteral("nginx.service"), QStringLiteral("rabbitmq-server.service"),
                                QStringLiteral("postgresql@15-main.service"), QStringLiteral("emperor.uwsgi.service"),
                                QStringLiteral("flower.service")}) {
        out.insert(unit, remote(QStringLiteral("systemctl show -P ActiveEnterTimestamp ") + unit));
    }
    return out;
}

bool TestRealServer::startWorker(QString* error)
{
    stopWorker();
    // saltant's app from the fixture, on this machine, with the .env the deploy wrote on the server.
    if (m_workerDir.isEmpty()) {
        m_workerDir = m_dir.filePath(QStringLiteral("worker"));
        QDir().mkpath(m_workerDir);
        if (!runLocal(QStringLiteral("tar"),
                      {QStringLiteral("xzf"), fixturesDir() + QStringLiteral("/saltant-db498a1.tar.gz"),
                       QStringLiteral("-C"), m_workerDir},
                      nullptr, error) ||
            !runLocal(QStringLiteral("tar"),
                      {QStringLiteral("xzf"), fixturesDir() + QStringLiteral("/python-vendor.tar.gz"),
                       QStringLiteral("-C"), m_workerDir},
                      nullptr, error)) {
            return false;
        }
    }
    const RealServerPeer::Result env = m_server->ssh(QStringLiteral("cat /home/ubuntu/saltant/.env"));
    QFile dotenv(m_workerDir + QStringLiteral("/saltant/.env"));
    if (!env.ok() || !dotenv.open(QIODevice::WriteOnly | QIODevice::Truncate) || dotenv.write(env.out) < 0) {
        *error = QStringLiteral("cannot copy the server's .env: ") + env.describe();
        return false;
    }
    dotenv.close();
    QFile::setPermissions(dotenv.fileName(), QFile::ReadOwner | QFile::WriteOwner);
    QProcessEnvironment env2 = QProcessEnvironment::systemEnvironment();
    env2.insert(QStringLiteral("PYTHONPATH"), m_workerDir + QStringLiteral("/site-packages"));
    env2.insert(QStringLiteral("E2E_CA_FILE"), m_rootCa);
    env2.insert(QStringLiteral("E2E_RESOLVE"), m_domain + QLatin1Char(',') + m_www);
    m_worker.setProcessEnvironment(env2);
    m_worker.setWorkingDirectory(m_workerDir + QStringLiteral("/saltant"));
    m_worker.setProcessChannelMode(QProcess::MergedChannels);
    m_worker.setStandardOutputFile(m_dir.filePath(QStringLiteral("worker.log")));
    m_worker.start(QStringLiteral("/usr/bin/python3"),
                   {QStringLiteral(SALTANT_SOURCE_DIR "/tests/e2e/e2e_celery.py"), QStringLiteral("worker")});
    if (!m_worker.waitForStarted(10000)) {
        *error = QStringLiteral("python3 did not start: ") + m_worker.errorString();
        return false;
    }
    // Ready when it reports the broker connection (or stops with the reason).
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000) {
        QFile log(m_dir.filePath(QStringLiteral("worker.log")));
        log.open(QIODevice::ReadOnly);
        const QByteArray text = log.readAll();
        if (text.contains("ready.")) {
            return true;
        }
        if (m_worker.state() == QProcess::NotRunning) {
            *error = QStringLiteral("the Celery worker stopped: ") + QString::fromUtf8(text.right(4000));
            return false;
        }
        QThread::msleep(300);
    }
    *error = QStringLiteral("the Celery worker did not become ready within 60 s");
    return false;
}

void TestRealServer::stopWorker()
{
    if (m_worker.state() != QProcess::NotRunning) {
        m_worker.terminate();
        if (!m_worker.waitForFinished(20000)) {
            m_worker.kill();
            m_worker.waitForFinished(5000);
        }
    }
}

KeyringPeer::Run TestRealServer::sendTask(const QString& value) const
{
    return m_keyring->run(QStringLiteral("sh"),
                          {QStringLiteral("-c"),
                           QStringLiteral("cd %1 && PYTHONPATH=%2 E2E_CA_FILE=%3 E2E_RESOLVE=%4 /usr/bin/python3 %5 send %6")
                               .arg(shellQuote(m_workerDir + QStringLiteral("/saltant")),
                                    shellQuote(m_workerDir + QStringLiteral("/site-packages")), shellQuote(m_rootCa),
                                    shellQuote(m_domain + QLatin1Char(',') + m_www),
                                    shellQuote(QStringLiteral(SALTANT_SOURCE_DIR "/tests/e2e/e2e_celery.py")),
                                    shellQuote(value))});
}

void TestRealServer::firstDeploy_bringsTheEmptyServerUp()
{
    QElapsedTimer timer;
    timer.start();
    const KeyringPeer::Run run = deploy();
    const double deploySeconds = double(timer.elapsed()) / 1000.0;
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.out.right(6000))));

    // Root CA of the issued chain, for everything the machine verifies from now on.
    QByteArray root;
    QByteArray intermediate;
    QString error;
    QVERIFY2(m_pebble->fetchRoots(&root, &intermediate, &error), qPrintable(error));
    m_rootCa = m_dir.filePath(QStringLiteral("pebble-root.pem"));
    QFile rootFile(m_rootCa);
    QVERIFY(rootFile.open(QIODevice::WriteOnly) && rootFile.write(root) > 0);
    rootFile.close();

    // Site answers: the wall time an admin waits from an empty server (booted, saltant checked out) to a working
    // site.
    const Http home = get(QStringLiteral("https://%1/").arg(m_www));
    QCOMPARE(home.status, 200);
    const double siteSeconds = double(timer.elapsed()) / 1000.0;
    qInfo("e2e: empty server -> site answers: %.1f s (the first deploy alone %.1f s)", siteSeconds, deploySeconds);
    const QString times = qEnvironmentVariable("SALTANT_E2E_TIMES");
    if (!times.isEmpty()) {
        QFile out(times);
        if (out.open(QIODevice::WriteOnly | QIODevice::Append)) {
            out.write(QStringLiteral("empty-server-to-site %1 first-deploy %2\n")
                          .arg(siteSeconds, 0, 'f', 1)
                          .arg(deploySeconds, 0, 'f', 1)
                          .toUtf8());
        }
    }

    // Every unit the deploy manages runs.
    for (const QString& unit : {QStringLiteral("nginx"), QStringLiteral("rabbitmq-server"),
                                QStringLiteral("postgresql@15-main"), QStringLiteral("emperor.uwsgi"),
                                QStringLiteral("flower")}) {
        QCOMPARE(remote(QStringLiteral("systemctl is-active ") + unit), QStringLiteral("active"));
    }
    // systemd accepts the generated units as they are.
    const RealServerPeer::Result verify = m_server->ssh(
        QStringLiteral("systemd-analyze verify /etc/systemd/system/emperor.uwsgi.service "
                       "/etc/systemd/system/flower.service"));
    QVERIFY2(verify.ok(), qPrintable(verify.describe()));
    QVERIFY2(!verify.err.contains("emperor.uwsgi.service") && !verify.err.contains("flower.service"),
             verify.err.constData());
    // The certificate came from the ACME server through certbot --webroot.
    QVERIFY2(remote(QStringLiteral("openssl x509 -noout -issuer -in /etc/letsencrypt/live/%1/cert.pem").arg(m_domain))
                 .contains(QStringLiteral("Pebble")),
             "the certificate was not issued by pebble");
    // PostgreSQL role and database, RabbitMQ user/vhost/permissions, guest gone, migrations applied.
    QCOMPARE(remote(QStringLiteral("runuser -u postgres -- psql -tAc \"SELECT rolname FROM pg_roles WHERE rolname = "
                                   "'saltant'\"")),
             QStringLiteral("saltant"));
    QCOMPARE(remote(QStringLiteral("runuser -u postgres -- psql -tAc \"SELECT pg_get_userbyid(datdba) FROM pg_database "
                                   "WHERE datname = 'saltant'\"")),
             QStringLiteral("saltant"));
    const QString users = remote(QStringLiteral("rabbitmqctl -q list_users"));
    QVERIFY2(users.contains(QStringLiteral("AzureDiamond")) && !users.contains(QStringLiteral("guest")),
             qPrintable(users));
    QVERIFY2(remote(QStringLiteral("rabbitmqctl -q list_permissions -p AzureDiamond_vhost"))
                 .contains(QStringLiteral("AzureDiamond\t.*\t.*\t.*")),
             "the admin user has no permissions on the vhost");
    const QString pending = remote(QStringLiteral("cd /home/ubuntu/saltant && runuser -u ubuntu -- venv/bin/python "
                                                  "manage.py showmigrations --plan"));
    QVERIFY2(pending.contains(QStringLiteral("[X]")) && !pending.contains(QStringLiteral("[ ]")), qPrintable(pending));
    // Erlang distribution ports on loopback only.
    const QString listeners = remote(QStringLiteral("ss -Htln"));
    for (const QString& port : {QStringLiteral(":4369"), QStringLiteral(":25672")}) {
        for (const QString& line : listeners.split(QLatin1Char('\n'))) {
            if (line.contains(port + QLatin1Char(' '))) {
                QVERIFY2(line.contains(QStringLiteral("127.0.0.1") + port), qPrintable(line));
            }
        }
    }
}

void TestRealServer::site_answersFromTheMachine()
{
    QVERIFY2(!m_rootCa.isEmpty(), "the first deploy did not pass");
    const Http home = get(QStringLiteral("https://%1/").arg(m_www));
    QCOMPARE(home.status, 200);
    QVERIFY2(home.body.contains(kProjectName), home.body.left(2000).constData());
    // collectstatic ran and nginx may read the static directory.
    const Http css = get(QStringLiteral("https://%1/static/admin/css/base.css").arg(m_www));
    QCOMPARE(css.status, 200);

    const Http redirect = get(QStringLiteral("http://%1/").arg(m_www));
    QCOMPARE(redirect.status, 301);
    QCOMPARE(redirect.location, QStringLiteral("https://%1/").arg(m_www));

    const Http overview = get(QStringLiteral("https://%1/rabbitmq/api/overview").arg(m_www),
                              QStringLiteral("AzureDiamond"), m_secrets.value(QStringLiteral("rabbitmq.password")));
    QCOMPARE(overview.status, 200);
    QVERIFY(overview.body.contains("\"rabbitmq_version\""));

    QCOMPARE(get(QStringLiteral("https://%1/flower/").arg(m_www)).status, 401);
    const Http flower = get(QStringLiteral("https://%1/flower/").arg(m_www), QStringLiteral("AzureDiamond"),
                            m_secrets.value(QStringLiteral("flower.password")));
    QCOMPARE(flower.status, 200);

    // The product's own health checks agree.
    const KeyringPeer::Run health =
        cli({QStringLiteral("check"), QStringLiteral("--health"), QStringLiteral("--project"), m_project,
             QStringLiteral("--resolve"), m_www + QStringLiteral("=127.0.0.1"), QStringLiteral("--resolve"),
             m_domain + QStringLiteral("=127.0.0.1"), QStringLiteral("--ca-file"), m_rootCa});
    QVERIFY2(health.exitCode == 0, qPrintable(health.describe() + QString::fromUtf8(health.out)));
}

void TestRealServer::celeryWorkerOutside_roundTripsATaskOverVerifiedAmqps()
{
    QVERIFY2(!m_rootCa.isEmpty(), "the first deploy did not pass");
    QString error;
    QVERIFY2(startWorker(&error), qPrintable(error));
    const KeyringPeer::Run sent = sendTask(QStringLiteral("first"));
    QVERIFY2(sent.exitCode == 0, qPrintable(sent.describe()));
    QCOMPARE(sent.out.trimmed(), QByteArray("echo:first"));

    // Negative control: the same client trusting another CA must fail, so the round trip above verified the
    // broker's certificate.
    const QString rootCa = m_rootCa;
    m_rootCa = m_pebble->httpsCaPath();
    const KeyringPeer::Run untrusted = sendTask(QStringLiteral("untrusted"));
    m_rootCa = rootCa;
    QVERIFY2(untrusted.exitCode != 0, qPrintable(untrusted.describe()));
    QVERIFY2(untrusted.err.contains("CERTIFICATE_VERIFY_FAILED") || untrusted.err.contains("certificate verify"),
             untrusted.err.right(2000).constData());
}

void TestRealServer::secondDeploy_changesNothing()
{
    const QMap<QString, QString> before = activeSince();
    const KeyringPeer::Run run = deploy();
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains("Nothing to do"), run.out.right(4000).constData());
    QCOMPARE(activeSince(), before);
}

void TestRealServer::changeNginxRejects_isRolledBackAndTheSiteStillAnswers()
{
    const QString site = QStringLiteral("/etc/nginx/sites-available/saltant_nginx.conf");
    const QString before = remote(QStringLiteral("sha256sum ") + site);
    // A uwsgi_params file that does not exist: our validation accepts the path, the real `nginx -t` does not.
    const KeyringPeer::Run run =
        deploy({QStringLiteral("--set"), QStringLiteral("nginx.uwsgiParams=/etc/nginx/e2e-missing-uwsgi_params")});
    QCOMPARE(run.exitCode, 7);
    QVERIFY2(run.out.contains("e2e-missing-uwsgi_params") || run.err.contains("e2e-missing-uwsgi_params"),
             qPrintable(run.describe()));
    QCOMPARE(remote(QStringLiteral("sha256sum ") + site), before);
    QCOMPARE(remote(QStringLiteral("ls -A /etc/nginx/sites-available /etc/nginx/sites-enabled | grep -c saltant-")),
             QStringLiteral("0"));
    QCOMPARE(get(QStringLiteral("https://%1/").arg(m_www)).status, 200);
    // And the project as it is still deploys to nothing.
    const KeyringPeer::Run again = deploy();
    QVERIFY2(again.exitCode == 0 && again.out.contains("Nothing to do"), qPrintable(again.describe()));
}

void TestRealServer::rabbitMqPasswordChange_isAppliedAndTheWorkerReconnects()
{
    const QString password = QStringLiteral("New-Rabbit-p@ss:w/o#rd$2");
    const KeyringPeer::Run set = cli({QStringLiteral("secret"), QStringLiteral("set"),
                                      QStringLiteral("rabbitmq.password"), QStringLiteral("--project"), m_project},
                                     password.toUtf8() + '\n');
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    m_secrets.insert(QStringLiteral("rabbitmq.password"), password);
    const KeyringPeer::Run run = deploy();
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.out.right(4000))));

    QCOMPARE(get(QStringLiteral("https://%1/rabbitmq/api/overview").arg(m_www), QStringLiteral("AzureDiamond"),
                 password)
                 .status,
             200);
    QCOMPARE(get(QStringLiteral("https://%1/rabbitmq/api/overview").arg(m_www), QStringLiteral("AzureDiamond"),
                 QStringLiteral("Rabbit-p@ss:w/o#rd$1"))
                 .status,
             401);
    QCOMPARE(get(QStringLiteral("https://%1/").arg(m_www)).status, 200);
    QString error;
    QVERIFY2(startWorker(&error), qPrintable(error)); // with the new .env
    const KeyringPeer::Run sent = sendTask(QStringLiteral("second"));
    QVERIFY2(sent.exitCode == 0, qPrintable(sent.describe()));
    QCOMPARE(sent.out.trimmed(), QByteArray("echo:second"));
    stopWorker();
}

void TestRealServer::certificateRenewal_newCertificateOn443And5671()
{
    const QString https = servedFingerprint(443);
    const QString amqps = servedFingerprint(5671);
    QVERIFY2(!https.isEmpty() && https == amqps, qPrintable(https + QStringLiteral(" / ") + amqps));

    const RealServerPeer::Result renew = m_server->ssh(
        QStringLiteral("REQUESTS_CA_BUNDLE=/etc/saltant-e2e/acme-ca.pem certbot renew --force-renewal "
                       "--no-random-sleep-on-renew"),
        QByteArray(), 5 * 60 * 1000);
    QVERIFY2(renew.ok(), qPrintable(renew.describe()));
    QVERIFY2(renew.out.contains("saltant.sh") || renew.err.contains("saltant.sh"),
             "certbot did not run the renewal hook");

    const QString httpsAfter = servedFingerprint(443);
    QString amqpsAfter;
    for (int i = 0; i < 60 && (amqpsAfter.isEmpty() || amqpsAfter == amqps); ++i) {
        amqpsAfter = servedFingerprint(5671); // RabbitMQ is restarting
        if (amqpsAfter.isEmpty() || amqpsAfter == amqps) {
            QThread::msleep(1000);
        }
    }
    QVERIFY2(httpsAfter != https && !httpsAfter.isEmpty(), qPrintable(httpsAfter));
    QCOMPARE(amqpsAfter, httpsAfter);
    QCOMPARE(get(QStringLiteral("https://%1/").arg(m_www)).status, 200);
}

void TestRealServer::home0750_firstDeployServesTheSite()
{
    // Ubuntu >= 21.04 creates homes 0750: the web server could not enter /home/ubuntu/saltant.
    QString error;
    QVERIFY2(bootServer(QStringLiteral("0750"), &error), qPrintable(error));
    QFile::remove(m_dir.filePath(QStringLiteral("known_hosts"))); // same host key, but start as an admin would
    const KeyringPeer::Run run = deploy();
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.out.right(6000))));
    QCOMPARE(remote(QStringLiteral("stat -c %a /home/ubuntu")), QStringLiteral("750"));
    const Http home = get(QStringLiteral("https://%1/").arg(m_www));
    QCOMPARE(home.status, 200);
    QVERIFY(home.body.contains(kProjectName));
    QCOMPARE(get(QStringLiteral("https://%1/static/admin/css/base.css").arg(m_www)).status, 200);
    // Least privilege: the web group may pass through the home, not read it.
    const QString acl = remote(QStringLiteral("getfacl -cp /home/ubuntu"));
    QVERIFY2(acl.contains(QStringLiteral("group:www-data:--x")), qPrintable(acl));
    QCOMPARE(remote(QStringLiteral("runuser -u www-data -- ls /home/ubuntu >/dev/null 2>&1; echo $?")),
             QStringLiteral("2"));
    const KeyringPeer::Run again = deploy();
    QVERIFY2(again.exitCode == 0 && again.out.contains("Nothing to do"), qPrintable(again.describe()));
}

QTEST_GUILESS_MAIN(TestRealServer)
#include "TestRealServer.moc"
