#include "TestKeys.h"
#include "generate/Renderer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

using Settings = QList<QPair<QString, QString>>;

namespace {

const char* const Analyze = "/usr/bin/systemd-analyze";

struct Verdict
{
    int exitCode = -1;
    QString output;
};

// `systemd-analyze verify` needs no running systemd: it loads the unit files, checks every key and that each
// ExecStart= program exists and is executable. Warnings (unknown keys, bad values) do not change its exit
// status, so a clean result is exit status 0 and no output at all.
Verdict verify(const QStringList& unitPaths)
{
    QProcess analyze;
    analyze.setProcessChannelMode(QProcess::MergedChannels);
    analyze.start(QString::fromLatin1(Analyze),
                  QStringList{QStringLiteral("verify"), QStringLiteral("--man=no"), QStringLiteral("--generators=no")} +
                      unitPaths);
    Verdict verdict;
    if (!analyze.waitForFinished(120000) || analyze.exitStatus() != QProcess::NormalExit) {
        analyze.kill();
        analyze.waitForFinished();
        verdict.output = QStringLiteral("systemd-analyze did not run to completion: ") + analyze.errorString();
        return verdict;
    }
    verdict.exitCode = analyze.exitCode();
    verdict.output = QString::fromLocal8Bit(analyze.readAll()).trimmed();
    return verdict;
}

// The current data row as a directory name.
QString tagDir()
{
    QString tag = QString::fromLatin1(QTest::currentDataTag());
    for (QChar& c : tag) {
        c = c.isLetterOrNumber() ? c : QLatin1Char('-');
    }
    return tag;
}

bool writeExecutable(const QString& path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write("#!/bin/sh\nexit 0\n") > 0 &&
           file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                               QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
}

} // namespace

class TestUnitFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void units_passSystemdAnalyzeVerify_data();
    void units_passSystemdAnalyzeVerify();
    void brokenUnits_areReported();

private:
    // Writes the project's systemd units into a fresh directory of m_dir; returns their paths.
    QStringList writeUnits(const Project& project, const QString& name);

    QTemporaryDir m_dir;
};

void TestUnitFiles::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(QString::fromLatin1(Analyze)).isExecutable(),
             "systemd-analyze is not installed (package systemd, scripts/install-deps.sh)");
}

QStringList TestUnitFiles::writeUnits(const Project& project, const QString& name)
{
    const RenderResult rendered = Renderer::render(project);
    if (!rendered.ok()) {
        qWarning().noquote() << rendered.problems.first().message;
        return {};
    }
    QStringList paths;
    for (const GeneratedFile& file : rendered.files) {
        if (file.format != FileFormat::Systemd || !file.remotePath.endsWith(QLatin1String(".service"))) {
            continue;
        }
        // systemd-analyze takes the unit name from the file name, so the file keeps its remote name.
        const QString path = m_dir.filePath(name + QLatin1Char('/') + QFileInfo(file.remotePath).fileName());
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(file.content.toUtf8()) < 0) {
            return {};
        }
        paths << path;
    }
    return paths;
}

void TestUnitFiles::units_passSystemdAnalyzeVerify_data()
{
    QTest::addColumn<Settings>("settings");
    QTest::addColumn<int>("units");
    QTest::newRow("example: emperor and Flower") << Settings{} << 2;
    QTest::newRow("Flower off") << Settings{{Key::FlowerEnabled, QStringLiteral("false")}} << 1;
    QTest::newRow("Flower 0.9.x (flower -A)") << Settings{{Key::FlowerLauncher, QStringLiteral("flower")}} << 2;
    QTest::newRow("Flower not persistent, other port and prefix")
        << Settings{{Key::FlowerPersistent, QStringLiteral("false")},
                    {Key::FlowerPort, QStringLiteral("5600")},
                    {Key::FlowerUrlPrefix, QStringLiteral("-tasks")},
                    {Key::FlowerDatabase, QStringLiteral("flower.db--help")}}
        << 2;
    QTest::newRow("socket and log outside /run and /var/log")
        << Settings{{Key::UwsgiSocketPath, QStringLiteral("/srv/saltant/web.sock")},
                    {Key::UwsgiLogFile, QStringLiteral("/srv/saltant/emperor.log")}}
        << 2;
    QTest::newRow("deeper runtime and logs directories, other unit names")
        << Settings{{Key::UwsgiSocketPath, QStringLiteral("/run/saltant/uwsgi/web.sock")},
                    {Key::UwsgiLogFile, QStringLiteral("/var/log/saltant/uwsgi/emperor.log")},
                    {Key::UwsgiUnitPath, QStringLiteral("/etc/systemd/system/saltant-web.service")},
                    {Key::FlowerUnitPath, QStringLiteral("/etc/systemd/system/saltant-flower.service")},
                    {Key::FlowerEnvFile, QStringLiteral("/etc/saltant+prod/-flower@1.env")}}
        << 2;
}

void TestUnitFiles::units_passSystemdAnalyzeVerify()
{
    QFETCH(Settings, settings);
    QFETCH(int, units);
    // ExecStart= programs must exist: the uWSGI binary and the virtualenv's python live in the temp dir, under
    // names with the characters paths may hold (. _ + @ -).
    const QString root = m_dir.filePath(tagDir() + QStringLiteral("/bin-x+y@z"));
    Project p = Project::example();
    QVERIFY(p.setValue(Key::UwsgiBinary, QString(root + QStringLiteral("/uwsgi"))));
    QVERIFY(p.setValue(Key::DjangoVenvDir, QString(root + QStringLiteral("/-venv"))));
    for (const auto& [key, value] : settings) {
        QString error;
        QVERIFY2(p.setFromString(settingKey(key), value, &error), qPrintable(error));
    }
    const QList<FieldProblem> problems = p.validate();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.isEmpty() ? QString() : problems.first().message));
    QVERIFY(writeExecutable(p.text(Key::UwsgiBinary)));
    QVERIFY(writeExecutable(p.text(Key::DjangoVenvDir) + QStringLiteral("/bin/python")));

    const QStringList paths = writeUnits(p, tagDir() + QStringLiteral("-units"));
    QCOMPARE(paths.size(), units);
    const Verdict verdict = verify(paths);
    QVERIFY2(verdict.exitCode == 0 && verdict.output.isEmpty(), qPrintable(verdict.output));
}

void TestUnitFiles::brokenUnits_areReported()
{
    // Negative controls: the checker fails on what the guide gets wrong and on a missing program.
    Project p = Project::example();
    const QString root = m_dir.filePath(QStringLiteral("broken"));
    QVERIFY(p.setValue(Key::UwsgiBinary, QString(root + QStringLiteral("/uwsgi"))));
    QVERIFY(p.setValue(Key::DjangoVenvDir, QString(root + QStringLiteral("/venv"))));
    QVERIFY(p.setValue(Key::FlowerEnabled, false));
    const QStringList paths = writeUnits(p, QStringLiteral("broken-units"));
    QCOMPARE(paths.size(), 1);

    // The uWSGI binary does not exist yet.
    Verdict verdict = verify(paths);
    QVERIFY(verdict.exitCode != 0);
    QVERIFY2(verdict.output.contains(QStringLiteral("not executable")), qPrintable(verdict.output));

    QVERIFY(writeExecutable(p.text(Key::UwsgiBinary)));
    QCOMPARE(verify(paths).output, QString());

    // A bad value and an unknown key are reported (as warnings: only the output shows them).
    QFile unit(paths.first());
    QVERIFY(unit.open(QIODevice::ReadOnly));
    QString content = QString::fromUtf8(unit.readAll());
    unit.close();
    content.replace(QStringLiteral("Type=notify"), QStringLiteral("Type=notifyy\nServicectl=enable"));
    QVERIFY(unit.open(QIODevice::WriteOnly | QIODevice::Truncate));
    unit.write(content.toUtf8());
    unit.close();
    verdict = verify(paths);
    QVERIFY2(verdict.output.contains(QStringLiteral("Failed to parse service type")), qPrintable(verdict.output));
    QVERIFY2(verdict.output.contains(QStringLiteral("Unknown key")), qPrintable(verdict.output));
}

QTEST_GUILESS_MAIN(TestUnitFiles)
#include "TestUnitFiles.moc"
#include "model/SettingKeys.h"
