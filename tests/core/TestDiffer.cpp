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
};

QTEST_GUILESS_MAIN(TestDiffer)
#include "TestDiffer.moc"
