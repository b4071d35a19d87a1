#include "MemorySecretStore.h"
#include "RealServerScenario.h"
#include "UiTestMain.h"
#include "deploy/DeployController.h"
#include "deploy/DeployLog.h"
#include "deploy/DeployProgressDialog.h"
#include "deploy/HostKeyDialog.h"
#include "deploy/PlanDialog.h"
#include "model/ProjectFile.h"
#include "window/MainWindow.h"

#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTreeWidget>
#include <memory>

using namespace saltant;

// The window's Deploy against the real server of the end-to-end test (a booted Debian 12 container, real SSH, the
// deploy's own apt-get, certbot against pebble, the real saltant app): what the CLI test proves for
// `deploy --install-missing`, done by pressing the buttons an admin presses. Then the CLI's plan against the same
// server finds nothing to do: the window deployed exactly what the CLI would have.
class TestRealServerWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void deployButton_bringsTheEmptyServerUp_andTheCliAgrees();

private:
    template<class T>
    T* waitFor(const char* name, int timeoutMs = 120000)
    {
        const QString objectName = QString::fromLatin1(name);
        T* found = nullptr;
        const auto visible = [&] {
            found = m_window->findChild<T*>(objectName);
            return found && found->isVisible();
        };
        return QTest::qWaitFor(visible, timeoutMs) ? found : nullptr;
    }
    template<class T>
    T* child(QWidget* parent, const char* name) const
    {
        return parent->findChild<T*>(QString::fromLatin1(name));
    }

    RealServerScenario m_scenario;
    std::unique_ptr<MemorySecretStore> m_store;
    std::unique_ptr<MainWindow> m_window;
};

void TestRealServerWindow::initTestCase()
{
    QSettings().clear();
    QString error;
    QVERIFY2(m_scenario.start(QStringLiteral("0755"), &error), qPrintable(error));
    Project project;
    QVERIFY2(ProjectFile::load(m_scenario.projectPath(), &project, &error), qPrintable(error));
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openFile(m_scenario.projectPath()));
    // The same values the CLI test keeps in the keychain (the keychain itself is proven by the CLI tests).
    m_store = std::make_unique<MemorySecretStore>(project.projectId());
    m_window->setSecretStore(m_store.get());
    const QMap<QString, QString> secrets = m_scenario.secrets();
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        const SecretResult written = m_store->writeNow(it.key(), it.value());
        QVERIFY2(written.ok, qPrintable(written.errorMessage));
    }
    // The checks around deploying would resolve the test domain, which has no DNS; the site is checked below.
    QVERIFY2(m_window->checksPanel(&error), qPrintable(error)); // created when first needed: now, for its switch
    auto* checks = m_window->findChild<QCheckBox*>(QStringLiteral("checksAroundDeploy"));
    QVERIFY(checks);
    checks->setChecked(false);
    QVERIFY(UiTest::showWithAllSections(m_window.get()));
}

void TestRealServerWindow::cleanupTestCase()
{
    m_window.reset();
    m_scenario.stop();
}

void TestRealServerWindow::deployButton_bringsTheEmptyServerUp_andTheCliAgrees()
{
    auto* deployAction = m_window->findChild<QAction*>(QStringLiteral("actionDeploy"));
    QVERIFY(deployAction);
    deployAction->trigger();

    auto* hostKey = waitFor<HostKeyDialog>("hostKeyDialog");
    QVERIFY(hostKey);
    child<QPushButton>(hostKey, "acceptHostKeyButton")->click();

    // An empty server lacks the programs: the plan names them and offers to install them first.
    auto* plan = waitFor<PlanDialog>("planDialog");
    QVERIFY(plan);
    auto* confirm = child<QPushButton>(plan, "confirmDeployButton");
    auto* install = child<QCheckBox>(plan, "planInstallMissing");
    QVERIFY(install);
    QVERIFY(install->isVisible());
    QVERIFY(!confirm->isEnabled());
    install->setChecked(true);
    QVERIFY2(confirm->isEnabled(), qPrintable(child<QLabel>(plan, "planBlockers")->text()));
    confirm->click();

    auto* progress = waitFor<DeployProgressDialog>("deployProgressDialog");
    QVERIFY(progress);
    QTRY_VERIFY_WITH_TIMEOUT(progress->isFinished(), 15 * 60 * 1000);
    auto* controller = m_window->findChild<DeployController*>(QStringLiteral("deployController"));
    QVERIFY(controller);
    QString log;
    for (const DeployStepReport& step : controller->lastReport().steps) {
        log += DeployLog::formatStep(step);
    }
    QVERIFY2(controller->lastReport().outcome == DeployReport::Outcome::Deployed,
             qPrintable(child<QLabel>(progress, "deployResult")->text() + QLatin1Char('\n') + log.right(6000)));

    // The site answers from this machine, verified against the ACME server's root.
    QString error;
    QVERIFY2(m_scenario.fetchRootCa(&error), qPrintable(error));
    const RealServerScenario::Http home = m_scenario.get(QStringLiteral("https://%1/").arg(m_scenario.www()));
    QCOMPARE(home.status, 200);
    QVERIFY(home.body.contains(RealServerScenario::projectName()));
    // Flower is Type=simple: systemd reports it started before it listens, so give it the seconds it takes.
    QTRY_COMPARE_WITH_TIMEOUT(m_scenario
                                  .get(QStringLiteral("https://%1/flower/").arg(m_scenario.www()),
                                       QStringLiteral("AzureDiamond"),
                                       m_scenario.secret(QStringLiteral("flower.password")))
                                  .status,
                              200, 30000);
    for (const QString& unit :
         {QStringLiteral("nginx"), QStringLiteral("rabbitmq-server"), QStringLiteral("postgresql@15-main"),
          QStringLiteral("emperor.uwsgi"), QStringLiteral("flower")}) {
        QCOMPARE(m_scenario.remote(QStringLiteral("systemctl is-active ") + unit), QStringLiteral("active"));
    }

    // The CLI, with the same project and the same secrets (in the keychain), has nothing left to do.
    const KeyringPeer::Run cliPlan =
        m_scenario.keyring().cli({QStringLiteral("plan"), QStringLiteral("--project"), m_scenario.projectPath()});
    QVERIFY2(cliPlan.exitCode == 0 && cliPlan.out.contains("Nothing to do"),
             qPrintable(cliPlan.describe() + QString::fromUtf8(cliPlan.out.right(4000))));
}

SALTANT_UI_TEST_MAIN(TestRealServerWindow)
#include "TestRealServerWindow.moc"
