#include "DeployWindowHarness.h"
#include "UiTestMain.h"
#include "deploy/PlanDialog.h"
#include "panels/ChecksPanel.h"
#include "panels/DriftChecksRunner.h"

#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTreeWidget>

using namespace saltant;

// The Server Checks panel's "Drift" button against a real sshd on loopback (the window of DeployWindowHarness, its
// secrets in a memory keychain): what `saltant-deploy-cli drift` reports (PlanDrift::status), as rows: unknown
// before the first deploy, no drift after it, one warning row per file changed on the server by hand. Changes
// nothing on the server.
class TestChecksPanelDrift : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void unknown_thenNone_thenOneRowPerChangedFile();

private:
    // Clicks Drift and waits for the run to end; the rows as "id|detail".
    QStringList runDrift();
    ChecksPanel* panel() const { return m_h->window->findChild<ChecksPanel*>(); }

    std::unique_ptr<DeployWindowHarness> m_h;
};

void TestChecksPanelDrift::init()
{
    m_h = std::make_unique<DeployWindowHarness>();
    QString error;
    QVERIFY2(m_h->start(&error), qPrintable(error));
    QVERIFY2(m_h->openWindow(m_h->peer->knownHostsPath(), &error), qPrintable(error));
}

void TestChecksPanelDrift::cleanup()
{
    m_h->tearDown();
    m_h.reset();
}

QStringList TestChecksPanelDrift::runDrift()
{
    ChecksPanel* checks = panel();
    auto* button = DeployWindowHarness::child<QPushButton>(checks, "checkDriftButton");
    if (!button || !button->isEnabled()) {
        return {QStringLiteral("(no enabled checkDriftButton)")};
    }
    QSignalSpy finished(checks, &ChecksPanel::finished);
    button->click();
    if (!finished.wait(60000) && finished.isEmpty()) {
        return {QStringLiteral("(did not finish)")};
    }
    QStringList rows;
    for (int i = 0; i < checks->list()->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = checks->list()->topLevelItem(i);
        rows << item->data(ChecksPanel::CheckColumn, Qt::UserRole).toString() + QLatin1Char('|') +
                    item->text(ChecksPanel::DetailColumn);
    }
    return rows;
}

void TestChecksPanelDrift::unknown_thenNone_thenOneRowPerChangedFile()
{
    const QString before = m_h->fixture->treeSignature();
    QStringList rows = runDrift();
    QCOMPARE(rows.size(), 1);
    QVERIFY2(rows.first().startsWith(DriftChecksRunner::statusId() +
                                     QStringLiteral("|unknown: never deployed by Saltant Deploy")),
             qPrintable(rows.first()));
    QCOMPARE(panel()->results().first().verdict, CheckVerdict::Warn);
    QCOMPARE(m_h->fixture->treeSignature(), before);

    m_h->deployAction()->trigger();
    auto* plan = m_h->waitFor<PlanDialog>("planDialog");
    QVERIFY(plan);
    DeployWindowHarness::child<QPushButton>(plan, "confirmDeployButton")->click();
    auto* progress = m_h->waitFor<DeployProgressDialog>("deployProgressDialog");
    QVERIFY(progress && QTest::qWaitFor([progress] { return progress->isFinished(); }, 120000));
    QCOMPARE(m_h->controller()->lastReport().outcome, DeployReport::Outcome::Deployed);
    QVERIFY(DeployWindowHarness::closeProgress(progress));

    rows = runDrift();
    QCOMPARE(rows.size(), 1);
    QVERIFY2(rows.first().startsWith(DriftChecksRunner::statusId() + QStringLiteral("|no drift: ")),
             qPrintable(rows.first()));
    QCOMPARE(panel()->results().first().verdict, CheckVerdict::Pass);

    const QString site = m_h->fixture->path(QStringLiteral("/etc/nginx/sites-available/saltant_nginx.conf"));
    QFile edited(site);
    QVERIFY(edited.open(QIODevice::Append));
    edited.write("# edited on the server\n");
    edited.close();
    QVERIFY(QFile::setPermissions(site, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
    const QString edits = m_h->fixture->treeSignature();
    rows = runDrift();
    QCOMPARE(rows,
             QStringList{DriftChecksRunner::fileId(site) + QStringLiteral("|content changed, mode 0644 -> 0640")});
    QCOMPARE(panel()->results().first().verdict, CheckVerdict::Warn);
    // The panel ends with the sentence `drift` ends with.
    const QString status = DeployWindowHarness::child<QLabel>(panel(), "checksStatus")->text();
    QVERIFY2(status.contains(QStringLiteral("changed on the server since the last deploy")), qPrintable(status));
    QCOMPARE(m_h->fixture->treeSignature(), edits); // read only
}

SALTANT_UI_TEST_MAIN(TestChecksPanelDrift)
#include "TestChecksPanelDrift.moc"
