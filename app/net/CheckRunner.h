#pragma once

#include "net/CheckOptions.h"
#include "net/CheckResult.h"
#include "net/CheckSuite.h"
#include "model/Project.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <optional>
#include <vector>

namespace saltant {

class CheckProbe;

// Runs a suite of checks asynchronously: all probes start at once, each bounded by CheckOptions::timeoutMs, and
// resultReady() reports them in the suite's order as soon as each one and all before it are known. finished()
// comes exactly once per start(), also after cancel(). Never blocks; needs a running event loop.
class CheckRunner : public QObject
{
    Q_OBJECT

public:
    explicit CheckRunner(QObject* parent = nullptr);
    ~CheckRunner() override;

    void setOptions(const CheckOptions& options) { m_options = options; }
    const CheckOptions& options() const { return m_options; }

    // False (and nothing happens) while a run is in progress.
    bool start(CheckSuite::Kind kind, const Project& project);
    // Stops every probe still running; finished(true) follows from the event loop.
    void cancel();
    bool isRunning() const { return m_running; }

    // The results reported by the last run so far.
    const QList<CheckResult>& results() const { return m_results; }
    bool hasFailures() const;

signals:
    void started(int checkCount);
    void resultReady(const saltant::CheckResult& result);
    void finished(bool cancelled);

private:
    void onProbeFinished(int index, const CheckResult& result);
    void flush();
    void clearProbes();
    void end(bool cancelled);

    CheckOptions m_options;
    QList<QPointer<CheckProbe>> m_probes;
    std::vector<std::optional<CheckResult>> m_pending;
    QList<CheckResult> m_results;
    int m_run = 0;
    bool m_running = false;
};

} // namespace saltant
