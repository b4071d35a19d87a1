#include "TlsPeer.h"
#include "model/Project.h"
#include "net/CheckRunner.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace saltant;

// Health checks against real peers on 127.0.0.1: nginx serving the site, /flower/ (auth_basic) and /rabbitmq/
// with certificates of a test CA (valid, expiring tomorrow, expired, for the wrong name), `openssl s_server` as
// AMQPS, a closed port and a server that accepts and never answers. The project keeps its real names
// (localhost, www.localhost) for SNI and verification; only the ports are remapped.
class TestChecksHealth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void healthyServer_everyCheckPasses();
    void wrongFlowerPassword_failsLogin();
    void sharedPort_serverNameSelectsCertificate();
    void certificateExpiringTomorrow_warns();
    void certificateForWrongName_failsWithMismatch();
    void expiredCertificate_fails();
    void amqpsPortWithoutTls_failsHandshake();
    void closedPort_failsWithRemedy();
    void serverThatNeverAnswers_timesOut();
    void cancel_stopsRunningChecks();

private:
    CheckOptions options(quint16 https) const;
    QList<CheckResult> run(const CheckOptions& options);
    static CheckResult find(const QList<CheckResult>& results, const QString& id);

    TlsPeer m_peer;
    Project m_project;
    quint16 m_http = 0;
    quint16 m_https = 0;
    quint16 m_httpsSoon = 0;
    quint16 m_httpsWrong = 0;
    quint16 m_httpsExpired = 0;
    quint16 m_httpsShared = 0;
    quint16 m_amqps = 0;
};

namespace {

const QStringList Names{QStringLiteral("localhost"), QStringLiteral("www.localhost")};

QString server(quint16 port, const TlsPeer::Leaf& leaf, const QString& www, const QString& htpasswd,
               const QString& names = QStringLiteral("localhost www.localhost"))
{
    return QStringLiteral("server {\n"
                          "    listen 127.0.0.1:%1 ssl;\n"
                          "    server_name %6;\n"
                          "    ssl_certificate %2;\n"
                          "    ssl_certificate_key %3;\n"
                          "    root %4;\n"
                          "    location /flower/ { auth_basic \"Flower\"; auth_basic_user_file %5; }\n"
                          "    location /rabbitmq/ { }\n"
                          "}\n")
        .arg(QString::number(port), leaf.certPath, leaf.keyPath, www, htpasswd, names);
}

} // namespace

void TestChecksHealth::initTestCase()
{
    QVERIFY2(m_peer.createCa(), qPrintable(m_peer.errorString()));
    TlsPeer::Leaf valid;
    TlsPeer::Leaf soon;
    TlsPeer::Leaf wrong;
    TlsPeer::Leaf expired;
    QVERIFY2(m_peer.issue(QStringLiteral("valid"), Names, TlsPeer::Validity::Valid, &valid),
             qPrintable(m_peer.errorString()));
    QVERIFY2(m_peer.issue(QStringLiteral("soon"), Names, TlsPeer::Validity::ExpiresSoon, &soon),
             qPrintable(m_peer.errorString()));
    QVERIFY2(
        m_peer.issue(QStringLiteral("wrong"), {QStringLiteral("other.localhost")}, TlsPeer::Validity::Valid, &wrong),
        qPrintable(m_peer.errorString()));
    QVERIFY2(m_peer.issue(QStringLiteral("expired"), Names, TlsPeer::Validity::Expired, &expired),
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
    m_httpsExpired = TlsPeer::freePort();
    m_amqps = TlsPeer::freePort();
    m_httpsShared = TlsPeer::freePort();
    const QString www = m_peer.path(QStringLiteral("www"));
    const QString servers =
        QStringLiteral("server {\n    listen 127.0.0.1:%1;\n    return 301 https://$host$request_uri;\n}\n")
            .arg(m_http) +
        server(m_https, valid, www, htpasswd) + server(m_httpsSoon, soon, www, htpasswd) +
        server(m_httpsWrong, wrong, www, htpasswd) + server(m_httpsExpired, expired, www, htpasswd) +
        // Two sites on one port: the default one has the wrong certificate, so only SNI finds the right one.
        server(m_httpsShared, wrong, www, htpasswd, QStringLiteral("other.localhost")) +
        server(m_httpsShared, valid, www, htpasswd);
    QVERIFY2(m_peer.startNginx(servers, {m_http, m_https, m_httpsSoon, m_httpsWrong, m_httpsExpired, m_httpsShared}),
             qPrintable(m_peer.errorString()));
    QVERIFY2(m_peer.startTlsServer(m_amqps, valid), qPrintable(m_peer.errorString()));

    m_project = Project::example();
    QVERIFY(m_project.setValue(Key::ServerDomain, QStringLiteral("localhost")));
    QVERIFY(m_project.setValue(Key::SshHost, QStringLiteral("localhost")));
}

CheckOptions TestChecksHealth::options(quint16 https) const
{
    CheckOptions o;
    o.timeoutMs = 15000;
    o.extraCaCertificates = m_peer.caCertificates();
    o.portMap = {{80, m_http}, {443, https}, {5671, m_amqps}};
    return o;
}

QList<CheckResult> TestChecksHealth::run(const CheckOptions& options)
{
    CheckRunner runner;
    runner.setOptions(options);
    QSignalSpy finished(&runner, &CheckRunner::finished);
    QSignalSpy reported(&runner, &CheckRunner::resultReady);
    if (!runner.start(CheckSuite::Kind::Health, m_project) || !finished.wait(60000)) {
        return {};
    }
    if (finished.first().first().toBool() || reported.size() != runner.results().size()) {
        return {};
    }
    for (const CheckResult& result : runner.results()) {
        qInfo().noquote() << result.toLine();
    }
    return runner.results();
}

CheckResult TestChecksHealth::find(const QList<CheckResult>& results, const QString& id)
{
    for (const CheckResult& result : results) {
        if (result.id == id) {
            return result;
        }
    }
    return CheckResult{id, QString(), CheckVerdict::Fail, QStringLiteral("not reported"), QString()};
}

#define VERIFY_VERDICT(result, expected) QVERIFY2((result).verdict == (expected), qPrintable((result).toLine()))

void TestChecksHealth::healthyServer_everyCheckPasses()
{
    CheckOptions o = options(m_https);
    o.flowerPassword = QStringLiteral("hunter2");
    const QList<CheckResult> results = run(o);
    const QStringList expected{QStringLiteral("http.site"),
                               QStringLiteral("http.redirect"),
                               QStringLiteral("http.flower"),
                               QStringLiteral("http.flower-login"),
                               QStringLiteral("http.rabbitmq"),
                               QStringLiteral("tls.site.localhost"),
                               QStringLiteral("tls.site.www.localhost"),
                               QStringLiteral("tls.amqps")};
    QStringList ids;
    for (const CheckResult& result : results) {
        ids << result.id;
        VERIFY_VERDICT(result, CheckVerdict::Pass);
        QVERIFY(result.remedy.isEmpty());
    }
    QCOMPARE(ids, expected);
    QVERIFY2(find(results, QStringLiteral("http.redirect")).detail.contains(QStringLiteral("https://www.localhost/")),
             qPrintable(find(results, QStringLiteral("http.redirect")).detail));
    QVERIFY(find(results, QStringLiteral("http.flower")).detail.contains(QStringLiteral("401")));
    QVERIFY(find(results, QStringLiteral("tls.amqps")).detail.contains(QStringLiteral("Saltant Deploy Test CA")));
}

void TestChecksHealth::wrongFlowerPassword_failsLogin()
{
    CheckOptions o = options(m_https);
    o.flowerPassword = QStringLiteral("wrong");
    const CheckResult login = find(run(o), QStringLiteral("http.flower-login"));
    VERIFY_VERDICT(login, CheckVerdict::Fail);
    QVERIFY2(login.detail.contains(QStringLiteral("401")), qPrintable(login.detail));
    QVERIFY2(login.remedy.contains(QStringLiteral("keychain")), qPrintable(login.remedy));
}

void TestChecksHealth::sharedPort_serverNameSelectsCertificate()
{
    const QList<CheckResult> results = run(options(m_httpsShared));
    QVERIFY(!results.isEmpty());
    for (const CheckResult& result : results) {
        VERIFY_VERDICT(result, CheckVerdict::Pass);
    }
}

void TestChecksHealth::certificateExpiringTomorrow_warns()
{
    const QList<CheckResult> results = run(options(m_httpsSoon));
    const CheckResult www = find(results, QStringLiteral("tls.site.www.localhost"));
    VERIFY_VERDICT(www, CheckVerdict::Warn);
    QVERIFY2(www.remedy.contains(QStringLiteral("run certbot renew and check the renewal timer")),
             qPrintable(www.remedy));
    VERIFY_VERDICT(find(results, QStringLiteral("http.site")), CheckVerdict::Pass);
}

void TestChecksHealth::certificateForWrongName_failsWithMismatch()
{
    const QList<CheckResult> results = run(options(m_httpsWrong));
    for (const QString& id : {QStringLiteral("tls.site.localhost"), QStringLiteral("tls.site.www.localhost")}) {
        const CheckResult tls = find(results, id);
        VERIFY_VERDICT(tls, CheckVerdict::Fail);
        QVERIFY2(tls.detail.contains(QStringLiteral("is for other.localhost")), qPrintable(tls.detail));
        QVERIFY2(tls.remedy.startsWith(QStringLiteral("name mismatch")), qPrintable(tls.remedy));
    }
    const CheckResult site = find(results, QStringLiteral("http.site"));
    VERIFY_VERDICT(site, CheckVerdict::Fail);
    QVERIFY2(site.detail.contains(QStringLiteral("TLS handshake failed")), qPrintable(site.detail));
    // The AMQPS listener still has the right certificate.
    VERIFY_VERDICT(find(results, QStringLiteral("tls.amqps")), CheckVerdict::Pass);
}

void TestChecksHealth::expiredCertificate_fails()
{
    const CheckResult tls = find(run(options(m_httpsExpired)), QStringLiteral("tls.site.www.localhost"));
    VERIFY_VERDICT(tls, CheckVerdict::Fail);
    QVERIFY2(tls.detail.contains(QStringLiteral("expired on 2020-02-01")), qPrintable(tls.detail));
}

void TestChecksHealth::amqpsPortWithoutTls_failsHandshake()
{
    CheckOptions o = options(m_https);
    o.portMap[5671] = m_http; // plain HTTP where TLS is expected
    const CheckResult amqps = find(run(o), QStringLiteral("tls.amqps"));
    VERIFY_VERDICT(amqps, CheckVerdict::Fail);
    QVERIFY2(amqps.detail.contains(QStringLiteral("TLS handshake")), qPrintable(amqps.detail));
    QVERIFY2(amqps.remedy.contains(QStringLiteral("RabbitMQ")), qPrintable(amqps.remedy));
}

void TestChecksHealth::closedPort_failsWithRemedy()
{
    const QList<CheckResult> results = run(options(TlsPeer::freePort()));
    const CheckResult site = find(results, QStringLiteral("http.site"));
    VERIFY_VERDICT(site, CheckVerdict::Fail);
    QVERIFY2(site.detail.contains(QStringLiteral("refused")), qPrintable(site.detail));
    const CheckResult tls = find(results, QStringLiteral("tls.site.localhost"));
    VERIFY_VERDICT(tls, CheckVerdict::Fail);
    QVERIFY2(tls.remedy.startsWith(QStringLiteral("port 443 closed")), qPrintable(tls.remedy));
}

void TestChecksHealth::serverThatNeverAnswers_timesOut()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    CheckOptions o = options(silent.serverPort());
    o.timeoutMs = 1500;
    const QList<CheckResult> results = run(o);
    const CheckResult site = find(results, QStringLiteral("http.site"));
    VERIFY_VERDICT(site, CheckVerdict::Fail);
    QVERIFY2(site.detail.contains(QStringLiteral("no answer")) && site.detail.contains(QStringLiteral("1500 ms")),
             qPrintable(site.detail));
    const CheckResult tls = find(results, QStringLiteral("tls.site.localhost"));
    VERIFY_VERDICT(tls, CheckVerdict::Fail);
    QVERIFY2(tls.detail.contains(QStringLiteral("no TLS handshake")), qPrintable(tls.detail));
    QVERIFY(silent.hasPendingConnections());
}

void TestChecksHealth::cancel_stopsRunningChecks()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    CheckOptions o = options(silent.serverPort());
    o.timeoutMs = 600000;
    CheckRunner runner;
    runner.setOptions(o);
    QSignalSpy finished(&runner, &CheckRunner::finished);
    QVERIFY(runner.start(CheckSuite::Kind::Health, m_project));
    QVERIFY(!runner.start(CheckSuite::Kind::Health, m_project));
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 30000);
    runner.cancel();
    QVERIFY(!runner.isRunning());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    // Nothing after the first silent check was reported: http.site waits on the silent server.
    QVERIFY(runner.results().isEmpty());
    QVERIFY(runner.start(CheckSuite::Kind::Health, m_project));
    runner.cancel();
    QVERIFY(finished.wait(30000));
}

QTEST_GUILESS_MAIN(TestChecksHealth)
#include "TestChecksHealth.moc"
