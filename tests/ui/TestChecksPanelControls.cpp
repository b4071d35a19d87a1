#include "ChecksPanelHarness.h"
#include "MemorySecretStore.h"
#include "UiTestMain.h"

#include <QCheckBox>
#include <QSettings>
#include <QSpinBox>
#include <QTcpServer>

using namespace saltant;

// The Server Checks panel's controls: Cancel stops a run (against a server that accepts and never answers, or
// while the keychain is read) and leaves the panel ready for the next, and its settings outlive the panel.
class TestChecksPanelControls : public QObject, public ChecksPanelHarness
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void cancel_stopsRunAndReenablesButtons();
    void cancel_whileReadingFlowerPassword_runsNothing();
    void settings_persistAcrossNewPanel();

private:
    QTcpServer m_listener;
    Project m_project;
};

void TestChecksPanelControls::initTestCase()
{
    QVERIFY(m_listener.listen(QHostAddress::LocalHost));
    m_project = Project::example();
    QVERIFY(m_project.setValue(Key::ServerDomain, QStringLiteral("localhost")));
    QVERIFY(m_project.setValue(Key::SshHost, QStringLiteral("localhost")));
}

void TestChecksPanelControls::init()
{
    QSettings().clear();
    QVERIFY(openPanel(m_project));
}

void TestChecksPanelControls::cleanup()
{
    closePanel();
}

void TestChecksPanelControls::cancel_stopsRunAndReenablesButtons()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    m_panel->setOptions(silentOptions(silent.serverPort()));
    m_panel->findChild<QSpinBox*>(QStringLiteral("checkTimeout"))->setValue(300);
    button("healthButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 30000);
    QVERIFY(m_panel->isRunning());
    QVERIFY(button("cancelButton")->isEnabled());
    button("cancelButton")->click();
    QVERIFY(m_finished->wait(30000));
    QCOMPARE(m_finished->size(), 1);
    QCOMPARE(m_finished->last(), (QList<QVariant>{true, 0}));
    QCOMPARE(status(), QStringLiteral("Cancelled after 0 of 7 checks."));
    QVERIFY(ids().isEmpty());
    QVERIFY(!m_panel->isRunning());
    QVERIFY(button("preflightButton")->isEnabled() && button("healthButton")->isEnabled());
    QVERIFY(!button("cancelButton")->isEnabled());

    // The panel is ready for the next run.
    m_panel->setOptions(preflightOptions(m_listener.serverPort(), m_listener.serverPort()));
    VERIFY_RUN("preflightButton");
    QCOMPARE(status(), QStringLiteral("All 6 checks passed."));
}

void TestChecksPanelControls::cancel_whileReadingFlowerPassword_runsNothing()
{
    MemorySecretStore store(m_project.projectId());
    QVERIFY(store.writeNow(QStringLiteral("flower.password"), QStringLiteral("hunter2")).ok);
    m_panel->setSecretStore(&store);
    m_panel->setOptions(preflightOptions(m_listener.serverPort(), m_listener.serverPort()));
    QSignalSpy answered(&store, &SecretStore::finished);
    button("healthButton")->click();
    QVERIFY(m_panel->isRunning());
    button("cancelButton")->click();
    QCOMPARE(m_finished->size(), 1);
    QCOMPARE(m_finished->last(), (QList<QVariant>{true, 0}));
    QCOMPARE(status(), QStringLiteral("Cancelled."));
    QVERIFY(button("healthButton")->isEnabled());
    // The keychain's late answer starts nothing.
    QVERIFY(answered.wait(30000));
    QCoreApplication::processEvents();
    QVERIFY(!m_panel->isRunning());
    QVERIFY(ids().isEmpty());
    QCOMPARE(m_finished->size(), 1);
}

void TestChecksPanelControls::settings_persistAcrossNewPanel()
{
    auto* around = m_panel->findChild<QCheckBox*>(QStringLiteral("checksAroundDeploy"));
    auto* timeout = m_panel->findChild<QSpinBox*>(QStringLiteral("checkTimeout"));
    QVERIFY(around && timeout);
    QVERIFY(around->isChecked() && m_panel->checksAroundDeploy()); // on by default
    QCOMPARE(timeout->value(), 10);
    // The settings live in the test's temporary HOME (UiTestMain), never in the real one.
    QVERIFY2(QSettings().fileName().startsWith(qEnvironmentVariable("HOME") + QLatin1Char('/')),
             qPrintable(QSettings().fileName()));
    around->click();
    timeout->setValue(7);
    QVERIFY(!m_panel->checksAroundDeploy());

    ChecksPanel second;
    QVERIFY(!second.checksAroundDeploy());
    QVERIFY(!second.findChild<QCheckBox*>(QStringLiteral("checksAroundDeploy"))->isChecked());
    QCOMPARE(second.findChild<QSpinBox*>(QStringLiteral("checkTimeout"))->value(), 7);
    QCOMPARE(second.options().timeoutMs, 7000);
    second.findChild<QCheckBox*>(QStringLiteral("checksAroundDeploy"))->click();

    ChecksPanel third;
    QVERIFY(third.checksAroundDeploy());
    QCOMPARE(third.options().timeoutMs, 7000);
}

SALTANT_UI_TEST_MAIN(TestChecksPanelControls)
#include "TestChecksPanelControls.moc"
#include "model/SettingKeys.h"
