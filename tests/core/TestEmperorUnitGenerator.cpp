#include "GoldenFiles.h"

#include <QRegularExpression>
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
}

QTEST_GUILESS_MAIN(TestEmperorUnitGenerator)
#include "TestEmperorUnitGenerator.moc"
