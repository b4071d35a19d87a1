#include "MainWindow.h"
#include "ProjectAnalyzer.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("saltant"));
    QApplication::setApplicationName(QStringLiteral("saltant-deploy"));
    QApplication::setApplicationDisplayName(QStringLiteral("Saltant Deploy"));
    QApplication::setApplicationVersion(QStringLiteral(SALTANT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Configure and deploy a production saltant server."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Save a picture of the window to FILE and quit."),
                                        QStringLiteral("FILE"));
    parser.addOption(screenshot);
    parser.addPositionalArgument(QStringLiteral("project"), QApplication::translate("main", "Project file to open."),
                                 QStringLiteral("[project]"));
    parser.process(app);

    saltant::MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty() || !window.openFile(files.constFirst())) {
        window.startSession();
    }
    window.show();
    if (parser.isSet(screenshot)) {
        // After the first paint: the grab renders the window as it is now shown, then the app quits.
        const QString file = parser.value(screenshot);
        QTimer::singleShot(0, &window, [&window, file] {
            window.analyzer()->refreshNow();
            const bool ok = window.grab().save(file);
            QApplication::exit(ok ? 0 : 1);
        });
    }
    return QApplication::exec();
}
