#include "GoldenFiles.h"
#include "SystemdUnits.h"

#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

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
    QCOMPARE(SystemdUnits::values(unit.content, QStringLiteral("Type")), QStringList{QStringLiteral("notify")});
    QCOMPARE(SystemdUnits::values(unit.content, QStringLiteral("NotifyAccess")), QStringList{QStringLiteral("all")});
    QCOMPARE(SystemdUnits::values(unit.content, QStringLiteral("KillSignal")), QStringList{QStringLiteral("SIGQUIT")});
    QCOMPARE(SystemdUnits::values(unit.content, QStringLiteral("Restart")), QStringList{QStringLiteral("always")});
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

    QCOMPARE(unit.remotePath, project.text(Key::UwsgiUnitPath));
    QCOMPARE(SystemdUnits::values(unit.content, QStringLiteral("ExecStart")),
             QStringList{project.text(Key::UwsgiBinary) + QStringLiteral(" --ini ") + emperor.remotePath});
    QCOMPARE(SystemdUnits::values(unit.content, QStringLiteral("User")), QStringList{project.text(Key::UwsgiUser)});
    QCOMPARE(SystemdUnits::values(unit.content, QStringLiteral("Group")),
             QStringList{project.text(Key::ServerWebGroup)});
    // The runtime directory is the socket's and not world-readable; the group lets nginx reach the socket.
    const QString socket = project.text(Key::UwsgiSocketPath);
    QCOMPARE(SystemdUnits::values(unit.content, QStringLiteral("RuntimeDirectory")),
             QStringList{socket.mid(5, socket.lastIndexOf(QLatin1Char('/')) - 5)});
    QCOMPARE(SystemdUnits::values(unit.content, QStringLiteral("RuntimeDirectoryMode")),
             QStringList{QStringLiteral("0750")});
    // Debian's uwsgi init script keeps its apps' sockets in /run/uwsgi as well: stopping the emperor keeps them.
    QCOMPARE(SystemdUnits::values(unit.content, QStringLiteral("RuntimeDirectoryPreserve")),
             QStringList{QStringLiteral("yes")});
    // The distribution's uWSGI by default, the virtualenv's when chosen; never pip3's /usr/local/bin.
    const QString expected = project.text(Key::UwsgiInstall) == QLatin1String("venv")
                                 ? project.text(Key::DjangoVenvDir) + QStringLiteral("/bin/uwsgi")
                                 : QStringLiteral("/usr/bin/uwsgi");
    QCOMPARE(project.text(Key::UwsgiBinary), expected);
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
    QVERIFY(SystemdUnits::writeStandIn(dir.filePath(QStringLiteral("bin/uwsgi"))));
    QVERIFY(project.setValue(Key::UwsgiBinary, dir.filePath(QStringLiteral("bin/uwsgi"))));
    const RenderResult result = Renderer::render(project);
    QVERIFY(result.ok());
    const GeneratedFile* unit = SystemdUnits::find(result, QStringLiteral("uwsgi-unit"));
    QVERIFY(unit);
    QString output;
    QVERIFY2(SystemdUnits::accepts(dir.path(), *unit, &output), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestEmperorUnitGenerator)
#include "TestEmperorUnitGenerator.moc"
#include "model/SettingKeys.h"
