#include "ChecksPanelHarness.h"
#include "MemorySecretStore.h"
#include "TlsPeer.h"
#include "UiTestMain.h"

#include <QSettings>
#include <QSpinBox>
#include <QTcpServer>

using namespace saltant;

// The Server Checks panel's health checks driven by its button against real peers on 127.0.0.1: a server that
// accepts and never answers, and TlsPeer's nginx (certificates valid, expiring tomorrow, for the wrong name;
// /flower/ behind auth_basic) and `openssl s_server` as AMQPS. Every name the suites touch is overridden to
// 127.0.0.1, every port is mapped: nothing leaves loopback. Each row must show its verdict (icon and tooltip), what
// was found and what to do.
class TestChecksPanelHealth : public QObject, public ChecksPanelHarness
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void health_silentServer_timesOutAtPanelTimeLimit();
    void health_validCertificates_rightFlowerPassword_everyRowPasses();
    void health_certificateExpiringTomorrow_warns();
    void health_wrongCertificateAndPlainAmqps_fail();
    void health_flowerLogin_onlyWithPasswordFromKeychain();

private:
    CheckOptions healthOptions(quint16 https) const;

    TlsPeer m_peer;
    Project m_project;
    quint16 m_http = 0;
    quint16 m_https = 0;
    quint16 m_httpsSoon = 0;
    quint16 m_httpsWrong = 0;
    quint16 m_amqps = 0;
};

namespace {

const QStringList HealthIds{QStringLiteral("http.site"),          QStringLiteral("http.redirect"),
                            QStringLiteral("http.flower"),        QStringLiteral("http.rabbitmq"),
                            QStringLiteral("tls.site.localhost"), QStringLiteral("tls.site.www.localhost"),
                            QStringLiteral("tls.amqps")};

QString server(quint16 port, const TlsPeer::Leaf& leaf, const QString& www, const QString& htpasswd)
{
    return QStringLiteral("server {\n    listen 127.0.0.1:%1 ssl;\n    server_name localhost www.localhost;\n"
                          "    ssl_certificate %2;\n    ssl_certificate_key %3;\n    root %4;\n"
                          "    location /flower/ { auth_basic \"Flower\"; auth_basic_user_file %5; }\n"
                          "    location /rabbitmq/ { }\n}\n")
        .arg(QString::number(port), leaf.certPath, leaf.keyPath, www, htpasswd);
}

} // namespace

void TestChecksPanelHealth::initTestCase()
{
    QVERIFY2(m_peer.createCa(), qPrintable(m_peer.errorString()));
    TlsPeer::Leaf valid;
    TlsPeer::Leaf soon;
    TlsPeer::Leaf wrong;
    QVERIFY2(m_peer.issue(QStringLiteral("valid"), names(), TlsPeer::Validity::Valid, &valid) &&
                 m_peer.issue(QStringLiteral("soon"), names(), TlsPeer::Validity::ExpiresSoon, &soon) &&
                 m_peer.issue(QStringLiteral("wrong"), {QStringLiteral("other.localhost")}, TlsPeer::Validity::Valid,
                              &wrong),
             qPrintable(m_peer.errorString()));
    const QString htpasswd = m_peer.writeHtpasswd(QStringLiteral("AzureDiamond"), QStringLiteral("hunter2"));
    QVERIFY2(!htpasswd.isEmpty(), qPrintable(m_peer.errorString()));
    QVERIFY(m_peer.writeFile(QStringLiteral("www/index.html"), "<title>saltant</title>\n"));
    QVERIFY(m_peer.writeFile(QStringLiteral("www/flower/index.html"), "<title>Flower</title>\n"));
    QVERIFY(m_peer.writeFile(QStringLiteral("www/rabbitmq/index.html"), "<title>RabbitMQ Management</title>\n"));
    m_http = TlsPeer::freePort();
    m_https = TlsPeer::freePort();
    m_httpsSoon = TlsPeer::freePort();
    m_httpsWrong = TlsPeer::freePort();
    m_amqps = TlsPeer::freePort();
    const QString www = m_peer.path(QStringLiteral("www"));
    const QString servers =
        QStringLiteral("server {\n    listen 127.0.0.1:%1;\n    return 301 https://$host$request_uri;\n}\n")
            .arg(m_http) +
        server(m_https, valid, www, htpasswd) + server(m_httpsSoon, soon, www, htpasswd) +
        server(m_httpsWrong, wrong, www, htpasswd);
    QVERIFY2(m_peer.startNginx(servers, {m_http, m_https, m_httpsSoon, m_httpsWrong}),
             qPrintable(m_peer.errorString()));
    QVERIFY2(m_peer.startTlsServer(m_amqps, valid), qPrintable(m_peer.errorString()));

    m_project = Project::example();
    QVERIFY(m_project.setValue(Key::ServerDomain, QStringLiteral("localhost")));
    QVERIFY(m_project.setValue(Key::SshHost, QStringLiteral("localhost")));
    QVERIFY(verdictIconsDiffer());
}

void TestChecksPanelHealth::init()
{
    QSettings().clear();
    QVERIFY(openPanel(m_project));
}

void TestChecksPanelHealth::cleanup()
{
    closePanel();
}

CheckOptions TestChecksPanelHealth::healthOptions(quint16 https) const
{
    CheckOptions o = loopbackOptions({{80, m_http}, {443, https}, {5671, m_amqps}});
    o.extraCaCertificates = m_peer.caCertificates();
    return o;
}

void TestChecksPanelHealth::health_silentServer_timesOutAtPanelTimeLimit()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    m_panel->setOptions(silentOptions(silent.serverPort()));
    auto* timeout = m_panel->findChild<QSpinBox*>(QStringLiteral("checkTimeout"));
    QVERIFY(timeout);
    timeout->setValue(1);
    QCOMPARE(m_panel->options().timeoutMs, 1000);
    VERIFY_RUN("healthButton");
    QCOMPARE(ids(), HealthIds); // no keychain: no Flower login row
    VERIFY_EVERY_ROW(CheckVerdict::Fail);
    for (const QString& id : HealthIds) {
        VERIFY_TEXT(id, DetailColumn, contains, "within 1000 ms");
    }
    VERIFY_TEXT("http.site", DetailColumn, startsWith, "no answer from https://www.localhost/");
    VERIFY_TEXT("tls.amqps", RemedyColumn, startsWith, "RabbitMQ accepts connections on port 5671 but does not answer");
    QCOMPARE(status(), QStringLiteral("7 of 7 checks failed. The Flower login was not checked: no Flower password "
                                      "from the keychain."));
    QVERIFY(silent.hasPendingConnections());
}

void TestChecksPanelHealth::health_validCertificates_rightFlowerPassword_everyRowPasses()
{
    MemorySecretStore store(m_project.projectId());
    QVERIFY(store.writeNow(QStringLiteral("flower.password"), QStringLiteral("hunter2")).ok);
    m_panel->setSecretStore(&store);
    m_panel->setOptions(healthOptions(m_https));
    button("healthButton")->click();
    QCOMPARE(status(), QStringLiteral("Reading the Flower password from the keychain\u2026"));
    QVERIFY(!button("healthButton")->isEnabled() && button("cancelButton")->isEnabled());
    QVERIFY(m_finished->wait(60000));
    QCOMPARE(m_finished->last(), (QList<QVariant>{false, 0}));
    QStringList expected = HealthIds;
    expected.insert(3, QStringLiteral("http.flower-login"));
    QCOMPARE(ids(), expected);
    VERIFY_EVERY_ROW(CheckVerdict::Pass);
    QCOMPARE(status(), QStringLiteral("All 8 checks passed."));
    VERIFY_TEXT("http.redirect", DetailColumn, contains, "https://www.localhost/");
    VERIFY_TEXT("http.flower", DetailColumn, contains, "401");
    VERIFY_TEXT("tls.amqps", DetailColumn, contains, "Saltant Deploy Test CA");
    QVERIFY(m_panel->options().flowerPassword.isEmpty()); // the password lived only for the run
}

void TestChecksPanelHealth::health_certificateExpiringTomorrow_warns()
{
    m_panel->setOptions(healthOptions(m_httpsSoon));
    VERIFY_RUN("healthButton");
    for (const QString& id : {QStringLiteral("tls.site.localhost"), QStringLiteral("tls.site.www.localhost")}) {
        VERIFY_ROW(id, CheckVerdict::Warn);
        VERIFY_TEXT(id, RemedyColumn, contains, "run certbot renew and check the renewal timer");
    }
    VERIFY_ROW("http.site", CheckVerdict::Pass);
    VERIFY_ROW("tls.amqps", CheckVerdict::Pass);
    QCOMPARE(countShown(CheckVerdict::Warn), 2);
    QCOMPARE(status(), QStringLiteral("All checks passed, 2 with a warning. The Flower login was not checked: no "
                                      "Flower password from the keychain."));
}

void TestChecksPanelHealth::health_wrongCertificateAndPlainAmqps_fail()
{
    CheckOptions o = healthOptions(m_httpsWrong);
    o.portMap[5671] = m_http; // plain HTTP where TLS is expected
    m_panel->setOptions(o);
    VERIFY_RUN("healthButton");
    for (const QString& id : {QStringLiteral("tls.site.localhost"), QStringLiteral("tls.site.www.localhost")}) {
        VERIFY_ROW(id, CheckVerdict::Fail);
        VERIFY_TEXT(id, DetailColumn, contains, "is for other.localhost");
        VERIFY_TEXT(id, RemedyColumn, startsWith, "name mismatch");
    }
    VERIFY_ROW("http.site", CheckVerdict::Fail);
    VERIFY_TEXT("http.site", DetailColumn, contains, "TLS handshake failed");
    VERIFY_ROW("tls.amqps", CheckVerdict::Fail);
    VERIFY_TEXT("tls.amqps", DetailColumn, contains, "TLS handshake");
    VERIFY_TEXT("tls.amqps", RemedyColumn, contains, "RabbitMQ");
    VERIFY_ROW("http.redirect", CheckVerdict::Pass);
    QCOMPARE(status(), QStringLiteral("%1 of 7 checks failed. The Flower login was not checked: no Flower password "
                                      "from the keychain.")
                           .arg(countShown(CheckVerdict::Fail)));
}

void TestChecksPanelHealth::health_flowerLogin_onlyWithPasswordFromKeychain()
{
    m_panel->setOptions(healthOptions(m_https));
    VERIFY_RUN("healthButton"); // no keychain at all
    QCOMPARE(ids(), HealthIds);
    QCOMPARE(status(), QStringLiteral("All 7 checks passed. The Flower login was not checked: no Flower password "
                                      "from the keychain."));

    MemorySecretStore store(m_project.projectId()); // a keychain without the Flower password
    m_panel->setSecretStore(&store);
    VERIFY_RUN("healthButton");
    QCOMPARE(ids(), HealthIds);
    QCOMPARE(store.requestCount(), 1);
    QCOMPARE(status(), QStringLiteral("All 7 checks passed. The Flower login was not checked: no Flower password "
                                      "from the keychain."));

    QVERIFY(store.writeNow(QStringLiteral("flower.password"), QStringLiteral("wrong")).ok);
    VERIFY_RUN("healthButton");
    VERIFY_ROW("http.flower-login", CheckVerdict::Fail);
    VERIFY_TEXT("http.flower-login", DetailColumn, contains, "401");
    VERIFY_TEXT("http.flower-login", RemedyColumn, contains, "keychain");
    VERIFY_ROW("http.flower", CheckVerdict::Pass);
    QCOMPARE(status(), QStringLiteral("1 of 8 checks failed."));
}

SALTANT_UI_TEST_MAIN(TestChecksPanelHealth)
#include "TestChecksPanelHealth.moc"
#include "model/SettingKeys.h"
