#pragma once

#include "deploy/DeployConnection.h"
#include "deploy/DeployRunner.h"

#include <QObject>
#include <QPointer>
#include <atomic>
#include <functional>
#include <memory>

class QThread;
class QWidget;

namespace saltant {

class DeployProgressDialog;

// The Deploy action: connects on a worker thread (the window never waits), asks about an unknown host key
// (HostKeyDialog) and refuses a changed one, shows the plan (PlanDialog), then applies it on the worker thread with
// live progress (DeployProgressDialog). The blocking work is DeployConnection and DeployRunner, shared with the CLI;
// this class only moves it off the GUI thread and shows its results.
class DeployController : public QObject
{
    Q_OBJECT

public:
    explicit DeployController(QWidget* window);
    ~DeployController() override;

    bool isRunning() const { return m_running; }
    // The report of the last finished deploy.
    DeployReport lastReport() const { return m_report; }

public slots:
    // Starts a deploy of project with the secrets read from the keychain. Ignored while one runs.
    void start(const Project& project, const SecretValues& secrets);

signals:
    void runningChanged(bool running);
    void statusChanged(const QString& text);

private:
    // Runs work on a new thread, then done on this (GUI) thread with its result in m_ok.
    void runInWorker(std::function<bool()> work, void (DeployController::*done)());
    void onConnected();
    void askHostKey();
    void authenticateAndPlan(bool acceptHostKey);
    void onPlanned();
    void startDeploy();
    void onDeployed();
    void showFailure();
    void setRunning(bool running);

    QWidget* m_window;
    std::unique_ptr<DeployConnection> m_connection;
    QThread* m_worker = nullptr;
    bool m_ok = false;
    bool m_running = false;
    std::atomic_bool m_cancel{false};
    DeployReport m_report;
    QPointer<DeployProgressDialog> m_progress;
};

} // namespace saltant
