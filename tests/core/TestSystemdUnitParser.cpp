#include "parse/SystemdUnitParser.h"

#include <QDir>
#include <QTest>

using namespace saltant;

class TestSystemdUnitParser : public QObject
{
    Q_OBJECT

private slots:
    void readsSectionsContinuationsAndComments()
    {
        const auto unit = SystemdUnitParser::parse(QStringLiteral("# header\n"
                                                                  "[Unit]\n"
                                                                  "Description = Flower \n"
                                                                  "\n"
                                                                  "[Service]\r\n"
                                                                  "ExecStart=/usr/bin/python3 -m celery \\\n"
                                                                  "# skipped inside the continuation\n"
                                                                  "  flower --port=5555\n"
                                                                  "Environment=A=1\n"
                                                                  "Environment=\n"
                                                                  "Environment=B=2\n"
                                                                  "; comment\n"
                                                                  "Restart=on-failure"));
        QVERIFY(unit.error.isNull());
        QVERIFY(unit.problems.isEmpty());
        int line = 0;
        QCOMPARE(unit.value(QStringLiteral("Unit"), QStringLiteral("Description"), &line), QStringLiteral("Flower"));
        QCOMPARE(line, 3);
        QCOMPARE(unit.value(QStringLiteral("Service"), QStringLiteral("ExecStart"), &line),
                 QStringLiteral("/usr/bin/python3 -m celery    flower --port=5555"));
        QCOMPARE(line, 6);
        QCOMPARE(unit.values(QStringLiteral("Service"), QStringLiteral("Environment")),
                 QStringList{QStringLiteral("B=2")});
        QCOMPARE(unit.value(QStringLiteral("Service"), QStringLiteral("Restart")), QStringLiteral("on-failure"));
        QVERIFY(unit.value(QStringLiteral("Service"), QStringLiteral("Type")).isNull());
    }

    void escapedBackslashAtTheEndDoesNotContinue()
    {
        const auto unit = SystemdUnitParser::parse(QStringLiteral("[S]\nA=x\\\\\nB=y\n"));
        QCOMPARE(unit.value(QStringLiteral("S"), QStringLiteral("A")), QStringLiteral("x\\\\"));
        QCOMPARE(unit.value(QStringLiteral("S"), QStringLiteral("B")), QStringLiteral("y"));
    }

    void reportsLinesSystemdIgnores()
    {
        const auto unit = SystemdUnitParser::parse(QStringLiteral("A=1\n[Unit\n[Service]\nnoequals\nB=2\n"));
        QCOMPARE(unit.problems.size(), 3);
        QCOMPARE(unit.problems[0].line, 1);
        QCOMPARE(unit.problems[1].line, 2);
        QCOMPARE(unit.problems[2].line, 4);
        QCOMPARE(unit.value(QStringLiteral("Service"), QStringLiteral("B")), QStringLiteral("2"));
    }

    void splitsCommandLinesLikeSystemd_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("prefixes");
        QTest::addColumn<QStringList>("argv");
        QTest::newRow("plain") << "/usr/bin/uwsgi --emperor /etc/uwsgi"
                               << "" << QStringList{"/usr/bin/uwsgi", "--emperor", "/etc/uwsgi"};
        QTest::newRow("prefixes") << "-!/bin/true x"
                                  << "-!" << QStringList{"/bin/true", "x"};
        QTest::newRow("double quotes") << "/bin/sh -c \"echo a  b\""
                                       << "" << QStringList{"/bin/sh", "-c", "echo a  b"};
        QTest::newRow("single quotes in a word") << "/bin/x --opt='a b'c"
                                                 << "" << QStringList{"/bin/x", "--opt=a bc"};
        QTest::newRow("C escapes") << "/bin/x a\\tb \\x41 \\101 \\u00e9 \\s"
                                   << "" << QStringList{"/bin/x", "a\tb", "A", "A", QString::fromUtf8("é"), " "};
        QTest::newRow("escaped quote") << "/bin/x \"a\\\"b\""
                                       << "" << QStringList{"/bin/x", "a\"b"};
        QTest::newRow("specifiers left as written") << "/bin/x %h/%i"
                                                    << "" << QStringList{"/bin/x", "%h/%i"};
    }
    void splitsCommandLinesLikeSystemd()
    {
        QFETCH(QString, line);
        QFETCH(QString, prefixes);
        QFETCH(QStringList, argv);
        const auto command = SystemdUnitParser::splitCommand(line);
        QVERIFY2(command.error.isEmpty(), qPrintable(command.error));
        QCOMPARE(command.prefixes, prefixes);
        QCOMPARE(command.argv, argv);
    }

    void refusesBrokenCommandLines_data()
    {
        QTest::addColumn<QString>("line");
        QTest::newRow("unclosed quote") << "/bin/x \"a";
        QTest::newRow("unknown escape") << "/bin/x \\q";
        QTest::newRow("NUL escape") << "/bin/x \\x00";
        QTest::newRow("short hex") << "/bin/x \\x4";
        QTest::newRow("two commands") << "/bin/x ; /bin/y";
        QTest::newRow("empty") << "  ";
    }
    void refusesBrokenCommandLines()
    {
        QFETCH(QString, line);
        QVERIFY(!SystemdUnitParser::splitCommand(line).error.isEmpty());
    }

    void expandsSpecifiers()
    {
        QString out;
        QString error;
        const QHash<QChar, QString> known{{QLatin1Char('h'), QStringLiteral("/home/s")}};
        QVERIFY(SystemdUnitParser::expandSpecifiers(QStringLiteral("%h/x 100%%"), known, &out, &error));
        QCOMPARE(out, QStringLiteral("/home/s/x 100%"));
        QVERIFY(!SystemdUnitParser::expandSpecifiers(QStringLiteral("%q"), known, &out, &error));
        QVERIFY(error.contains(QStringLiteral("%q")));
        QVERIFY(!SystemdUnitParser::expandSpecifiers(QStringLiteral("50%"), known, &out, &error));
    }

    void parsesEveryGeneratedUnit()
    {
        const QDir golden(QStringLiteral(SALTANT_TEST_DATA "/golden"));
        int parsed = 0;
        for (const QString& name : golden.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            for (const QString& unitName :
                 {QStringLiteral("uwsgi-unit.service"), QStringLiteral("flower-unit.service")}) {
                QFile file(golden.filePath(name + QLatin1Char('/') + unitName));
                if (!file.open(QIODevice::ReadOnly)) {
                    continue;
                }
                const auto unit = SystemdUnitParser::parse(QString::fromUtf8(file.readAll()));
                QVERIFY(unit.error.isNull());
                QVERIFY2(unit.problems.isEmpty(), qPrintable(unit.problems.value(0).toString(file.fileName())));
                const auto command =
                    SystemdUnitParser::splitCommand(unit.value(QStringLiteral("Service"), QStringLiteral("ExecStart")));
                QVERIFY2(command.error.isEmpty(), qPrintable(file.fileName() + QLatin1Char(' ') + command.error));
                ++parsed;
            }
        }
        QVERIFY(parsed >= 10);
    }
};

QTEST_GUILESS_MAIN(TestSystemdUnitParser)
#include "TestSystemdUnitParser.moc"
