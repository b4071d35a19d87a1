#include "DeployWindowHarness.h"
#include "UiTestMain.h"
#include "common/MessageBox.h"
#include "deploy/DeployController.h"
#include "deploy/DeployProgressDialog.h"
#include "deploy/HostKeyDialog.h"
#include "deploy/PlanDialog.h"
#include "generate/Renderer.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <memory>

using namespace saltant;

// The Deploy action of the window against a real sshd on loopback (SshdPeer) and a pretend server in a temporary
// directory (DeployFixture): host-key question, plan, deploy with progress, and a second deploy with nothing to do.
class TestDeployFlow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void unknownHostKey_acceptThenDeploy_thenNothingToDo();
    void unknownHostKey_rejected_sendsNothing();
    void keychainFailure_isShownAndNothingIsSent();

private:
    template<class T>
    T* waitFor(const char* name) const
    {
        return m_h->waitFor<T>(name);
    }
    template<class T>
    static T* child(QWidget* parent, const char* name)
    {
        return DeployWindowHarness::child<T>(parent, name);
    }
    int generatedFileCount() const;

    std::unique_ptr<DeployWindowHarness> m_h;
};

void TestDeployFlow::init()
{
    m_h = std::make_unique<DeployWindowHarness>();
    QString error;
    QVERIFY2(m_h->start(&error), qPrintable(error));
    // The network checks around a deploy would resolve the example's real domain: openWindow switches them off.
    QVERIFY2(m_h->openWindow(m_h->knownHostsPath(), &error), qPrintable(error));
}

void TestDeployFlow::cleanup()
{
    m_h->tearDown();
    m_h.reset();
}

int TestDeployFlow::generatedFileCount() const
{
    const SecretValues secrets = m_h->fixture->secrets();
    int count = 0;
    for (const GeneratedFile& file : Renderer::render(m_h->fixture->project, &secrets).files) {
        count += file.previewOnly ? 0 : 1;
    }
    return count;
}

void TestDeployFlow::unknownHostKey_acceptThenDeploy_thenNothingToDo()
{
    auto* deployAction = m_h->window->findChild<QAction*>(QStringLiteral("actionDeploy"));
    QVERIFY(deployAction);
    QCOMPARE(deployAction->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_D));
    deployAction->trigger();
    QVERIFY(!deployAction->isEnabled()); // one deploy at a time; the window stays responsive meanwhile
    // The deploy module created the window's controller for this first deploy.
    auto* controller = m_h->window->findChild<DeployController*>(QStringLiteral("deployController"));
    QVERIFY(controller);

    auto* hostKey = waitFor<HostKeyDialog>("hostKeyDialog");
    QVERIFY(hostKey);
    QCOMPARE(child<QLabel>(hostKey, "hostKeyFingerprint")->text(), m_h->peer->hostKeyFingerprint());
    QCOMPARE(child<QLabel>(hostKey, "hostKeyType")->text(), QStringLiteral("ssh-ed25519"));
    QVERIFY(child<QLabel>(hostKey, "hostKeyHost")->text().contains(QString::number(m_h->peer->port())));
    QVERIFY(!QFile::exists(m_h->knownHostsPath()));
    child<QPushButton>(hostKey, "acceptHostKeyButton")->click();

    auto* plan = waitFor<PlanDialog>("planDialog");
    QVERIFY(plan);
    QVERIFY(QFile::exists(m_h->knownHostsPath()));
    QTreeWidget* files = plan->files();
    QCOMPARE(files->topLevelItemCount(), generatedFileCount());
    for (int i = 0; i < files->topLevelItemCount(); ++i) {
        QCOMPARE(files->topLevelItem(i)->text(PlanDialog::ChangeColumn),
                 PlanDialog::changeText(PlannedFile::Change::New));
    }
    QVERIFY(!child<QLabel>(plan, "planBlockers")->isVisible());
    QVERIFY(plan->diffView()->isReadOnly());
    QVERIFY(!plan->diffView()->toPlainText().isEmpty());
    auto* confirm = child<QPushButton>(plan, "confirmDeployButton");
    QVERIFY(confirm->isEnabled());
    m_h->fixture->clearCalls();
    confirm->click();

    auto* progress = waitFor<DeployProgressDialog>("deployProgressDialog");
    QVERIFY(progress);
    QTRY_VERIFY_WITH_TIMEOUT(progress->isFinished(), 120000);
    const QString result = child<QLabel>(progress, "deployResult")->text();
    QVERIFY2(result.startsWith(DeployRunner::outcomeText(DeployReport::Outcome::Deployed) + QLatin1Char(':')),
             qPrintable(result));
    QCOMPARE(controller->lastReport().outcome, DeployReport::Outcome::Deployed);
    QVERIFY(!controller->lastReport().logPath.isEmpty());
    QVERIFY(QFile::exists(controller->lastReport().logPath));
    QVERIFY(result.contains(controller->lastReport().logPath));
    QVERIFY(child<QPushButton>(progress, "openLogButton")->isEnabled());
    QVERIFY(child<QTreeWidget>(progress, "deploySteps")->topLevelItemCount() > 0);
    const QStringList systemctl = m_h->fixture->callsOf(QStringLiteral("systemctl"));
    for (const char* call : {"systemctl daemon-reload", "systemctl reload-or-restart nginx.service",
                             "systemctl restart rabbitmq-server.service", "systemctl restart flower.service"}) {
        QVERIFY2(systemctl.contains(QString::fromLatin1(call)), qPrintable(systemctl.join(QLatin1Char('\n'))));
    }
    QCOMPARE(m_h->fixture->callsOf(QStringLiteral("nginx")), QStringList{QStringLiteral("nginx -t")});
    QVERIFY(deployAction->isEnabled());
    QVERIFY(DeployWindowHarness::closeProgress(progress)); // the next dialog is a new one

    // Second deploy: the key is known now (no question), every file unchanged, nothing to do.
    m_h->fixture->clearCalls();
    deployAction->trigger();
    plan = waitFor<PlanDialog>("planDialog");
    QVERIFY(plan);
    QVERIFY(!m_h->window->findChild<HostKeyDialog*>(QStringLiteral("hostKeyDialog")));
    for (int i = 0; i < plan->files()->topLevelItemCount(); ++i) {
        QCOMPARE(plan->files()->topLevelItem(i)->text(PlanDialog::ChangeColumn),
                 PlanDialog::changeText(PlannedFile::Change::Unchanged));
    }
    child<QPushButton>(plan, "confirmDeployButton")->click();
    progress = waitFor<DeployProgressDialog>("deployProgressDialog");
    QTRY_VERIFY_WITH_TIMEOUT(progress->isFinished(), 120000);
    const QString second = child<QLabel>(progress, "deployResult")->text();
    QString log;
    for (const DeployStepReport& step : controller->lastReport().steps) {
        log += DeployLog::formatStep(step);
    }
    QVERIFY2(second.startsWith(DeployRunner::outcomeText(DeployReport::Outcome::NothingToDo) + QLatin1Char(':')),
             qPrintable(second + QLatin1Char('\n') + log));
    QCOMPARE(controller->lastReport().uploaded, 0);
    QCOMPARE(controller->lastReport().handlersRun, 0);
    QVERIFY2(m_h->fixture->callsOf(QStringLiteral("systemctl")).isEmpty(),
             qPrintable(m_h->fixture->calls().join(QLatin1Char('\n'))));
    QVERIFY(DeployWindowHarness::closeProgress(progress));
}

void TestDeployFlow::unknownHostKey_rejected_sendsNothing()
{
    const QString before = m_h->fixture->treeSignature();
    m_h->window->findChild<QAction*>(QStringLiteral("actionDeploy"))->trigger();
    auto* hostKey = waitFor<HostKeyDialog>("hostKeyDialog");
    QVERIFY(hostKey);
    QPointer<HostKeyDialog> guard(hostKey);
    child<QPushButton>(hostKey, "rejectHostKeyButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 10000);
    auto* controller = m_h->window->findChild<DeployController*>(QStringLiteral("deployController"));
    QTRY_VERIFY_WITH_TIMEOUT(!controller->isRunning(), 10000);
    QVERIFY(!m_h->window->findChild<PlanDialog*>(QStringLiteral("planDialog")));
    QVERIFY(!QFile::exists(m_h->knownHostsPath()));
    QVERIFY(m_h->fixture->calls().isEmpty());
    QCOMPARE(m_h->fixture->treeSignature(), before);
}

// A keychain that cannot be read stops the deploy before it connects, and says so in a message box (not only in
// the status bar, where it went by while the deploy went on without its secrets).
void TestDeployFlow::keychainFailure_isShownAndNothingIsSent()
{
    const QString before = m_h->fixture->treeSignature();
    m_h->store->failWith(SecretErrorKind::AccessDenied, QStringLiteral("the keyring is locked"));
    MessageBox::setNextAnswer(QMessageBox::Ok);
    m_h->window->findChild<QAction*>(QStringLiteral("actionDeploy"))->trigger();
    QVERIFY2(MessageBox::lastQuestion().contains(QStringLiteral("the keyring is locked")),
             qPrintable(MessageBox::lastQuestion()));
    QVERIFY(MessageBox::lastQuestion().contains(QStringLiteral("nothing was sent")));
    // The deploy module creates the window's controller on the first deploy it starts: none started.
    QVERIFY(!m_h->window->findChild<DeployController*>(QStringLiteral("deployController")));
    QVERIFY(m_h->window->findChild<QAction*>(QStringLiteral("actionDeploy"))->isEnabled());
    QTest::qWait(500);
    QVERIFY(!m_h->window->findChild<HostKeyDialog*>(QStringLiteral("hostKeyDialog")));
    QVERIFY(!QFile::exists(m_h->knownHostsPath())); // never connected
    QVERIFY(m_h->fixture->calls().isEmpty());
    QCOMPARE(m_h->fixture->treeSignature(), before);
}

SALTANT_UI_TEST_MAIN(TestDeployFlow)
#include "TestDeployFlow.moc"
