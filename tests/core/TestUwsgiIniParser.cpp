#include "parse/UwsgiIniParser.h"

#include <QDir>
#include <QTest>

using namespace saltant;

class TestUwsgiIniParser : public QObject
{
    Q_OBJECT

private slots:
    void readsLikeUwsgi()
    {
        const auto ini = UwsgiIniParser::parse(QStringLiteral("; comment\n"
                                                              "[uwsgi]\r\n"
                                                              "  chdir = /home/s/saltant  \n"
                                                              "plugins = python3\n"
                                                              "plugins = logfile\n"
                                                              "# comment\n"
                                                              "env = A=b=c ; not a comment\n"
                                                              "master\n"
                                                              "[other]\n"
                                                              "chdir = /x"));
        QVERIFY(ini.error.isNull());
        int line = 0;
        QCOMPARE(ini.value(QStringLiteral("uwsgi"), QStringLiteral("chdir"), &line), QStringLiteral("/home/s/saltant"));
        QCOMPARE(line, 3);
        QCOMPARE(ini.values(QStringLiteral("uwsgi"), QStringLiteral("plugins")),
                 (QStringList{QStringLiteral("python3"), QStringLiteral("logfile")}));
        QCOMPARE(ini.value(QStringLiteral("uwsgi"), QStringLiteral("env")), QStringLiteral("A=b=c ; not a comment"));
        QCOMPARE(ini.value(QStringLiteral("uwsgi"), QStringLiteral("master")), QStringLiteral(""));
        QVERIFY(!ini.value(QStringLiteral("uwsgi"), QStringLiteral("master")).isNull());
        QCOMPARE(ini.value(QStringLiteral("other"), QStringLiteral("chdir")), QStringLiteral("/x"));
        QVERIFY(ini.value(QStringLiteral("uwsgi"), QStringLiteral("socket")).isNull());
    }

    void sectionDropsItsLastCharacterWhateverItIs()
    {
        const auto ini = UwsgiIniParser::parse(QStringLiteral("[uwsgix\na = 1\n[\nb = 2\n"));
        QCOMPARE(ini.value(QStringLiteral("uwsgi"), QStringLiteral("a")), QStringLiteral("1"));
        QCOMPARE(ini.value(QString(), QStringLiteral("b")), QStringLiteral("2"));
    }

    void nulEndsTheLineAndIsReported()
    {
        const auto ini =
            UwsgiIniParser::parse(QStringLiteral("[uwsgi]\na = 1") + QChar(0) + QStringLiteral("x\nb = 2\n"));
        QCOMPARE(ini.value(QStringLiteral("uwsgi"), QStringLiteral("a")), QStringLiteral("1"));
        QCOMPARE(ini.value(QStringLiteral("uwsgi"), QStringLiteral("b")), QStringLiteral("2"));
        QCOMPARE(ini.error.line, 2);
        QCOMPARE(ini.error.column, 6);
    }

    void parsesEveryGeneratedIni()
    {
        const QDir golden(QStringLiteral(SALTANT_TEST_DATA "/golden"));
        int parsed = 0;
        for (const QString& name : golden.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile file(golden.filePath(name + QStringLiteral("/uwsgi-vassal.ini")));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const auto ini = UwsgiIniParser::parse(QString::fromUtf8(file.readAll()));
            QVERIFY(ini.error.isNull());
            QVERIFY2(!ini.value(QStringLiteral("uwsgi"), QStringLiteral("chdir")).isEmpty(), qPrintable(name));
            ++parsed;
        }
        QVERIFY(parsed >= 5);
    }
};

QTEST_GUILESS_MAIN(TestUwsgiIniParser)
#include "TestUwsgiIniParser.moc"
