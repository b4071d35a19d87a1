#include "DeployWindowHarness.h"
#include "UiTestMain.h"
#include "common/MessageBox.h"
#include "deploy/PlanDialog.h"
#include "document/ProjectDocument.h"
#include "generate/Renderer.h"
#include "model/SettingKeys.h"

#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QTreeWidget>
#include <QUndoStack>

using namespace saltant;

// Files changed on the server since the last deploy, in the window's deploy against a real sshd on loopback: the
// plan dialog marks them and shows their three versions, and asks before overwriting them: Overwrite, Keep the
// server's version (plan again with keepDrift), Import the server's edit into the project (one undoable change,
// then plan again), or Cancel.
class TestDeployDriftDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void firstDeploy_manifestMissing_infoLine();
    void keep_editSurvives();
    void overwrite_editGone();
    void import_notAServerTheImporterKnows_refusedNothingChanged();
    void cancel_nothingChanges();
    void secretFile_versionsMasked_importNotOffered();

private:
    // Opens the plan dialog of the window's Deploy action.
    PlanDialog* openPlan();
    // Confirms the open plan dialog and returns the report; the progress dialog is closed again.
    DeployReport confirm(PlanDialog* plan);
    DeployReport deploy() { return confirm(openPlan()); }
    // Replaces before by after in the file of the deployed fixture (after: appended when before is empty).
    bool editOnServer(const QString& path, const QString& before, const QString& after) const;
    QString read(const QString& path) const;
    QString sitePath() const
    {
        return m_h->fixture->path(QStringLiteral("/etc/nginx/sites-available/saltant_nginx.conf"));
    }
    // The plan's row of path, or null.
    static QTreeWidgetItem* row(PlanDialog* plan, const QString& path);
    static QString text(PlanDialog* plan, const char* name)
    {
        return DeployWindowHarness::child<QPlainTextEdit>(plan, name)->toPlainText();
    }

    std::unique_ptr<DeployWindowHarness> m_h;
};

void TestDeployDriftDialog::init()
{
    m_h = std::make_unique<DeployWindowHarness>();
    QString error;
    QVERIFY2(m_h->start(&error), qPrintable(error));
    QVERIFY2(m_h->openWindow(m_h->peer->knownHostsPath(), &error), qPrintable(error));
}

void TestDeployDriftDialog::cleanup()
{
    m_h->tearDown();
    m_h.reset();
}

PlanDialog* TestDeployDriftDialog::openPlan()
{
    m_h->deployAction()->trigger();
    return m_h->waitFor<PlanDialog>("planDialog");
}

DeployReport TestDeployDriftDialog::confirm(PlanDialog* plan)
{
    if (!plan) {
        return DeployReport();
    }
    DeployWindowHarness::child<QPushButton>(plan, "confirmDeployButton")->click();
    auto* progress = m_h->waitFor<DeployProgressDialog>("deployProgressDialog");
    if (!progress || !QTest::qWaitFor([progress] { return progress->isFinished(); }, 120000)) {
        return DeployReport();
    }
    const DeployReport report = m_h->controller()->lastReport();
    DeployWindowHarness::closeProgress(progress);
    return report;
}

bool TestDeployDriftDialog::editOnServer(const QString& path, const QString& before, const QString& after) const
{
    QString content = read(path);
    if (before.isEmpty()) {
        content += after;
    } else if (content.contains(before)) {
        content.replace(before, after);
    } else {
        return false;
    }
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content.toUtf8()) >= 0;
}

QString TestDeployDriftDialog::read(const QString& path) const
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QTreeWidgetItem* TestDeployDriftDialog::row(PlanDialog* plan, const QString& path)
{
    for (int i = 0; i < plan->files()->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = plan->files()->topLevelItem(i);
        if (item->text(PlanDialog::PathColumn) == path) {
            return item;
        }
    }
    return nullptr;
}

void TestDeployDriftDialog::firstDeploy_manifestMissing_infoLine()
{
    PlanDialog* plan = openPlan();
    QVERIFY(plan);
    auto* info = DeployWindowHarness::child<QLabel>(plan, "planManifestInfo");
    QVERIFY(info->isVisible());
    QVERIFY2(info->text().contains(QStringLiteral("this deploy writes the manifest")), qPrintable(info->text()));
    QVERIFY(!DeployWindowHarness::child<QLabel>(plan, "planDrift")->isVisible());
    QVERIFY(!DeployWindowHarness::child<QGroupBox>(plan, "planDriftChoice"));
    QVERIFY(DeployWindowHarness::child<QPushButton>(plan, "confirmDeployButton")->isEnabled());
    QCOMPARE(confirm(plan).outcome, DeployReport::Outcome::Deployed);

    // Deployed by this tool: the manifest is there, no drift, no info line.
    plan = openPlan();
    QVERIFY(plan);
    QVERIFY(!DeployWindowHarness::child<QLabel>(plan, "planManifestInfo")->isVisible());
    QVERIFY(!DeployWindowHarness::child<QLabel>(plan, "planDrift")->isVisible());
    DeployWindowHarness::child<QPushButton>(plan, "cancelPlanButton")->click();
    QVERIFY(QTest::qWaitFor([this] { return !m_h->controller()->isRunning(); }, 10000));
}

void TestDeployDriftDialog::keep_editSurvives()
{
    QCOMPARE(deploy().outcome, DeployReport::Outcome::Deployed);
    const QString deployed = read(sitePath());
    QVERIFY(editOnServer(sitePath(), QString(), QStringLiteral("# edited on the server\n")));

    PlanDialog* plan = openPlan();
    QVERIFY(plan);
    QTreeWidgetItem* site = row(plan, sitePath());
    QVERIFY(site);
    QVERIFY2(site->text(PlanDialog::ChangeColumn).contains(QStringLiteral("changed on the server")),
             qPrintable(site->text(PlanDialog::ChangeColumn)));
    QVERIFY2(site->toolTip(PlanDialog::ChangeColumn).contains(QStringLiteral("content changed")),
             qPrintable(site->toolTip(PlanDialog::ChangeColumn)));
    auto* drift = DeployWindowHarness::child<QLabel>(plan, "planDrift");
    QVERIFY(drift->isVisible());
    QVERIFY2(drift->text().contains(sitePath()), qPrintable(drift->text()));
    // The three versions of the selected file, and the two diffs.
    plan->files()->setCurrentItem(site);
    QCOMPARE(text(plan, "driftLastDeployed"), deployed);
    QCOMPARE(text(plan, "driftServer"), deployed + QStringLiteral("# edited on the server\n"));
    QCOMPARE(text(plan, "driftNext"), deployed);
    QVERIFY(text(plan, "driftDiffServer").contains(QStringLiteral("+# edited on the server")));
    QVERIFY(text(plan, "driftDiffNext").contains(QStringLiteral("-# edited on the server")));

    // Deploy waits for an answer.
    auto* confirmButton = DeployWindowHarness::child<QPushButton>(plan, "confirmDeployButton");
    QVERIFY(DeployWindowHarness::child<QGroupBox>(plan, "planDriftChoice")->isVisible());
    QVERIFY(!confirmButton->isEnabled());
    DeployWindowHarness::child<QRadioButton>(plan, "driftKeep")->click();
    QVERIFY(confirmButton->isEnabled());
    confirmButton->click();

    // Planned again with the edit kept: no question this time.
    QPointer<PlanDialog> first(plan);
    QVERIFY(QTest::qWaitFor([&first] { return first.isNull(); }, 10000));
    plan = m_h->waitFor<PlanDialog>("planDialog");
    QVERIFY(plan);
    site = row(plan, sitePath());
    QVERIFY(site);
    QVERIFY2(site->text(PlanDialog::ChangeColumn).contains(QStringLiteral("(kept)")),
             qPrintable(site->text(PlanDialog::ChangeColumn)));
    QVERIFY(!DeployWindowHarness::child<QGroupBox>(plan, "planDriftChoice"));
    const DeployReport report = confirm(plan);
    QVERIFY2(report.ok(), qPrintable(report.message));
    QCOMPARE(read(sitePath()), deployed + QStringLiteral("# edited on the server\n"));
}

void TestDeployDriftDialog::overwrite_editGone()
{
    QCOMPARE(deploy().outcome, DeployReport::Outcome::Deployed);
    const QString deployed = read(sitePath());
    QVERIFY(editOnServer(sitePath(), QString(), QStringLiteral("# edited on the server\n")));

    PlanDialog* plan = openPlan();
    QVERIFY(plan);
    auto* overwrite = DeployWindowHarness::child<QRadioButton>(plan, "driftOverwrite");
    QVERIFY2(overwrite->text().contains(QStringLiteral("deploy history")), qPrintable(overwrite->text()));
    overwrite->click();
    const DeployReport report = confirm(plan);
    QVERIFY2(report.outcome == DeployReport::Outcome::Deployed, qPrintable(report.message));
    QCOMPARE(report.uploaded, 1);
    QCOMPARE(read(sitePath()), deployed);
    QCOMPARE(deploy().outcome, DeployReport::Outcome::NothingToDo);
}

void TestDeployDriftDialog::import_notAServerTheImporterKnows_refusedNothingChanged()
{
    // The fixture's files live under a temporary directory, not at a server's paths, so the importer finds no saltant
    // server in the edit (TestDriftImport covers a successful import): the window says so and changes nothing.
    QCOMPARE(deploy().outcome, DeployReport::Outcome::Deployed);
    ProjectDocument* document = m_h->window->document();
    QVERIFY(editOnServer(sitePath(), QStringLiteral("client_max_body_size 10M;"),
                         QStringLiteral("client_max_body_size 64M;")));
    const QString before = m_h->fixture->treeSignature();
    const int undo = document->undoStack()->count();

    PlanDialog* plan = openPlan();
    QVERIFY(plan);
    auto* import = DeployWindowHarness::child<QRadioButton>(plan, "driftImport");
    QVERIFY(import->isEnabled());
    import->click();
    auto* confirmButton = DeployWindowHarness::child<QPushButton>(plan, "confirmDeployButton");
    QVERIFY(confirmButton->isEnabled());
    MessageBox::setNextAnswer(QMessageBox::Ok); // the warning is not shown
    confirmButton->click();
    QVERIFY(QTest::qWaitFor([this] { return !m_h->controller()->isRunning(); }, 10000));
    QVERIFY2(MessageBox::lastQuestion().contains(QStringLiteral("could not be imported, so nothing was changed")),
             qPrintable(MessageBox::lastQuestion()));
    QCOMPARE(document->project().text(Key::NginxClientMaxBodySize), QStringLiteral("10M"));
    QCOMPARE(document->undoStack()->count(), undo);
    QCOMPARE(m_h->fixture->treeSignature(), before);
}

void TestDeployDriftDialog::cancel_nothingChanges()
{
    QCOMPARE(deploy().outcome, DeployReport::Outcome::Deployed);
    QVERIFY(editOnServer(sitePath(), QStringLiteral("client_max_body_size 10M;"),
                         QStringLiteral("client_max_body_size 64M;")));
    const QString before = m_h->fixture->treeSignature();
    const Project project = m_h->window->document()->project();
    const int undo = m_h->window->document()->undoStack()->count();
    m_h->fixture->clearCalls();

    PlanDialog* plan = openPlan();
    QVERIFY(plan);
    DeployWindowHarness::child<QRadioButton>(plan, "driftImport")->click();
    DeployWindowHarness::child<QPushButton>(plan, "cancelPlanButton")->click();
    QVERIFY(QTest::qWaitFor([this] { return !m_h->controller()->isRunning(); }, 10000));
    QCOMPARE(m_h->fixture->treeSignature(), before);
    QVERIFY2(m_h->fixture->calls().isEmpty(), qPrintable(m_h->fixture->calls().join(QLatin1Char('\n'))));
    QVERIFY(m_h->window->document()->project() == project);
    QCOMPARE(m_h->window->document()->undoStack()->count(), undo);
}

void TestDeployDriftDialog::secretFile_versionsMasked_importNotOffered()
{
    QCOMPARE(deploy().outcome, DeployReport::Outcome::Deployed);
    const SecretValues secrets = m_h->fixture->secrets();
    QString dotenv;
    for (const GeneratedFile& file : Renderer::render(m_h->fixture->project, &secrets).files) {
        if (file.holdsSecrets && !file.previewOnly && dotenv.isEmpty()) {
            dotenv = file.remotePath;
        }
    }
    QVERIFY(!dotenv.isEmpty());
    QVERIFY(editOnServer(dotenv, QString(), QStringLiteral("EDITED_ON_THE_SERVER=1\n")));

    PlanDialog* plan = openPlan();
    QVERIFY(plan);
    QTreeWidgetItem* item = row(plan, dotenv);
    QVERIFY(item);
    QVERIFY(item->text(PlanDialog::ChangeColumn).contains(QStringLiteral("changed on the server")));
    plan->files()->setCurrentItem(item);
    QVERIFY2(text(plan, "driftServer").contains(QStringLiteral("EDITED_ON_THE_SERVER")),
             qPrintable(text(plan, "driftServer")));
    for (const char* view : {"driftLastDeployed", "driftServer", "driftNext", "driftDiffServer", "driftDiffNext"}) {
        const QString shown = text(plan, view);
        QVERIFY2(!shown.isEmpty(), view);
        for (const QString& name : secrets.names()) {
            const QString value = secrets.value(name);
            if (value.size() >= 4) {
                QVERIFY2(!shown.contains(value), qPrintable(QString::fromLatin1(view) + QStringLiteral(": ") + name));
            }
        }
    }
    QVERIFY(!DeployWindowHarness::child<QRadioButton>(plan, "driftImport")->isEnabled());
    DeployWindowHarness::child<QPushButton>(plan, "cancelPlanButton")->click();
    QVERIFY(QTest::qWaitFor([this] { return !m_h->controller()->isRunning(); }, 10000));
}

SALTANT_UI_TEST_MAIN(TestDeployDriftDialog)
#include "TestDeployDriftDialog.moc"
