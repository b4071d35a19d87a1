#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestLintCli : public QObject
{
    Q_OBJECT

private slots:
    void example_exitsZeroAndListsMissingSecretsAsWarnings();
    void error_exitsOneAndComesFirst();
    void badSet_exitsTwo();
    void unreadableProject_exitsTwo();

private:
    struct Result
    {
        int exitCode = -1;
        QStringList lines;
        QString err;
    };
    static Result lint(const QStringList& args)
    {
        QProcess process;
        process.start(QStringLiteral(SALTANT_BINARY_DIR "/app/saltant-deploy-cli"),
                      QStringList{QStringLiteral("lint")} + args);
        Result r;
        if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit) {
            r.err = process.errorString();
            return r;
        }
        r.exitCode = process.exitCode();
        r.lines = QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        r.err = QString::fromUtf8(process.readAllStandardError());
        return r;
    }
    static void verifyFormat(const QStringList& lines)
    {
        static const QRegularExpression line(
            QStringLiteral("^(error|warning|info) [a-z0-9]+(-[a-z0-9]+)+ [A-Za-z0-9.]+: \\S.*$"));
        for (const QString& l : lines) {
            QVERIFY2(line.match(l).hasMatch(), qPrintable(l));
        }
    }
};

void TestLintCli::example_exitsZeroAndListsMissingSecretsAsWarnings()
{
    const Result r = lint({});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    verifyFormat(r.lines);
    QVERIFY(r.lines.contains(QStringLiteral("warning missing-secret django.secretKey: Django SECRET_KEY is not stored: "
                                            "SECRET_KEY in .env is empty and Django refuses to start. Store it before "
                                            "deploying.")));
    for (const QString& l : r.lines) {
        QVERIFY2(!l.startsWith(QStringLiteral("error ")), qPrintable(l));
    }
}

void TestLintCli::error_exitsOneAndComesFirst()
{
    const Result r = lint({QStringLiteral("--set"), QStringLiteral("ssh.user=root"), QStringLiteral("--set"),
                           QStringLiteral("django.debug=yes")});
    QVERIFY2(r.exitCode == 1, qPrintable(r.err));
    verifyFormat(r.lines);
    QVERIFY(!r.lines.isEmpty());
    QVERIFY2(r.lines.first().startsWith(QStringLiteral("error debug-in-production django.debug: DEBUG=True")),
             qPrintable(r.lines.first()));
    QVERIFY2(r.lines.last().startsWith(QStringLiteral("info ssh-as-root ssh.user: ")), qPrintable(r.lines.last()));
}

void TestLintCli::badSet_exitsTwo()
{
    QCOMPARE(lint({QStringLiteral("--set"), QStringLiteral("no.such=1")}).exitCode, 2);
    QCOMPARE(lint({QStringLiteral("--set"), QStringLiteral("flower.port=abc")}).exitCode, 2);
    QCOMPARE(lint({QStringLiteral("--set"), QStringLiteral("missing-equals")}).exitCode, 2);
}

void TestLintCli::unreadableProject_exitsTwo()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Result r = lint({QStringLiteral("--project"), dir.filePath(QStringLiteral("absent.saltant.json"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.lines.isEmpty());
    QVERIFY(!r.err.isEmpty());
}

QTEST_GUILESS_MAIN(TestLintCli)
#include "TestLintCli.moc"
