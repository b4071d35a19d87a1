#include "parse/DotenvParser.h"

#include <QTest>

using namespace saltant;

// What saltant's settings.py sees is tested against django-dotenv's rules in TestDotenvGenerator; this class covers
// what the importer adds: where each key came from, and limits on hostile input.
class TestDotenvParser : public QObject
{
    Q_OBJECT

private slots:
    void recordsTheLineOfEveryKeyAndRejectedLine()
    {
        const auto result = DotenvParser::parse(QStringLiteral("# saltant\nA=1\n\nnot a line\nexport B='x'\nA=2\n"));
        QCOMPARE(result.keys, (QStringList{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("A")}));
        QCOMPARE(result.keyLines, (QList<int>{2, 5, 6}));
        QCOMPARE(result.rejectedLines, QStringList{QStringLiteral("not a line")});
        QCOMPARE(result.rejectedLineNumbers, QList<int>{4});
        QCOMPARE(result.values.value(QStringLiteral("A")), QStringLiteral("2"));
        QVERIFY(result.error.isNull());
    }

    void selfReferenceThatGrowsIsRefusedNotExpandedForever()
    {
        QString text = QStringLiteral("A=xx\n");
        for (int i = 0; i < 40; ++i) {
            text += QStringLiteral("A=$A$A\n");
        }
        const auto result = DotenvParser::parse(text);
        QVERIFY(!result.error.isNull());
        QVERIFY(result.error.line > 2 && result.error.line < 40);
        QVERIFY(result.error.message.contains(QStringLiteral("A")));
    }

    void manyReferencesOnOneLineAreRefused()
    {
        const QString line = QStringLiteral("B=") + QStringLiteral("$A").repeated(200000) + QLatin1Char('\n');
        const auto result = DotenvParser::parse(QStringLiteral("A=y\n") + line);
        QVERIFY(!result.error.isNull());
        QCOMPARE(result.error.line, 2);
    }

    void manyReferencesToALargeValueAreRefusedBeforeExpanding()
    {
        // Found by FuzzDotenv: many references to a large value asked for gigabytes in one replace. Here 1000
        // references to 100,000 characters would be 200 MB; the size is known, and refused, before the replace.
        const QString large = QStringLiteral("A=") + QString(100000, QLatin1Char('x')) + QStringLiteral("\n");
        const auto result = DotenvParser::parse(large + QStringLiteral("B=") + QStringLiteral("$A").repeated(1000));
        QVERIFY(!result.error.isNull());
        QCOMPARE(result.error.line, 2);
        QVERIFY(!result.values.contains(QStringLiteral("B")));
        QCOMPARE(result.values.value(QStringLiteral("A")).size(), 100000);
    }

    void hugeInputIsRefused()
    {
        const auto result = DotenvParser::parse(QString(ParseLimits::MaxInputChars + 1, QLatin1Char('#')));
        QVERIFY(!result.error.isNull());
        QVERIFY(result.keys.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDotenvParser)
#include "TestDotenvParser.moc"
