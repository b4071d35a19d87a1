#include "deploy/TransactionScript.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

// TransactionScript::batch() run by a real sh, and parseBatch() reading what it printed: each step's own output and
// exit status, the batch ending at the first failure, a step that kills the whole batch, output that merely looks
// like a marker.
class TestTransactionScript : public QObject
{
    Q_OBJECT

private:
    static DeployStep step(const QString& title, const QString& command)
    {
        DeployStep s;
        s.title = title;
        s.command = command;
        return s;
    }
    // Runs the batch with sh (standard input: a line a step must not see) and returns its standard output.
    static QByteArray run(const QByteArray& marker, const QList<DeployStep>& steps, int* exitCode = nullptr)
    {
        QProcess sh;
        sh.start(QStringLiteral("sh"), {QStringLiteral("-c"), TransactionScript::batch(marker, steps)});
        sh.write("secret-on-stdin\n");
        sh.closeWriteChannel();
        if (!sh.waitForFinished(30000)) {
            return "<timeout>";
        }
        if (exitCode) {
            *exitCode = sh.exitStatus() == QProcess::NormalExit ? sh.exitCode() : -1;
        }
        return sh.readAllStandardOutput();
    }

private slots:
    void everyStepSucceeds_eachWithItsOwnOutput()
    {
        const QByteArray marker = TransactionScript::batchMarker();
        const QList<DeployStep> steps{step(QStringLiteral("a"), QStringLiteral("echo one")),
                                      step(QStringLiteral("b"), QStringLiteral("printf 'no newline'")),
                                      step(QStringLiteral("c"), QStringLiteral("echo to-stderr >&2; cat")),
                                      step(QStringLiteral("d"), QStringLiteral("true # a comment"))};
        const QList<TransactionScript::BatchResult> results = TransactionScript::parseBatch(marker, run(marker, steps));
        QCOMPARE(results.size(), 4);
        QCOMPARE(results.at(0).output, QByteArray("one\n"));
        QCOMPARE(results.at(1).output, QByteArray("no newline"));
        // Standard error joins the step's output; standard input is /dev/null, never the channel's.
        QCOMPARE(results.at(2).output, QByteArray("to-stderr\n"));
        QCOMPARE(results.at(3).output, QByteArray());
        for (const TransactionScript::BatchResult& r : results) {
            QCOMPARE(r.exitStatus, 0);
        }
    }

    void failingStep_endsTheBatch_laterStepsNeverRun()
    {
        QTemporaryDir dir;
        const QString later = dir.filePath(QStringLiteral("later"));
        const QByteArray marker = TransactionScript::batchMarker();
        const QList<DeployStep> steps{step(QStringLiteral("a"), QStringLiteral("echo ok")),
                                      step(QStringLiteral("b"), QStringLiteral("echo failing; exit 3")),
                                      step(QStringLiteral("c"), QStringLiteral("touch '%1'").arg(later))};
        int exitCode = -1;
        const QList<TransactionScript::BatchResult> results =
            TransactionScript::parseBatch(marker, run(marker, steps, &exitCode));
        QCOMPARE(results.size(), 2);
        QCOMPARE(results.at(1).output, QByteArray("failing\n"));
        QCOMPARE(results.at(1).exitStatus, 3);
        QVERIFY(!QFile::exists(later));
        QCOMPARE(exitCode, 0); // the statuses travel in the output, not in the batch's own
    }

    void batchKilledInsideAStep_partialOutputWithoutStatus()
    {
        const QByteArray marker = TransactionScript::batchMarker();
        const QList<DeployStep> steps{step(QStringLiteral("a"), QStringLiteral("echo done")),
                                      step(QStringLiteral("b"), QStringLiteral("echo half; kill -KILL $$")),
                                      step(QStringLiteral("c"), QStringLiteral("echo never"))};
        const QList<TransactionScript::BatchResult> results = TransactionScript::parseBatch(marker, run(marker, steps));
        QCOMPARE(results.size(), 2);
        QCOMPARE(results.at(0).exitStatus, 0);
        QCOMPARE(results.at(1).output, QByteArray("half\n"));
        QCOMPARE(results.at(1).exitStatus, -1);
    }

    void outputThatLooksLikeAMarker_isOnlyOutput()
    {
        const QByteArray marker = TransactionScript::batchMarker();
        const QByteArray other = TransactionScript::batchMarker();
        QVERIFY(marker != other);
        QVERIFY(marker.startsWith("saltant-step-") && marker.size() > 30);
        const QString fake = QStringLiteral("printf '\\n%1 0\\n%1 7\\n'").arg(QString::fromLatin1(other));
        const QList<DeployStep> steps{step(QStringLiteral("a"), fake),
                                      step(QStringLiteral("b"), QStringLiteral("exit 5"))};
        const QList<TransactionScript::BatchResult> results = TransactionScript::parseBatch(marker, run(marker, steps));
        QCOMPARE(results.size(), 2);
        QCOMPARE(results.at(0).exitStatus, 0);
        QCOMPARE(results.at(0).output, QByteArray("\n" + other + " 0\n" + other + " 7\n"));
        QCOMPARE(results.at(1).exitStatus, 5);
    }

    void noOutputAtAll_noResults()
    {
        QVERIFY(TransactionScript::parseBatch(TransactionScript::batchMarker(), QByteArray()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTransactionScript)
#include "TestTransactionScript.moc"
