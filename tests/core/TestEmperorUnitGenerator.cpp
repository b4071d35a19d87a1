#include "GoldenFiles.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

namespace {

// Every value of `Key=` lines of a unit file, in order.
QStringList unitValues(const QString& content, const QString& key)
{
    QStringList values;
    const QRegularExpression re(QStringLiteral("^") + QRegularExpression::escape(key) + QStringLiteral("=(.*)$"),
                                QRegularExpression::MultilineOption);
    auto it = re.globalMatch(content);
    while (it.hasNext()) {
        values << it.next().captured(1);
    }
    return values;
}

// Writes the unit under dir with its generated mode and runs systemd's own parser on it; systemd-analyze warns
// about executable unit files, unknown keys and bad values, so the output must be empty.
bool systemdAccepts(const QString& dir, const GeneratedFile& unit, QString* output)
{
    const QString path =
        dir + QLatin1Char('/') + unit.remotePath.mid(unit.remotePath.lastIndexOf(QLatin1Char('/')) + 1);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(unit.content.toUtf8()) < 0) {
        *output = file.errorString();
        return false;
    }
    file.close();
    const QList<QPair<int, QFile::Permission>> bits = {
        {0400, QFile::ReadOwner}, {0200, QFile::WriteOwner}, {0100, QFile::ExeOwner},
        {0040, QFile::ReadGroup}, {0020, QFile::WriteGroup}, {0010, QFile::ExeGroup},
        {0004, QFile::ReadOther}, {0002, QFile::WriteOther}, {0001, QFile::ExeOther},
    };
    QFile::Permissions permissions;
    for (const auto& bit : bits) {
        if (unit.mode & bit.first) {
            permissions |= bit.second;
        }
    }
    file.setPermissions(permissions);
    QProcess analyze;
    analyze.setProcessChannelMode(QProcess::MergedChannels);
    analyze.start(QStringLiteral("systemd-analyze"), {QStringLiteral("verify"), path});
    if (!analyze.waitForFinished()) {
        *output = analyze.errorString();
        return false;
    }
    *output = QString::fromUtf8(analyze.readAll());
    return analyze.exitStatus() == QProcess::NormalExit && analyze.exitCode() == 0 && output->isEmpty();
}

// A stand-in executable, since systemd-analyze checks that ExecStart= points at one.
bool fakeExecutable(const QString& path)
{
    QDir().mkpath(path.left(path.lastIndexOf(QLatin1Char('/'))));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write("#!/bin/sh\n") < 0) {
        return false;
    }
    file.close();
    return file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

} // namespace

class TestEmperorUnitGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(); }
    void golden();
    void unit_isNotExecutableAndEnabledWithSystemctl_data() { m_golden.addCaseRows(); }
    void unit_isNotExecutableAndEnabledWithSystemctl();
    void unit_keepsNotifyBecauseUwsgiNotifies_data() { m_golden.addCaseRows(); }
    void unit_keepsNotifyBecauseUwsgiNotifies();
    void unit_runsTheEmperorIniAsTheUwsgiUser_data() { m_golden.addCaseRows(); }
    void unit_runsTheEmperorIniAsTheUwsgiUser();

    void unit_passesSystemdAnalyzeVerify_data() { m_golden.addCaseRows(); }
    void unit_passesSystemdAnalyzeVerify();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestEmperorUnitGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("uwsgi-unit"), &message), qPrintable(message));
}

void TestEmperorUnitGenerator::unit_isNotExecutableAndEnabledWithSystemctl()
{
    QFETCH(QString, caseName);
    RenderResult result;
    QString error;
    QVERIFY2(m_golden.render(caseName, &result, &error), qPrintable(error));
    GeneratedFile unit;
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("uwsgi-unit"), &unit, &error), qPrintable(error));

    // The guide's chmod +x makes systemd warn "marked executable"; units are plain 0644 files.
    QCOMPARE(unit.mode, 0644);
    QCOMPARE(unit.owner, QStringLiteral("root"));
    QVERIFY(unit.remotePath.endsWith(QLatin1String(".service")));
    for (const GeneratedFile& file : result.files) {
        QVERIFY2(!file.content.contains(QLatin1String("servicectl")), qPrintable(file.id));
        QVERIFY2(!file.content.contains(QLatin1String("chmod +x")), qPrintable(file.id));
    }
    const QString unitName = unit.remotePath.mid(unit.remotePath.lastIndexOf(QLatin1Char('/')) + 1);
    QVERIFY(result.files.last().content.contains(QStringLiteral("systemctl enable ") + unitName));
    QVERIFY(unit.content.contains(QLatin1String("\n[Install]\nWantedBy=multi-user.target\n")));
}

void TestEmperorUnitGenerator::unit_keepsNotifyBecauseUwsgiNotifies()
{
    // uWSGI speaks sd_notify, so Type=notify is right for it (unlike Flower) and SIGQUIT is its graceful stop.
    QFETCH(QString, caseName);
    GeneratedFile unit;
    QString error;
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("uwsgi-unit"), &unit, &error), qPrintable(error));
    QCOMPARE(unitValues(unit.content, QStringLiteral("Type")), QStringList{QStringLiteral("notify")});
    QCOMPARE(unitValues(unit.content, QStringLiteral("NotifyAccess")), QStringList{QStringLiteral("all")});
    QCOMPARE(unitValues(unit.content, QStringLiteral("KillSignal")), QStringList{QStringLiteral("SIGQUIT")});
    QCOMPARE(unitValues(unit.content, QStringLiteral("Restart")), QStringList{QStringLiteral("always")});
}

void TestEmperorUnitGenerator::unit_runsTheEmperorIniAsTheUwsgiUser()
{
    QFETCH(QString, caseName);
    Project project;
    GeneratedFile unit;
    GeneratedFile emperor;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("uwsgi-unit"), &unit, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("uwsgi-emperor"), &emperor, &error), qPrintable(error));

    QCOMPARE(unit.remotePath, project.text(QStringLiteral("uwsgi.unitPath")));
    QCOMPARE(
        unitValues(unit.content, QStringLiteral("ExecStart")),
        QStringList{project.text(QStringLiteral("uwsgi.binary")) + QStringLiteral(" --ini ") + emperor.remotePath});
    QCOMPARE(unitValues(unit.content, QStringLiteral("User")), QStringList{project.text(QStringLiteral("uwsgi.user"))});
    QCOMPARE(unitValues(unit.content, QStringLiteral("Group")),
             QStringList{project.text(QStringLiteral("server.webGroup"))});
    // The runtime directory is the socket's and not world-readable; the group lets nginx reach the socket.
    const QString socket = project.text(QStringLiteral("uwsgi.socketPath"));
    QCOMPARE(unitValues(unit.content, QStringLiteral("RuntimeDirectory")),
             QStringList{socket.mid(5, socket.lastIndexOf(QLatin1Char('/')) - 5)});
    QCOMPARE(unitValues(unit.content, QStringLiteral("RuntimeDirectoryMode")), QStringList{QStringLiteral("0750")});
    // Debian's uwsgi init script keeps its apps' sockets in /run/uwsgi as well: stopping the emperor keeps them.
    QCOMPARE(unitValues(unit.content, QStringLiteral("RuntimeDirectoryPreserve")), QStringList{QStringLiteral("yes")});
    // The distribution's uWSGI by default, the virtualenv's when chosen; never pip3's /usr/local/bin.
    const QString expected = project.text(QStringLiteral("uwsgi.install")) == QLatin1String("venv")
                                 ? project.text(QStringLiteral("django.venvDir")) + QStringLiteral("/bin/uwsgi")
                                 : QStringLiteral("/usr/bin/uwsgi");
    QCOMPARE(project.text(QStringLiteral("uwsgi.binary")), expected);
    // Our unit and its files never take a name the uwsgi packages ship (uwsgi.service from /etc/init.d/uwsgi,
    // uwsgi-app@.service, /etc/uwsgi/apps-*).
    for (const QString& path : {unit.remotePath, emperor.remotePath}) {
        QVERIFY2(!path.endsWith(QLatin1String("/uwsgi.service")) && !path.contains(QLatin1String("uwsgi-app@")) &&
                     !path.contains(QLatin1String("/etc/uwsgi/apps-")),
                 qPrintable(path));
    }
}

void TestEmperorUnitGenerator::unit_passesSystemdAnalyzeVerify()
{
    QFETCH(QString, caseName);
    Project project;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(fakeExecutable(dir.filePath(QStringLiteral("bin/uwsgi"))));
    QVERIFY(project.setValue(QStringLiteral("uwsgi.binary"), dir.filePath(QStringLiteral("bin/uwsgi"))));
    const RenderResult result = Renderer::render(project);
    QVERIFY(result.ok());
    const GeneratedFile* unit = nullptr;
    for (const GeneratedFile& file : result.files) {
        unit = file.id == QLatin1String("uwsgi-unit") ? &file : unit;
    }
    QVERIFY(unit);
    QString output;
    QVERIFY2(systemdAccepts(dir.path(), *unit, &output), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestEmperorUnitGenerator)
#include "TestEmperorUnitGenerator.moc"
