#include "FirstPaintExit.h"
#include "MainWindow.h"
#include "PreviewPane.h"
#include "ProjectAnalyzer.h"
#include "model/Translations.h"
#include "secrets/CoreDumps.h"
#include "secrets/KeychainSecretStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char* argv[])
{
    saltant::CoreDumps::disableInReleaseBuilds(); // secrets pass through memory: no core files in release builds
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("saltant"));
    QApplication::setApplicationName(QStringLiteral("saltant-deploy"));
    QApplication::setApplicationDisplayName(QStringLiteral("Saltant Deploy"));
    QApplication::setApplicationVersion(QStringLiteral(SALTANT_VERSION));
    saltant::Translations::install(app, saltant::Translations::languageFromArguments(QApplication::arguments()));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Configure and deploy a production saltant server."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"), QApplication::translate("main", "Save a picture of the window to FILE and quit."),
        QStringLiteral("FILE"));
    parser.addOption(screenshot);
    const QCommandLineOption section(
        QStringLiteral("section"), QApplication::translate("main", "Show the form of section ID (server, django, …)."),
        QStringLiteral("ID"));
    parser.addOption(section);
    const QCommandLineOption preview(
        QStringLiteral("preview"),
        QApplication::translate("main", "Preview the generated file ID (nginx-site, dotenv, …)."),
        QStringLiteral("ID"));
    parser.addOption(preview);
    parser.addOption(
        QCommandLineOption(QStringLiteral("lang"),
                           QApplication::translate("main", "Show the user interface in language CODE (de, en, …)."),
                           QStringLiteral("CODE")));
    // For bench/run.sh only, hence hidden and untranslated: quit once the main window has been painted.
    QCommandLineOption quitAfterFirstPaint(QStringLiteral("quit-after-first-paint"),
                                           QStringLiteral("Quit after the first paint of the main window."));
    quitAfterFirstPaint.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(quitAfterFirstPaint);
    parser.addPositionalArgument(QStringLiteral("project"), QApplication::translate("main", "Project file to open."),
                                 QStringLiteral("[project]"));
    parser.process(app);

    saltant::KeychainSecretStore secrets{QString()};
    saltant::MainWindow window;
    window.setSecretStore(&secrets);
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty() || !window.openFile(files.constFirst())) {
        window.startSession();
    }
    window.analyzer()->refreshNow();
    if (parser.isSet(section)) {
        window.showSection(parser.value(section));
    }
    if (parser.isSet(preview)) {
        window.previewPane()->selectFile(parser.value(preview));
    }
    if (parser.isSet(quitAfterFirstPaint)) {
        FirstPaintExit::install(&window);
    }
    window.show();
    if (parser.isSet(screenshot)) {
        // After the first paint: the grab renders the window as it is now shown, then the app quits.
        const QString file = parser.value(screenshot);
        QTimer::singleShot(0, &window, [&window, file] {
            const bool ok = window.grab().save(file);
            QApplication::exit(ok ? 0 : 1);
        });
    }
    return QApplication::exec();
}
