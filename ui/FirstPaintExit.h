#pragma once

#include <QObject>

class QWidget;

// Ends the event loop right after a widget's first paint event has been handled, printing "first-paint SECONDS"
// (wall clock, microseconds) on standard output: the startup benchmark
// (bench/run.sh) measures the time to the first painted main window with it. The widget owns the filter.
class FirstPaintExit : public QObject
{
    Q_OBJECT

public:
    static void install(QWidget* widget);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit FirstPaintExit(QObject* parent) : QObject(parent) {}
    bool m_painted = false;
};
