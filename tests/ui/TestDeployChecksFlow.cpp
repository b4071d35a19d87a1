#include "DeployWindowHarness.h"
#include "TlsPeer.h"
#include "UiTestMain.h"
#include "common/MessageBox.h"
#include "deploy/DeployController.h"
#include "deploy/DeployProgressDialog.h"
#include "deploy/HostKeyDialog.h"
#include "deploy/PlanDialog.h"
#include "panels/ChecksPanel.h"

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTreeWidget>
#include <memory>

using namespace saltant;

// The window's Deploy with "check before and after deploying" on, against a real sshd (SshdPeer) in front of a
// pretend server (DeployFixture): the preflight runs in the Server Checks panel first and its failures are asked
// about (MessageBox seam); No sends nothing, Yes deploys and the health checks run after. The panel's options send
// every name of the project to 127.0.0.1 and ports 80, 443 and 5671 to a closed port: nothing leaves loopback.
class TestDeployChecksFlow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void preflightFails_answerNo_sendsNothing();
    void preflightFails_answerYes_deploysThenHealthFails();
    void preflightCancelled_cancelsTheDeploy_sendsNothing();

private:
    template<class T>
    T* waitFor(const char* name) const
    {
        return m_h->waitFor<T>(name);
    }
    QStringList panelIds() const;
    QString panelRows() const;
    QString statusBarText() const { return m_h->window->statusBar()->currentMessage(); }

    std::unique_ptr<DeployWindowHarness> m_h;
    ChecksPanel* m_panel = nullptr;
};

void TestDeployChecksFlow::init()
{
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    m_h = std::make_unique<DeployWindowHarness>();
    QString error;
    QVERIFY2(m_h->start(&error), qPrintable(error));
    QVERIFY2(m_h->openWindow(m_h->knownHostsPath(), &error, DeployWindowHarness::ChecksAroundDeploy::AsSet),
             qPrintable(error));
    const Project& p = m_h->fixture->project;

    m_panel = qobject_cast<ChecksPanel*>(m_h->window->checksPanel(&error));
    QVERIFY2(m_panel, qPrintable(error));
    QCOMPARE(m_h->window->findChild<ChecksPanel*>(), m_panel);
    QVERIFY(m_h->window->findChild<QCheckBox*>(QStringLiteral("checksAroundDeploy"))->isChecked()); // the default
    CheckOptions o;
    o.timeoutMs = 15000;
    const QString domain = p.text(Key::ServerDomain);
    for (const QString& name : QStringList{domain, QStringLiteral("www.") + domain, p.text(Key::RabbitmqBrokerHost)}) {
        o.hostAddresses[name] = {QHostAddress(QHostAddress::LocalHost)};
    }
    const int closed = TlsPeer::freePort();
    o.portMap = {{80, closed}, {443, closed}, {5671, closed}};
    m_panel->setOptions(o);
    QCOMPARE(p.text(Key::SshHost), QStringLiteral("127.0.0.1")); // no name to resolve for SSH
}

void TestDeployChecksFlow::cleanup()
{
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    m_panel = nullptr;
    m_h->tearDown();
    m_h.reset();
}

QStringList TestDeployChecksFlow::panelIds() const
{
    QStringList ids;
    QTreeWidget* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("checksList"));
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        ids << list->topLevelItem(i)->data(ChecksPanel::CheckColumn, Qt::UserRole).toString();
    }
    return ids;
}

QString TestDeployChecksFlow::panelRows() const
{
    QStringList lines{m_panel->findChild<QLabel*>(QStringLiteral("checksStatus"))->text()};
    QTreeWidget* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("checksList"));
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = list->topLevelItem(i);
        lines << item->toolTip(ChecksPanel::CheckColumn) + QStringLiteral(": ") +
                     item->text(ChecksPanel::DetailColumn) + QStringLiteral(" | ") +
                     item->text(ChecksPanel::RemedyColumn);
    }
    return lines.join(QLatin1Char('\n'));
}

void TestDeployChecksFlow::preflightFails_answerNo_sendsNothing()
{
    const QString before = m_h->fixture->treeSignature();
    MessageBox::setNextAnswer(QMessageBox::No);
    auto* deployAction = m_h->window->findChild<QAction*>(QStringLiteral("actionDeploy"));
    deployAction->trigger();
    QVERIFY(m_h->controller()->isRunning());
    QVERIFY(!deployAction->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!m_h->controller()->isRunning(), 60000);

    const QString question = MessageBox::lastQuestion();
    QVERIFY2(question.startsWith(QStringLiteral("3 preflight checks failed; the Server Checks panel says what was "
                                                "found and what to do.")),
             qPrintable(question));
    QVERIFY2(question.contains(QStringLiteral("show the plan anyway?")), qPrintable(question));
    // The panel shows the preflight that was asked about.
    QCOMPARE(panelIds().size(), 6);
    for (const QString& id :
         {QStringLiteral("port.http"), QStringLiteral("port.https"), QStringLiteral("port.amqps")}) {
        QVERIFY2(panelIds().contains(id), qPrintable(panelRows()));
    }
    QVERIFY2(panelRows().startsWith(QStringLiteral("3 of 6 checks failed.")), qPrintable(panelRows()));
    QVERIFY2(panelRows().contains(QStringLiteral("Failed (port.amqps): port 5671 closed on fictionaljobrunner.com")),
             qPrintable(panelRows()));
    QVERIFY(m_h->window->findChild<QDockWidget*>(QStringLiteral("checksDock"))->isVisible());

    QCOMPARE(statusBarText(), QStringLiteral("Deploy cancelled after the preflight checks; nothing was sent."));
    QVERIFY(!m_h->window->findChild<HostKeyDialog*>(QStringLiteral("hostKeyDialog")));
    QVERIFY(!m_h->window->findChild<PlanDialog*>(QStringLiteral("planDialog")));
    QVERIFY(!QFile::exists(m_h->knownHostsPath())); // never connected
    QVERIFY2(m_h->fixture->calls().isEmpty(), qPrintable(m_h->fixture->calls().join(QLatin1Char('\n'))));
    QCOMPARE(m_h->fixture->treeSignature(), before);
    QVERIFY(deployAction->isEnabled());
}

void TestDeployChecksFlow::preflightFails_answerYes_deploysThenHealthFails()
{
    const QString before = m_h->fixture->treeSignature();
    MessageBox::setNextAnswer(QMessageBox::Yes);
    m_h->window->findChild<QAction*>(QStringLiteral("actionDeploy"))->trigger();

    auto* hostKey = waitFor<HostKeyDialog>("hostKeyDialog");
    QVERIFY(hostKey);
    QVERIFY2(MessageBox::lastQuestion().startsWith(QStringLiteral("3 preflight checks failed")),
             qPrintable(MessageBox::lastQuestion()));
    hostKey->findChild<QPushButton*>(QStringLiteral("acceptHostKeyButton"))->click();
    auto* plan = waitFor<PlanDialog>("planDialog");
    QVERIFY(plan);
    plan->findChild<QPushButton*>(QStringLiteral("confirmDeployButton"))->click();
    auto* progress = waitFor<DeployProgressDialog>("deployProgressDialog");
    QVERIFY(progress);
    QTRY_VERIFY_WITH_TIMEOUT(progress->isFinished(), 120000);
    QCOMPARE(m_h->controller()->lastReport().outcome, DeployReport::Outcome::Deployed);
    QVERIFY(m_h->fixture->treeSignature() != before);
    QVERIFY(!m_h->fixture->callsOf(QStringLiteral("systemctl")).isEmpty());

    // Health runs in the panel after the deploy, with the Flower login from the deploy's secrets.
    QTRY_VERIFY_WITH_TIMEOUT(!m_h->controller()->isRunning(), 60000);
    const QStringList ids = panelIds();
    QCOMPARE(ids.size(), 8);
    QCOMPARE(ids.first(), QStringLiteral("http.site"));
    QVERIFY2(ids.contains(QStringLiteral("http.flower-login")), qPrintable(panelRows()));
    QVERIFY2(panelRows().startsWith(QStringLiteral("8 of 8 checks failed.")), qPrintable(panelRows()));
    QVERIFY2(panelRows().contains(QStringLiteral("Failed (http.site): https://www.fictionaljobrunner.com/: port 443 "
                                                 "refused the connection")),
             qPrintable(panelRows()));
    QCOMPARE(statusBarText(), QStringLiteral("Deployed, but 8 health checks failed: see Server Checks."));
    QPointer<DeployProgressDialog> guard(progress);
    progress->findChild<QPushButton*>(QStringLiteral("closeDeployButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 10000);
}

void TestDeployChecksFlow::preflightCancelled_cancelsTheDeploy_sendsNothing()
{
    // The probes report from the event loop, so Cancel right after the trigger lands while the preflight runs.
    const QString before = m_h->fixture->treeSignature();
    MessageBox::setNextAnswer(QMessageBox::Yes); // would go on if asked: Cancel must stop it before that
    auto* deployAction = m_h->window->findChild<QAction*>(QStringLiteral("actionDeploy"));
    deployAction->trigger();
    QVERIFY(m_panel->isRunning());
    auto* cancel = m_panel->findChild<QPushButton*>(QStringLiteral("cancelButton"));
    QVERIFY(cancel->isEnabled());
    cancel->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_h->controller()->isRunning(), 60000);

    QCOMPARE(statusBarText(), QStringLiteral("Deploy cancelled during the preflight checks; nothing was sent."));
    QVERIFY(!m_h->window->findChild<HostKeyDialog*>(QStringLiteral("hostKeyDialog")));
    QVERIFY(!m_h->window->findChild<PlanDialog*>(QStringLiteral("planDialog")));
    QVERIFY(!QFile::exists(m_h->knownHostsPath()));
    QVERIFY2(m_h->fixture->calls().isEmpty(), qPrintable(m_h->fixture->calls().join(QLatin1Char('\n'))));
    QCOMPARE(m_h->fixture->treeSignature(), before);
    QVERIFY(deployAction->isEnabled());
}

SALTANT_UI_TEST_MAIN(TestDeployChecksFlow)
#include "TestDeployChecksFlow.moc"
#include "model/SettingKeys.h"
