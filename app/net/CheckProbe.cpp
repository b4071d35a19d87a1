#include "net/CheckProbe.h"

namespace saltant {

CheckProbe::CheckProbe(const QString& id, const QString& title, const CheckOptions& options, QObject* parent)
    : QObject(parent), m_id(id), m_title(title), m_options(options)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &CheckProbe::onTimeout);
}

void CheckProbe::start()
{
    m_timer.start(qMax(1, m_options.timeoutMs));
    run();
}

void CheckProbe::cancel()
{
    if (m_done) {
        return;
    }
    m_done = true;
    m_timer.stop();
    stop();
}

void CheckProbe::finish(CheckVerdict verdict, const QString& detail, const QString& remedy)
{
    if (m_done) {
        return;
    }
    m_done = true;
    m_timer.stop();
    stop();
    emit finished(CheckResult{m_id, m_title, verdict, detail, remedy});
}

void CheckProbe::onTimeout()
{
    if (m_done) {
        return;
    }
    QString detail;
    QString remedy;
    describeTimeout(&detail, &remedy);
    finish(CheckVerdict::Fail, detail, remedy);
}

} // namespace saltant
