#include "preview/LineDiff.h"

#include <QTest>

using namespace saltant;

class TestLineDiff : public QObject
{
    Q_OBJECT

private slots:
    void changedLines_data();
    void changedLines();
};

void TestLineDiff::changedLines_data()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QStringList>("after");
    QTest::addColumn<QList<int>>("changed");
    const QStringList abc{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    QTest::newRow("identical") << abc << abc << QList<int>{};
    QTest::newRow("one line edited") << abc
                                     << QStringList{QStringLiteral("a"), QStringLiteral("B"), QStringLiteral("c")}
                                     << QList<int>{1};
    QTest::newRow("two separate edits") << QStringList{QStringLiteral("x"), QStringLiteral("a"), QStringLiteral("b"),
                                                       QStringLiteral("c"), QStringLiteral("x")}
                                        << QStringList{QStringLiteral("y"), QStringLiteral("a"), QStringLiteral("b"),
                                                       QStringLiteral("c"), QStringLiteral("y")}
                                        << QList<int>{0, 4};
    QTest::newRow("line inserted") << abc
                                   << QStringList{QStringLiteral("a"), QStringLiteral("new"), QStringLiteral("b"),
                                                  QStringLiteral("c")}
                                   << QList<int>{1};
    QTest::newRow("line removed") << abc << QStringList{QStringLiteral("a"), QStringLiteral("c")} << QList<int>{};
    QTest::newRow("from empty") << QStringList{} << abc << QList<int>{0, 1, 2};
}

void TestLineDiff::changedLines()
{
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);
    QFETCH(QList<int>, changed);
    QCOMPARE(LineDiff::changedLines(before, after), changed);
}

QTEST_GUILESS_MAIN(TestLineDiff)
#include "TestLineDiff.moc"
