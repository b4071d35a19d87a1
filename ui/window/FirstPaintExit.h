#pragma once

class QWidget;

// Ends the process right after a widget's first paint event has been handled (AfterFirstPaint), printing
// "first-paint SECONDS" (wall clock, microseconds) on standard output: the startup benchmark (bench/run.sh)
// measures the time to the first painted main window with it, the same way for our window and for
// bench/MinimalWidgets.
class FirstPaintExit
{
public:
    static void install(QWidget* widget);
};
