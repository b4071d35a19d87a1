#pragma once

#include "model/Project.h"
#include "net/CheckResult.h"
#include "secrets/SecretValues.h"

#include <QObject>
#include <QPointer>
#include <atomic>
#include <functional>
#include <memory>

class QThread;
class QWidget;

namespace saltant {

class DeployConnection;
class HostKeyDialog;

// The Server Checks panel's "Drift": what `saltant-deploy-cli drift` reports (PlanDrift::status), as check rows. The
// project's server is read over SSH on a worker thread (an unknown host key is asked on the GUI thread, a changed one
// refuses), then one row per file changed on the server since the last deploy (a warning), or one row saying there
// is no drift (passed), that it is unknown (a warning: never deployed by Saltant Deploy) or why it could not be read
// (failed). Changes nothing. The secrets live only as long as the run.
class DriftChecksRunner : public QObject
{
    Q_OBJECT

public:
    explicit DriftChecksRunner(QWidget* dialogParent, QObject* parent = nullptr);
    ~DriftChecksRunner() override; // cancels and waits for the worker thread

    void start(const Project& project, const SecretValues& secrets);
    void cancel();
    bool isRunning() const { return m_running; }
    QList<CheckResult> results() const { return m_results; }
    // The sentence `drift` ends with (PlanDrift::status), or empty when the server was not read.
    QString summary() const { return m_summary; }
    // The row of one drifted file ("drift.PATH"), and the row of the outcome when no file drifted.
    static QString fileId(const QString& path);
    static QString statusId();

signals:
    void started(int count);
    void resultReady(const saltant::CheckResult& result);
    void finished(bool cancelled);

private:
    void onConnected();
    void onHostKeyAnswered(bool accepted);
    void onPlanned();
    void runInThread(std::function<void()> work, void (DriftChecksRunner::*done)());
    void addResult(const QString& id, const QString& title, CheckVerdict verdict, const QString& detail,
                   const QString& remedy);
    void finish(bool cancelled);

    QWidget* m_dialogParent;
    std::unique_ptr<DeployConnection> m_connection;
    QThread* m_thread = nullptr;
    QPointer<HostKeyDialog> m_ask;
    std::atomic_bool m_cancel{false};
    bool m_ok = false;
    bool m_running = false;
    QList<CheckResult> m_results;
    QString m_summary;
};

} // namespace saltant
