#include "TestLintSupport.h"

using namespace saltant;
using lintcheck::row;

class TestLintRabbitMq : public QObject
{
    Q_OBJECT

private slots:
    void rule_firesQuietAndFixes_data();
    void rule_firesQuietAndFixes() { lintcheck::verifyRow(); }
    void guideBrokerIp_isNamedInMessage();
};

void TestLintRabbitMq::rule_firesQuietAndFixes_data()
{
    lintcheck::addColumns();
    const auto E = Severity::Error;
    const auto W = Severity::Warning;
    row("amqp scheme on TLS listener", "broker-url-not-tls", {"rabbitmq.brokerScheme=amqp"},
        {"rabbitmq.brokerScheme=amqp", "rabbitmq.onNetwork=false"}, E, Key::RabbitmqBrokerScheme, true);
    row("amqps on plain listener", "amqps-without-tls-listener",
        {"rabbitmq.brokerScheme=amqps", "rabbitmqTls.enabled=false"}, {"rabbitmq.brokerScheme=amqps"}, E,
        Key::RabbitmqBrokerScheme, true);
    row("amqps on localhost", "amqps-without-tls-listener", {"rabbitmq.brokerScheme=amqps", "rabbitmq.onNetwork=false"},
        {"rabbitmq.brokerScheme=pyamqp", "rabbitmq.onNetwork=false"}, E, Key::RabbitmqBrokerScheme, true);
    row("plain on network", "amqp-plain-on-network", {"rabbitmqTls.enabled=false"},
        {"rabbitmqTls.enabled=false", "rabbitmq.onNetwork=false"}, W, Key::RabbitmqTlsEnabled, true);
    row("plain on network, amqp, no https", "amqp-plain-on-network",
        {"rabbitmqTls.enabled=false", "tls.enabled=false", "rabbitmq.brokerScheme=amqp"}, {"rabbitmqTls.enabled=true"},
        W, Key::RabbitmqTlsEnabled, true);
    row("amqp tls without certificate", "amqp-tls-needs-certificate", {"tls.enabled=false"},
        {"tls.enabled=false", "rabbitmq.onNetwork=false"}, E, Key::TlsEnabled, true);
    row("guide's broker ip", "broker-host-not-in-certificate", {"rabbitmq.brokerHost=192.168.1.100"},
        {"rabbitmq.brokerHost=www.fictionaljobrunner.com"}, E, Key::RabbitmqBrokerHost, true);
    row("broker host www without alias", "broker-host-not-in-certificate",
        {"rabbitmq.brokerHost=www.fictionaljobrunner.com", "server.wwwAlias=false"},
        {"rabbitmq.brokerHost=192.168.1.100", "rabbitmqTls.enabled=false"}, E, Key::RabbitmqBrokerHost, true);
    row("certificate unreadable", "amqp-tls-cert-unreadable", {"rabbitmqTls.grantCertAccess=false"},
        {"rabbitmqTls.grantCertAccess=false", "rabbitmq.onNetwork=false"}, E, Key::RabbitmqTlsGrantCertAccess, true);
    row("client certificate required", "amqp-tls-requires-client-cert", {"rabbitmqTls.failIfNoPeerCert=true"},
        {"rabbitmqTls.failIfNoPeerCert=true", "rabbitmqTls.enabled=false"}, E, Key::RabbitmqTlsFailIfNoPeerCert, true);
    row("guest kept", "guest-user-kept", {"rabbitmq.removeGuest=false"}, {"rabbitmq.removeGuest=true"}, W,
        Key::RabbitmqRemoveGuest, true);
    row("vhost / kept", "default-vhost-kept", {"rabbitmq.removeDefaultVhost=false"},
        {"rabbitmq.removeDefaultVhost=true"}, W, Key::RabbitmqRemoveDefaultVhost, true);
}

void TestLintRabbitMq::guideBrokerIp_isNamedInMessage()
{
    Project p = Project::example();
    QVERIFY(lintcheck::apply(p, {"rabbitmq.brokerHost=192.168.1.100"}));
    const QList<LintIssue> found =
        lintcheck::lint(p, lintcheck::secrets(), QStringLiteral("broker-host-not-in-certificate"));
    QCOMPARE(found.size(), 1);
    QVERIFY(found.first().message.contains(QStringLiteral("192.168.1.100")));
    QVERIFY(found.first().message.contains(QStringLiteral("www.fictionaljobrunner.com")));
    QVERIFY(Linter::applyFix(p, *found.first().fix, nullptr));
    QCOMPARE(p.stored(Key::RabbitmqBrokerHost).toString(), QString());
    QCOMPARE(p.text(Key::RabbitmqBrokerHost), QStringLiteral("fictionaljobrunner.com"));
}

QTEST_GUILESS_MAIN(TestLintRabbitMq)
#include "TestLintRabbitMq.moc"
#include "model/SettingKeys.h"
