#include "FirstPaintExit.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>
#include <cstdio>
#include <ctime>

void FirstPaintExit::install(QWidget* widget)
{
    widget->installEventFilter(new FirstPaintExit(widget));
}

bool FirstPaintExit::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Paint && !m_painted) {
        m_painted = true;
        // Queued: the paint event is handled and the backing store flushed, then the time is taken (wall clock,
        // like bash's EPOCHREALTIME, so the launcher can subtract its start) and the loop ends.
        QTimer::singleShot(0, QCoreApplication::instance(), [] {
            timespec now{};
            clock_gettime(CLOCK_REALTIME, &now);
            std::printf("first-paint %lld.%06ld\n", static_cast<long long>(now.tv_sec), now.tv_nsec / 1000);
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
    }
    return QObject::eventFilter(watched, event);
}
