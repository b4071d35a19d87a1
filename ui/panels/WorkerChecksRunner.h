#pragma once

#include "model/Project.h"
#include "net/CheckResult.h"
#include "net/WorkerChecks.h"
#include "secrets/SecretValues.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>

class QThread;
class QWidget;

namespace saltant {

class DeployConnection;
class HostKeyDialog;

// Runs WorkerChecks on every worker host of a project, one host after the other, for the Server Checks panel: each
// host's SSH connection on a worker thread, an unknown host key asked on the GUI thread (HostKeyDialog, non-modal),
// then its checks on the worker thread with every result queued back here as it is known. A host that cannot be
// checked (not reached, changed host key, key not trusted) gets one row "worker.NAME.connection" saying why and what
// to do; the other hosts are still checked. The secrets live only as long as the run.
class WorkerChecksRunner : public QObject
{
    Q_OBJECT

public:
    // dialogParent: the window the host key question belongs to.
    explicit WorkerChecksRunner(QWidget* dialogParent, QObject* parent = nullptr);
    ~WorkerChecksRunner() override; // cancels and waits for the worker thread

    void setOptions(const WorkerCheckOptions& options) { m_options = options; }
    WorkerCheckOptions options() const { return m_options; }

    // Checks every worker host of project (nothing when it has none: finished(false) at once, later).
    void start(const Project& project, const SecretValues& secrets);
    // Stops at the next step: the running command fails at once, an open host key question is closed.
    void cancel();
    bool isRunning() const { return m_running; }
    QList<CheckResult> results() const { return m_results; }
    // The id of the row for a host that could not be checked.
    static QString connectionId(const QString& host);

signals:
    // How many checks the run expects (a host that cannot be checked gives one row instead of its checks).
    void started(int count);
    void resultReady(const saltant::CheckResult& result);
    void finished(bool cancelled);

private:
    void nextHost();
    void onConnected();
    void onHostKeyAnswered(bool accepted);
    void onHostChecked();
    void runInThread(std::function<void()> work, void (WorkerChecksRunner::*done)());
    void addResult(const CheckResult& result);
    void addConnectionResult(CheckVerdict verdict, const QString& detail, const QString& remedy);
    void finish(bool cancelled);

    QWidget* m_dialogParent;
    WorkerCheckOptions m_options;
    Project m_project;
    QStringList m_hosts;
    int m_index = -1;
    SecretValues m_secrets;
    std::unique_ptr<DeployConnection> m_connection;
    QThread* m_thread = nullptr;
    QPointer<HostKeyDialog> m_ask;
    std::atomic_bool m_cancel{false};
    bool m_ok = false; // the last thread step succeeded
    bool m_running = false;
    QList<CheckResult> m_results;
};

} // namespace saltant
