#include "window/AfterFirstPaint.h"

#include <QEvent>
#include <QTimer>
#include <QWidget>

AfterFirstPaint::AfterFirstPaint(QWidget* widget) : QObject(widget)
{
    widget->installEventFilter(this);
}

void AfterFirstPaint::add(const std::function<void()>& step)
{
    m_steps << step;
    if (m_painted) {
        schedule();
    }
}

void AfterFirstPaint::addFirst(const std::function<void()>& step)
{
    m_steps.prepend(step);
    if (m_painted) {
        schedule();
    }
}

bool AfterFirstPaint::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Paint && !m_painted) {
        m_painted = true;
        watched->removeEventFilter(this);
        schedule();
    }
    return QObject::eventFilter(watched, event);
}

void AfterFirstPaint::schedule()
{
    if (!m_scheduled && !m_steps.isEmpty()) {
        m_scheduled = true;
        QTimer::singleShot(0, this, &AfterFirstPaint::runNext);
    }
}

void AfterFirstPaint::runNext()
{
    m_scheduled = false;
    if (m_steps.isEmpty()) {
        return;
    }
    const std::function<void()> step = m_steps.takeFirst();
    step();
    schedule();
}
