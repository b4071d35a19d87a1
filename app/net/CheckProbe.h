#pragma once

#include "net/CheckOptions.h"
#include "net/CheckResult.h"

#include <QObject>
#include <QTimer>

namespace saltant {

// One asynchronous check. start() begins it; exactly one finished() follows unless cancel() comes first. The
// whole check (resolving, connecting, handshake, answer) is bounded by CheckOptions::timeoutMs: when that runs
// out the probe stops its network activity and finishes with timeoutResult().
class CheckProbe : public QObject
{
    Q_OBJECT

public:
    CheckProbe(const QString& id, const QString& title, const CheckOptions& options, QObject* parent = nullptr);

    QString id() const { return m_id; }
    QString title() const { return m_title; }
    bool isDone() const { return m_done; }

    void start();
    // Stops the probe; no finished() follows.
    void cancel();

signals:
    void finished(const saltant::CheckResult& result);

protected:
    virtual void run() = 0;
    // Aborts lookups and sockets; called on timeout and cancel.
    virtual void stop() = 0;
    // detail and remedy when the time ran out (always a failure).
    virtual void describeTimeout(QString* detail, QString* remedy) const = 0;

    void finish(CheckVerdict verdict, const QString& detail, const QString& remedy = QString());
    const CheckOptions& options() const { return m_options; }

private:
    void onTimeout();

    QString m_id;
    QString m_title;
    CheckOptions m_options;
    QTimer m_timer;
    bool m_done = false;
};

} // namespace saltant
