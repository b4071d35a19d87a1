#include "GoldenFiles.h"

#include <QRegularExpression>
#include <QTest>

using namespace saltant;

namespace {

QString iniValue(const QString& content, const QString& key)
{
    const QRegularExpression re(QStringLiteral("^") + QRegularExpression::escape(key) + QStringLiteral(" = (.*)$"),
                                QRegularExpression::MultilineOption);
    return re.match(content).captured(1);
}

} // namespace

class TestVassalIniGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(); }
    void golden();
    void vassal_servesTheProjectFromItsVirtualenv_data() { m_golden.addCaseRows(); }
    void vassal_servesTheProjectFromItsVirtualenv();
    void socket_isTheNginxUpstreamAndLiesInTheUnitsRuntimeDirectory_data() { m_golden.addCaseRows(); }
    void socket_isTheNginxUpstreamAndLiesInTheUnitsRuntimeDirectory();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestVassalIniGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("uwsgi-vassal"), &message), qPrintable(message));
}

void TestVassalIniGenerator::vassal_servesTheProjectFromItsVirtualenv()
{
    QFETCH(QString, caseName);
    Project project;
    GeneratedFile vassal;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("uwsgi-vassal"), &vassal, &error), qPrintable(error));
    QCOMPARE(vassal.mode, 0644);
    QCOMPARE(vassal.remotePath, project.text(Key::UwsgiVassalsDir) + QLatin1Char('/') +
                                    project.text(Key::UwsgiVassalName) + QStringLiteral("_uwsgi.ini"));
    QVERIFY(vassal.content.contains(QLatin1String("\n[uwsgi]\n")));
    QCOMPARE(iniValue(vassal.content, QStringLiteral("chdir")), project.text(Key::DjangoProjectDir));
    QCOMPARE(iniValue(vassal.content, QStringLiteral("home")), project.text(Key::DjangoVenvDir));
    QCOMPARE(iniValue(vassal.content, QStringLiteral("module")), project.text(Key::DjangoWsgiModule));
    QCOMPARE(iniValue(vassal.content, QStringLiteral("processes")),
             QString::number(project.integer(Key::UwsgiProcesses)));
    QCOMPARE(iniValue(vassal.content, QStringLiteral("master")), QStringLiteral("true"));
    QCOMPARE(iniValue(vassal.content, QStringLiteral("vacuum")), QStringLiteral("true"));
    // Debian's uwsgi has no Python built in: without the plugin every request fails with "no request plugin is
    // loaded" (HTTP 502). A uWSGI from pip in the virtualenv has Python built in and no plugin to load.
    const bool distribution = project.text(Key::UwsgiInstall) == QLatin1String("distribution");
    QCOMPARE(iniValue(vassal.content, QStringLiteral("plugins")), distribution ? QStringLiteral("python3") : QString());
    if (distribution) {
        // The plugin must be loaded before the first Python option.
        QVERIFY(vassal.content.indexOf(QLatin1String("\nplugins = ")) <
                vassal.content.indexOf(QLatin1String("\nchdir")));
    }
}

void TestVassalIniGenerator::socket_isTheNginxUpstreamAndLiesInTheUnitsRuntimeDirectory()
{
    QFETCH(QString, caseName);
    GeneratedFile vassal;
    GeneratedFile nginx;
    GeneratedFile unit;
    QString error;
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("uwsgi-vassal"), &vassal, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("nginx-site"), &nginx, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("uwsgi-unit"), &unit, &error), qPrintable(error));

    const QString socket = iniValue(vassal.content, QStringLiteral("socket"));
    QVERIFY(socket.startsWith(QLatin1Char('/')));
    QVERIFY2(!socket.startsWith(QLatin1String("/tmp/")), "the guide's world-writable /tmp socket");

    // nginx connects to exactly this socket.
    const QRegularExpression upstream(QStringLiteral("upstream (\\S+) \\{\\s*server unix:(\\S+);\\s*\\}"));
    const QRegularExpressionMatch m = upstream.match(nginx.content);
    QVERIFY2(m.hasMatch(), qPrintable(nginx.content));
    QCOMPARE(m.captured(2), socket);
    QVERIFY(nginx.content.contains(QStringLiteral("uwsgi_pass ") + m.captured(1) + QLatin1Char(';')));

    // systemd creates the socket's directory for the uWSGI user (RuntimeDirectory= is relative to /run).
    const QRegularExpressionMatch runtime =
        QRegularExpression(QStringLiteral("^RuntimeDirectory=(.*)$"), QRegularExpression::MultilineOption)
            .match(unit.content);
    QVERIFY2(runtime.hasMatch(), qPrintable(unit.content));
    QCOMPARE(socket.left(socket.lastIndexOf(QLatin1Char('/'))), QStringLiteral("/run/") + runtime.captured(1));

    // Owner and web group only: nginx (in the web group) connects, nobody else can.
    QCOMPARE(iniValue(vassal.content, QStringLiteral("chmod-socket")), QStringLiteral("660"));
}

QTEST_GUILESS_MAIN(TestVassalIniGenerator)
#include "TestVassalIniGenerator.moc"
#include "model/SettingKeys.h"
