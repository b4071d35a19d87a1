#include "GoldenFiles.h"
#include "plan/Differ.h"

#include <QTest>

using namespace saltant;

class TestDiffer : public QObject
{
    Q_OBJECT

private slots:
    void equalTexts_giveNoDiff()
    {
        QVERIFY(Differ::unified(QStringLiteral("a\nb\n"), QStringLiteral("a\nb\n"), QStringLiteral("f")).isEmpty());
    }

    void oneChangedLine_givesUnifiedHunkWithContext()
    {
        const QString oldText = QStringLiteral("1\n2\n3\n4\n5\n6\n7\n8\n9\n");
        const QString newText = QStringLiteral("1\n2\n3\n4\nfive\n6\n7\n8\n9\n");
        const QString diff = Differ::unified(oldText, newText, QStringLiteral("/etc/x.conf"));
        QCOMPARE(diff, QStringLiteral("--- /etc/x.conf (server)\n+++ /etc/x.conf (new)\n@@ -2,7 +2,7 @@\n"
                                      " 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"));
    }

    void newFile_isAllAdditions()
    {
        const QString diff = Differ::unified(QString(), QStringLiteral("a\nb\n"), QStringLiteral("f"));
        QVERIFY2(diff.endsWith(QStringLiteral("+a\n+b\n")), qPrintable(diff));
        QVERIFY(diff.contains(QStringLiteral("+1,2 @@")));
    }

    void missingFinalNewline_isShown()
    {
        const QString diff = Differ::unified(QStringLiteral("a\nb"), QStringLiteral("a\nb\n"), QStringLiteral("f"));
        QVERIFY2(diff.contains(QStringLiteral("-b\n\\ No newline at end of file\n+b\n")), qPrintable(diff));
    }

    void secretFile_changedSecret_isMaskedOnBothSides()
    {
        const QString oldText = QStringLiteral("# env\nDEBUG=False\nSECRET_KEY='old-secret-value'\nNAME=x\n");
        const QString newText = QStringLiteral("# env\nDEBUG=True\nSECRET_KEY='new-secret-value'\nNAME=x\n");
        const QString masked = QStringLiteral("# env\nDEBUG=True\nSECRET_KEY='<secret:django.secretKey>'\nNAME=x\n");
        const QString diff = Differ::unifiedMasked(oldText, newText, masked, QStringLiteral(".env"));
        QVERIFY2(!diff.contains(QStringLiteral("secret-value")), qPrintable(diff));
        QVERIFY2(diff.contains(QStringLiteral("-SECRET_KEY=<secret>\n")), qPrintable(diff));
        QVERIFY2(diff.contains(QStringLiteral("+SECRET_KEY='<secret:django.secretKey>'\n")), qPrintable(diff));
        QVERIFY2(diff.contains(QStringLiteral("-DEBUG=False\n")), qPrintable(diff));
        QVERIFY2(diff.contains(QStringLiteral("+DEBUG=True\n")), qPrintable(diff));
    }

    void secretFile_unchangedSecret_appearsOnlyMaskedInContext()
    {
        const QString oldText = QStringLiteral("A=1\nSECRET_KEY='same-secret'\nB=2\n");
        const QString newText = QStringLiteral("A=1\nSECRET_KEY='same-secret'\nB=3\n");
        const QString masked = QStringLiteral("A=1\nSECRET_KEY='<secret:k>'\nB=3\n");
        const QString diff = Differ::unifiedMasked(oldText, newText, masked, QStringLiteral(".env"));
        QVERIFY2(!diff.contains(QStringLiteral("same-secret")), qPrintable(diff));
        QVERIFY2(diff.contains(QStringLiteral(" SECRET_KEY='<secret:k>'\n-B=2\n+B=3\n")), qPrintable(diff));
    }

    void secretFile_removedUnknownLine_isMasked()
    {
        const QString oldText = QStringLiteral("A=1\nOLD_TOKEN=hand-added-secret\nplain text secret\n");
        const QString newText = QStringLiteral("A=1\n");
        const QString diff = Differ::unifiedMasked(oldText, newText, newText, QStringLiteral("f"));
        QVERIFY2(!diff.contains(QStringLiteral("hand-added-secret")), qPrintable(diff));
        QVERIFY2(!diff.contains(QStringLiteral("plain text secret")), qPrintable(diff));
        QVERIFY2(diff.contains(QStringLiteral("-OLD_TOKEN=<secret>\n-<secret>\n")), qPrintable(diff));
    }

    void secretFile_lineCountMismatch_hidesTheDiff()
    {
        const QString diff = Differ::unifiedMasked(QStringLiteral("K=old\n"), QStringLiteral("K=new\n"),
                                                   QStringLiteral("K=<secret:k>\nX\n"), QStringLiteral("f"));
        QVERIFY(!diff.contains(QStringLiteral("K=old")));
        QVERIFY(!diff.contains(QStringLiteral("K=new")));
        QVERIFY(diff.contains(QStringLiteral("hidden")));
    }

    // Which lines of the new text the preview marks as changed.
    void addedLines_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<QList<int>>("added");
        const QStringList abc{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        QTest::newRow("identical") << abc << abc << QList<int>{};
        QTest::newRow("one line edited") << abc
                                         << QStringList{QStringLiteral("a"), QStringLiteral("B"), QStringLiteral("c")}
                                         << QList<int>{1};
        QTest::newRow("two separate edits")
            << QStringList{QStringLiteral("x"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                           QStringLiteral("x")}
            << QStringList{QStringLiteral("y"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                           QStringLiteral("y")}
            << QList<int>{0, 4};
        QTest::newRow("line inserted") << abc
                                       << QStringList{QStringLiteral("a"), QStringLiteral("new"), QStringLiteral("b"),
                                                      QStringLiteral("c")}
                                       << QList<int>{1};
        QTest::newRow("line removed") << abc << QStringList{QStringLiteral("a"), QStringLiteral("c")} << QList<int>{};
        QTest::newRow("from empty") << QStringList{} << abc << QList<int>{0, 1, 2};
        QTest::newRow("to empty") << abc << QStringList{} << QList<int>{};
    }

    void addedLines()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        QFETCH(QList<int>, added);
        QCOMPARE(Differ::addedLines(before, after), added);
    }

    void edits_walkBothTextsInOrder()
    {
        const QStringList before{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        const QStringList after{QStringLiteral("a"), QStringLiteral("B"), QStringLiteral("c"), QStringLiteral("d")};
        QString script;
        for (const Differ::Edit& e : Differ::edits(before, after)) {
            switch (e.op) {
            case Differ::Edit::Common:
                script += QStringLiteral(" %1%2").arg(before.at(e.oldIndex), after.at(e.newIndex));
                break;
            case Differ::Edit::Removed:
                QCOMPARE(e.newIndex, qsizetype(-1));
                script += QStringLiteral(" -") + before.at(e.oldIndex);
                break;
            case Differ::Edit::Added:
                QCOMPARE(e.oldIndex, qsizetype(-1));
                script += QStringLiteral(" +") + after.at(e.newIndex);
                break;
            }
        }
        QCOMPARE(script, QStringLiteral(" aa -b +B cc +d"));
    }

    // The golden-file tests print their mismatches with the same diff.
    void goldenLineDiff_showsChangesWithContext()
    {
        QVERIFY(GoldenFiles::lineDiff(QStringLiteral("a\nb\n"), QStringLiteral("a\nb\n")).isEmpty());
        const QString expected = QStringLiteral("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n");
        const QString actual = QStringLiteral("1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\nTWELVE\n");
        QCOMPARE(GoldenFiles::lineDiff(expected, actual, 1),
                 QStringLiteral(" 1\n-2\n+TWO\n 3\n@@\n 11\n-12\n+TWELVE\n \n"));
    }
};

QTEST_GUILESS_MAIN(TestDiffer)
#include "TestDiffer.moc"
