#include "TlsPeer.h"
#include "model/Project.h"
#include "net/CheckRunner.h"
#include "net/DnsProbe.h"
#include "net/TcpProbe.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace saltant;

// Preflight checks for real: names that resolve locally (localhost, *.localhost), a name that cannot resolve
// (*.invalid, answered without asking DNS), listening and closed ports on 127.0.0.1; and the CLI's `check`.
class TestChecksPreflight : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void localServer_everyCheckPasses();
    void unresolvableName_failsWithRecordRemedy();
    void nameOnAnotherAddress_failsWithAliasRemedy();
    void closedAmqpsPort_failsWithFirewallRemedy();
    void cli_printsOneLinePerCheckAndFailsOnClosedPort();

private:
    QList<CheckResult> run(const Project& project, const CheckOptions& options);
    static CheckResult find(const QList<CheckResult>& results, const QString& id);

    QTcpServer m_listener;
    Project m_project;
};

#define VERIFY_VERDICT(result, expected) QVERIFY2((result).verdict == (expected), qPrintable((result).toLine()))

void TestChecksPreflight::initTestCase()
{
    QVERIFY(m_listener.listen(QHostAddress::LocalHost));
    m_project = Project::example();
    QVERIFY(m_project.setValue(Key::ServerDomain, QStringLiteral("localhost")));
    QVERIFY(m_project.setValue(Key::SshHost, QStringLiteral("localhost")));
}

QList<CheckResult> TestChecksPreflight::run(const Project& project, const CheckOptions& options)
{
    CheckRunner runner;
    runner.setOptions(options);
    QSignalSpy finished(&runner, &CheckRunner::finished);
    QSignalSpy started(&runner, &CheckRunner::started);
    if (!runner.start(CheckSuite::Kind::Preflight, project) || !finished.wait(60000) || started.size() != 1 ||
        started.first().first().toInt() != runner.results().size()) {
        return {};
    }
    for (const CheckResult& result : runner.results()) {
        qInfo().noquote() << result.toLine();
    }
    return runner.results();
}

CheckResult TestChecksPreflight::find(const QList<CheckResult>& results, const QString& id)
{
    for (const CheckResult& result : results) {
        if (result.id == id) {
            return result;
        }
    }
    return CheckResult{id, QString(), CheckVerdict::Fail, QStringLiteral("not reported"), QString()};
}

void TestChecksPreflight::localServer_everyCheckPasses()
{
    CheckOptions o;
    o.timeoutMs = 15000;
    const int port = m_listener.serverPort();
    o.portMap = {{22, port}, {80, port}, {443, port}, {5671, port}};
    const QList<CheckResult> results = run(m_project, o);
    QStringList ids;
    for (const CheckResult& result : results) {
        ids << result.id;
        VERIFY_VERDICT(result, CheckVerdict::Pass);
    }
    QCOMPARE(ids, (QStringList{QStringLiteral("dns.localhost"), QStringLiteral("dns.www.localhost"),
                               QStringLiteral("port.ssh"), QStringLiteral("port.http"), QStringLiteral("port.https"),
                               QStringLiteral("port.amqps")}));
    QVERIFY2(find(results, QStringLiteral("dns.www.localhost")).detail.contains(QStringLiteral("127.0.0.1")),
             qPrintable(find(results, QStringLiteral("dns.www.localhost")).detail));
    QVERIFY2(find(results, QStringLiteral("port.amqps")).detail.contains(QStringLiteral("port 5671")),
             qPrintable(find(results, QStringLiteral("port.amqps")).detail));
}

void TestChecksPreflight::unresolvableName_failsWithRecordRemedy()
{
    Project p = m_project;
    QVERIFY(p.setValue(Key::ServerDomain, QStringLiteral("nonexistent.invalid")));
    QVERIFY(p.setValue(Key::SshHost, QStringLiteral("127.0.0.1")));
    CheckOptions o;
    o.timeoutMs = 15000;
    o.portMap = {{22, m_listener.serverPort()}};
    const QList<CheckResult> results = run(p, o);
    const CheckResult dns = find(results, QStringLiteral("dns.www.nonexistent.invalid"));
    VERIFY_VERDICT(dns, CheckVerdict::Fail);
    QVERIFY2(dns.detail.contains(QStringLiteral("does not resolve")), qPrintable(dns.detail));
    QCOMPARE(dns.remedy,
             QStringLiteral("add an A (or ALIAS) record for www.nonexistent.invalid pointing to 127.0.0.1"));
    VERIFY_VERDICT(find(results, QStringLiteral("port.http")), CheckVerdict::Fail);
    VERIFY_VERDICT(find(results, QStringLiteral("port.ssh")), CheckVerdict::Pass);
}

void TestChecksPreflight::nameOnAnotherAddress_failsWithAliasRemedy()
{
    // Only the DNS check: it never connects, so the documentation addresses are never contacted.
    CheckOptions o;
    o.timeoutMs = 15000;
    o.hostAddresses[QStringLiteral("www.example.com")] = {QHostAddress(QStringLiteral("203.0.113.9"))};
    DnsProbe probe(QStringLiteral("www.example.com"), QStringLiteral("127.0.0.1"), o);
    QSignalSpy finished(&probe, &CheckProbe::finished);
    probe.start();
    QVERIFY(finished.wait(30000));
    const CheckResult r = finished.first().first().value<CheckResult>();
    VERIFY_VERDICT(r, CheckVerdict::Fail);
    QCOMPARE(r.id, QStringLiteral("dns.www.example.com"));
    QCOMPARE(r.detail,
             QStringLiteral("www.example.com resolves to 203.0.113.9, the deploy host 127.0.0.1 is 127.0.0.1"));
    QCOMPARE(r.remedy, QStringLiteral("fix the A/ALIAS record of www.example.com to point to 127.0.0.1"));
}

void TestChecksPreflight::closedAmqpsPort_failsWithFirewallRemedy()
{
    CheckOptions o;
    o.timeoutMs = 15000;
    o.portMap = {{5671, TlsPeer::freePort()}};
    TcpProbe probe(QStringLiteral("port.amqps"), QStringLiteral("AMQPS port"), QStringLiteral("localhost"), 5671,
                   QStringLiteral("RabbitMQ"), o);
    QSignalSpy finished(&probe, &CheckProbe::finished);
    probe.start();
    QVERIFY(finished.wait(30000));
    const CheckResult r = finished.first().first().value<CheckResult>();
    VERIFY_VERDICT(r, CheckVerdict::Fail);
    QCOMPARE(r.remedy, QStringLiteral("port 5671 closed: open it in the instance's firewall/security group and check "
                                      "that RabbitMQ listens on it"));
}

void TestChecksPreflight::cli_printsOneLinePerCheckAndFailsOnClosedPort()
{
    const QString cli = QStringLiteral(SALTANT_BINARY_DIR "/app/saltant-deploy-cli");
    const QString open = QString::number(m_listener.serverPort());
    const QStringList common{QStringLiteral("check"),     QStringLiteral("--preflight"),
                             QStringLiteral("--timeout"), QStringLiteral("15000"),
                             QStringLiteral("--set"),     QStringLiteral("server.domain=localhost"),
                             QStringLiteral("--set"),     QStringLiteral("ssh.host=localhost"),
                             QStringLiteral("--port"),    QStringLiteral("22=") + open,
                             QStringLiteral("--port"),    QStringLiteral("80=") + open,
                             QStringLiteral("--port"),    QStringLiteral("443=") + open};
    QProcess process;
    process.start(cli, common + QStringList{QStringLiteral("--port"), QStringLiteral("5671=") + open});
    QVERIFY2(process.waitForFinished(60000), qPrintable(process.errorString()));
    QString out = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(process.exitCode() == 0, qPrintable(out + QString::fromUtf8(process.readAllStandardError())));
    QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    QVERIFY2(lines.first().startsWith(QStringLiteral("PASS  DNS of localhost: ")), qPrintable(lines.first()));

    process.start(cli, common + QStringList{QStringLiteral("--port"),
                                            QStringLiteral("5671=") + QString::number(TlsPeer::freePort())});
    QVERIFY2(process.waitForFinished(60000), qPrintable(process.errorString()));
    out = QString::fromUtf8(process.readAllStandardOutput());
    QCOMPARE(process.exitCode(), 1);
    lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    QVERIFY2(lines.last().startsWith(QStringLiteral("FAIL  AMQPS port: port 5671 closed on localhost")),
             qPrintable(lines.last()));
    QVERIFY2(lines.last().contains(QStringLiteral(" \u2014 port 5671 closed: open it in the instance's firewall")),
             qPrintable(lines.last()));

    process.start(cli, {QStringLiteral("check"), QStringLiteral("--port"), QStringLiteral("443")});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 2);
}

QTEST_GUILESS_MAIN(TestChecksPreflight)
#include "TestChecksPreflight.moc"
