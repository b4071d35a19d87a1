#include "deploy/DeployController.h"
#include "DeployFixture.h"
#include "deploy/DeployProgressDialog.h"
#include "deploy/HostKeyDialog.h"
#include "window/MainWindow.h"
#include "common/MessageBox.h"
#include "deploy/PlanDialog.h"
#include "SshdPeer.h"
#include "UiTestMain.h"
#include "generate/Renderer.h"
#include "model/ProjectFile.h"
#include "MemorySecretStore.h"

#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
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
    T* waitFor(const char* name)
    {
        const QString objectName = QString::fromLatin1(name);
        T* found = nullptr;
        const auto visible = [&] {
            found = m_window->findChild<T*>(objectName);
            return found && found->isVisible();
        };
        return QTest::qWaitFor(visible, 60000) ? found : nullptr;
    }
    template<class T>
    T* child(QWidget* parent, const char* name) const
    {
        return parent->findChild<T*>(QString::fromLatin1(name));
    }
    int generatedFileCount() const;
    // Closes the progress dialog and waits until it is gone, so the next deploy's dialog is a new one.
    void closeProgress(DeployProgressDialog* dialog);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DeployFixture> m_fixture;
    std::unique_ptr<SshdPeer> m_peer;
    std::unique_ptr<MemorySecretStore> m_store;
    std::unique_ptr<MainWindow> m_window;
    QString m_knownHosts;
};

void TestDeployFlow::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_fixture = std::make_unique<DeployFixture>(m_dir->path() + QStringLiteral("/server"));
    QString error;
    QVERIFY2(m_fixture->setUp(&error), qPrintable(error));
    m_peer = std::make_unique<SshdPeer>();
    QVERIFY2(m_peer->setRemotePathPrefix(m_fixture->binDir(), &error), qPrintable(error));
    QVERIFY2(m_peer->start(&error), qPrintable(error));
    m_knownHosts = m_dir->path() + QStringLiteral("/known_hosts");
    Project& p = m_fixture->project;
    QVERIFY2(m_fixture->useSshd(*m_peer, m_knownHosts, &error), qPrintable(error));
    const QString projectPath = m_dir->path() + QStringLiteral("/project.saltant.json");
    QVERIFY2(ProjectFile::save(projectPath, p, &error), qPrintable(error));

    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openFile(projectPath));
    m_store = std::make_unique<MemorySecretStore>(p.projectId());
    m_window->setSecretStore(m_store.get());
    const SecretValues secrets = m_fixture->secrets();
    for (const QString& name : secrets.names()) {
        const SecretResult written = m_store->writeNow(name, secrets.value(name));
        QVERIFY2(written.ok, qPrintable(written.errorMessage));
    }
    QVERIFY(UiTest::showWithAllSections(m_window.get()));
    // The network checks around a deploy would resolve the example's real domain: only loopback here.
    auto* checks = m_window->findChild<QCheckBox*>(QStringLiteral("checksAroundDeploy"));
    QVERIFY(checks);
    checks->setChecked(false);
}

void TestDeployFlow::cleanup()
{
    m_window.reset();
    m_store.reset();
    m_peer.reset();
    m_fixture.reset();
    m_dir.reset();
}

int TestDeployFlow::generatedFileCount() const
{
    const SecretValues secrets = m_fixture->secrets();
    int count = 0;
    for (const GeneratedFile& file : Renderer::render(m_fixture->project, &secrets).files) {
        count += file.previewOnly ? 0 : 1;
    }
    return count;
}

void TestDeployFlow::closeProgress(DeployProgressDialog* dialog)
{
    QPointer<DeployProgressDialog> guard(dialog);
    child<QPushButton>(dialog, "closeDeployButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 10000);
}

void TestDeployFlow::unknownHostKey_acceptThenDeploy_thenNothingToDo()
{
    auto* deployAction = m_window->findChild<QAction*>(QStringLiteral("actionDeploy"));
    QVERIFY(deployAction);
    QCOMPARE(deployAction->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_D));
    auto* controller = m_window->findChild<DeployController*>(QStringLiteral("deployController"));
    QVERIFY(controller);
    deployAction->trigger();
    QVERIFY(!deployAction->isEnabled()); // one deploy at a time; the window stays responsive meanwhile

    auto* hostKey = waitFor<HostKeyDialog>("hostKeyDialog");
    QVERIFY(hostKey);
    QCOMPARE(child<QLabel>(hostKey, "hostKeyFingerprint")->text(), m_peer->hostKeyFingerprint());
    QCOMPARE(child<QLabel>(hostKey, "hostKeyType")->text(), QStringLiteral("ssh-ed25519"));
    QVERIFY(child<QLabel>(hostKey, "hostKeyHost")->text().contains(QString::number(m_peer->port())));
    QVERIFY(!QFile::exists(m_knownHosts));
    child<QPushButton>(hostKey, "acceptHostKeyButton")->click();

    auto* plan = waitFor<PlanDialog>("planDialog");
    QVERIFY(plan);
    QVERIFY(QFile::exists(m_knownHosts));
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
    m_fixture->clearCalls();
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
    const QStringList systemctl = m_fixture->callsOf(QStringLiteral("systemctl"));
    for (const char* call : {"systemctl daemon-reload", "systemctl reload-or-restart nginx.service",
                             "systemctl restart rabbitmq-server.service", "systemctl restart flower.service"}) {
        QVERIFY2(systemctl.contains(QString::fromLatin1(call)), qPrintable(systemctl.join(QLatin1Char('\n'))));
    }
    QCOMPARE(m_fixture->callsOf(QStringLiteral("nginx")), QStringList{QStringLiteral("nginx -t")});
    QVERIFY(deployAction->isEnabled());
    closeProgress(progress);

    // Second deploy: the key is known now (no question), every file unchanged, nothing to do.
    m_fixture->clearCalls();
    deployAction->trigger();
    plan = waitFor<PlanDialog>("planDialog");
    QVERIFY(plan);
    QVERIFY(!m_window->findChild<HostKeyDialog*>(QStringLiteral("hostKeyDialog")));
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
    QVERIFY2(m_fixture->callsOf(QStringLiteral("systemctl")).isEmpty(),
             qPrintable(m_fixture->calls().join(QLatin1Char('\n'))));
    closeProgress(progress);
}

void TestDeployFlow::unknownHostKey_rejected_sendsNothing()
{
    const QString before = m_fixture->treeSignature();
    m_window->findChild<QAction*>(QStringLiteral("actionDeploy"))->trigger();
    auto* hostKey = waitFor<HostKeyDialog>("hostKeyDialog");
    QVERIFY(hostKey);
    QPointer<HostKeyDialog> guard(hostKey);
    child<QPushButton>(hostKey, "rejectHostKeyButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 10000);
    auto* controller = m_window->findChild<DeployController*>(QStringLiteral("deployController"));
    QTRY_VERIFY_WITH_TIMEOUT(!controller->isRunning(), 10000);
    QVERIFY(!m_window->findChild<PlanDialog*>(QStringLiteral("planDialog")));
    QVERIFY(!QFile::exists(m_knownHosts));
    QVERIFY(m_fixture->calls().isEmpty());
    QCOMPARE(m_fixture->treeSignature(), before);
}

// A keychain that cannot be read stops the deploy before it connects, and says so in a message box (not only in
// the status bar, where it went by while the deploy went on without its secrets).
void TestDeployFlow::keychainFailure_isShownAndNothingIsSent()
{
    const QString before = m_fixture->treeSignature();
    m_store->failWith(SecretErrorKind::AccessDenied, QStringLiteral("the keyring is locked"));
    MessageBox::setNextAnswer(QMessageBox::Ok);
    m_window->findChild<QAction*>(QStringLiteral("actionDeploy"))->trigger();
    QVERIFY2(MessageBox::lastQuestion().contains(QStringLiteral("the keyring is locked")),
             qPrintable(MessageBox::lastQuestion()));
    QVERIFY(MessageBox::lastQuestion().contains(QStringLiteral("nothing was sent")));
    auto* controller = m_window->findChild<DeployController*>(QStringLiteral("deployController"));
    QVERIFY(!controller->isRunning());
    QVERIFY(m_window->findChild<QAction*>(QStringLiteral("actionDeploy"))->isEnabled());
    QTest::qWait(500);
    QVERIFY(!m_window->findChild<HostKeyDialog*>(QStringLiteral("hostKeyDialog")));
    QVERIFY(!QFile::exists(m_knownHosts)); // never connected
    QVERIFY(m_fixture->calls().isEmpty());
    QCOMPARE(m_fixture->treeSignature(), before);
}

SALTANT_UI_TEST_MAIN(TestDeployFlow)
#include "TestDeployFlow.moc"
