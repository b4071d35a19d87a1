#include "NginxPeer.h"
#include "parse/NginxConfigParser.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

// NginxConfigParser against the real nginx: for each way of writing a word, nginx's own reading of it (echoed in
// its error for an invalid "msie_padding" flag) must be ours; for each broken file, both must refuse it, on the same
// line and with the same message.
class TestNginxConfigParserVsNginx : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_peer = std::make_unique<NginxPeer>(m_dir.path());
    }

    void readsEveryWordAsNginxDoes_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("plain") << "abc";
        QTest::newRow("double quoted with spaces") << "\"a b  c\"";
        QTest::newRow("single quoted with semicolon and braces") << "'a;{b}c'";
        QTest::newRow("escaped double quote") << "\"a\\\"b\"";
        QTest::newRow("escaped single quote unquoted") << "a\\'b";
        QTest::newRow("escaped backslash") << "\"a\\\\b\"";
        QTest::newRow("tab and newline escapes") << "\"a\\tb\\nc\"";
        QTest::newRow("other escape kept") << "a\\qb";
        QTest::newRow("escaped space in a word") << "a\\ b";
        QTest::newRow("escaped semicolon") << "a\\;b";
        QTest::newRow("hash inside a word") << "a#b";
        QTest::newRow("closing brace inside a word") << "a}b";
        QTest::newRow("variable braces") << "a${b}c";
        QTest::newRow("quote inside a word") << "a\"b";
        QTest::newRow("newline inside quotes") << "\"a\nb\"";
        QTest::newRow("unicode") << QStringLiteral("\"é€\"");
    }
    void readsEveryWordAsNginxDoes()
    {
        QFETCH(QString, word);
        const QString site = QStringLiteral("msie_padding ") + word + QStringLiteral(";\n");
        const NginxTestResult nginx = m_peer->test(site);
        QVERIFY2(!nginx.ok(), qPrintable(nginx.output));
        static const QRegularExpression echoed(
            QStringLiteral("invalid value \"(.*)\" in \"msie_padding\" directive, it must be \"on\" or \"off\""),
            QRegularExpression::DotMatchesEverythingOption);
        const QRegularExpressionMatch match = echoed.match(nginx.output);
        QVERIFY2(match.hasMatch(), qPrintable(nginx.output));

        const auto ours = NginxConfigParser::parse(site);
        QVERIFY2(ours.error.isNull(), qPrintable(ours.error.message));
        QCOMPARE(ours.directives.size(), 1);
        QCOMPARE(ours.directives[0].args.size(), 1);
        QCOMPARE(ours.directives[0].args[0], match.captured(1));
    }

    void refusesWhatNginxRefuses_data()
    {
        QTest::addColumn<QString>("site");
        QTest::newRow("stray closing brace") << "msie_padding on;\n}\n";
        QTest::newRow("unclosed block") << "server {\n listen 8080;\n";
        QTest::newRow("directive without semicolon") << "msie_padding on\n";
        QTest::newRow("lone semicolon") << "\n;\n";
        QTest::newRow("text glued after a quote") << "msie_padding \"on\"x;\n";
        QTest::newRow("brace after arguments") << "server {\n msie_padding on }\n";
        QTest::newRow("unclosed quote") << "msie_padding \"on;\n";
        QTest::newRow("block without name") << "\n\n{ msie_padding on; }\n";
    }
    void refusesWhatNginxRefuses()
    {
        QFETCH(QString, site);
        const NginxTestResult nginx = m_peer->test(site);
        QVERIFY2(!nginx.ok(), qPrintable(nginx.output));
        const auto ours = NginxConfigParser::parse(site);
        QVERIFY2(!ours.error.isNull(), qPrintable(nginx.output));
        // nginx: "2026/12/07 07:29:57 [emerg] 123#123: unexpected "}" in /path/site.conf:2"
        static const QRegularExpression emerg(QStringLiteral("\\[emerg\\] \\d+#\\d+: (.*) in \\S+:(\\d+)"));
        const QRegularExpressionMatch match = emerg.match(nginx.output);
        QVERIFY2(match.hasMatch(), qPrintable(nginx.output));
        QCOMPARE(ours.error.message, match.captured(1));
        QCOMPARE(ours.error.line, match.captured(2).toInt());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<NginxPeer> m_peer;
};

QTEST_GUILESS_MAIN(TestNginxConfigParserVsNginx)
#include "TestNginxConfigParserVsNginx.moc"
