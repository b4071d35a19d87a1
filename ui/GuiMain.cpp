#include "common/AppStyle.h"
#include "document/ProjectAnalyzer.h"
#include "i18n/Translations.h"
#include "preview/PreviewPane.h"
#include "secrets/CoreDumps.h"
#include "secrets/SecretStore.h"
#include "window/FirstPaintExit.h"
#include "window/MainWindow.h"
#include "window/RemoteModule.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDebug>
#include <QStatusBar>
#include <QTimer>
#include <memory>

namespace {

// The command line of the GUI. Built for a QApplication, or for a QCoreApplication when only --help or --version
// is asked for: those print and exit like every command-line program, with no display (a QApplication would abort
// without one).
struct GuiOptions
{
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QCoreApplication::translate("main", "Save a picture of the window to FILE and quit."),
                                  QStringLiteral("FILE")};
    QCommandLineOption section{QStringLiteral("section"),
                               QCoreApplication::translate("main", "Show the form of section ID (server, django, …)."),
                               QStringLiteral("ID")};
    QCommandLineOption preview{
        QStringLiteral("preview"),
        QCoreApplication::translate("main", "Preview the generated file ID (nginx-site, dotenv, …)."),
        QStringLiteral("ID")};
    QCommandLineOption lang{
        QStringLiteral("lang"),
        QCoreApplication::translate("main", "Show the user interface in language CODE (de, en, …)."),
        QStringLiteral("CODE")};
    // For bench/run.sh only, hence hidden and untranslated: quit once the main window has been painted.
    QCommandLineOption quitAfterFirstPaint{QStringLiteral("quit-after-first-paint"),
                                           QStringLiteral("Quit after the first paint of the main window.")};

    void describe(QCommandLineParser& parser)
    {
        parser.setApplicationDescription(
            QCoreApplication::translate("main", "Configure and deploy a production saltant server."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(screenshot);
        parser.addOption(section);
        parser.addOption(preview);
        parser.addOption(lang);
        quitAfterFirstPaint.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(quitAfterFirstPaint);
        parser.addPositionalArgument(QStringLiteral("project"),
                                     QCoreApplication::translate("main", "Project file to open."),
                                     QStringLiteral("[project]"));
    }
};

void nameApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("saltant"));
    QCoreApplication::setApplicationName(QStringLiteral("saltant-deploy"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SALTANT_VERSION));
}

bool onlyHelpOrVersion(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "-?" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version") {
            return true;
        }
    }
    return false;
}

} // namespace

// The window's main(): saltant-deploy-gui.so exports it and the launcher (launch/main.cpp) calls it once the module
// is loaded.
extern "C" Q_DECL_EXPORT int saltant_deploy_gui_main(int argc, char* argv[])
{
    saltant::CoreDumps::disableInReleaseBuilds(); // secrets pass through memory: no core files in release builds
    if (onlyHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        nameApplication();
        saltant::Translations::install(app, saltant::Translations::languageFromArguments(app.arguments()));
        QCommandLineParser parser;
        GuiOptions options;
        options.describe(parser);
        parser.process(app); // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    saltant::AppStyle::install();
    nameApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("Saltant Deploy"));
    saltant::Translations::install(app, saltant::Translations::languageFromArguments(QApplication::arguments()));

    QCommandLineParser parser;
    GuiOptions options;
    options.describe(parser);
    parser.process(app);
    const QCommandLineOption& screenshot = options.screenshot;
    const QCommandLineOption& section = options.section;
    const QCommandLineOption& preview = options.preview;
    const QCommandLineOption& quitAfterFirstPaint = options.quitAfterFirstPaint;

    std::unique_ptr<saltant::SecretStore> keychain; // outlives the window, which keeps a pointer to it
    saltant::MainWindow window;
    // The keychain comes with the deploy module (its libraries are not needed to paint the window).
    const auto openKeychain = [&window, &keychain] {
        QString error;
        if (saltant::RemoteModule* module = saltant::RemoteModule::load(&error)) {
            keychain = module->createKeychain();
            window.setSecretStore(keychain.get());
        } else {
            window.statusBar()->showMessage(error);
            qWarning().noquote() << error;
        }
    };
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty() || !window.openFile(files.constFirst())) {
        window.startSession();
    }
    if (parser.isSet(screenshot) || parser.isSet(preview)) {
        openKeychain();
        window.analyzer()->refreshNow(); // the picture and the chosen file need the generated files
    } else {
        window.openKeychainAfterFirstPaint(openKeychain);
        window.analyseAfterFirstPaint();
    }
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
