#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

// The window paints without the network and keychain libraries: they come with saltant-deploy-remote.so, which the
// window loads on first use (ui/window/RemoteModule.h). The program itself loads fontconfig, then the window
// (saltant-deploy-gui.so) with Qt, reading fontconfig's configuration meanwhile (ui/launch/main.cpp). Runs the built
// program with the dynamic loader's own log (LD_DEBUG=files) and reads which libraries it loaded.
class TestWindowModule : public QObject
{
    Q_OBJECT

private slots:
    void firstPaint_loadsNoNetworkLibrary();
    void keychain_loadsTheModuleFromBesideTheProgram();
    void module_definesNothingTheWindowDefines();

private:
    struct Run
    {
        bool finished = false;
        int exitCode = -1;
        QStringList loaded; // file names, in load order
        QString output;
    };
    static Run runWindow(const QStringList& arguments, const QString& home);
    // The strong symbols (code, data) file defines for others to use, from `nm -D --defined-only`.
    static QStringList exportedDefinitions(const QString& file, QString* error);
};

TestWindowModule::Run TestWindowModule::runWindow(const QStringList& arguments, const QString& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("files"));
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // the keychain is unavailable: it is only opened
    QProcess gui;
    gui.setProcessEnvironment(env);
    gui.setProcessChannelMode(QProcess::MergedChannels);
    gui.start(QStringLiteral(SALTANT_BINARY_DIR "/ui/saltant-deploy"), arguments);
    Run run;
    run.finished = gui.waitForFinished(60000);
    run.exitCode = gui.exitCode();
    run.output = QString::fromLocal8Bit(gui.readAll());
    // "  1234:	file=libssh.so.4 [0];  needed by ..." and "file=/path/module.so [0];  dynamically loaded by ..."
    static const QRegularExpression file(QStringLiteral(R"(\bfile=(\S+) \[\d+\];  (needed|dynamically loaded) by)"));
    for (auto it = file.globalMatch(run.output); it.hasNext();) {
        run.loaded << it.next().captured(1).section(QLatin1Char('/'), -1);
    }
    return run;
}

void TestWindowModule::firstPaint_loadsNoNetworkLibrary()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const Run run = runWindow({QStringLiteral("--quit-after-first-paint")}, home.path());
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.output.right(3000)));
    QVERIFY2(run.output.contains(QLatin1String("first-paint ")), qPrintable(run.output.right(3000)));
    const qsizetype window = run.loaded.indexOf(QStringLiteral("saltant-deploy-gui.so"));
    const qsizetype widgets = run.loaded.indexOf(QStringLiteral("libQt6Widgets.so.6"));
    const qsizetype fontconfig = run.loaded.indexOf(QStringLiteral("libfontconfig.so.1"));
    QVERIFY2(window >= 0 && widgets > window, qPrintable(run.loaded.join(u' ')));
    // Fontconfig first: its configuration is read while the window and Qt load.
    QVERIFY2(fontconfig >= 0 && fontconfig < window, qPrintable(run.loaded.join(u' ')));
    // (Qt D-Bus is not in the list: Qt Gui itself needs it.)
    for (const char* library : {"saltant-deploy-remote.so", "libssh.so.4", "libcrypto.so.3", "libQt6Network.so.6",
                                "libqt6keychain.so.1", "libgssapi_krb5.so.2", "libproxy.so.1"}) {
        QVERIFY2(!run.loaded.contains(QString::fromLatin1(library)),
                 qPrintable(QString::fromLatin1(library) + QStringLiteral(" was loaded before the first paint: ") +
                            run.loaded.join(u' ')));
    }
}

void TestWindowModule::keychain_loadsTheModuleFromBesideTheProgram()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    // --screenshot opens the keychain before the picture: through the module, next to the program in the build tree.
    const QString png = home.filePath(QStringLiteral("window.png"));
    const Run run = runWindow({QStringLiteral("--screenshot"), png}, home.path());
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.output.right(3000)));
    QVERIFY2(!run.output.contains(QLatin1String("deploy module could not be loaded")),
             qPrintable(run.output.right(3000)));
    const qsizetype module = run.loaded.indexOf(QStringLiteral("saltant-deploy-remote.so"));
    QVERIFY2(module >= 0, qPrintable(run.loaded.join(u' ')));
    // Its libraries come with it, after the window's own.
    for (const char* library : {"libssh.so.4", "libQt6Network.so.6", "libqt6keychain.so.1"}) {
        QVERIFY2(run.loaded.indexOf(QString::fromLatin1(library)) > module, qPrintable(run.loaded.join(u' ')));
    }
}

QStringList TestWindowModule::exportedDefinitions(const QString& file, QString* error)
{
    QProcess nm;
    nm.start(QStringLiteral("nm"), {QStringLiteral("-D"), QStringLiteral("--defined-only"), file});
    if (!nm.waitForFinished(60000) || nm.exitStatus() != QProcess::NormalExit || nm.exitCode() != 0) {
        *error = QStringLiteral("nm -D %1 failed: %2%3")
                     .arg(file, nm.errorString(), QString::fromLocal8Bit(nm.readAllStandardError()));
        return {};
    }
    QStringList names;
    // "0000000000012345 T _ZN7saltant6Schema6fieldsEv": T/D/B/R are one definition each; W, V, u (templates, inline
    // functions, typeinfo) are vague linkage, which the dynamic linker binds to one copy by itself. The linker's own
    // markers (_end, _edata, __bss_start, _init...) are in every file and left out.
    for (const QString& line : QString::fromLocal8Bit(nm.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts)) {
        const QStringList parts = line.split(u' ', Qt::SkipEmptyParts);
        if (parts.size() != 3 || !QStringLiteral("TDBR").contains(parts.at(1))) {
            continue;
        }
        const QString& name = parts.at(2);
        if (name.startsWith(QStringLiteral("_Z")) || !name.startsWith(u'_')) {
            names << name;
        }
    }
    return names;
}

// One copy of everything: the deploy module holds only the remote code and uses the window's core and widgets (one
// schema, one metatype registry, one ReadLog). A core object linked into the module too would define the same
// symbol in both files.
void TestWindowModule::module_definesNothingTheWindowDefines()
{
    QString error;
    const QStringList program =
        exportedDefinitions(QStringLiteral(SALTANT_BINARY_DIR "/ui/saltant-deploy-gui.so"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList module =
        exportedDefinitions(QStringLiteral(SALTANT_BINARY_DIR "/ui/saltant-deploy-remote.so"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(program.contains(QStringLiteral("_ZN7saltant6Schema6fieldsEv")), "the window exports no core symbol");
    QVERIFY2(module.contains(QStringLiteral("saltant_remote_module")), "the module has no entry point");
    QStringList both;
    const QSet<QString> programSet(program.cbegin(), program.cend());
    for (const QString& name : module) {
        if (programSet.contains(name)) {
            both << name;
        }
    }
    QVERIFY2(both.isEmpty(), qPrintable(QStringLiteral("defined in both: ") + both.mid(0, 20).join(u' ')));
}

QTEST_GUILESS_MAIN(TestWindowModule)
#include "TestWindowModule.moc"
