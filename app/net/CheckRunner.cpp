#include "net/CheckRunner.h"

#include "net/CheckProbe.h"

#include <QTimer>

namespace saltant {

CheckRunner::CheckRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<saltant::CheckResult>();
}

CheckRunner::~CheckRunner()
{
    clearProbes();
}

bool CheckRunner::start(CheckSuite::Kind kind, const Project& project)
{
    if (m_running) {
        return false;
    }
    clearProbes();
    m_running = true;
    ++m_run;
    m_results.clear();
    const QList<CheckProbe*> probes = CheckSuite::build(kind, project, m_options, this);
    m_pending.assign(size_t(probes.size()), std::nullopt);
    for (int i = 0; i < probes.size(); ++i) {
        m_probes << probes[i];
        connect(probes[i], &CheckProbe::finished, this,
                [this, i](const CheckResult& result) { onProbeFinished(i, result); });
    }
    emit started(int(probes.size()));
    // Start from the event loop so callers can connect to every signal after start() returns.
    const int run = m_run;
    QTimer::singleShot(0, this, [this, run] {
        if (run != m_run || !m_running) {
            return;
        }
        if (m_probes.isEmpty()) {
            end(false);
            return;
        }
        for (const QPointer<CheckProbe>& probe : std::as_const(m_probes)) {
            if (probe && m_running && run == m_run) {
                probe->start();
            }
        }
    });
    return true;
}

void CheckRunner::cancel()
{
    if (!m_running) {
        return;
    }
    for (const QPointer<CheckProbe>& probe : std::as_const(m_probes)) {
        if (probe) {
            probe->cancel();
        }
    }
    m_running = false;
    const int run = m_run;
    QTimer::singleShot(0, this, [this, run] {
        if (run == m_run) {
            emit finished(true);
        }
    });
}

bool CheckRunner::hasFailures() const
{
    for (const CheckResult& result : m_results) {
        if (result.verdict == CheckVerdict::Fail) {
            return true;
        }
    }
    return false;
}

void CheckRunner::onProbeFinished(int index, const CheckResult& result)
{
    if (!m_running || index < 0 || size_t(index) >= m_pending.size()) {
        return;
    }
    m_pending[size_t(index)] = result;
    flush();
}

void CheckRunner::flush()
{
    while (m_running && size_t(m_results.size()) < m_pending.size() && m_pending[size_t(m_results.size())]) {
        const CheckResult result = *m_pending[size_t(m_results.size())];
        m_results << result;
        emit resultReady(result);
    }
    if (m_running && size_t(m_results.size()) == m_pending.size()) {
        end(false);
    }
}

void CheckRunner::clearProbes()
{
    for (const QPointer<CheckProbe>& probe : std::as_const(m_probes)) {
        if (probe) {
            probe->cancel();
            probe->deleteLater();
        }
    }
    m_probes.clear();
    m_pending.clear();
}

void CheckRunner::end(bool cancelled)
{
    m_running = false;
    // Probes are deleted later: this may run inside one of their signals.
    for (const QPointer<CheckProbe>& probe : std::as_const(m_probes)) {
        if (probe) {
            probe->deleteLater();
        }
    }
    m_probes.clear();
    emit finished(cancelled);
}

} // namespace saltant
