#pragma once

#include "deploy/FleetDeploy.h"

#include <QDialog>
#include <atomic>
#include <functional>
#include <memory>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QThread;

namespace saltant {

// Deploying to the web server and the worker hosts at once (FleetDeploy): one row per host with its target, what it
// is doing (connecting, the plan's summary, the running step, a progress bar) and its result. "Plan" connects to the
// selected hosts in parallel, asks about each unknown host key, and plans; "Show plan…" shows the selected host's
// plan with its diffs (PlanDialog, to review); "Deploy" applies every plan in parallel (the server first when its
// .env changes); Cancel stops every host at its next safe point. The window never waits: the work runs on a thread.
class FleetDeployDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column
    {
        HostColumn,
        TargetColumn,
        StatusColumn,
        ProgressColumn,
        ResultColumn,
    };

    FleetDeployDialog(const Project& project, const SecretValues& secrets, QWidget* parent = nullptr);
    ~FleetDeployDialog() override;

    QTableWidget* hosts() const { return m_table; }
    bool isRunning() const { return m_worker != nullptr; }
    // After a deploy: its results, one per selected host, in host order.
    QList<FleetHostResult> results() const;

public slots:
    void plan();
    void deploy();
    void cancel();
    void showSelectedPlan();

protected:
    void reject() override;

private:
    // Runs work on a new thread, then done on this (GUI) thread.
    void runInWorker(std::function<void()> work, std::function<void()> done);
    void onConnected();
    void askNextHostKey();
    void onPlanned();
    void onDeployed();
    void onStep(const QString& host, const DeployStepReport& step);
    int rowOf(const QString& host) const;
    // The selected row's index in m_selected (the planned hosts), or -1.
    qsizetype selectedIndex() const;
    void setRow(int row, const QString& status, const QString& result = QString());
    void updateButtons();

    Project m_project;
    SecretValues m_secrets;
    QList<FleetHost> m_all;
    QList<FleetHost> m_selected;
    std::unique_ptr<FleetDeploy> m_fleet;
    std::atomic_bool m_cancel{false};
    QThread* m_worker = nullptr;
    QList<qsizetype> m_askKeys; // hosts whose unknown key is still to be asked about
    QList<bool> m_accepted;     // per selected host: its unknown key is trusted
    bool m_planned = false;
    bool m_deployed = false;
    QTableWidget* m_table;
    QLabel* m_summary;
    QCheckBox* m_install;
    QPushButton* m_planButton;
    QPushButton* m_showPlanButton;
    QPushButton* m_deployButton;
    QPushButton* m_cancelButton;
};

} // namespace saltant
