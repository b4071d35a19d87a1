#include "SshdRig.h"
#include "UiTestMain.h"
#include "deploy/FleetDeployDialog.h"
#include "deploy/HostKeyDialog.h"
#include "deploy/PlanDialog.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTreeWidget>

using namespace saltant;

// Server > Deploy to Every Host…: the web server and two worker hosts, each a real sshd on loopback with its own
// pretend server, planned and deployed from the dialog's buttons; one worker's host key is unknown and asked about.
class TestFleetDeployDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void planThenDeploy_everyHostByItsRow();
    void leftOutHost_isNotTouched_andTheSelectionNeedsANewPlan();
    void rejectedHostKey_thatHostIsNotPlanned_theOthersAre();

private:
    template<class T>
    T* child(const char* name) const
    {
        return m_dialog->findChild<T*>(QString::fromLatin1(name));
    }
    QString cell(int row, int column) const { return m_dialog->hosts()->item(row, column)->text(); }
    // The visible child dialog of that name, waiting up to 60 s for it (null when it never came).
    template<class T>
    T* waitForDialog(const char* name) const
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 60000) {
            T* found = m_dialog->findChild<T*>(QString::fromLatin1(name));
            if (found && found->isVisible()) {
                return found;
            }
            QTest::qWait(50);
        }
        return nullptr;
    }
    bool planned() const
    {
        return !m_dialog->isRunning() && cell(0, FleetDeployDialog::StatusColumn) != tr("Connecting…");
    }

    std::unique_ptr<SshdRig> m_server;
    std::vector<std::unique_ptr<SshdRig>> m_workers;
    Project m_project;
    std::unique_ptr<FleetDeployDialog> m_dialog;
};

void TestFleetDeployDialog::init()
{
    QString error;
    m_server = std::make_unique<SshdRig>();
    QVERIFY2(m_server->start(SshdRig::KnownHosts::Peer, &error), qPrintable(error));
    m_project = m_server->fixture->project;
    for (int i = 1; i <= 2; ++i) {
        auto rig = std::make_unique<SshdRig>();
        // w2's key is not known yet: the dialog asks.
        QVERIFY2(rig->start(i == 2 ? SshdRig::KnownHosts::Empty : SshdRig::KnownHosts::Peer, &error), qPrintable(error));
        const QString name = QStringLiteral("w%1").arg(i);
        QVERIFY2(rig->fixture->prepareWorkerHost(&error) && m_project.addWorker(name, &error), qPrintable(error));
        for (const auto& [key, value] : rig->fixture->workerHostSettings(*rig->peer)) {
            QVERIFY2(m_project.setWorkerFromString(name, key, value, &error), qPrintable(error));
        }
        if (i == 2) {
            QVERIFY(m_project.setWorkerFromString(name, Key::SshKnownHostsFile, rig->knownHostsPath(), &error));
        }
        m_workers.push_back(std::move(rig));
    }
    m_dialog = std::make_unique<FleetDeployDialog>(m_project, m_server->fixture->secrets());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TestFleetDeployDialog::cleanup()
{
    m_dialog.reset();
    m_workers.clear();
    m_server.reset();
}

void TestFleetDeployDialog::planThenDeploy_everyHostByItsRow()
{
    QTableWidget* hosts = m_dialog->hosts();
    QCOMPARE(hosts->rowCount(), 3);
    QCOMPARE(hosts->item(1, FleetDeployDialog::HostColumn)->text(), QStringLiteral("w1"));
    QVERIFY(cell(2, FleetDeployDialog::TargetColumn).endsWith(QString::number(m_workers.at(1)->peer->port())));
    QVERIFY(!child<QPushButton>("fleetDeployButton")->isEnabled());

    child<QPushButton>("fleetPlanButton")->click();
    auto* ask = waitForDialog<HostKeyDialog>("hostKeyDialog");
    QVERIFY(ask);
    QVERIFY(ask->findChild<QLabel*>(QStringLiteral("hostKeyHost"))
                ->text()
                .contains(QString::number(m_workers.at(1)->peer->port())));
    ask->findChild<QPushButton*>(QStringLiteral("acceptHostKeyButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>("fleetDeployButton")->isEnabled(), 60000);
    QVERIFY(QFile::exists(m_workers.at(1)->knownHostsPath())); // the trusted key was recorded
    for (int row = 0; row < 3; ++row) {
        QVERIFY2(cell(row, FleetDeployDialog::ResultColumn).isEmpty(), qPrintable(cell(row, 4)));
    }

    // A host's plan, with its diffs, to review only.
    hosts->selectRow(1);
    QVERIFY(child<QPushButton>("fleetShowPlanButton")->isEnabled());
    child<QPushButton>("fleetShowPlanButton")->click();
    auto* review = waitForDialog<PlanDialog>("planDialog");
    QVERIFY(review);
    QVERIFY(!review->findChild<QPushButton*>(QStringLiteral("confirmDeployButton"))->isVisible());
    QVERIFY(review->windowTitle().contains(QLatin1String("w1")));
    QVERIFY(review->files()->topLevelItemCount() >= 2);
    review->reject();

    child<QPushButton>("fleetDeployButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isRunning() && !m_dialog->results().isEmpty() &&
                                 m_dialog->results().first().applied,
                             120000);
    for (const FleetHostResult& r : m_dialog->results()) {
        QVERIFY2(r.ok() && r.report.outcome == DeployReport::Outcome::Deployed,
                 qPrintable(r.name + QStringLiteral(": ") + r.report.message + r.error));
    }
    for (int row = 0; row < 3; ++row) {
        auto* progress = qobject_cast<QProgressBar*>(hosts->cellWidget(row, FleetDeployDialog::ProgressColumn));
        QCOMPARE(progress->value(), progress->maximum());
        QCOMPARE(cell(row, FleetDeployDialog::StatusColumn), DeployRunner::outcomeText(DeployReport::Outcome::Deployed));
    }
    QVERIFY(QFile::exists(m_workers.at(0)->fixture->path(QStringLiteral("/etc/systemd/system/saltant-worker.service"))));
    QVERIFY(child<QLabel>("fleetSummary")->text().contains(tr("Every host is deployed.")) ||
            child<QLabel>("fleetSummary")->text().contains(QLatin1String("Every host")));
    QVERIFY(!child<QPushButton>("fleetDeployButton")->isEnabled());
}

void TestFleetDeployDialog::leftOutHost_isNotTouched_andTheSelectionNeedsANewPlan()
{
    QTableWidget* hosts = m_dialog->hosts();
    hosts->item(2, FleetDeployDialog::HostColumn)->setCheckState(Qt::Unchecked); // w2: no host-key question
    child<QPushButton>("fleetPlanButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>("fleetDeployButton")->isEnabled(), 60000);
    QCOMPARE(cell(2, FleetDeployDialog::StatusColumn), tr("Left out"));
    QVERIFY(!m_dialog->findChild<HostKeyDialog*>());
    // Another selection needs another plan.
    hosts->item(2, FleetDeployDialog::HostColumn)->setCheckState(Qt::Checked);
    QVERIFY(!child<QPushButton>("fleetDeployButton")->isEnabled());
    hosts->item(2, FleetDeployDialog::HostColumn)->setCheckState(Qt::Unchecked);
    child<QPushButton>("fleetPlanButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>("fleetDeployButton")->isEnabled(), 60000);
    const QString before = m_workers.at(1)->fixture->treeSignature();
    child<QPushButton>("fleetDeployButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isRunning() && m_dialog->results().size() == 2 &&
                                 m_dialog->results().first().applied,
                             120000);
    QCOMPARE(m_workers.at(1)->fixture->treeSignature(), before);
    QCOMPARE(cell(2, FleetDeployDialog::StatusColumn), tr("Left out"));
}

void TestFleetDeployDialog::rejectedHostKey_thatHostIsNotPlanned_theOthersAre()
{
    child<QPushButton>("fleetPlanButton")->click();
    auto* ask = waitForDialog<HostKeyDialog>("hostKeyDialog");
    QVERIFY(ask);
    ask->findChild<QPushButton*>(QStringLiteral("rejectHostKeyButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>("fleetDeployButton")->isEnabled(), 60000);
    QCOMPARE(cell(2, FleetDeployDialog::StatusColumn), tr("Not planned"));
    QVERIFY(!cell(2, FleetDeployDialog::ResultColumn).isEmpty());
    QVERIFY(!QFile::exists(m_workers.at(1)->knownHostsPath()));
    QVERIFY(cell(1, FleetDeployDialog::ResultColumn).isEmpty());
}

SALTANT_UI_TEST_MAIN(TestFleetDeployDialog)
#include "TestFleetDeployDialog.moc"
