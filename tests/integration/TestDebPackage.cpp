#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <unistd.h>

// The Debian package: cpack -G DEB in the build directory, its contents and dependencies, then a real
// apt-get install, the installed CLI and GUI, and apt-get remove. Needs root (CI runs as root).
class TestDebPackage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void package_holdsBinariesAndDesktopFiles();
    void package_dependsOnLibsecretAndQt();
    void installedCli_printsVersionAndRenders();
    void installedGui_savesScreenshot();
    void remove_deletesTheBinaries();
    void cleanupTestCase();

private:
    struct Result
    {
        int exitCode = -1;
        QString output;
    };
    static Result run(const QString& program, const QStringList& args, const QString& workingDirectory = QString(),
                      const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());
    static QString describe(const QString& what, const Result& result)
    {
        return QStringLiteral("%1 exited with %2:\n%3").arg(what).arg(result.exitCode).arg(result.output);
    }

    QString m_deb;
    QString m_contents;
    bool m_installed = false;
};

TestDebPackage::Result TestDebPackage::run(const QString& program, const QStringList& args,
                                           const QString& workingDirectory, const QProcessEnvironment& env)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setProcessEnvironment(env);
    if (!workingDirectory.isEmpty()) {
        process.setWorkingDirectory(workingDirectory);
    }
    process.start(program, args);
    Result result;
    if (!process.waitForStarted() || !process.waitForFinished(600000)) {
        process.kill();
        process.waitForFinished();
        result.output = QStringLiteral("%1 did not finish: %2").arg(program, process.errorString());
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = QString::fromLocal8Bit(process.readAll());
    return result;
}

void TestDebPackage::initTestCase()
{
    QVERIFY2(::geteuid() == 0, "TestDebPackage installs and removes the package with apt-get and must run as root "
                               "(CI runs it as root; locally: sudo ctest -R TestDebPackage)");
    const QString build = QStringLiteral(SALTANT_BINARY_DIR);
    for (const char* binary : {"/ui/saltant-deploy", "/app/saltant-deploy-cli"}) {
        QVERIFY2(QFile::exists(build + QLatin1String(binary)),
                 qPrintable(build + QLatin1String(binary) + QStringLiteral(" was not built")));
    }
    for (const QFileInfo& old : QDir(build).entryInfoList({QStringLiteral("saltant-deploy_*.deb")}, QDir::Files)) {
        QFile::remove(old.absoluteFilePath());
    }
    const Result cpack = run(QStringLiteral("cpack"), {QStringLiteral("-G"), QStringLiteral("DEB")}, build);
    QVERIFY2(cpack.exitCode == 0, qPrintable(describe(QStringLiteral("cpack -G DEB"), cpack)));
    const QFileInfoList debs = QDir(build).entryInfoList({QStringLiteral("saltant-deploy_*.deb")}, QDir::Files);
    QVERIFY2(debs.size() == 1,
             qPrintable(QStringLiteral("expected one saltant-deploy_*.deb in %1:\n%2").arg(build, cpack.output)));
    m_deb = debs.constFirst().absoluteFilePath();
    const Result contents = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), m_deb});
    QVERIFY2(contents.exitCode == 0, qPrintable(describe(QStringLiteral("dpkg-deb -c"), contents)));
    m_contents = contents.output;
}

void TestDebPackage::package_holdsBinariesAndDesktopFiles()
{
    const QStringList expected{
        QStringLiteral("./usr/bin/saltant-deploy"),
        QStringLiteral("./usr/bin/saltant-deploy-cli"),
        QStringLiteral("./usr/lib/saltant-deploy/saltant-deploy-gui.so"),
        QStringLiteral("./usr/lib/saltant-deploy/saltant-deploy-remote.so"),
        QStringLiteral("./usr/share/applications/io.github.saltant_org.SaltantDeploy.desktop"),
        QStringLiteral("./usr/share/metainfo/io.github.saltant_org.SaltantDeploy.metainfo.xml"),
        QStringLiteral("./usr/share/mime/packages/saltant-deploy-mime.xml"),
        QStringLiteral("./usr/share/icons/hicolor/scalable/apps/saltant-deploy.svg"),
        QStringLiteral("./usr/share/icons/hicolor/48x48/apps/saltant-deploy.png"),
        QStringLiteral("./usr/share/icons/hicolor/256x256/apps/saltant-deploy.png"),
    };
    QStringList paths;
    for (const QString& line : m_contents.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        paths << line.section(QLatin1Char(' '), -1);
    }
    for (const QString& path : expected) {
        QVERIFY2(paths.contains(path), qPrintable(path + QStringLiteral(" is not in the package:\n") + m_contents));
    }
}

void TestDebPackage::package_dependsOnLibsecretAndQt()
{
    const Result info = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-I"), m_deb});
    QVERIFY2(info.exitCode == 0, qPrintable(describe(QStringLiteral("dpkg-deb -I"), info)));
    const Result depends = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), m_deb, QStringLiteral("Depends")});
    QVERIFY2(depends.exitCode == 0, qPrintable(describe(QStringLiteral("dpkg-deb -f"), depends)));
    QVERIFY2(info.output.contains(QLatin1String("Package: saltant-deploy")), qPrintable(info.output));
    for (const char* package : {"libsecret-1-0", "libqt6core6", "libqt6gui6", "libqt6widgets6", "libqt6network6"}) {
        QVERIFY2(depends.output.contains(QLatin1String(package)),
                 qPrintable(QStringLiteral("Depends lacks %1: %2").arg(QLatin1String(package), depends.output)));
    }
}

void TestDebPackage::installedCli_printsVersionAndRenders()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DEBIAN_FRONTEND"), QStringLiteral("noninteractive"));
    const Result install =
        run(QStringLiteral("apt-get"), {QStringLiteral("install"), QStringLiteral("-y"), m_deb}, QString(), env);
    QVERIFY2(install.exitCode == 0, qPrintable(describe(QStringLiteral("apt-get install -y ") + m_deb, install)));
    m_installed = true;
    const Result status = run(QStringLiteral("dpkg-query"),
                              {QStringLiteral("-W"), QStringLiteral("-f=${Status}"), QStringLiteral("saltant-deploy")});
    QCOMPARE(status.output, QStringLiteral("install ok installed"));

    const Result version = run(QStringLiteral("/usr/bin/saltant-deploy-cli"), {QStringLiteral("--version")});
    QVERIFY2(version.exitCode == 0, qPrintable(describe(QStringLiteral("saltant-deploy-cli --version"), version)));
    QCOMPARE(version.output.trimmed(), QStringLiteral("saltant-deploy-cli " SALTANT_VERSION));

    QTemporaryDir out;
    QVERIFY(out.isValid());
    const Result render = run(QStringLiteral("/usr/bin/saltant-deploy-cli"),
                              {QStringLiteral("render"), QStringLiteral("--out"), out.path()});
    QVERIFY2(render.exitCode == 0, qPrintable(describe(QStringLiteral("saltant-deploy-cli render"), render)));
    QStringList written;
    for (QDirIterator it(out.path(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        written << it.next();
    }
    const auto endsWith = [&written](const char* suffix) {
        return std::any_of(written.cbegin(), written.cend(),
                           [suffix](const QString& file) { return file.endsWith(QLatin1String(suffix)); });
    };
    QVERIFY2(endsWith("_nginx.conf"), qPrintable(written.join(QLatin1Char('\n'))));
    QVERIFY2(endsWith("/rabbitmq.conf"), qPrintable(written.join(QLatin1Char('\n'))));
    QVERIFY2(endsWith("emperor.uwsgi.service"), qPrintable(written.join(QLatin1Char('\n'))));
}

void TestDebPackage::installedGui_savesScreenshot()
{
    QVERIFY2(m_installed, "the package is not installed");
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString runtime = home.filePath(QStringLiteral("runtime"));
    QVERIFY(QDir().mkpath(runtime));
    QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    const QString png = home.filePath(QStringLiteral("window.png"));
    const Result gui =
        run(QStringLiteral("/usr/bin/saltant-deploy"), {QStringLiteral("--screenshot"), png}, home.path(), env);
    QVERIFY2(gui.exitCode == 0, qPrintable(describe(QStringLiteral("saltant-deploy --screenshot"), gui)));
    // The screenshot opens the keychain, which comes with the deploy module from /usr/lib/saltant-deploy.
    QVERIFY2(!gui.output.contains(QLatin1String("deploy module could not be loaded")), qPrintable(gui.output));
    QVERIFY2(QFile::exists(png), qPrintable(png + QStringLiteral(" was not written:\n") + gui.output));
    QFile file(png);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY2(file.read(8) == QByteArray("\x89PNG\r\n\x1a\n", 8), "the screenshot is not a PNG file");
    QVERIFY2(file.size() > 1000, qPrintable(QStringLiteral("the screenshot has only %1 bytes").arg(file.size())));
}

void TestDebPackage::remove_deletesTheBinaries()
{
    QVERIFY2(m_installed, "the package is not installed");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DEBIAN_FRONTEND"), QStringLiteral("noninteractive"));
    const Result remove =
        run(QStringLiteral("apt-get"),
            {QStringLiteral("remove"), QStringLiteral("-y"), QStringLiteral("saltant-deploy")}, QString(), env);
    QVERIFY2(remove.exitCode == 0, qPrintable(describe(QStringLiteral("apt-get remove -y saltant-deploy"), remove)));
    m_installed = false;
    QVERIFY(!QFile::exists(QStringLiteral("/usr/bin/saltant-deploy")));
    QVERIFY(!QFile::exists(QStringLiteral("/usr/bin/saltant-deploy-cli")));
    QVERIFY(!QFile::exists(QStringLiteral("/usr/share/applications/io.github.saltant_org.SaltantDeploy.desktop")));
}

void TestDebPackage::cleanupTestCase()
{
    // A failed check between install and remove must not leave the package on the machine.
    if (m_installed) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DEBIAN_FRONTEND"), QStringLiteral("noninteractive"));
        run(QStringLiteral("apt-get"),
            {QStringLiteral("remove"), QStringLiteral("-y"), QStringLiteral("saltant-deploy")}, QString(), env);
    }
}

QTEST_GUILESS_MAIN(TestDebPackage)
#include "TestDebPackage.moc"
