#include "GoldenFiles.h"
#include "generate/GenerateContext.h"

#include <QRegularExpression>
#include <QTest>

using namespace saltant;

namespace {

// The values of `key = value` lines of an ini file, in order.
QStringList iniValues(const QString& content, const QString& key)
{
    QStringList values;
    const QRegularExpression re(QStringLiteral("^") + QRegularExpression::escape(key) + QStringLiteral(" = (.*)$"),
                                QRegularExpression::MultilineOption);
    auto it = re.globalMatch(content);
    while (it.hasNext()) {
        values << it.next().captured(1);
    }
    return values;
}

} // namespace

class TestEmperorIniGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(); }
    void golden();
    void emperor_watchesTheVassalDirectoryAndLogsWhereTheUnitAllows_data() { m_golden.addCaseRows(); }
    void emperor_watchesTheVassalDirectoryAndLogsWhereTheUnitAllows();
    void emperor_dropsNoPrivilegesItself_data() { m_golden.addCaseRows(); }
    void emperor_dropsNoPrivilegesItself();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestEmperorIniGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("uwsgi-emperor"), &message), qPrintable(message));
}

void TestEmperorIniGenerator::emperor_watchesTheVassalDirectoryAndLogsWhereTheUnitAllows()
{
    QFETCH(QString, caseName);
    QString error;
    GeneratedFile ini;
    GeneratedFile vassal;
    GeneratedFile unit;
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("uwsgi-emperor"), &ini, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("uwsgi-vassal"), &vassal, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("uwsgi-unit"), &unit, &error), qPrintable(error));

    QCOMPARE(ini.mode, 0644);
    QVERIFY(!ini.holdsSecrets);
    QVERIFY(ini.content.startsWith(QLatin1String("# ")));
    QCOMPARE(iniValues(ini.content, QStringLiteral("emperor")).size(), 1);
    const QString vassalsDir = iniValues(ini.content, QStringLiteral("emperor")).first();
    QCOMPARE(vassal.remotePath.left(vassal.remotePath.lastIndexOf(QLatin1Char('/'))), vassalsDir);

    // The emperor runs as the unprivileged uWSGI user, so its log must live in the unit's LogsDirectory.
    const QStringList logto = iniValues(ini.content, QStringLiteral("logto"));
    QCOMPARE(logto.size(), 1);
    const QRegularExpressionMatch logs =
        QRegularExpression(QStringLiteral("^LogsDirectory=(.*)$"), QRegularExpression::MultilineOption)
            .match(unit.content);
    QVERIFY2(logs.hasMatch(), qPrintable(unit.content));
    QVERIFY2(logto.first().startsWith(QStringLiteral("/var/log/") + logs.captured(1) + QLatin1Char('/')),
             qPrintable(logto.first()));
}

void TestEmperorIniGenerator::emperor_dropsNoPrivilegesItself()
{
    // systemd starts the emperor as User= already; a uid/gid drop in the ini (the guide's) would leave the runtime
    // and log directories owned by another user than the process writing into them.
    QFETCH(QString, caseName);
    QString error;
    GeneratedFile ini;
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("uwsgi-emperor"), &ini, &error), qPrintable(error));
    QVERIFY(iniValues(ini.content, QStringLiteral("uid")).isEmpty());
    QVERIFY(iniValues(ini.content, QStringLiteral("gid")).isEmpty());
}

QTEST_GUILESS_MAIN(TestEmperorIniGenerator)
#include "TestEmperorIniGenerator.moc"
