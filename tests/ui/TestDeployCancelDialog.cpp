#include "DeployWindowHarness.h"
#include "StepGate.h"
#include "UiTestMain.h"
#include "deploy/PlanDialog.h"
#include "generate/Renderer.h"

#include <QFile>
#include <QLabel>
#include <QRadioButton>
#include <QTreeWidget>

using namespace saltant;

// Cancel in the progress dialog of the window's Deploy action, against a real sshd on loopback. A StepGate holds one
// step of the deploy on the server until the test has pressed Cancel, so Cancel lands exactly there; the deploy then
// stops at the next point DeployOptions::cancel allows: before any file was changed, or after the new files were
// committed (never between putting them in place and validating them), with the remaining steps owed.
class TestDeployCancelDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void cancelWhilePreparing_everyFileOld_deployAgainWorks();
    void cancelWhileValidating_filesCommitted_stepsOwedToNextDeploy();
    void cancelDuringHandler_noFurtherStep_nextDeployRunsTheRest();

private:
    // Deploys through the window (plan confirmed) and returns the report; the progress dialog is closed again.
    DeployReport deploy();
    // Starts a deploy, waits until the gate holds a step, presses Cancel, opens the gate and waits for the result.
    // Returns the finished progress dialog (still open), or null.
    DeployProgressDialog* deployAndCancelAtGate();
    // Answers the plan dialog's question about files changed on the server, when it asks: Overwrite.
    static void overwriteDrift(PlanDialog* plan)
    {
        if (auto* overwrite = DeployWindowHarness::child<QRadioButton>(plan, "driftOverwrite")) {
            overwrite->click();
        }
    }
    // Each file the project generates has its new content on the server.
    void verifyFilesAreNew() const;

    std::unique_ptr<DeployWindowHarness> m_h;
    std::unique_ptr<StepGate> m_gate;
};

void TestDeployCancelDialog::init()
{
    m_h = std::make_unique<DeployWindowHarness>();
    QString error;
    QVERIFY2(m_h->start(&error), qPrintable(error));
    m_gate = std::make_unique<StepGate>(m_h->directory() + QStringLiteral("/gate"));
    const QString bin = m_h->fixture->binDir();
    QVERIFY2(m_gate->wrap(QStringLiteral("install"), QStringLiteral("/usr/bin/install"), &error), qPrintable(error));
    QVERIFY2(m_gate->wrap(QStringLiteral("nginx"), bin + QStringLiteral("/nginx"), &error), qPrintable(error));
    QVERIFY2(m_gate->wrap(QStringLiteral("systemctl"), bin + QStringLiteral("/systemctl"), &error), qPrintable(error));
    QVERIFY2(m_h->peer->setRemotePathPrefix(m_gate->directory() + QLatin1Char(':') + bin, &error), qPrintable(error));
    QVERIFY2(m_h->openWindow(m_h->peer->knownHostsPath(), &error), qPrintable(error));
}

void TestDeployCancelDialog::cleanup()
{
    m_gate->open();
    m_h->tearDown();
    m_gate.reset();
    m_h.reset();
}

DeployReport TestDeployCancelDialog::deploy()
{
    m_h->deployAction()->trigger();
    auto* plan = m_h->waitFor<PlanDialog>("planDialog");
    if (!plan) {
        return DeployReport();
    }
    overwriteDrift(plan);
    DeployWindowHarness::child<QPushButton>(plan, "confirmDeployButton")->click();
    auto* progress = m_h->waitFor<DeployProgressDialog>("deployProgressDialog");
    if (!progress || !QTest::qWaitFor([progress] { return progress->isFinished(); }, 120000)) {
        return DeployReport();
    }
    const DeployReport report = m_h->controller()->lastReport();
    DeployWindowHarness::closeProgress(progress);
    return report;
}

DeployProgressDialog* TestDeployCancelDialog::deployAndCancelAtGate()
{
    m_h->deployAction()->trigger();
    auto* plan = m_h->waitFor<PlanDialog>("planDialog");
    if (!plan) {
        return nullptr;
    }
    overwriteDrift(plan);
    DeployWindowHarness::child<QPushButton>(plan, "confirmDeployButton")->click();
    auto* progress = m_h->waitFor<DeployProgressDialog>("deployProgressDialog");
    if (!progress || !QTest::qWaitFor([this] { return m_gate->isReached(); }, 60000)) {
        return nullptr;
    }
    auto* cancel = DeployWindowHarness::child<QPushButton>(progress, "cancelDeployButton");
    auto* result = DeployWindowHarness::child<QLabel>(progress, "deployResult");
    // The step is held on the server, so the deploy is certainly still running when Cancel is pressed.
    if (progress->isFinished() || !cancel->isEnabled()) {
        return nullptr;
    }
    cancel->click();
    if (cancel->isEnabled() || result->text() != QStringLiteral("Cancelling after the current step…") ||
        progress->isFinished() || !m_h->controller()->isRunning()) {
        return nullptr;
    }
    m_gate->open();
    return QTest::qWaitFor([progress] { return progress->isFinished(); }, 120000) ? progress : nullptr;
}

void TestDeployCancelDialog::verifyFilesAreNew() const
{
    const SecretValues secrets = m_h->fixture->secrets();
    for (const GeneratedFile& file : Renderer::render(m_h->fixture->project, &secrets).files) {
        if (file.previewOnly) {
            continue;
        }
        QFile f(file.remotePath);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file.remotePath));
        QVERIFY2(f.readAll() == file.content.toUtf8(), qPrintable(file.remotePath));
    }
}

void TestDeployCancelDialog::cancelWhilePreparing_everyFileOld_deployAgainWorks()
{
    QVERIFY(deploy().outcome == DeployReport::Outcome::Deployed);
    // A local edit (drift: the plan dialog asks, and the test answers Overwrite): the next deploy replaces that file.
    const QString site = m_h->fixture->path(QStringLiteral("/etc/nginx/sites-available/saltant_nginx.conf"));
    QFile edited(site);
    QVERIFY(edited.open(QIODevice::Append));
    edited.write("# edited on the server\n");
    edited.close();
    const QString before = m_h->fixture->treeSignature();
    m_h->fixture->clearCalls();

    QVERIFY(m_gate->arm(QStringLiteral("install")));
    DeployProgressDialog* progress = deployAndCancelAtGate();
    QVERIFY(progress);
    QVERIFY2(m_gate->reachedBy().startsWith(QStringLiteral("install -d ")), qPrintable(m_gate->reachedBy()));
    const DeployReport report = m_h->controller()->lastReport();
    QVERIFY2(report.outcome == DeployReport::Outcome::Cancelled, qPrintable(report.message));
    QCOMPARE(report.message, QStringLiteral("Cancelled before any file was changed."));
    QCOMPARE(report.uploaded, 0);
    QCOMPARE(report.handlersRun, 0);
    // Stopped right after the Prepare steps (one batch on the server, which Cancel waits for): nothing uploaded,
    // no file touched, no command of a service run.
    QVERIFY(!report.steps.isEmpty());
    for (const DeployStepReport& step : report.steps) {
        QVERIFY2(step.phase == StepPhase::Prepare && step.ok, qPrintable(step.title));
    }
    QCOMPARE(m_h->fixture->treeSignature(), before);
    QVERIFY2(m_h->fixture->calls().isEmpty(), qPrintable(m_h->fixture->calls().join(QLatin1Char('\n'))));

    // The dialog shows the outcome; the window is usable again.
    const QString result = DeployWindowHarness::child<QLabel>(progress, "deployResult")->text();
    QVERIFY2(result.startsWith(DeployRunner::outcomeText(DeployReport::Outcome::Cancelled) +
                               QStringLiteral(": Cancelled before any file was changed.")),
             qPrintable(result));
    QVERIFY(result.contains(QStringLiteral("Files uploaded: 0. Handlers run: 0.")));
    QCOMPARE(DeployWindowHarness::child<QTreeWidget>(progress, "deploySteps")->topLevelItemCount(),
             report.steps.size());
    QVERIFY(!DeployWindowHarness::child<QPushButton>(progress, "cancelDeployButton")->isEnabled());
    QVERIFY(!m_h->controller()->isRunning());
    QVERIFY(m_h->deployAction()->isEnabled());
    QVERIFY(DeployWindowHarness::closeProgress(progress));

    const DeployReport again = deploy();
    QVERIFY2(again.outcome == DeployReport::Outcome::Deployed, qPrintable(again.message));
    QCOMPARE(again.uploaded, 1);
    verifyFilesAreNew();
    QVERIFY(m_h->fixture->callsOf(QStringLiteral("systemctl"))
                .contains(QStringLiteral("systemctl reload-or-restart nginx.service")));
}

void TestDeployCancelDialog::cancelWhileValidating_filesCommitted_stepsOwedToNextDeploy()
{
    QVERIFY(m_gate->arm(QStringLiteral("nginx")));
    DeployProgressDialog* progress = deployAndCancelAtGate();
    QVERIFY(progress);
    QCOMPARE(m_gate->reachedBy(), QStringLiteral("nginx -t"));
    // Cancel does not interrupt the transaction: the files are validated and committed, then the deploy stops.
    const DeployReport report = m_h->controller()->lastReport();
    QVERIFY2(report.outcome == DeployReport::Outcome::Cancelled, qPrintable(report.message));
    QVERIFY2(report.message.contains(QStringLiteral("the new files are in place")), qPrintable(report.message));
    QVERIFY(report.uploaded > 0);
    QCOMPARE(report.handlersRun, 0);
    QCOMPARE(report.steps.last().phase, StepPhase::Commit);
    verifyFilesAreNew();
    // Only the validators ran: no provisioning step, no handler.
    for (const QString& call : m_h->fixture->calls()) {
        QVERIFY2(call == QLatin1String("nginx -t") || call.startsWith(QLatin1String("systemd-analyze verify ")),
                 qPrintable(call));
    }
    const QString result = DeployWindowHarness::child<QLabel>(progress, "deployResult")->text();
    QVERIFY2(result.contains(report.message), qPrintable(result));
    QVERIFY(m_h->deployAction()->isEnabled());
    QVERIFY(DeployWindowHarness::closeProgress(progress));

    // The next deploy uploads nothing and runs what the cancelled one owed.
    const DeployReport next = deploy();
    QVERIFY2(next.outcome == DeployReport::Outcome::Deployed, qPrintable(next.message));
    QCOMPARE(next.uploaded, 0);
    QVERIFY(next.handlersRun > 0);
    const QStringList systemctl = m_h->fixture->callsOf(QStringLiteral("systemctl"));
    for (const char* call : {"systemctl daemon-reload", "systemctl reload-or-restart nginx.service",
                             "systemctl restart rabbitmq-server.service", "systemctl restart flower.service"}) {
        QVERIFY2(systemctl.contains(QString::fromLatin1(call)), qPrintable(systemctl.join(QLatin1Char('\n'))));
    }
}

void TestDeployCancelDialog::cancelDuringHandler_noFurtherStep_nextDeployRunsTheRest()
{
    QVERIFY(m_gate->arm(QStringLiteral("systemctl")));
    DeployProgressDialog* progress = deployAndCancelAtGate();
    QVERIFY(progress);
    const QString held = m_gate->reachedBy();
    QVERIFY2(held.startsWith(QStringLiteral("systemctl ")), qPrintable(held));
    const DeployReport report = m_h->controller()->lastReport();
    QVERIFY2(report.outcome == DeployReport::Outcome::Cancelled, qPrintable(report.message));
    QVERIFY2(report.message.contains(QStringLiteral("The remaining steps did not run; the next deploy runs them")),
             qPrintable(report.message));
    verifyFilesAreNew();
    // The held step finished; no step started after it.
    QCOMPARE(m_h->fixture->callsOf(QStringLiteral("systemctl")), QStringList{held});
    const DeployStepReport last = report.steps.last();
    QVERIFY2(last.ok && last.command.contains(held), qPrintable(last.command));
    QVERIFY(m_h->deployAction()->isEnabled());
    QVERIFY(DeployWindowHarness::closeProgress(progress));

    m_h->fixture->clearCalls();
    const DeployReport next = deploy();
    QVERIFY2(next.outcome == DeployReport::Outcome::Deployed, qPrintable(next.message));
    QCOMPARE(next.uploaded, 0);
    QVERIFY(m_h->fixture->callsOf(QStringLiteral("systemctl"))
                .contains(QStringLiteral("systemctl restart flower.service")));
    QCOMPARE(deploy().outcome, DeployReport::Outcome::NothingToDo);
}

SALTANT_UI_TEST_MAIN(TestDeployCancelDialog)
#include "TestDeployCancelDialog.moc"
#include "model/SettingKeys.h"
