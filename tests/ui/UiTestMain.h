#pragma once

#include "i18n/Translations.h"
#include "window/RemoteModule.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace UiTest {

// Shows a MainWindow, waits until it is exposed, then builds the forms of every section: the window itself builds
// only the current section's form at once and the others when first shown or in the background after its first
// paint, while tests look up any field's editor by objectName right away.
template<typename Window>
bool showWithAllSections(Window* window)
{
    window->show();
    if (!QTest::qWaitForWindowExposed(window)) {
        return false;
    }
    window->ensureAllSectionsBuilt();
    return true;
}

} // namespace UiTest

// main() for widget tests: offscreen unless a platform is set, a throw-away HOME and config directory (QSettings
// and any D-Bus autostart write there, never into the real home), QStandardPaths in test mode.
#define SALTANT_UI_TEST_MAIN(TestClass)                                                                                \
    int main(int argc, char* argv[])                                                                                   \
    {                                                                                                                  \
        QTemporaryDir home;                                                                                            \
        if (!home.isValid()) {                                                                                         \
            return 2;                                                                                                  \
        }                                                                                                              \
        qputenv("HOME", home.path().toLocal8Bit());                                                                    \
        qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/.config")).toLocal8Bit());                          \
        qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/.local/share")).toLocal8Bit());                       \
        const QString runtime = home.path() + QStringLiteral("/runtime");                                              \
        QDir().mkpath(runtime);                                                                                        \
        QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);      \
        qputenv("XDG_RUNTIME_DIR", runtime.toLocal8Bit());                                                             \
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {                                                          \
            qputenv("QT_QPA_PLATFORM", "offscreen");                                                                   \
        }                                                                                                              \
        QStandardPaths::setTestModeEnabled(true);                                                                      \
        QApplication app(argc, argv);                                                                                  \
        saltant::RemoteModule::setBuiltIn(saltant_remote_module());                                                    \
        /* English as the application shows it: the singular and plural forms of counted messages */                   \
        saltant::Translations::install(app, QStringLiteral("en"));                                                     \
        QApplication::setOrganizationName(QStringLiteral("saltant-test"));                                             \
        QApplication::setApplicationName(QStringLiteral(#TestClass));                                                  \
        TestClass test;                                                                                                \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }
