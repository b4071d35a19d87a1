#include "RealServerScenario.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
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
    void importOverSsh_givesTheSameFilesAndAnEmptyPlan();
    void changeNginxRejects_isRolledBackAndTheSiteStillAnswers();
    void rabbitMqPasswordChange_isAppliedAndTheWorkerReconnects();
    void certificateRenewal_newCertificateOn443And5671();
    void home0750_firstDeployServesTheSite();

private:
    using Http = RealServerScenario::Http;

    KeyringPeer::Run cli(const QStringList& args, const QByteArray& input = QByteArray()) const;
    KeyringPeer::Run deploy(const QStringList& extra = QStringList()) const;
    Http get(const QString& url, const QString& user = QString(), const QString& password = QString()) const
    {
        return m_scenario.get(url, user, password);
    }
    QString remote(const QString& command) const { return m_scenario.remote(command); }
    QMap<QString, QString> activeSince() const;
    bool startWorker(QString* error);
    void stopWorker();
    KeyringPeer::Run sendTask(const QString& value) const;

    RealServerScenario m_scenario;
    const QString m_www = m_scenario.www();
    QProcess m_worker;
};

void TestRealServer::initTestCase()
{
    QString error;
    // Absent fixtures, a taken port or a server that does not boot fail the test: it never skips.
    QVERIFY2(m_scenario.start(QStringLiteral("0755"), &error), qPrintable(error));
}

void TestRealServer::cleanupTestCase()
{
    stopWorker();
    m_scenario.stop();
}

KeyringPeer::Run TestRealServer::cli(const QStringList& args, const QByteArray& input) const
{
    return m_scenario.keyring().cli(args, input);
}

KeyringPeer::Run TestRealServer::deploy(const QStringList& extra) const
{
    return cli(QStringList{QStringLiteral("deploy"), QStringLiteral("--project"), m_scenario.projectPath(),
                           QStringLiteral("--yes"), QStringLiteral("--install-missing"),
                           QStringLiteral("--accept-new-host-key"), QStringLiteral("--no-checks")}
               << extra);
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
    const QString checkout = m_scenario.localCheckout(error);
    if (checkout.isEmpty()) {
        return false;
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& entry : m_scenario.celeryEnvironment()) {
        environment.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    }
    m_worker.setProcessEnvironment(environment);
    m_worker.setWorkingDirectory(checkout);
    m_worker.setProcessChannelMode(QProcess::MergedChannels);
    m_worker.setStandardOutputFile(m_scenario.path(QStringLiteral("worker.log")));
    // Debian's python3 (python3-celery & co.), whatever python3 comes first on PATH.
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
        QFile log(m_scenario.path(QStringLiteral("worker.log")));
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
    return m_scenario.celeryClient({QStringLiteral("send"), value});
}

void TestRealServer::firstDeploy_bringsTheEmptyServerUp()
{
    QElapsedTimer timer;
    timer.start();
    const KeyringPeer::Run run = deploy();
    const double deploySeconds = double(timer.elapsed()) / 1000.0;
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.out.right(6000))));

    // Root CA of the issued chain, for everything the machine verifies from now on.
    QString error;
    QVERIFY2(m_scenario.fetchRootCa(&error), qPrintable(error));

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
    for (const QString& unit :
         {QStringLiteral("nginx"), QStringLiteral("rabbitmq-server"), QStringLiteral("postgresql@15-main"),
          QStringLiteral("emperor.uwsgi"), QStringLiteral("flower")}) {
        QCOMPARE(remote(QStringLiteral("systemctl is-active ") + unit), QStringLiteral("active"));
    }
    // systemd accepts the generated units as they are.
    const RealServerPeer::Result verify =
        m_scenario.server().ssh(QStringLiteral("systemd-analyze verify /etc/systemd/system/emperor.uwsgi.service "
                                               "/etc/systemd/system/flower.service"));
    QVERIFY2(verify.ok(), qPrintable(verify.describe()));
    QVERIFY2(!verify.err.contains("emperor.uwsgi.service") && !verify.err.contains("flower.service"),
             verify.err.constData());
    // The certificate came from the ACME server through certbot --webroot.
    QVERIFY2(remote(QStringLiteral("openssl x509 -noout -issuer -in /etc/letsencrypt/live/%1/cert.pem")
                        .arg(m_scenario.domain()))
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
    // Erlang distribution ports on loopback only (127.0.0.1, and Debian's 127.0.1.1 where the host name points).
    const QStringList listeners = remote(QStringLiteral("ss -Htln")).split(QLatin1Char('\n'));
    for (const QString& port : {QStringLiteral(":4369"), QStringLiteral(":25672")}) {
        int seen = 0;
        for (const QString& line : listeners) {
            const QString local = line.simplified().section(QLatin1Char(' '), 3, 3);
            if (local.endsWith(port)) {
                ++seen;
                QVERIFY2(local.startsWith(QStringLiteral("127.")), qPrintable(line));
            }
        }
        QVERIFY2(seen > 0, qPrintable(port + QStringLiteral(" is not listening")));
    }
}

void TestRealServer::site_answersFromTheMachine()
{
    QVERIFY2(!m_scenario.rootCa().isEmpty(), "the first deploy did not pass");
    const Http home = get(QStringLiteral("https://%1/").arg(m_www));
    QCOMPARE(home.status, 200);
    QVERIFY2(home.body.contains(RealServerScenario::projectName()), home.body.left(2000).constData());
    // collectstatic ran and nginx may read the static directory.
    const Http css = get(QStringLiteral("https://%1/static/admin/css/base.css").arg(m_www));
    QCOMPARE(css.status, 200);

    const Http redirect = get(QStringLiteral("http://%1/").arg(m_www));
    QCOMPARE(redirect.status, 301);
    QCOMPARE(redirect.location, QStringLiteral("https://%1/").arg(m_www));

    const Http overview = get(QStringLiteral("https://%1/rabbitmq/api/overview").arg(m_www),
                              QStringLiteral("AzureDiamond"), m_scenario.secret(QStringLiteral("rabbitmq.password")));
    QCOMPARE(overview.status, 200);
    QVERIFY(overview.body.contains("\"rabbitmq_version\""));

    QCOMPARE(get(QStringLiteral("https://%1/flower/").arg(m_www)).status, 401);
    const Http flower = get(QStringLiteral("https://%1/flower/").arg(m_www), QStringLiteral("AzureDiamond"),
                            m_scenario.secret(QStringLiteral("flower.password")));
    QCOMPARE(flower.status, 200);

    // The product's own health checks agree.
    const KeyringPeer::Run health =
        cli({QStringLiteral("check"), QStringLiteral("--health"), QStringLiteral("--project"), m_scenario.projectPath(),
             QStringLiteral("--resolve"), m_www + QStringLiteral("=127.0.0.1"), QStringLiteral("--resolve"),
             m_scenario.domain() + QStringLiteral("=127.0.0.1"), QStringLiteral("--ca-file"), m_scenario.rootCa()});
    QVERIFY2(health.exitCode == 0, qPrintable(health.describe() + QString::fromUtf8(health.out)));
}

void TestRealServer::celeryWorkerOutside_roundTripsATaskOverVerifiedAmqps()
{
    QVERIFY2(!m_scenario.rootCa().isEmpty(), "the first deploy did not pass");
    QString error;
    QVERIFY2(startWorker(&error), qPrintable(error));
    const KeyringPeer::Run sent = sendTask(QStringLiteral("first"));
    QVERIFY2(sent.exitCode == 0, qPrintable(sent.describe()));
    QCOMPARE(sent.out.trimmed(), QByteArray("echo:first"));

    // Negative control: the same client trusting another CA must fail, so the round trip above verified the
    // broker's certificate.
    const QString rootCa = m_scenario.rootCa();
    m_scenario.setRootCa(m_scenario.pebble().httpsCaPath());
    const KeyringPeer::Run untrusted = sendTask(QStringLiteral("untrusted"));
    m_scenario.setRootCa(rootCa);
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

// The deployed server, imported over SSH into a new project (secrets into the keychain): that project's plan against
// the same server is empty, so a deploy of it would change nothing (the importer's round trip on the real stack).
void TestRealServer::importOverSsh_givesTheSameFilesAndAnEmptyPlan()
{
    const QString imported = m_scenario.path(QStringLiteral("imported.saltant.json"));
    const QString url = QStringLiteral("ssh://root@127.0.0.1:%1").arg(m_scenario.server().sshPort());
    QElapsedTimer importTimer;
    importTimer.start();
    const KeyringPeer::Run run =
        cli({QStringLiteral("import"), url, QStringLiteral("--out"), imported, QStringLiteral("--identity"),
             m_scenario.server().identityFile(), QStringLiteral("--known-hosts"),
             m_scenario.path(QStringLiteral("known_hosts")), QStringLiteral("--force")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    qInfo("e2e: import over SSH: %lld ms; %s", static_cast<long long>(importTimer.elapsed()),
          run.err.trimmed().constData());
    QVERIFY2(run.out.contains("Stored 8 secret"), run.out.right(3000).constData());
    QVERIFY2(!run.out.contains("Lines the project cannot represent"), run.out.right(6000).constData());
    QVERIFY2(!run.out.contains("Known mistakes"), run.out.right(6000).constData());
    QFile file(imported);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray json = file.readAll();
    for (const QString& name : m_scenario.secrets().keys()) {
        const QByteArray value = m_scenario.secret(name).toUtf8();
        QVERIFY2(value.size() < 6 || !json.contains(value), qPrintable(name));
    }
    const KeyringPeer::Run plan = cli({QStringLiteral("plan"), QStringLiteral("--project"), imported});
    QVERIFY2(plan.exitCode == 0, qPrintable(plan.describe()));
    QVERIFY2(plan.out.contains("Nothing to do"), plan.out.right(6000).constData());
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
    QCOMPARE(
        remote(QStringLiteral("ls -A /etc/nginx/sites-available /etc/nginx/sites-enabled | grep -c saltant-; true")),
        QStringLiteral("0"));
    QCOMPARE(get(QStringLiteral("https://%1/").arg(m_www)).status, 200);
    // And the project as it is still deploys to nothing.
    const KeyringPeer::Run again = deploy();
    QVERIFY2(again.exitCode == 0 && again.out.contains("Nothing to do"), qPrintable(again.describe()));
}

void TestRealServer::rabbitMqPasswordChange_isAppliedAndTheWorkerReconnects()
{
    const QString password = QStringLiteral("New-Rabbit-p@ss:w/o#rd$2");
    QString error;
    QVERIFY2(m_scenario.setSecret(QStringLiteral("rabbitmq.password"), password, &error), qPrintable(error));
    const KeyringPeer::Run run = deploy();
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.out.right(4000))));

    QCOMPARE(
        get(QStringLiteral("https://%1/rabbitmq/api/overview").arg(m_www), QStringLiteral("AzureDiamond"), password)
            .status,
        200);
    QCOMPARE(get(QStringLiteral("https://%1/rabbitmq/api/overview").arg(m_www), QStringLiteral("AzureDiamond"),
                 QStringLiteral("Rabbit-p@ss:w/o#rd$1"))
                 .status,
             401);
    QCOMPARE(get(QStringLiteral("https://%1/").arg(m_www)).status, 200);
    QVERIFY2(startWorker(&error), qPrintable(error)); // with the new .env
    const KeyringPeer::Run sent = sendTask(QStringLiteral("second"));
    QVERIFY2(sent.exitCode == 0, qPrintable(sent.describe()));
    QCOMPARE(sent.out.trimmed(), QByteArray("echo:second"));
    stopWorker();
}

void TestRealServer::certificateRenewal_newCertificateOn443And5671()
{
    const QString https = m_scenario.servedFingerprint(443);
    const QString amqps = m_scenario.servedFingerprint(5671);
    QVERIFY2(!https.isEmpty() && https == amqps, qPrintable(https + QStringLiteral(" / ") + amqps));

    // Renew with the environment certbot.timer's service gets (the deploy's drop-in trusts the ACME server's CA),
    // forced: the certificate is years from expiry.
    const QString environment = remote(QStringLiteral("systemctl show -P Environment certbot.service"));
    QCOMPARE(environment, QStringLiteral("REQUESTS_CA_BUNDLE=/etc/saltant-e2e/acme-ca.pem"));
    const RealServerPeer::Result renew = m_scenario.server().ssh(
        QStringLiteral("env %1 certbot renew --force-renewal --no-random-sleep-on-renew").arg(environment),
        QByteArray(), 5 * 60 * 1000);
    QVERIFY2(renew.ok(), qPrintable(renew.describe()));
    const QString hookRan = remote(QStringLiteral("grep -c 'Running deploy-hook command: "
                                                  "/etc/letsencrypt/renewal-hooks/deploy/saltant.sh' "
                                                  "/var/log/letsencrypt/letsencrypt.log; true"));
    QVERIFY2(hookRan != QStringLiteral("0"), qPrintable(QStringLiteral("certbot did not run the renewal hook: ") +
                                                        hookRan + QString::fromUtf8(renew.err.right(2000))));

    const QString httpsAfter = m_scenario.servedFingerprint(443);
    QString amqpsAfter;
    for (int i = 0; i < 60 && (amqpsAfter.isEmpty() || amqpsAfter == amqps); ++i) {
        amqpsAfter = m_scenario.servedFingerprint(5671); // RabbitMQ is restarting
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
    QVERIFY2(m_scenario.reboot(QStringLiteral("0750"), &error), qPrintable(error));
    const KeyringPeer::Run run = deploy();
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.out.right(6000))));
    QCOMPARE(remote(QStringLiteral("stat -c %a /home/ubuntu")), QStringLiteral("750"));
    const Http home = get(QStringLiteral("https://%1/").arg(m_www));
    QCOMPARE(home.status, 200);
    QVERIFY(home.body.contains(RealServerScenario::projectName()));
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
