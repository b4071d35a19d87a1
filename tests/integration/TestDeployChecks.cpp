#include "KeyringPeer.h"
#include "SshdRig.h"
#include "TlsPeer.h"

#include <QFile>
#include <QTest>
#include <memory>

using namespace saltant;

// saltant-deploy-cli deploy end to end with its checks: a real sshd (SshdPeer) in front of a pretend server
// (DeployFixture), the secrets in an unlocked gnome-keyring (KeyringPeer), so the deploy goes through. The checks
// reach loopback only: --resolve sends every name of the project (domain, www alias, broker host) to 127.0.0.1 and
// --port maps 80, 443 and 5671 to a closed port (or to TlsPeer's nginx and s_server for a healthy server).
class TestDeployChecks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void deploy_preflightBeforeConnecting_failuresShownDeployProceeds_healthAfterFails();
    void deploy_noChecks_printsNoCheckLines_exitsZero_unchangedDeployStillRunsHealth();
    void deploy_healthyServer_everyHealthCheckPasses_exitsZero();

private:
    KeyringPeer::Run deploy(const QStringList& extra) const;
    QStringList checkArgs(quint16 http, quint16 https, quint16 amqps) const;
    // The check lines under heading: every line after it that starts with a verdict.
    static QStringList section(const QString& out, const QString& heading);

    std::unique_ptr<KeyringPeer> m_keyring;
    std::unique_ptr<SshdRig> m_rig;
    QString m_projectFile;
    quint16 m_closed = 0;
};

namespace {

const QStringList Names{QStringLiteral("fictionaljobrunner.com"), QStringLiteral("www.fictionaljobrunner.com")};

bool isCheckLine(const QString& line)
{
    return line.startsWith(QStringLiteral("PASS  ")) || line.startsWith(QStringLiteral("WARN  ")) ||
           line.startsWith(QStringLiteral("FAIL  "));
}

} // namespace

void TestDeployChecks::initTestCase()
{
    m_keyring = std::make_unique<KeyringPeer>(KeyringPeer::Mode::UnlockedKeyring);
    QString error;
    QVERIFY2(m_keyring->start(&error), qPrintable(error));
    m_closed = TlsPeer::freePort();
}

void TestDeployChecks::init()
{
    m_rig = std::make_unique<SshdRig>();
    QString error;
    QVERIFY2(m_rig->start(SshdRig::KnownHosts::Empty, &error), qPrintable(error));
    const Project& p = m_rig->fixture->project;
    QCOMPARE(p.text(Key::ServerDomain), Names.first());
    QCOMPARE(p.text(Key::RabbitmqBrokerHost), Names.first());
    m_projectFile = m_rig->saveProject(QStringLiteral("test.saltant.json"), &error);
    QVERIFY2(!m_projectFile.isEmpty(), qPrintable(error));
    QVERIFY2(m_keyring->storeSecrets(m_rig->fixture->secrets(), m_projectFile, &error), qPrintable(error));
}

void TestDeployChecks::cleanup()
{
    m_rig.reset();
}

KeyringPeer::Run TestDeployChecks::deploy(const QStringList& extra) const
{
    const KeyringPeer::Run run = m_keyring->cli(QStringList{QStringLiteral("deploy"), QStringLiteral("--yes"),
                                                            QStringLiteral("--accept-new-host-key"),
                                                            QStringLiteral("--project"), m_projectFile} +
                                                extra);
    qInfo().noquote() << QString::fromUtf8(run.out) << QString::fromUtf8(run.err);
    return run;
}

QStringList TestDeployChecks::checkArgs(quint16 http, quint16 https, quint16 amqps) const
{
    QStringList args{QStringLiteral("--timeout"), QStringLiteral("15000")};
    for (const QString& name : Names) {
        args << QStringLiteral("--resolve") << name + QStringLiteral("=127.0.0.1");
    }
    args << QStringLiteral("--port") << QStringLiteral("80=%1").arg(http);
    args << QStringLiteral("--port") << QStringLiteral("443=%1").arg(https);
    args << QStringLiteral("--port") << QStringLiteral("5671=%1").arg(amqps);
    return args;
}

QStringList TestDeployChecks::section(const QString& out, const QString& heading)
{
    const QStringList lines = out.split(QLatin1Char('\n'));
    const int start = lines.indexOf(heading);
    QStringList found;
    for (int i = start + 1; start >= 0 && i < lines.size() && isCheckLine(lines[i]); ++i) {
        found << lines[i];
    }
    return found;
}

void TestDeployChecks::deploy_preflightBeforeConnecting_failuresShownDeployProceeds_healthAfterFails()
{
    const QString before = m_rig->fixture->treeSignature();
    const KeyringPeer::Run run = deploy(checkArgs(m_closed, m_closed, m_closed));
    const QString out = QString::fromUtf8(run.out);
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(run.finished, qPrintable(run.describe()));

    // Preflight: first thing printed, before the plan and before any step.
    QVERIFY2(out.startsWith(QStringLiteral("Preflight:\n")), qPrintable(out));
    const QStringList preflight = section(out, QStringLiteral("Preflight:"));
    QCOMPARE(preflight.size(), 6);
    for (const QString& name : Names) {
        QVERIFY2(
            preflight.contains(QStringLiteral("PASS  DNS of %1: %1 resolves to 127.0.0.1, the deploy host").arg(name)),
            qPrintable(preflight.join(QLatin1Char('\n'))));
    }
    QVERIFY2(preflight[2].startsWith(QStringLiteral("PASS  SSH port: ")), qPrintable(preflight[2]));
    const QList<QPair<QString, QString>> closed{{QStringLiteral("HTTP port"), QStringLiteral("80")},
                                                {QStringLiteral("HTTPS port"), QStringLiteral("443")},
                                                {QStringLiteral("AMQPS port"), QStringLiteral("5671")}};
    for (int i = 0; i < closed.size(); ++i) {
        const QString& line = preflight[3 + i];
        QVERIFY2(line.startsWith(QStringLiteral("FAIL  %1: port %2 closed").arg(closed[i].first, closed[i].second)),
                 qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral(" \u2014 port %1 closed: open it in the instance's firewall/security "
                                              "group")
                                   .arg(closed[i].second)),
                 qPrintable(line));
    }
    const int planAt = out.indexOf(QStringLiteral("saltant_nginx.conf"));
    QVERIFY2(planAt > out.indexOf(preflight.last()), qPrintable(out));

    // The deploy went through despite the failed preflight checks.
    QVERIFY2(out.contains(QStringLiteral("\ndeployed: ")), qPrintable(out + err));
    QVERIFY(m_rig->fixture->treeSignature() != before);
    QVERIFY2(!m_rig->fixture->callsOf(QStringLiteral("systemctl")).isEmpty(),
             qPrintable(m_rig->fixture->calls().join(QLatin1Char('\n'))));

    // Health: after the step log and the log path; every check fails on the closed ports, so exit 1.
    const int logAt = out.indexOf(QStringLiteral("\nLog: "));
    QVERIFY2(logAt > planAt && out.indexOf(QStringLiteral("\nHealth:\n")) > logAt, qPrintable(out));
    const QStringList health = section(out, QStringLiteral("Health:"));
    QCOMPARE(health.size(), 8);
    for (const QString& line : health) {
        QVERIFY2(line.startsWith(QStringLiteral("FAIL  ")) && line.contains(QStringLiteral(" \u2014 ")),
                 qPrintable(line));
    }
    QVERIFY2(health.first().startsWith(QStringLiteral("FAIL  Site: ")), qPrintable(health.first()));
    QVERIFY2(health.last().startsWith(QStringLiteral("FAIL  AMQPS certificate of fictionaljobrunner.com: ")),
             qPrintable(health.last()));
    QVERIFY2(health.filter(QStringLiteral("FAIL  Flower login: ")).size() == 1,
             qPrintable(out)); // the Flower password came from the keychain with the deploy's secrets
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(err.contains(QStringLiteral("deploy: the server has the new configuration, but 8 health checks "
                                         "failed (see above).")),
             qPrintable(err));
}

void TestDeployChecks::deploy_noChecks_printsNoCheckLines_exitsZero_unchangedDeployStillRunsHealth()
{
    const QString before = m_rig->fixture->treeSignature();
    KeyringPeer::Run run = deploy(checkArgs(m_closed, m_closed, m_closed) << QStringLiteral("--no-checks"));
    QString out = QString::fromUtf8(run.out);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe() + out));
    QVERIFY2(!out.contains(QStringLiteral("Preflight:")) && !out.contains(QStringLiteral("Health:")), qPrintable(out));
    for (const QString& line : out.split(QLatin1Char('\n'))) {
        QVERIFY2(!isCheckLine(line), qPrintable(line));
    }
    QVERIFY2(out.contains(QStringLiteral("\ndeployed: ")), qPrintable(out));
    QVERIFY(m_rig->fixture->treeSignature() != before);

    // Unchanged now: nothing to do counts as a success, so health runs after it.
    const QString deployed = m_rig->fixture->treeSignature();
    m_rig->fixture->clearCalls();
    run = deploy(checkArgs(m_closed, m_closed, m_closed));
    out = QString::fromUtf8(run.out);
    QVERIFY2(run.finished, qPrintable(run.describe()));
    QVERIFY2(out.contains(QStringLiteral("\nnothing to do: ")), qPrintable(out));
    QCOMPARE(section(out, QStringLiteral("Preflight:")).size(), 6);
    QVERIFY2(out.indexOf(QStringLiteral("\nHealth:\n")) > out.indexOf(QStringLiteral("\nnothing to do: ")),
             qPrintable(out));
    QCOMPARE(section(out, QStringLiteral("Health:")).size(), 8);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(QString::fromUtf8(run.err).contains(QStringLiteral("the server has the new configuration, but 8 health")),
             qPrintable(run.describe()));
    QCOMPARE(m_rig->fixture->treeSignature(), deployed);
    QVERIFY(m_rig->fixture->callsOf(QStringLiteral("systemctl")).isEmpty());
}

void TestDeployChecks::deploy_healthyServer_everyHealthCheckPasses_exitsZero()
{
    // A healthy site for the fixture's names: TlsPeer's nginx with a certificate of its CA, /flower/ behind the
    // deploy's Flower login, the HTTP to HTTPS redirect, and s_server as AMQPS.
    TlsPeer tls;
    TlsPeer::Leaf leaf;
    QVERIFY2(tls.createCa() && tls.issue(QStringLiteral("site"), Names, TlsPeer::Validity::Valid, &leaf),
             qPrintable(tls.errorString()));
    const QString htpasswd = tls.writeHtpasswd(m_rig->fixture->project.text(Key::FlowerUser),
                                               m_rig->fixture->secrets().value(QStringLiteral("flower.password")));
    QVERIFY2(!htpasswd.isEmpty(), qPrintable(tls.errorString()));
    QVERIFY(tls.writeFile(QStringLiteral("www/index.html"), "<title>saltant</title>\n"));
    QVERIFY(tls.writeFile(QStringLiteral("www/flower/index.html"), "<title>Flower</title>\n"));
    QVERIFY(tls.writeFile(QStringLiteral("www/rabbitmq/index.html"), "<title>RabbitMQ Management</title>\n"));
    const quint16 http = TlsPeer::freePort();
    const quint16 https = TlsPeer::freePort();
    const quint16 amqps = TlsPeer::freePort();
    const QString servers =
        QStringLiteral("server {\n    listen 127.0.0.1:%1;\n    return 301 https://$host$request_uri;\n}\n"
                       "server {\n    listen 127.0.0.1:%2 ssl;\n    server_name %3;\n    ssl_certificate %4;\n"
                       "    ssl_certificate_key %5;\n    root %6;\n"
                       "    location /flower/ { auth_basic \"Flower\"; auth_basic_user_file %7; }\n"
                       "    location /rabbitmq/ { }\n}\n")
            .arg(QString::number(http), QString::number(https), Names.join(QLatin1Char(' ')), leaf.certPath,
                 leaf.keyPath, tls.path(QStringLiteral("www")), htpasswd);
    QVERIFY2(tls.startNginx(servers, {http, https}), qPrintable(tls.errorString()));
    QVERIFY2(tls.startTlsServer(amqps, leaf), qPrintable(tls.errorString()));

    const KeyringPeer::Run run =
        deploy(checkArgs(http, https, amqps) << QStringLiteral("--ca-file") << tls.path(QStringLiteral("ca.pem")));
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe() + out));
    QVERIFY2(out.contains(QStringLiteral("\ndeployed: ")), qPrintable(out));
    const QStringList health = section(out, QStringLiteral("Health:"));
    QCOMPARE(health.size(), 8);
    for (const QString& line : health) {
        QVERIFY2(line.startsWith(QStringLiteral("PASS  ")), qPrintable(line));
    }
    QVERIFY2(health.filter(QStringLiteral("PASS  Flower login: ")).size() == 1, qPrintable(out));
    QVERIFY2(!run.err.contains("health check"), run.err.constData());
}

QTEST_GUILESS_MAIN(TestDeployChecks)
#include "TestDeployChecks.moc"
#include "model/SettingKeys.h"
