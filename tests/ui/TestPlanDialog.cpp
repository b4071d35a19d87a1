#include "deploy/PlanDialog.h"
#include "UiTestMain.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>

using namespace saltant;

// The plan dialog's gate: what blocks a deploy, and "Install the missing programs first" (the GUI's
// `deploy --install-missing`), which lifts only the missing programs that have an install command.
class TestPlanDialog : public QObject
{
    Q_OBJECT

private slots:
    void missingPrograms_blockUntilInstallIsTicked();
    void programWithoutInstallCommand_staysBlocked();
    void otherBlocker_staysBlockedWithInstallTicked();
    void nothingMissing_noInstallChoice();
    void files_showModeOwnerAndTheirChange_nameFirstWhenCut();

private:
    static Plan planMissing(const QList<MissingProgram>& programs)
    {
        Plan plan;
        plan.host = QStringLiteral("server.example");
        plan.missingPrograms = programs;
        return plan;
    }
    static MissingProgram program(const QString& title, const QString& install)
    {
        MissingProgram m;
        m.title = title;
        m.check = QStringLiteral("command -v x");
        m.installCommand = install;
        return m;
    }
};

void TestPlanDialog::missingPrograms_blockUntilInstallIsTicked()
{
    PlanDialog dialog(planMissing({program(QStringLiteral("nginx is installed"),
                                           QStringLiteral("apt-get install -y nginx"))}));
    dialog.show();
    auto* install = dialog.findChild<QCheckBox*>(QStringLiteral("planInstallMissing"));
    auto* confirm = dialog.findChild<QPushButton*>(QStringLiteral("confirmDeployButton"));
    auto* blockers = dialog.findChild<QLabel*>(QStringLiteral("planBlockers"));
    QVERIFY(install && confirm && blockers);
    QVERIFY(install->isVisible());
    QVERIFY(!install->isChecked()); // never installs unasked
    QVERIFY(!confirm->isEnabled());
    QVERIFY(blockers->text().contains(QStringLiteral("apt-get install -y nginx")));
    install->setChecked(true);
    QVERIFY(confirm->isEnabled());
    QVERIFY(dialog.installMissing());
    QVERIFY2(blockers->text().contains(QStringLiteral("will be installed")), qPrintable(blockers->text()));
    QVERIFY(!blockers->text().contains(QStringLiteral("Cannot deploy")));
    install->setChecked(false);
    QVERIFY(!confirm->isEnabled());
}

void TestPlanDialog::programWithoutInstallCommand_staysBlocked()
{
    PlanDialog dialog(planMissing({program(QStringLiteral("nginx is installed"),
                                           QStringLiteral("apt-get install -y nginx")),
                                   program(QStringLiteral("Something only the admin installs"), QString())}));
    dialog.show();
    auto* install = dialog.findChild<QCheckBox*>(QStringLiteral("planInstallMissing"));
    install->setChecked(true);
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("confirmDeployButton"))->isEnabled());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("planBlockers"))->text().contains(QStringLiteral("by hand")));
}

void TestPlanDialog::otherBlocker_staysBlockedWithInstallTicked()
{
    Plan plan = planMissing({program(QStringLiteral("nginx is installed"), QStringLiteral("apt-get install -y nginx"))});
    plan.blockers << QStringLiteral("The user ubuntu does not exist on the server.");
    PlanDialog dialog(plan);
    dialog.show();
    dialog.findChild<QCheckBox*>(QStringLiteral("planInstallMissing"))->setChecked(true);
    QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("confirmDeployButton"))->isEnabled());
}

void TestPlanDialog::nothingMissing_noInstallChoice()
{
    PlanDialog dialog(planMissing({}));
    dialog.show();
    QVERIFY(!dialog.findChild<QCheckBox*>(QStringLiteral("planInstallMissing"))->isVisible());
    QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("planBlockers"))->isVisible());
    QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("confirmDeployButton"))->isEnabled());
}

void TestPlanDialog::files_showModeOwnerAndTheirChange_nameFirstWhenCut()
{
    Plan plan = planMissing({});
    PlannedFile created;
    created.file.remotePath = QStringLiteral("/etc/systemd/system/a/very/long/path/to/flower.service");
    created.file.mode = 0644;
    created.file.owner = QStringLiteral("root");
    created.file.group = QStringLiteral("root");
    created.change = PlannedFile::Change::New;
    PlannedFile changed;
    changed.file.remotePath = QStringLiteral("/etc/saltant/flower.env");
    changed.file.mode = 0600;
    changed.file.owner = QStringLiteral("root");
    changed.file.group = QStringLiteral("root");
    changed.change = PlannedFile::Change::Changed;
    changed.attributes = QStringLiteral("mode 0644 -> 0600");
    plan.files = {created, changed};
    PlanDialog dialog(plan);
    dialog.show();
    QTreeWidget* files = dialog.files();
    QCOMPARE(files->topLevelItem(0)->text(PlanDialog::AttributesColumn), QStringLiteral("0644 root:root"));
    QCOMPARE(files->topLevelItem(1)->text(PlanDialog::AttributesColumn),
             QStringLiteral("0600 root:root (mode 0644 -> 0600)"));
    QCOMPARE(files->textElideMode(), Qt::ElideLeft);
    QCOMPARE(files->topLevelItem(0)->toolTip(PlanDialog::PathColumn), created.file.remotePath);
}

SALTANT_UI_TEST_MAIN(TestPlanDialog)
#include "TestPlanDialog.moc"
