#pragma once

#include <QList>
#include <QObject>
#include <functional>

class QWidget;

// Work that need not delay the first picture of a window: the steps run after the widget's first paint event has
// been handled, one step per turn of the event loop (each from a 0-ms timer), so input and repaints are served
// between them. A step added after the first paint runs on a later turn. The widget owns the object.
class AfterFirstPaint : public QObject
{
    Q_OBJECT

public:
    explicit AfterFirstPaint(QWidget* widget);

    void add(const std::function<void()>& step);
    // Runs step before the steps added so far.
    void addFirst(const std::function<void()>& step);
    // The widget has been painted (the steps may still be pending).
    bool hasPainted() const { return m_painted; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void schedule();
    void runNext();

    QList<std::function<void()>> m_steps;
    bool m_painted = false;
    bool m_scheduled = false;
};
