#include "FirstPaintExit.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>

void FirstPaintExit::install(QWidget* widget)
{
    widget->installEventFilter(new FirstPaintExit(widget));
}

bool FirstPaintExit::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Paint && !m_painted) {
        m_painted = true;
        // Queued: the paint event is handled and the backing store flushed before the loop ends.
        QTimer::singleShot(0, QCoreApplication::instance(), [] { QCoreApplication::exit(0); });
    }
    return QObject::eventFilter(watched, event);
}
