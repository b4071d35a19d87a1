#include "deploy/FleetDeployDialog.h"

#include "deploy/HostKeyDialog.h"
#include "deploy/PlanDialog.h"
#include "plan/PlanText.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace saltant {

FleetDeployDialog::FleetDeployDialog(const Project& project, const SecretValues& secrets, QWidget* parent)
    : QDialog(parent), m_project(project), m_secrets(secrets)
{
    setObjectName(QStringLiteral("fleetDeployDialog"));
    setWindowTitle(tr("Deploy to every host"));
    QString error;
    FleetDeploy::select(m_project, true, {}, &m_all, &error);

    m_table = new QTableWidget(int(m_all.size()), 5, this);
    m_table->setObjectName(QStringLiteral("fleetHostTable"));
    m_table->setHorizontalHeaderLabels({tr("Host"), tr("Target"), tr("Status"), tr("Progress"), tr("Result")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ResultColumn, QHeaderView::Stretch);
    for (int row = 0; row < m_all.size(); ++row) {
        const Project& p = m_all.at(row).project;
        auto* host =
            new QTableWidgetItem(m_all.at(row).name == FleetDeploy::serverName() ? tr("server") : m_all.at(row).name);
        host->setData(Qt::UserRole, m_all.at(row).name);
        host->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        host->setCheckState(Qt::Checked);
        m_table->setItem(row, HostColumn, host);
        m_table->setItem(row, TargetColumn,
                         new QTableWidgetItem(QStringLiteral("%1@%2:%3")
                                                  .arg(p.text(Key::SshUser), p.text(Key::SshHost))
                                                  .arg(p.integer(Key::SshPort))));
        m_table->setItem(row, StatusColumn, new QTableWidgetItem(tr("Not planned yet")));
        m_table->setItem(row, ResultColumn, new QTableWidgetItem());
        auto* progress = new QProgressBar(m_table);
        progress->setRange(0, 1);
        progress->setValue(0);
        m_table->setCellWidget(row, ProgressColumn, progress);
    }
    m_table->resizeColumnsToContents();

    m_summary = new QLabel(tr("Untick the hosts to leave out, then plan: every selected host is read in parallel, "
                              "nothing is changed."),
                           this);
    m_summary->setObjectName(QStringLiteral("fleetSummary"));
    m_summary->setWordWrap(true);
    m_install = new QCheckBox(tr("Install the missing programs first"), this);
    m_install->setObjectName(QStringLiteral("fleetInstallMissing"));

    auto* buttons = new QDialogButtonBox(this);
    m_planButton = buttons->addButton(tr("&Plan"), QDialogButtonBox::ActionRole);
    m_planButton->setObjectName(QStringLiteral("fleetPlanButton"));
    m_showPlanButton = buttons->addButton(tr("&Show plan…"), QDialogButtonBox::ActionRole);
    m_showPlanButton->setObjectName(QStringLiteral("fleetShowPlanButton"));
    m_deployButton = buttons->addButton(tr("&Deploy"), QDialogButtonBox::AcceptRole);
    m_deployButton->setObjectName(QStringLiteral("fleetDeployButton"));
    m_cancelButton = buttons->addButton(QDialogButtonBox::Close);
    m_cancelButton->setObjectName(QStringLiteral("fleetCancelButton"));
    connect(m_planButton, &QPushButton::clicked, this, &FleetDeployDialog::plan);
    connect(m_showPlanButton, &QPushButton::clicked, this, &FleetDeployDialog::showSelectedPlan);
    connect(m_deployButton, &QPushButton::clicked, this, &FleetDeployDialog::deploy);
    connect(m_cancelButton, &QPushButton::clicked, this, &FleetDeployDialog::reject);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &FleetDeployDialog::updateButtons);
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (item->column() == HostColumn && m_planned && !isRunning()) {
            // Another selection of hosts needs its own plan.
            m_planned = false;
            m_summary->setText(tr("The selection changed: plan again."));
            updateButtons();
        }
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(m_summary);
    layout->addWidget(m_install);
    layout->addWidget(buttons);
    resize(820, 360);
    updateButtons();
}

FleetDeployDialog::~FleetDeployDialog()
{
    if (m_worker) {
        cancel();
        m_worker->wait();
    }
}

QList<FleetHostResult> FleetDeployDialog::results() const
{
    return m_fleet ? m_fleet->results() : QList<FleetHostResult>();
}

int FleetDeployDialog::rowOf(const QString& host) const
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, HostColumn)->data(Qt::UserRole).toString() == host) {
            return row;
        }
    }
    return -1;
}

qsizetype FleetDeployDialog::selectedIndex() const
{
    const int row = m_table->currentRow();
    if (row < 0 || !m_fleet) {
        return -1;
    }
    const QString name = m_table->item(row, HostColumn)->data(Qt::UserRole).toString();
    for (qsizetype i = 0; i < m_selected.size(); ++i) {
        if (m_selected.at(i).name == name) {
            return i;
        }
    }
    return -1;
}

void FleetDeployDialog::setRow(int row, const QString& status, const QString& result)
{
    if (row < 0) {
        return;
    }
    m_table->item(row, StatusColumn)->setText(status);
    m_table->item(row, StatusColumn)->setToolTip(status);
    m_table->item(row, ResultColumn)->setText(result);
    m_table->item(row, ResultColumn)->setToolTip(result);
}

void FleetDeployDialog::updateButtons()
{
    const bool running = isRunning();
    bool work = false;
    for (qsizetype i = 0; m_planned && i < m_fleet->results().size(); ++i) {
        work = work || (m_fleet->results().at(i).planned && m_fleet->connection(i).plan().hasWork());
    }
    const qsizetype index = selectedIndex();
    m_planButton->setEnabled(!running && !m_deployed);
    m_deployButton->setEnabled(!running && m_planned && work && !m_deployed);
    m_showPlanButton->setEnabled(!running && m_planned && index >= 0 && m_fleet->results().at(index).planned);
    m_install->setEnabled(!running && !m_deployed);
    m_cancelButton->setText(running ? tr("Cancel") : tr("Close"));
}

void FleetDeployDialog::runInWorker(std::function<void()> work, std::function<void()> done)
{
    m_worker = QThread::create(std::move(work));
    connect(m_worker, &QThread::finished, this, [this, done = std::move(done)] {
        m_worker->deleteLater();
        m_worker = nullptr;
        done();
        updateButtons();
    });
    m_worker->start();
    updateButtons();
}

void FleetDeployDialog::plan()
{
    if (isRunning()) {
        return;
    }
    m_selected.clear();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const bool on = m_table->item(row, HostColumn)->checkState() == Qt::Checked;
        if (on) {
            m_selected.append(m_all.at(row));
        }
        setRow(row, on ? tr("Connecting…") : tr("Left out"));
    }
    if (m_selected.isEmpty()) {
        m_summary->setText(tr("No host is selected: tick at least one."));
        return;
    }
    m_planned = false;
    m_cancel.store(false);
    m_fleet = std::make_unique<FleetDeploy>(m_selected, m_secrets);
    m_summary->setText(tr("Connecting to %n host(s)…", nullptr, int(m_selected.size())));
    FleetDeploy* fleet = m_fleet.get();
    runInWorker([fleet] { fleet->connectAll(); }, [this] { onConnected(); });
}

void FleetDeployDialog::onConnected()
{
    if (m_cancel.load()) {
        m_summary->setText(tr("Cancelled; nothing was changed."));
        return;
    }
    m_accepted = QList<bool>(m_selected.size(), false);
    m_askKeys.clear();
    for (qsizetype i = 0; i < m_selected.size(); ++i) {
        const FleetHostResult& r = m_fleet->results().at(i);
        if (!r.error.isEmpty()) {
            setRow(rowOf(r.name), tr("Not reached"), r.error);
            continue;
        }
        setRow(rowOf(r.name),
               m_fleet->hostKey(i).status == HostKeyCheck::Unknown ? tr("Unknown host key: asking") : tr("Planning…"));
        if (m_fleet->hostKey(i).status == HostKeyCheck::Unknown) {
            m_askKeys.append(i);
        }
    }
    askNextHostKey();
}

void FleetDeployDialog::askNextHostKey()
{
    // One unknown host key at a time, on the GUI thread, before any host authenticates.
    if (!m_askKeys.isEmpty() && !m_cancel.load()) {
        const qsizetype i = m_askKeys.takeFirst();
        auto* ask = new HostKeyDialog(m_fleet->hostKey(i), this);
        ask->setAttribute(Qt::WA_DeleteOnClose);
        connect(ask, &QDialog::finished, this, [this, i](int result) {
            m_accepted[i] = result == QDialog::Accepted;
            setRow(rowOf(m_selected.at(i).name), tr("Planning…"));
            askNextHostKey();
        });
        ask->open();
        return;
    }
    m_summary->setText(tr("Reading the hosts…"));
    FleetDeploy* fleet = m_fleet.get();
    runInWorker(
        [fleet, accepted = m_accepted] {
            fleet->authenticateAndPlanAll([&accepted](qsizetype i) { return accepted.at(i); });
        },
        [this] { onPlanned(); });
}

void FleetDeployDialog::onPlanned()
{
    int ready = 0;
    int blocked = 0;
    for (qsizetype i = 0; i < m_selected.size(); ++i) {
        const FleetHostResult& r = m_fleet->results().at(i);
        const int row = rowOf(r.name);
        if (!r.planned) {
            setRow(row, tr("Not planned"), r.error);
            continue;
        }
        const Plan& plan = m_fleet->connection(i).plan();
        const bool isBlocked = PlanDialog::isBlocked(plan, m_install->isChecked());
        blocked += isBlocked ? 1 : 0;
        ready += isBlocked ? 0 : 1;
        setRow(row, PlanText::summary(plan),
               isBlocked ? tr("Cannot deploy: %1").arg(plan.refusals(m_install->isChecked()).join(QLatin1Char(' ')))
                         : QString());
    }
    m_planned = !m_cancel.load();
    m_summary->setText(m_cancel.load()
                           ? tr("Cancelled; nothing was changed.")
                           : tr("%n host(s) can be deployed", nullptr, ready) +
                                 (blocked ? tr("; %n refuse (see Result).", nullptr, blocked) : QStringLiteral(".")));
}

void FleetDeployDialog::showSelectedPlan()
{
    const int row = m_table->currentRow();
    const qsizetype index = selectedIndex();
    if (index < 0 || !m_fleet->results().at(index).planned) {
        return;
    }
    auto* review = new PlanDialog(m_fleet->connection(index).plan(), this, PlanDialog::Mode::Review);
    review->setAttribute(Qt::WA_DeleteOnClose);
    review->setWindowTitle(tr("Plan of %1").arg(m_table->item(row, HostColumn)->text()));
    review->open();
}

void FleetDeployDialog::deploy()
{
    if (isRunning() || !m_planned) {
        return;
    }
    m_cancel.store(false);
    for (qsizetype i = 0; i < m_selected.size(); ++i) {
        if (m_fleet->results().at(i).planned) {
            const int row = rowOf(m_selected.at(i).name);
            setRow(row, tr("Waiting…"));
            auto* progress = qobject_cast<QProgressBar*>(m_table->cellWidget(row, ProgressColumn));
            progress->setRange(0, 0); // busy until its first step reports
        }
    }
    m_summary->setText(m_fleet->serverFirst() ? tr("Deploying: the server first (its .env carries new broker "
                                                   "credentials), then the worker hosts.")
                                              : tr("Deploying every host at once…"));
    DeployOptions options;
    options.installMissing = m_install->isChecked();
    options.cancel = &m_cancel;
    FleetDeploy* fleet = m_fleet.get();
    runInWorker(
        [this, fleet, options] {
            fleet->apply(options, [this](const QString& host, const DeployStepReport& step) {
                QMetaObject::invokeMethod(
                    this, [this, host, step] { onStep(host, step); }, Qt::QueuedConnection);
            });
        },
        [this] { onDeployed(); });
}

void FleetDeployDialog::onStep(const QString& host, const DeployStepReport& step)
{
    const int row = rowOf(host);
    if (row < 0) {
        return;
    }
    setRow(row, DeployLog::phaseLabel(step.phase) + QStringLiteral(": ") + step.title,
           step.ok ? QString() : step.error);
    auto* progress = qobject_cast<QProgressBar*>(m_table->cellWidget(row, ProgressColumn));
    if (progress->maximum() == 0) {
        progress->setRange(0, 1);
        progress->setValue(0);
    }
    progress->setMaximum(progress->maximum() + 1);
    progress->setValue(progress->value() + 1);
}

void FleetDeployDialog::onDeployed()
{
    m_deployed = true;
    int failed = 0;
    for (const FleetHostResult& r : m_fleet->results()) {
        const int row = rowOf(r.name);
        auto* progress = qobject_cast<QProgressBar*>(m_table->cellWidget(row, ProgressColumn));
        progress->setRange(0, 1);
        progress->setValue(r.applied && r.report.ok() ? 1 : 0);
        if (!r.ok()) {
            ++failed;
        }
        if (r.applied) {
            setRow(row, DeployRunner::outcomeText(r.report.outcome), r.report.message);
        } else if (r.planned) {
            setRow(row, tr("Not deployed"), r.error);
        }
    }
    m_summary->setText(failed == 0
                           ? tr("Every host is deployed.")
                           : tr("%n host(s) failed; each was rolled back on its own (see Result).", nullptr, failed));
}

void FleetDeployDialog::cancel()
{
    m_cancel.store(true);
    if (m_fleet) {
        m_fleet->cancel();
    }
    m_summary->setText(tr("Cancelling: every host stops at its next safe point…"));
}

void FleetDeployDialog::reject()
{
    if (isRunning()) {
        cancel(); // the dialog stays until the hosts have stopped
        return;
    }
    QDialog::reject();
}

} // namespace saltant
