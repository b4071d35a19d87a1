#include "RealServerScenario.h"
#include "parse/DotenvParser.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

// DotenvParser against the real django-dotenv (the dotenv.py saltant runs with, from the fixtures): the same files,
// including hostile ones, must give the same variables. Python runs with a fixed environment that the parser is
// given too ($VAR falls back to it).
class TestDotenvParserVsDjangoDotenv : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString vendor = RealServerScenario::fixturesDir() + QStringLiteral("/python-vendor.tar.gz");
        QVERIFY2(QFile::exists(vendor), qPrintable(vendor + QStringLiteral(" is missing (set SALTANT_FIXTURES)")));
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-xzf"), vendor, QStringLiteral("-C"), m_dir.path(),
                                          QStringLiteral("site-packages/dotenv.py")});
        QVERIFY(tar.waitForFinished(60000));
        QCOMPARE(tar.exitCode(), 0);
    }

    void readsLikeDjangoDotenv_data()
    {
        QTest::addColumn<QString>("content");
        QTest::newRow("plain") << "A=1\nB = two words \n";
        QTest::newRow("quotes") << "A=\"x y\"\nB='z'\nC=\"a\\\"b\"\nD='it''s'\n";
        QTest::newRow("export and colon") << "export A=1\nB: 2\nC:3\n";
        QTest::newRow("comments") << "# c\nA=1 # trailing\nB=\"x # y\"\n  # indented\n";
        QTest::newRow("variables") << "A=1\nB=$A-${A}-\\$A-$HOME-$NOPE\nC='$A'\nD=\"$A\"\n";
        QTest::newRow("escapes in double quotes") << "A=\"a\\nb\\\\c\\$d\"\n";
        QTest::newRow("self reference") << "A=x\nA=$A$A\nA=${A}y\n";
        QTest::newRow("rejected lines") << "not a line\n=nokey\nA B=1\nGOOD=1\n";
        QTest::newRow("line breaks") << "A=1\r\nB=2\rC=3\x0b"
                                        "D=4\x0c"
                                        "E=5\n";
        QTest::newRow("unicode") << QStringLiteral("ÄÖ=ü\nA=\u2028B=1\nC=x\u00a0\n");
        QTest::newRow("dots in keys") << "a.b=1\n.=2\n";
        QTest::newRow("empty values") << "A=\nB=''\nC=\"\"\nD\n";
        QTest::newRow("unbalanced quotes") << "A=\"x\nB='y\nC=z\"\n";
        QTest::newRow("case-insensitive variable names") << "abc=1\nB=$ABC$abc\n";
        const QDir golden(QStringLiteral(SALTANT_SOURCE_DIR "/tests/data/golden"));
        for (const QString& name : golden.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile file(golden.filePath(name + QStringLiteral("/dotenv.env")));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QTest::newRow(qPrintable(QStringLiteral("golden ") + name)) << QString::fromUtf8(file.readAll());
        }
    }
    void readsLikeDjangoDotenv()
    {
        QFETCH(QString, content);
        const QString path = m_dir.filePath(QStringLiteral("case.env"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content.toUtf8());
        file.close();

        const QHash<QString, QString> environment{{QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin")},
                                                  {QStringLiteral("HOME"), QStringLiteral("/home/h")},
                                                  {QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8")}};
        QProcessEnvironment env;
        for (auto it = environment.cbegin(); it != environment.cend(); ++it) {
            env.insert(it.key(), it.value());
        }
        QProcess python;
        python.setProcessEnvironment(env);
        python.setWorkingDirectory(m_dir.filePath(QStringLiteral("site-packages")));
        // read_dotenv's own way of reading the file (open() in text mode), then parse_dotenv.
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral("-c"),
                      QStringLiteral("import json, sys, warnings; warnings.simplefilter('ignore'); import dotenv; "
                                     "print(json.dumps(dotenv.parse_dotenv(open(sys.argv[1]).read())))"),
                      path});
        QVERIFY(python.waitForFinished(60000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        const QJsonObject expected = QJsonDocument::fromJson(python.readAllStandardOutput()).object();

        const DotenvParser::Result ours = DotenvParser::parse(content, environment);
        QVERIFY(ours.error.isNull());
        QStringList keys = ours.values.keys();
        keys.sort();
        QStringList expectedKeys = expected.keys();
        expectedKeys.sort();
        QCOMPARE(keys, expectedKeys);
        for (const QString& key : keys) {
            QCOMPARE(ours.values.value(key), expected.value(key).toString());
        }
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestDotenvParserVsDjangoDotenv)
#include "TestDotenvParserVsDjangoDotenv.moc"
