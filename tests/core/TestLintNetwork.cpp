#include "TestLintSupport.h"

using namespace saltant;
using lintcheck::row;

class TestLintNetwork : public QObject
{
    Q_OBJECT

private slots:
    void rule_firesQuietAndFixes_data();
    void rule_firesQuietAndFixes() { lintcheck::verifyRow(); }
    void portConflict_namesBothServicesAndPort();
    void socketFix_followsVassalName();
};

void TestLintNetwork::rule_firesQuietAndFixes_data()
{
    lintcheck::addColumns();
    const auto E = Severity::Error;
    const auto W = Severity::Warning;
    row("http only", "site-without-tls", {"tls.enabled=false", "rabbitmq.onNetwork=false"}, {"tls.enabled=true"}, W,
        Key::TlsEnabled, true);
    row("acme staging", "acme-staging-server",
        {"tls.acmeServer=https://acme-staging-v02.api.letsencrypt.org/directory"},
        {"tls.acmeServer=https://acme.internal.example.com/directory"}, Severity::Info, Key::TlsAcmeServer, true);
    row("socket in /tmp", "uwsgi-socket-in-tmp", {"uwsgi.socketPath=/tmp/saltant.sock"},
        {"uwsgi.socketPath=/run/saltant-web/app.sock"}, W, Key::UwsgiSocketPath, true);
    row("socket in /dev/shm", "uwsgi-socket-in-tmp", {"uwsgi.socketPath=/dev/shm/uwsgi/saltant.sock"},
        {"uwsgi.socketPath=/var/lib/uwsgi/saltant.sock"}, W, Key::UwsgiSocketPath, true);
    row("socket in /var/lib", "uwsgi-socket-outside-runtime-dir", {"uwsgi.socketPath=/var/lib/uwsgi/saltant.sock"},
        {"uwsgi.socketPath=/run/saltant-web/app.sock"}, W, Key::UwsgiSocketPath, true);
    row("socket directly in /run", "uwsgi-socket-outside-runtime-dir", {"uwsgi.socketPath=/run/saltant.sock"},
        {"uwsgi.socketPath=/tmp/saltant.sock"}, W, Key::UwsgiSocketPath, true);
    row("flower on management path", "location-conflict", {"flower.urlPrefix=rabbitmq"},
        {"flower.urlPrefix=rabbitmq", "flower.enabled=false"}, E, Key::FlowerUrlPrefix, true);
    row("flower on static", "location-conflict", {"flower.urlPrefix=static"}, {"flower.urlPrefix=tasks"}, E,
        Key::FlowerUrlPrefix, true);
    row("management on static", "location-conflict", {"rabbitmq.managementPrefix=static"},
        {"rabbitmq.managementPrefix=mq"}, E, Key::RabbitmqManagementPrefix, true);
    row("flower on management port", "port-conflict", {"flower.port=15672"},
        {"flower.port=15672", "flower.enabled=false"}, E, Key::FlowerPort, true);
    row("management on https port", "port-conflict", {"rabbitmq.managementPort=443"},
        {"rabbitmq.managementPort=443", "tls.enabled=false", "rabbitmq.onNetwork=false"}, E,
        Key::RabbitmqManagementPort, true);
    row("postgres on amqps port", "port-conflict", {"database.port=5671"},
        {"database.port=5671", "database.host=db.fictionaljobrunner.com"}, E, Key::DatabasePort, true);
    row("flower on epmd port", "port-conflict", {"flower.port=4369"}, {"flower.port=5556"}, E, Key::FlowerPort, true);
    row("papertrail plain", "papertrail-without-tls", {"papertrail.enabled=true", "papertrail.tls=false"},
        {"papertrail.enabled=false", "papertrail.tls=false"}, W, Key::PapertrailTls, true);
}

void TestLintNetwork::portConflict_namesBothServicesAndPort()
{
    Project p = Project::example();
    QVERIFY(lintcheck::apply(p, {"flower.port=15672"}));
    const QList<LintIssue> found = lintcheck::lint(p, lintcheck::secrets(), QStringLiteral("port-conflict"));
    QCOMPARE(found.size(), 1);
    const QString m = found.first().message;
    QVERIFY2(m.contains(QStringLiteral("Flower")) && m.contains(QStringLiteral("RabbitMQ management UI")) &&
                 m.contains(QStringLiteral("15672")),
             qPrintable(m));
    QVERIFY(Linter::applyFix(p, *found.first().fix, nullptr));
    QCOMPARE(p.integer(Key::FlowerPort), 5555);
}

void TestLintNetwork::socketFix_followsVassalName()
{
    Project p = Project::example();
    QVERIFY(lintcheck::apply(p, {"uwsgi.socketPath=/tmp/app.sock", "uwsgi.vassalName=jobs"}));
    const QList<LintIssue> found = lintcheck::lint(p, lintcheck::secrets(), QStringLiteral("uwsgi-socket-in-tmp"));
    QCOMPARE(found.size(), 1);
    QVERIFY(Linter::applyFix(p, *found.first().fix, nullptr));
    QCOMPARE(p.text(Key::UwsgiSocketPath), QStringLiteral("/run/uwsgi/jobs.sock"));
}

QTEST_GUILESS_MAIN(TestLintNetwork)
#include "TestLintNetwork.moc"
#include "model/SettingKeys.h"
