#include "ChecksPanelHarness.h"
#include "TlsPeer.h"
#include "UiTestMain.h"

#include <QSettings>
#include <QTcpServer>

using namespace saltant;

// The Server Checks panel's preflight (names resolve, ports open) driven by its button against 127.0.0.1: a
// listening port and a closed one, names under *.invalid. Each row must show its verdict (icon and tooltip), what
// was found and what to do.
class TestChecksPanelPreflight : public QObject, public ChecksPanelHarness
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void preflight_localServer_everyRowPasses();
    void preflight_unresolvableName_remedyAddsDnsRecord();
    void preflight_closedPort_remedyOpensFirewall();

private:
    QTcpServer m_listener;
    Project m_project;
};

void TestChecksPanelPreflight::initTestCase()
{
    QVERIFY(m_listener.listen(QHostAddress::LocalHost));
    m_project = Project::example();
    QVERIFY(m_project.setValue(Key::ServerDomain, QStringLiteral("localhost")));
    QVERIFY(m_project.setValue(Key::SshHost, QStringLiteral("localhost")));
    QVERIFY(verdictIconsDiffer());
}

void TestChecksPanelPreflight::init()
{
    QSettings().clear();
    QVERIFY(openPanel(m_project));
}

void TestChecksPanelPreflight::cleanup()
{
    closePanel();
}

void TestChecksPanelPreflight::preflight_localServer_everyRowPasses()
{
    m_panel->setOptions(preflightOptions(m_listener.serverPort(), m_listener.serverPort()));
    QSignalSpy started(m_panel.get(), &ChecksPanel::started);
    QVERIFY(button("cancelButton") && !button("cancelButton")->isEnabled());
    button("preflightButton")->click();
    QCOMPARE(started.size(), 1);
    QVERIFY(!button("preflightButton")->isEnabled() && !button("healthButton")->isEnabled());
    QVERIFY(button("cancelButton")->isEnabled());
    QVERIFY2(status().startsWith(QStringLiteral("Checking")), qPrintable(status()));
    QVERIFY(m_finished->wait(60000));
    QCOMPARE(m_finished->last(), (QList<QVariant>{false, 0}));
    QCOMPARE(ids(), (QStringList{QStringLiteral("dns.localhost"), QStringLiteral("dns.www.localhost"),
                                 QStringLiteral("port.ssh"), QStringLiteral("port.http"), QStringLiteral("port.https"),
                                 QStringLiteral("port.amqps")}));
    VERIFY_EVERY_ROW(CheckVerdict::Pass);
    QCOMPARE(status(), QStringLiteral("All 6 checks passed."));
    VERIFY_TEXT("dns.www.localhost", DetailColumn, contains, "resolves to 127.0.0.1, the deploy host");
    QVERIFY(button("preflightButton")->isEnabled() && button("healthButton")->isEnabled());
    QVERIFY(!button("cancelButton")->isEnabled());
    QCOMPARE(m_panel->results().size(), 6);
}

void TestChecksPanelPreflight::preflight_unresolvableName_remedyAddsDnsRecord()
{
    Project p = m_project;
    QVERIFY(p.setValue(Key::ServerDomain, QStringLiteral("nonexistent.invalid")));
    QVERIFY(p.setValue(Key::SshHost, QStringLiteral("127.0.0.1")));
    m_panel->setProject(p);
    m_panel->setOptions(preflightOptions(m_listener.serverPort(), m_listener.serverPort()));
    VERIFY_RUN("preflightButton");
    for (const QString& name : {QStringLiteral("nonexistent.invalid"), QStringLiteral("www.nonexistent.invalid")}) {
        VERIFY_ROW(QStringLiteral("dns.") + name, CheckVerdict::Fail);
        VERIFY_TEXT(QStringLiteral("dns.") + name, DetailColumn, contains, "does not resolve");
        QCOMPARE(text(QStringLiteral("dns.") + name, ChecksPanel::RemedyColumn),
                 QStringLiteral("add an A (or ALIAS) record for %1 pointing to 127.0.0.1").arg(name));
    }
    VERIFY_ROW("port.ssh", CheckVerdict::Pass);
    // The web and broker ports are on the unresolvable name: they fail too.
    VERIFY_ROW("port.http", CheckVerdict::Fail);
    VERIFY_ROW("port.amqps", CheckVerdict::Fail);
    QCOMPARE(countShown(CheckVerdict::Fail), 5);
    QCOMPARE(status(), QStringLiteral("5 of 6 checks failed."));
}

void TestChecksPanelPreflight::preflight_closedPort_remedyOpensFirewall()
{
    m_panel->setOptions(preflightOptions(m_listener.serverPort(), TlsPeer::freePort()));
    VERIFY_RUN("preflightButton");
    VERIFY_ROW("port.amqps", CheckVerdict::Fail);
    QCOMPARE(text("port.amqps", ChecksPanel::CheckColumn), QStringLiteral("AMQPS port"));
    VERIFY_TEXT("port.amqps", DetailColumn, startsWith, "port 5671 closed on localhost");
    QCOMPARE(text("port.amqps", ChecksPanel::RemedyColumn),
             QStringLiteral("port 5671 closed: open it in the instance's firewall/security group and check that "
                            "RabbitMQ listens on it"));
    VERIFY_ROW("port.https", CheckVerdict::Pass);
    QCOMPARE(status(), QStringLiteral("1 of 6 checks failed."));
}

SALTANT_UI_TEST_MAIN(TestChecksPanelPreflight)
#include "TestChecksPanelPreflight.moc"
#include "model/SettingKeys.h"
