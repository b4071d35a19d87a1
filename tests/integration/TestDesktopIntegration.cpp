#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

// The desktop entry and the AppStream metainfo pass the freedesktop validators, and agree with each other.
class TestDesktopIntegration : public QObject
{
    Q_OBJECT

private slots:
    void desktopEntry_passesDesktopFileValidate();
    void metainfo_passesAppstreamcliValidate();
    void metainfo_launchesTheDesktopEntry();
    void brokenDesktopEntry_isRejected();

private:
    static QString run(const QString& program, const QStringList& args, int* exitCode);
    static QString installerFile(const char* name) { return QStringLiteral(SALTANT_SOURCE_DIR "/installer/") + QLatin1String(name); }
};

QString TestDesktopIntegration::run(const QString& program, const QStringList& args, int* exitCode)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    if (!process.waitForFinished(60000)) {
        *exitCode = -1;
        return QStringLiteral("%1 did not finish: %2").arg(program, process.errorString());
    }
    *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return QString::fromUtf8(process.readAll());
}

void TestDesktopIntegration::desktopEntry_passesDesktopFileValidate()
{
    int code = 0;
    const QString output = run(QStringLiteral("desktop-file-validate"),
                               {installerFile("io.github.saltant_org.SaltantDeploy.desktop")}, &code);
    QVERIFY2(code == 0, qPrintable(output));
    // Hints are not errors, but we keep the file free of them too.
    QVERIFY2(output.trimmed().isEmpty(), qPrintable(output));
}

void TestDesktopIntegration::metainfo_passesAppstreamcliValidate()
{
    int code = 0;
    const QString output = run(QStringLiteral("appstreamcli"),
                               {QStringLiteral("validate"), QStringLiteral("--no-net"),
                                installerFile("io.github.saltant_org.SaltantDeploy.metainfo.xml")},
                               &code);
    QVERIFY2(code == 0, qPrintable(output));
}

void TestDesktopIntegration::metainfo_launchesTheDesktopEntry()
{
    QFile file(installerFile("io.github.saltant_org.SaltantDeploy.metainfo.xml"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray xml = file.readAll();
    QVERIFY(xml.contains("<launchable type=\"desktop-id\">io.github.saltant_org.SaltantDeploy.desktop</launchable>"));
    QVERIFY(QFile::exists(installerFile("io.github.saltant_org.SaltantDeploy.desktop")));
    QVERIFY(xml.contains("<binary>saltant-deploy</binary>"));
}

void TestDesktopIntegration::brokenDesktopEntry_isRejected()
{
    // Proves the validator can fail: an entry without Name= and with an unknown category.
    const QString path = QDir::tempPath() + QStringLiteral("/saltant-broken-%1.desktop").arg(QCoreApplication::applicationPid());
    QFile broken(path);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("[Desktop Entry]\nType=Application\nExec=saltant-deploy\nCategories=NoSuchCategory;\n");
    broken.close();
    int code = 0;
    run(QStringLiteral("desktop-file-validate"), {path}, &code);
    QFile::remove(path);
    QVERIFY(code != 0);
}

QTEST_GUILESS_MAIN(TestDesktopIntegration)
#include "TestDesktopIntegration.moc"
