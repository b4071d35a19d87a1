#include "window/FirstPaintExit.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>

// The reference of the startup benchmark: the smallest Qt Widgets program with a main window, quitting after its
// first paint exactly like `saltant-deploy --quit-after-first-paint`.
int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.setCentralWidget(new QLabel(QStringLiteral("Hello"), &window));
    window.resize(1280, 800);
    FirstPaintExit::install(&window);
    window.show();
    return QApplication::exec();
}
