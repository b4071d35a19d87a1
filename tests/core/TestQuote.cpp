#include "parse/DotenvParser.h"
#include "generate/Quote.h"

#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

namespace {

// Values every quoting function must survive.
QStringList hostileValues()
{
    return {
        QStringLiteral("plain"),
        QStringLiteral("two words"),
        QStringLiteral("it's"),
        QStringLiteral("say \"hi\""),
        QStringLiteral("back\\slash\\"),
        QStringLiteral("$HOME ${X} $$"),
        QStringLiteral("100% %n %%"),
        QStringLiteral("a;b && c | d"),
        QStringLiteral("{braces}"),
        QStringLiteral("# hash"),
        QStringLiteral("`id`"),
        QStringLiteral("*?[a]~"),
        QStringLiteral("Ünïcødé ✓ 😀"),
        QStringLiteral(" lead trail "),
        QStringLiteral("'\"\\$%;{}#"),
        QStringLiteral("-n"),
        QStringLiteral("="),
        QString(),
    };
}

void addHostileRows()
{
    QTest::addColumn<QString>("value");
    int n = 0;
    for (const QString& value : hostileValues()) {
        QTest::newRow(qPrintable(QStringLiteral("%1: %2").arg(++n).arg(value))) << value;
    }
}

QString runSh(const QString& script, int* exitCode)
{
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
    sh.waitForFinished();
    *exitCode = sh.exitStatus() == QProcess::NormalExit ? sh.exitCode() : -1;
    return QString::fromUtf8(sh.readAllStandardOutput());
}

// Undoes systemd's command-line quoting for one argument: "..." with C escapes, then %% and $$.
QString systemdUnquote(const QString& arg)
{
    QString s = arg;
    if (s.size() >= 2 && s.startsWith(QLatin1Char('"')) && s.endsWith(QLatin1Char('"'))) {
        QString out;
        for (qsizetype i = 1; i < s.size() - 1; ++i) {
            if (s.at(i) == QLatin1Char('\\') && i + 1 < s.size() - 1) {
                ++i;
            }
            out += s.at(i);
        }
        s = out;
    }
    return s.replace(QLatin1String("%%"), QLatin1String("%")).replace(QLatin1String("$$"), QLatin1String("$"));
}

bool hasLineBreak(const QString& s)
{
    return s.contains(QLatin1Char('\n')) || s.contains(QLatin1Char('\r'));
}

} // namespace

class TestQuote : public QObject
{
    Q_OBJECT

private slots:
    void shell_roundTripsThroughSh_data();
    void shell_roundTripsThroughSh();
    void shell_leavesSafeWordsBare_data();
    void shell_leavesSafeWordsBare();
    void envFile_roundTripsThroughSh_data() { addHostileRows(); }
    void envFile_roundTripsThroughSh();
    void dotenv_roundTripsThroughDjangoDotenv_data() { addHostileRows(); }
    void dotenv_roundTripsThroughDjangoDotenv();
    void lineBreaks_neverLeaveOneLine_data();
    void lineBreaks_neverLeaveOneLine();
    void systemdArgument_escapesSpecifiersAndVariables_data();
    void systemdArgument_escapesSpecifiersAndVariables();
    void systemdArgument_roundTrips_data() { addHostileRows(); }
    void systemdArgument_roundTrips();
    void erlangAndRsyslogStrings_escapeQuotesAndBackslashes_data();
    void erlangAndRsyslogStrings_escapeQuotesAndBackslashes();
    void nginx_isBareOnlyForSafeTokens_data();
    void nginx_isBareOnlyForSafeTokens();
    void nginx_valuesReadBackThroughNginx();
    void urlComponent_keepsOnlyUnreservedCharacters();
};

void TestQuote::shell_roundTripsThroughSh_data()
{
    addHostileRows();
    QTest::newRow("newline") << QStringLiteral("line1\nline2");
    QTest::newRow("only quotes") << QStringLiteral("'''");
}

void TestQuote::shell_roundTripsThroughSh()
{
    QFETCH(QString, value);
    int exitCode = 0;
    const QString out = runSh(QStringLiteral("printf %s ") + Quote::shell(value), &exitCode);
    QCOMPARE(exitCode, 0);
    QCOMPARE(out, value);
    // One word: a second argument would be printed too.
    QCOMPARE(runSh(QStringLiteral("set -- ") + Quote::shell(value) + QStringLiteral("; printf %s $#"), &exitCode),
             QStringLiteral("1"));
}

void TestQuote::shell_leavesSafeWordsBare_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("path") << QStringLiteral("/etc/nginx/sites-available")
                          << QStringLiteral("/etc/nginx/sites-available");
    QTest::newRow("user@host:port") << QStringLiteral("a@b:1") << QStringLiteral("a@b:1");
    QTest::newRow("space") << QStringLiteral("a b") << QStringLiteral("'a b'");
    QTest::newRow("quote") << QStringLiteral("it's") << QStringLiteral("'it'\\''s'");
    QTest::newRow("empty") << QString() << QStringLiteral("''");
    QTest::newRow("glob") << QStringLiteral("*") << QStringLiteral("'*'");
    QTest::newRow("tilde") << QStringLiteral("~root") << QStringLiteral("'~root'");
}

void TestQuote::shell_leavesSafeWordsBare()
{
    QFETCH(QString, value);
    QFETCH(QString, quoted);
    QCOMPARE(Quote::shell(value), quoted);
}

void TestQuote::envFile_roundTripsThroughSh()
{
    // systemd's EnvironmentFile= treats '...' and "..." (\" \\ \` \$ escapes) exactly like POSIX sh.
    QFETCH(QString, value);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("env")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write((QStringLiteral("V=") + Quote::envFile(value) + QLatin1Char('\n')).toUtf8());
    file.close();
    int exitCode = 0;
    const QString out =
        runSh(QStringLiteral(". ") + file.fileName() + QStringLiteral(" && printf %s \"$V\""), &exitCode);
    QCOMPARE(exitCode, 0);
    QCOMPARE(out, value);
}

void TestQuote::dotenv_roundTripsThroughDjangoDotenv()
{
    QFETCH(QString, value);
    const QString line = QStringLiteral("V=") + Quote::dotenv(value) + QLatin1Char('\n');
    const DotenvParser::Result result = DotenvParser::parse(
        line, {{QStringLiteral("HOME"), QStringLiteral("/root")}, {QStringLiteral("X"), QStringLiteral("x")}});
    QCOMPARE(result.keys, QStringList{QStringLiteral("V")});
    QCOMPARE(result.values.value(QStringLiteral("V")), value);
}

void TestQuote::lineBreaks_neverLeaveOneLine_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("LF") << QStringLiteral("a\nb");
    QTest::newRow("CR") << QStringLiteral("a\rb");
    QTest::newRow("CRLF") << QStringLiteral("a\r\nb");
    QTest::newRow("VT FF") << QStringLiteral("a\x0b\x0c"
                                             "b");
    QTest::newRow("NEL") << QStringLiteral("a\u0085b");
    QTest::newRow("LS PS") << QStringLiteral("a\u2028\u2029b");
    QTest::newRow("NUL") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b"));
}

void TestQuote::lineBreaks_neverLeaveOneLine()
{
    // Formats without a representation for line breaks get U+FFFD instead: a value can never start a new
    // directive or variable (validation rejects such values before they get here).
    QFETCH(QString, value);
    const QList<QString> quoted = {Quote::nginx(value),        Quote::dotenv(value),
                                   Quote::envFile(value),      Quote::systemdArgument(value),
                                   Quote::erlangString(value), Quote::rsyslogString(value)};
    for (const QString& q : quoted) {
        QCOMPARE(DotenvParser::pythonSplitLines(q).size(), 1);
        QVERIFY2(!hasLineBreak(q) && !q.contains(QChar(0)), qPrintable(q));
        QVERIFY(q.contains(QChar(0xfffd)));
    }
}

void TestQuote::systemdArgument_escapesSpecifiersAndVariables_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("safe") << QStringLiteral("/usr/bin/uwsgi") << QStringLiteral("/usr/bin/uwsgi");
    QTest::newRow("option") << QStringLiteral("--port=5555") << QStringLiteral("--port=5555");
    QTest::newRow("percent") << QStringLiteral("100%") << QStringLiteral("\"100%%\"");
    QTest::newRow("specifier") << QStringLiteral("%h") << QStringLiteral("\"%%h\"");
    QTest::newRow("dollar") << QStringLiteral("$HOME") << QStringLiteral("\"$$HOME\"");
    QTest::newRow("space") << QStringLiteral("a b") << QStringLiteral("\"a b\"");
    QTest::newRow("quote and backslash") << QStringLiteral("a\"b\\c") << QStringLiteral("\"a\\\"b\\\\c\"");
    QTest::newRow("semicolon") << QStringLiteral(";") << QStringLiteral("\";\"");
    QTest::newRow("empty") << QString() << QStringLiteral("\"\"");
}

void TestQuote::systemdArgument_escapesSpecifiersAndVariables()
{
    QFETCH(QString, value);
    QFETCH(QString, quoted);
    QCOMPARE(Quote::systemdArgument(value), quoted);
}

void TestQuote::systemdArgument_roundTrips()
{
    QFETCH(QString, value);
    const QString quoted = Quote::systemdArgument(value);
    // One word: a space only ever appears inside the quotes.
    if (!quoted.startsWith(QLatin1Char('"'))) {
        QVERIFY(!quoted.contains(QLatin1Char(' ')));
    }
    QCOMPARE(systemdUnquote(quoted), value);
    // No lone % (a specifier) and no lone $ (a variable) survive.
    const QString unpaired =
        QString(quoted).replace(QLatin1String("%%"), QString()).replace(QLatin1String("$$"), QString());
    QVERIFY(!unpaired.contains(QLatin1Char('%')));
    QVERIFY(!unpaired.contains(QLatin1Char('$')));
}

void TestQuote::erlangAndRsyslogStrings_escapeQuotesAndBackslashes_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << QStringLiteral("/etc/x.pem") << QStringLiteral("\"/etc/x.pem\"");
    QTest::newRow("quote") << QStringLiteral("a\"b") << QStringLiteral("\"a\\\"b\"");
    QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("\"a\\\\b\"");
    QTest::newRow("escape then quote") << QStringLiteral("\\\"") << QStringLiteral("\"\\\\\\\"\"");
    QTest::newRow("others literal") << QStringLiteral("'$%;{}#") << QStringLiteral("\"'$%;{}#\"");
    QTest::newRow("unicode") << QStringLiteral("Ü✓") << QStringLiteral("\"Ü✓\"");
    QTest::newRow("empty") << QString() << QStringLiteral("\"\"");
}

void TestQuote::erlangAndRsyslogStrings_escapeQuotesAndBackslashes()
{
    QFETCH(QString, value);
    QFETCH(QString, quoted);
    QCOMPARE(Quote::erlangString(value), quoted);
    QCOMPARE(Quote::rsyslogString(value), quoted);
}

void TestQuote::nginx_isBareOnlyForSafeTokens_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("path") << QStringLiteral("/etc/nginx/uwsgi_params") << QStringLiteral("/etc/nginx/uwsgi_params");
    QTest::newRow("socket") << QStringLiteral("unix:/run/uwsgi/a.sock") << QStringLiteral("unix:/run/uwsgi/a.sock");
    QTest::newRow("host") << QStringLiteral("www.example.com") << QStringLiteral("www.example.com");
    QTest::newRow("space") << QStringLiteral("a b") << QStringLiteral("\"a b\"");
    QTest::newRow("semicolon") << QStringLiteral("a;b") << QStringLiteral("\"a;b\"");
    QTest::newRow("braces") << QStringLiteral("{}") << QStringLiteral("\"{}\"");
    QTest::newRow("hash") << QStringLiteral("#x") << QStringLiteral("\"#x\"");
    QTest::newRow("quote and backslash") << QStringLiteral("a\"b\\") << QStringLiteral("\"a\\\"b\\\\\"");
    QTest::newRow("single quote") << QStringLiteral("it's") << QStringLiteral("\"it's\"");
    QTest::newRow("empty") << QString() << QStringLiteral("\"\"");
    // nginx has no escape for '$' ("\\$x" is a backslash and the variable $x): never a variable.
    QTest::newRow("dollar") << QStringLiteral("$x") << QStringLiteral("\"\ufffdx\"");
}

void TestQuote::nginx_isBareOnlyForSafeTokens()
{
    QFETCH(QString, value);
    QFETCH(QString, quoted);
    QCOMPARE(Quote::nginx(value), quoted);
}

void TestQuote::nginx_valuesReadBackThroughNginx()
{
    // A real nginx serves each quoted value as a location's default_type (a directive without variables), so
    // the Content-Type it answers with is the value as nginx parsed it. Values with '$' are left out: nginx has
    // no escape for '$', and validation keeps it out of every value written to the site file.
    QStringList values;
    for (const QString& value : hostileValues()) {
        if (!value.contains(QLatin1Char('$')) && !value.isEmpty() && !value.startsWith(QLatin1Char(' ')) &&
            !value.endsWith(QLatin1Char(' '))) {
            values << value; // HTTP strips a header value's surrounding spaces
        }
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    QString conf =
        QStringLiteral("events {}\nhttp {\n    access_log off;\n    server {\n        listen 127.0.0.1:%1;\n")
            .arg(port);
    for (qsizetype i = 0; i < values.size(); ++i) {
        conf += QStringLiteral("        location = /v%1 { default_type %2; return 200 \"\"; }\n")
                    .arg(QString::number(i), Quote::nginx(values.at(i)));
    }
    conf += QStringLiteral("    }\n}\n");
    QFile file(dir.filePath(QStringLiteral("nginx.conf")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(conf.toUtf8());
    file.close();

    QProcess nginx;
    nginx.setProcessChannelMode(QProcess::MergedChannels);
    nginx.start(
        QStringLiteral("/usr/sbin/nginx"),
        {QStringLiteral("-p"), dir.path(), QStringLiteral("-c"), file.fileName(), QStringLiteral("-g"),
         QStringLiteral("daemon off; master_process off; pid %1/nginx.pid; error_log %1/error.log;").arg(dir.path())});
    QVERIFY2(nginx.waitForStarted(), qPrintable(nginx.errorString()));
    for (qsizetype i = 0; i < values.size(); ++i) {
        QTcpSocket socket;
        // nginx needs a moment to bind; retry the connection rather than sleeping a fixed time.
        for (int attempt = 0; attempt < 100 && socket.state() != QAbstractSocket::ConnectedState; ++attempt) {
            socket.abort();
            socket.connectToHost(QHostAddress::LocalHost, port);
            if (!socket.waitForConnected(1000)) {
                QVERIFY2(nginx.state() == QProcess::Running, nginx.readAll().constData());
                QTest::qWait(50);
            }
        }
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.write(QStringLiteral("GET /v%1 HTTP/1.0\r\nHost: localhost\r\n\r\n").arg(i).toLatin1());
        QByteArray response;
        while (socket.waitForReadyRead(5000)) {
            response += socket.readAll();
        }
        const QByteArray marker = "\r\nContent-Type: ";
        const qsizetype at = response.indexOf(marker);
        QVERIFY2(at > 0, response.constData());
        const qsizetype end = response.indexOf("\r\n", at + marker.size());
        QCOMPARE(QString::fromUtf8(response.mid(at + marker.size(), end - at - marker.size())), values.at(i));
    }
    nginx.terminate();
    QVERIFY(nginx.waitForFinished());
}

void TestQuote::urlComponent_keepsOnlyUnreservedCharacters()
{
    QCOMPARE(Quote::urlComponent(QStringLiteral("AZaz09-._~")), QStringLiteral("AZaz09-._~"));
    QCOMPARE(Quote::urlComponent(QStringLiteral("p@ss:w/rd%#?")), QStringLiteral("p%40ss%3Aw%2Frd%25%23%3F"));
    QCOMPARE(Quote::urlComponent(QStringLiteral("ü ")), QStringLiteral("%C3%BC%20"));
    QCOMPARE(Quote::urlComponent(QString()), QString());
}

QTEST_GUILESS_MAIN(TestQuote)
#include "TestQuote.moc"
