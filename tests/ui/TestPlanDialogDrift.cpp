#include "UiTestMain.h"
#include "deploy/PlanDialog.h"

#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QTreeWidget>

using namespace saltant;

// The plan dialog's drift parts on hand-made plans (no server): the question appears only in Confirm mode and only
// when the plan would overwrite drift, Deploy waits for an answer, Keep and Import become "Plan Again" (also when the
// plan itself is blocked: they plan again), the drift tabs follow the selected file, Review mode never asks.
class TestPlanDialogDrift : public QObject
{
    Q_OBJECT

private slots:
    void confirm_asksBeforeOverwriting();
    void blockedPlan_onlyKeepOrImportContinue();
    void driftTabs_followTheSelectedFile();
    void review_neverAsks();
    void keptDrift_notAsked();

private:
    static Plan driftPlan()
    {
        Plan plan;
        plan.host = QStringLiteral("example.org");
        plan.manifestState = Plan::ManifestState::Found;
        PlannedFile clean;
        clean.file.remotePath = QStringLiteral("/etc/a.conf");
        clean.change = PlannedFile::Change::Unchanged;
        clean.drift = PlannedFile::Drift::None;
        PlannedFile drifted;
        drifted.file.remotePath = QStringLiteral("/etc/b.conf");
        drifted.change = PlannedFile::Change::Changed;
        drifted.contentChanged = true;
        drifted.diff = QStringLiteral("-x\n+y\n");
        drifted.drift = PlannedFile::Drift::ChangedOnServer;
        drifted.driftWhat = QStringLiteral("content changed");
        drifted.deployedCopyPresent = true;
        drifted.lastDeployedText = QStringLiteral("x\n");
        drifted.serverText = QStringLiteral("x\nedit\n");
        drifted.nextText = QStringLiteral("y\n");
        drifted.driftDiffServer = QStringLiteral("+edit\n");
        drifted.driftDiffNext = QStringLiteral("-edit\n");
        plan.files = {clean, drifted};
        return plan;
    }
    template<class T>
    static T* child(QWidget* parent, const char* name)
    {
        return parent->findChild<T*>(QString::fromLatin1(name));
    }
};

void TestPlanDialogDrift::confirm_asksBeforeOverwriting()
{
    PlanDialog dialog(driftPlan());
    dialog.show();
    auto* confirm = child<QPushButton>(&dialog, "confirmDeployButton");
    QVERIFY(child<QGroupBox>(&dialog, "planDriftChoice")->isVisible());
    QCOMPARE(dialog.driftChoice(), PlanDialog::DriftChoice::None);
    QVERIFY(!confirm->isEnabled());
    QVERIFY(child<QLabel>(&dialog, "planDrift")->text().contains(QStringLiteral("/etc/b.conf: content changed")));
    QVERIFY(!child<QLabel>(&dialog, "planManifestInfo")->isVisible());

    child<QRadioButton>(&dialog, "driftOverwrite")->click();
    QCOMPARE(dialog.driftChoice(), PlanDialog::DriftChoice::Overwrite);
    QVERIFY(confirm->isEnabled());
    QCOMPARE(confirm->text(), QStringLiteral("Deploy"));
    child<QRadioButton>(&dialog, "driftKeep")->click();
    QCOMPARE(dialog.driftChoice(), PlanDialog::DriftChoice::Keep);
    QCOMPARE(confirm->text(), QStringLiteral("Plan Again"));
    child<QRadioButton>(&dialog, "driftImport")->click();
    QCOMPARE(dialog.driftChoice(), PlanDialog::DriftChoice::Import);
    QVERIFY(confirm->isEnabled());
}

void TestPlanDialogDrift::blockedPlan_onlyKeepOrImportContinue()
{
    Plan plan = driftPlan();
    plan.blockers << QStringLiteral("something blocks");
    PlanDialog dialog(plan);
    auto* confirm = child<QPushButton>(&dialog, "confirmDeployButton");
    child<QRadioButton>(&dialog, "driftOverwrite")->click();
    QVERIFY(!confirm->isEnabled());
    child<QRadioButton>(&dialog, "driftKeep")->click();
    QVERIFY(confirm->isEnabled());
}

void TestPlanDialogDrift::driftTabs_followTheSelectedFile()
{
    PlanDialog dialog(driftPlan());
    auto* tabs = child<QTabWidget>(&dialog, "planTabs");
    dialog.files()->setCurrentItem(dialog.files()->topLevelItem(1));
    QVERIFY(dialog.files()
                ->topLevelItem(1)
                ->text(PlanDialog::ChangeColumn)
                .contains(QStringLiteral("changed on the server")));
    QVERIFY(!dialog.files()->topLevelItem(0)->text(PlanDialog::ChangeColumn).contains(QStringLiteral("server")));
    QCOMPARE(child<QPlainTextEdit>(&dialog, "driftLastDeployed")->toPlainText(), QStringLiteral("x\n"));
    QCOMPARE(child<QPlainTextEdit>(&dialog, "driftServer")->toPlainText(), QStringLiteral("x\nedit\n"));
    QCOMPARE(child<QPlainTextEdit>(&dialog, "driftNext")->toPlainText(), QStringLiteral("y\n"));
    QCOMPARE(child<QPlainTextEdit>(&dialog, "driftDiffServer")->toPlainText(), QStringLiteral("+edit\n"));
    QCOMPARE(child<QPlainTextEdit>(&dialog, "driftDiffNext")->toPlainText(), QStringLiteral("-edit\n"));
    for (int tab = 0; tab < tabs->count(); ++tab) {
        QVERIFY(tabs->isTabEnabled(tab));
    }
    tabs->setCurrentIndex(2);
    dialog.files()->setCurrentItem(dialog.files()->topLevelItem(0));
    QCOMPARE(tabs->currentIndex(), 0);
    QVERIFY(!tabs->isTabEnabled(2));
    QVERIFY(child<QPlainTextEdit>(&dialog, "driftServer")->toPlainText().isEmpty());
}

void TestPlanDialogDrift::review_neverAsks()
{
    PlanDialog dialog(driftPlan(), nullptr, PlanDialog::Mode::Review);
    QVERIFY(!child<QGroupBox>(&dialog, "planDriftChoice"));
    QCOMPARE(dialog.driftChoice(), PlanDialog::DriftChoice::None);
    QVERIFY(dialog.files()
                ->topLevelItem(1)
                ->text(PlanDialog::ChangeColumn)
                .contains(QStringLiteral("changed on the server")));
}

void TestPlanDialogDrift::keptDrift_notAsked()
{
    Plan plan = driftPlan();
    plan.files[1].driftKept = true;
    plan.files[1].change = PlannedFile::Change::Unchanged;
    PlanDialog dialog(plan);
    QVERIFY(!child<QGroupBox>(&dialog, "planDriftChoice"));
    QVERIFY(child<QPushButton>(&dialog, "confirmDeployButton")->isEnabled());
    QVERIFY(dialog.files()->topLevelItem(1)->text(PlanDialog::ChangeColumn).endsWith(QStringLiteral("(kept)")));
    QVERIFY(child<QLabel>(&dialog, "planDrift")->text().contains(QStringLiteral("kept: this deploy leaves it")));
}

SALTANT_UI_TEST_MAIN(TestPlanDialogDrift)
#include "TestPlanDialogDrift.moc"
