#include "model/Project.h"
#include "net/CheckOptions.h"
#include "net/CheckResult.h"
#include "net/CheckSuite.h"
#include "net/DnsProbe.h"
#include "net/HttpProbe.h"

#include <QTest>

using namespace saltant;

// The pure parts of the checks: which checks a project gets, and the verdict (with its remedy) for each answer.
class TestCheckVerdicts : public QObject
{
    Q_OBJECT

private slots:
    void toLine_hasVerdictTitleDetailAndRemedy();
    void preflight_forExample_checksNamesAndGuidePorts();
    void preflight_withoutNetworkBroker_skipsAmqp();
    void health_forExample_checksSiteFlowerManagementAndCertificates();
    void health_withPassword_addsFlowerLogin();
    void health_withoutTls_hasNoRedirectOrCertificates();
    void dns_matchingAddresses_passes();
    void dns_otherAddress_failsWithAliasRemedy();
    void dns_extraAddress_fails();
    void dns_unresolved_failsNamingTarget();
    void dns_aaaaWithoutIpv6DeployHost_warns();
    void dns_deployHostUnresolved_warns();
    void http_judge_data();
    void http_judge();
    void http_transportErrors_fail();
};

namespace {

QHostAddress ip(const char* text)
{
    return QHostAddress(QString::fromLatin1(text));
}

const QString Www = QStringLiteral("www.example.com");

} // namespace

void TestCheckVerdicts::toLine_hasVerdictTitleDetailAndRemedy()
{
    const CheckResult fail{QStringLiteral("port.amqps"), QStringLiteral("AMQPS port"), CheckVerdict::Fail,
                           QStringLiteral("port 5671 closed"), QStringLiteral("open it")};
    QCOMPARE(fail.toLine(), QStringLiteral("FAIL  AMQPS port: port 5671 closed \u2014 open it"));
    const CheckResult pass{QStringLiteral("x"), QStringLiteral("Site"), CheckVerdict::Pass, QStringLiteral("200 OK"),
                           QString()};
    QCOMPARE(pass.toLine(), QStringLiteral("PASS  Site: 200 OK"));
    QCOMPARE(CheckResult::verdictLabel(CheckVerdict::Warn), QStringLiteral("WARN"));
}

void TestCheckVerdicts::preflight_forExample_checksNamesAndGuidePorts()
{
    const QStringList ids = CheckSuite::ids(CheckSuite::Kind::Preflight, Project::example(), CheckOptions());
    QCOMPARE(ids,
             (QStringList{QStringLiteral("dns.fictionaljobrunner.com"),
                          QStringLiteral("dns.www.fictionaljobrunner.com"), QStringLiteral("port.ssh"),
                          QStringLiteral("port.http"), QStringLiteral("port.https"), QStringLiteral("port.amqps")}));
}

void TestCheckVerdicts::preflight_withoutNetworkBroker_skipsAmqp()
{
    Project p = Project::example();
    QVERIFY(p.setValue(Key::RabbitmqOnNetwork, false));
    QVERIFY(p.setValue(Key::ServerWwwAlias, false));
    const QStringList ids = CheckSuite::ids(CheckSuite::Kind::Preflight, p, CheckOptions());
    QCOMPARE(ids, (QStringList{QStringLiteral("dns.fictionaljobrunner.com"), QStringLiteral("port.ssh"),
                               QStringLiteral("port.http"), QStringLiteral("port.https")}));
}

void TestCheckVerdicts::health_forExample_checksSiteFlowerManagementAndCertificates()
{
    const QStringList ids = CheckSuite::ids(CheckSuite::Kind::Health, Project::example(), CheckOptions());
    QCOMPARE(ids,
             (QStringList{QStringLiteral("http.site"), QStringLiteral("http.redirect"), QStringLiteral("http.flower"),
                          QStringLiteral("http.rabbitmq"), QStringLiteral("tls.site.fictionaljobrunner.com"),
                          QStringLiteral("tls.site.www.fictionaljobrunner.com"), QStringLiteral("tls.amqps")}));
}

void TestCheckVerdicts::health_withPassword_addsFlowerLogin()
{
    CheckOptions options;
    options.flowerPassword = QStringLiteral("hunter2");
    const QStringList ids = CheckSuite::ids(CheckSuite::Kind::Health, Project::example(), options);
    QCOMPARE(ids.indexOf(QStringLiteral("http.flower-login")), ids.indexOf(QStringLiteral("http.flower")) + 1);
}

void TestCheckVerdicts::health_withoutTls_hasNoRedirectOrCertificates()
{
    Project p = Project::example();
    QVERIFY(p.setValue(Key::TlsEnabled, false));
    QVERIFY(p.setValue(Key::FlowerEnabled, false));
    const QStringList ids = CheckSuite::ids(CheckSuite::Kind::Health, p, CheckOptions());
    QCOMPARE(ids, (QStringList{QStringLiteral("http.site"), QStringLiteral("http.rabbitmq")}));
}

void TestCheckVerdicts::dns_matchingAddresses_passes()
{
    const CheckResult r = DnsProbe::compare(Www, {ip("198.51.100.4")}, QString(), QStringLiteral("deploy"),
                                            {ip("198.51.100.4")}, QString());
    QCOMPARE(r.verdict, CheckVerdict::Pass);
    QVERIFY(r.remedy.isEmpty());
}

void TestCheckVerdicts::dns_otherAddress_failsWithAliasRemedy()
{
    const CheckResult r = DnsProbe::compare(Www, {ip("203.0.113.9")}, QString(), QStringLiteral("deploy.example.com"),
                                            {ip("198.51.100.4")}, QString());
    QCOMPARE(r.verdict, CheckVerdict::Fail);
    QVERIFY2(r.detail.contains(QStringLiteral("203.0.113.9")) && r.detail.contains(QStringLiteral("198.51.100.4")),
             qPrintable(r.detail));
    QCOMPARE(r.remedy, QStringLiteral("fix the A/ALIAS record of www.example.com to point to 198.51.100.4"));
}

void TestCheckVerdicts::dns_extraAddress_fails()
{
    const CheckResult r = DnsProbe::compare(Www, {ip("198.51.100.4"), ip("203.0.113.9")}, QString(),
                                            QStringLiteral("deploy"), {ip("198.51.100.4")}, QString());
    QCOMPARE(r.verdict, CheckVerdict::Fail);
    QVERIFY2(r.remedy.contains(QStringLiteral("203.0.113.9")), qPrintable(r.remedy));
}

void TestCheckVerdicts::dns_unresolved_failsNamingTarget()
{
    const CheckResult r = DnsProbe::compare(Www, {}, QStringLiteral("www.example.com does not resolve"),
                                            QStringLiteral("deploy"), {ip("198.51.100.4")}, QString());
    QCOMPARE(r.verdict, CheckVerdict::Fail);
    QCOMPARE(r.detail, QStringLiteral("www.example.com does not resolve"));
    QVERIFY2(r.remedy.contains(QStringLiteral("198.51.100.4")), qPrintable(r.remedy));
}

void TestCheckVerdicts::dns_aaaaWithoutIpv6DeployHost_warns()
{
    const CheckResult r = DnsProbe::compare(Www, {ip("198.51.100.4"), ip("2001:db8::1")}, QString(),
                                            QStringLiteral("198.51.100.4"), {ip("198.51.100.4")}, QString());
    QCOMPARE(r.verdict, CheckVerdict::Warn);
    QVERIFY2(r.remedy.contains(QStringLiteral("AAAA")), qPrintable(r.remedy));
}

void TestCheckVerdicts::dns_deployHostUnresolved_warns()
{
    const CheckResult r = DnsProbe::compare(Www, {ip("198.51.100.4")}, QString(), QStringLiteral("myalias"), {},
                                            QStringLiteral("myalias does not resolve"));
    QCOMPARE(r.verdict, CheckVerdict::Warn);
    QVERIFY(r.remedy.contains(Key::SshHost));
}

void TestCheckVerdicts::http_judge_data()
{
    QTest::addColumn<int>("expect");
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<QByteArray>("authenticate");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("remedyPart");

    using E = HttpProbe::Expect;
    const int pass = int(CheckVerdict::Pass);
    const int warn = int(CheckVerdict::Warn);
    const int fail = int(CheckVerdict::Fail);
    const QString site = QStringLiteral("https://www.example.com/");
    const QString plain = QStringLiteral("http://www.example.com/");
    const QString flower = QStringLiteral("https://www.example.com/flower/");
    const QString rabbit = QStringLiteral("https://www.example.com/rabbitmq/");
    QTest::newRow("site 200") << int(E::Site) << site << 200 << QByteArray() << QByteArray() << QByteArray() << pass
                              << QString();
    QTest::newRow("site 302 same host") << int(E::Site) << site << 302 << QByteArray("/login/") << QByteArray()
                                        << QByteArray() << pass << QString();
    QTest::newRow("site 301 elsewhere") << int(E::Site) << site << 301 << QByteArray("https://example.com/")
                                        << QByteArray() << QByteArray() << warn << QStringLiteral("DJANGO_BASE_URL");
    QTest::newRow("site 400") << int(E::Site) << site << 400 << QByteArray() << QByteArray() << QByteArray() << fail
                              << QStringLiteral("ALLOWED_HOSTS");
    QTest::newRow("site 502") << int(E::Site) << site << 502 << QByteArray() << QByteArray() << QByteArray() << fail
                              << QStringLiteral("emperor.uwsgi");
    QTest::newRow("redirect ok") << int(E::HttpsRedirect) << plain << 301 << QByteArray("https://www.example.com/")
                                 << QByteArray() << QByteArray() << pass << QString();
    QTest::newRow("redirect to http") << int(E::HttpsRedirect) << plain << 301 << QByteArray("http://www.example.com/x")
                                      << QByteArray() << QByteArray() << fail << QStringLiteral("$request_uri");
    QTest::newRow("no redirect") << int(E::HttpsRedirect) << plain << 200 << QByteArray() << QByteArray()
                                 << QByteArray() << fail << QStringLiteral("redirect port 80");
    QTest::newRow("flower 401 basic") << int(E::AuthChallenge) << flower << 401 << QByteArray()
                                      << QByteArray("Basic realm=\"flower\"") << QByteArray() << pass << QString();
    QTest::newRow("flower open") << int(E::AuthChallenge) << flower << 200 << QByteArray() << QByteArray()
                                 << QByteArray() << fail << QStringLiteral("FLOWER_BASIC_AUTH");
    QTest::newRow("flower down") << int(E::AuthChallenge) << flower << 502 << QByteArray() << QByteArray()
                                 << QByteArray() << fail << QStringLiteral("systemctl status flower");
    QTest::newRow("login ok") << int(E::Login) << flower << 200 << QByteArray() << QByteArray() << QByteArray() << pass
                              << QString();
    QTest::newRow("login refused") << int(E::Login) << flower << 401 << QByteArray() << QByteArray() << QByteArray()
                                   << fail << QStringLiteral("keychain");
    QTest::newRow("management ui") << int(E::ManagementUi) << rabbit << 200 << QByteArray() << QByteArray()
                                   << QByteArray("<title>RabbitMQ Management</title>") << pass << QString();
    QTest::newRow("management other page")
        << int(E::ManagementUi) << rabbit << 200 << QByteArray() << QByteArray() << QByteArray("<title>saltant</title>")
        << warn << QStringLiteral("management.path_prefix");
    QTest::newRow("management 404") << int(E::ManagementUi) << rabbit << 404 << QByteArray() << QByteArray()
                                    << QByteArray() << fail << QStringLiteral("management.path_prefix");
    QTest::newRow("management 502") << int(E::ManagementUi) << rabbit << 502 << QByteArray() << QByteArray()
                                    << QByteArray() << fail << QStringLiteral("rabbitmq_management");
}

void TestCheckVerdicts::http_judge()
{
    QFETCH(int, expect);
    QFETCH(QString, url);
    QFETCH(int, status);
    QFETCH(QByteArray, location);
    QFETCH(QByteArray, authenticate);
    QFETCH(QByteArray, body);
    QFETCH(int, verdict);
    QFETCH(QString, remedyPart);
    HttpProbe::Answer answer;
    answer.status = status;
    answer.location = location;
    answer.wwwAuthenticate = authenticate;
    answer.body = body;
    const CheckResult r =
        HttpProbe::judge(HttpProbe::Expect(expect), QUrl(url), answer, QStringLiteral("AzureDiamond"));
    QVERIFY2(int(r.verdict) == verdict, qPrintable(r.toLine()));
    QVERIFY2(r.detail.contains(QString::number(status)), qPrintable(r.detail));
    if (remedyPart.isEmpty()) {
        QVERIFY2(r.remedy.isEmpty(), qPrintable(r.remedy));
    } else {
        QVERIFY2(r.remedy.contains(remedyPart), qPrintable(r.remedy));
    }
}

void TestCheckVerdicts::http_transportErrors_fail()
{
    HttpProbe::Answer refused;
    refused.error = QNetworkReply::ConnectionRefusedError;
    refused.errorString = QStringLiteral("Connection refused");
    const CheckResult r =
        HttpProbe::judge(HttpProbe::Expect::Site, QUrl(QStringLiteral("https://www.example.com/")), refused);
    QCOMPARE(r.verdict, CheckVerdict::Fail);
    QVERIFY2(r.detail.contains(QStringLiteral("443")), qPrintable(r.detail));
    QVERIFY2(r.remedy.contains(QStringLiteral("open port 443")), qPrintable(r.remedy));

    HttpProbe::Answer handshake;
    handshake.error = QNetworkReply::SslHandshakeFailedError;
    handshake.sslErrors << QSslError(QSslError::CertificateExpired);
    const CheckResult t =
        HttpProbe::judge(HttpProbe::Expect::Site, QUrl(QStringLiteral("https://www.example.com/")), handshake);
    QCOMPARE(t.verdict, CheckVerdict::Fail);
    QVERIFY2(t.detail.contains(QStringLiteral("TLS")), qPrintable(t.detail));
}

QTEST_GUILESS_MAIN(TestCheckVerdicts)
#include "TestCheckVerdicts.moc"
