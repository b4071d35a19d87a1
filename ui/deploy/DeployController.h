#pragma once

#include "deploy/DeployConnection.h"
#include "deploy/DeployRunner.h"
#include "net/CheckSuite.h"

#include <QObject>
#include <QPointer>
#include <atomic>
#include <functional>
#include <memory>

class QWidget;

namespace saltant {

class ChecksPanel;
class DeployProgressDialog;
class HostConnector;
class PlanDialog;
class ProjectDocument;

// The Deploy action: connects on a worker thread (the window never waits), asks about an unknown host key
// (HostKeyDialog) and refuses a changed one (both through HostConnector), shows the plan (PlanDialog), then applies it
// on the worker thread with live progress (DeployProgressDialog). The blocking work is DeployConnection and
// DeployRunner, shared with the CLI; this class only moves it off the GUI thread and shows its results. With a
// ChecksPanel whose "check around deploying" is on, the preflight checks run first (failures are asked about) and the
// health checks after a successful deploy, in that panel.
class DeployController : public QObject
{
    Q_OBJECT

public:
    explicit DeployController(QWidget* window);
    ~DeployController() override;

    // The panel that runs preflight before and health after each deploy; null: no checks.
    void setChecksPanel(ChecksPanel* panel);
    // The document a server edit is imported into (the plan dialog's "Import the server's edit"); null: not offered
    // (the deploy is cancelled with a message).
    void setDocument(ProjectDocument* document);

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
    bool checksWanted() const;
    void runChecks(CheckSuite::Kind kind);
    void onChecksFinished(bool cancelled, int failures);
    void connectToHost();
    void authenticateAndPlan(bool acceptHostKey);
    void onPlanned();
    void onPlanAnswered(PlanDialog* dialog);
    void replan();
    bool importServerEdits();
    void startDeploy();
    void onDeployed();
    void showFailure();
    void setRunning(bool running);

    enum class Waiting
    {
        Nothing,
        Preflight,
        Health
    };

    QWidget* m_window;
    QPointer<ChecksPanel> m_checks;
    Waiting m_waiting = Waiting::Nothing;
    bool m_restartChecks = false; // a run of the user's was cancelled; start ours when it has finished
    QString m_flowerPassword;     // held from the deploy until the health run has started
    std::unique_ptr<DeployConnection> m_connection;
    HostConnector* m_connector; // the worker thread, the host-key question, the refusal of a changed key
    bool m_ok = false;
    bool m_running = false;
    std::atomic_bool m_cancel{false};
    bool m_installMissing = false; // the plan dialog's "Install the missing programs first"
    bool m_overwriteDrift = false; // the plan dialog's "Overwrite" for files changed on the server
    QPointer<ProjectDocument> m_document;
    DeployReport m_report;
    QPointer<DeployProgressDialog> m_progress;
};

} // namespace saltant
