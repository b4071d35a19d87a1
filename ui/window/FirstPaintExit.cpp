#include "window/FirstPaintExit.h"

#include "window/AfterFirstPaint.h"

#include <QCoreApplication>
#include <cstdio>
#include <ctime>

void FirstPaintExit::install(QWidget* widget)
{
    // Wall clock, like bash's EPOCHREALTIME, so the launcher can subtract its start time.
    (new AfterFirstPaint(widget))->add([] {
        timespec now{};
        clock_gettime(CLOCK_REALTIME, &now);
        std::printf("first-paint %lld.%06ld\n", static_cast<long long>(now.tv_sec), now.tv_nsec / 1000);
        std::fflush(stdout);
        QCoreApplication::exit(0);
    });
}
