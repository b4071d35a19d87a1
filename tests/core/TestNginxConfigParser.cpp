#include "parse/NginxConfigParser.h"

#include <QDir>
#include <QTest>

using namespace saltant;

class TestNginxConfigParser : public QObject
{
    Q_OBJECT

private slots:
    void parsesDirectivesBlocksAndLines()
    {
        const auto result = NginxConfigParser::parse(QStringLiteral("user www-data;\n"
                                                                    "# a comment { ; }\n"
                                                                    "http {\n"
                                                                    "    server {\n"
                                                                    "        listen 443 ssl; # trailing\n"
                                                                    "        location /static/ { alias /srv/s/; }\n"
                                                                    "    }\n"
                                                                    "}\n"),
                                                     QStringLiteral("nginx.conf"));
        QVERIFY2(result.error.isNull(), qPrintable(result.error.message));
        QCOMPARE(result.directives.size(), 2);
        QCOMPARE(result.directives[0].name, QStringLiteral("user"));
        QCOMPARE(result.directives[0].args, QStringList{QStringLiteral("www-data")});
        const NginxDirective& http = result.directives[1];
        QVERIFY(http.hasBlock);
        QCOMPARE(http.line, 3);
        const NginxDirective& server = http.block.at(0);
        QCOMPARE(server.block.size(), 2);
        QCOMPARE(server.block[0].args, (QStringList{QStringLiteral("443"), QStringLiteral("ssl")}));
        QCOMPARE(server.block[0].line, 5);
        QCOMPARE(server.block[1].args, QStringList{QStringLiteral("/static/")});
        QCOMPARE(server.block[1].block.at(0).args, QStringList{QStringLiteral("/srv/s/")});
        QCOMPARE(server.block[1].file, QStringLiteral("nginx.conf"));
    }

    void unquotesAndUnescapesLikeNginx_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("argument");
        QTest::newRow("double quotes") << "a \"b c\";"
                                       << "b c";
        QTest::newRow("single quotes") << "a 'b;{c}';"
                                       << "b;{c}";
        QTest::newRow("escaped quote") << "a \"b\\\"c\";"
                                       << "b\"c";
        QTest::newRow("escaped backslash") << "a \"b\\\\c\";"
                                           << "b\\c";
        QTest::newRow("tab escape") << "a b\\tc;"
                                    << "b\tc";
        QTest::newRow("other escape kept") << "a b\\dc;"
                                           << "b\\dc";
        QTest::newRow("escaped space: one word, backslash kept") << "a b\\ c;"
                                                                 << "b\\ c";
        QTest::newRow("variable braces") << "a ${host}x;"
                                         << "${host}x";
        QTest::newRow("hash inside word") << "a b#c;"
                                          << "b#c";
        QTest::newRow("closing brace inside word") << "a b};"
                                                   << "b}";
        QTest::newRow("paren after quote") << "a \"x\");"
                                           << "x";
    }
    void unquotesAndUnescapesLikeNginx()
    {
        QFETCH(QString, text);
        QFETCH(QString, argument);
        const auto result = NginxConfigParser::parse(text);
        QVERIFY2(result.error.isNull(), qPrintable(result.error.message));
        QCOMPARE(result.directives.size(), 1);
        QCOMPARE(result.directives[0].args.value(0), argument);
    }

    void reportsNginxsErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("stray brace") << "a b;\n}\n" << 2 << "unexpected \"}\"";
        QTest::newRow("unclosed block") << "http {\n a b;\n" << 3 << "unexpected end of file, expecting \"}\"";
        QTest::newRow("missing semicolon") << "a b\n" << 2 << "unexpected end of file, expecting \";\" or \"}\"";
        QTest::newRow("lone semicolon") << ";" << 1 << "unexpected \";\"";
        QTest::newRow("text after quote") << "a \"b\"c;" << 1 << "unexpected \"c\"";
        QTest::newRow("brace after args") << "a b }" << 1 << "unexpected \"}\"";
        QTest::newRow("unclosed quote") << "a \"b;\n" << 2 << "unexpected end of file, expecting \";\" or \"}\"";
    }
    void reportsNginxsErrors()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, message);
        const auto result = NginxConfigParser::parse(text, QStringLiteral("site"));
        QCOMPARE(result.error.message, message);
        QCOMPARE(result.error.line, line);
        QCOMPARE(result.errorFile, QStringLiteral("site"));
    }

    void refusesDeepNestingAndHugeInput()
    {
        const QString deep = QStringLiteral("a {").repeated(ParseLimits::MaxDepth + 1);
        const auto nested = NginxConfigParser::parse(deep);
        QVERIFY(nested.error.message.contains(QStringLiteral("nested")));
        const auto huge = NginxConfigParser::parse(QString(ParseLimits::MaxInputChars + 1, QLatin1Char(' ')));
        QVERIFY(!huge.error.isNull());
        QVERIFY(huge.directives.isEmpty());
        const auto okDepth = NginxConfigParser::parse(QStringLiteral("a {").repeated(ParseLimits::MaxDepth) +
                                                      QStringLiteral("}").repeated(ParseLimits::MaxDepth));
        QVERIFY2(okDepth.error.isNull(), qPrintable(okDepth.error.message));
    }

    void splicesIncludesAndRefusesCycles()
    {
        const QHash<QString, QString> files{
            {QStringLiteral("/etc/nginx/conf.d/a.conf"), QStringLiteral("gzip on;\n")},
            {QStringLiteral("/etc/nginx/conf.d/b.conf"), QStringLiteral("server { include /etc/nginx/p; }\n")},
            {QStringLiteral("/etc/nginx/p"), QStringLiteral("listen 80;\n")},
            {QStringLiteral("/etc/nginx/loop"), QStringLiteral("include /etc/nginx/loop;\n")},
        };
        const NginxConfigParser::IncludeLoader loader =
            [&](const QString& pattern, QList<NginxConfigParser::IncludedFile>* out, QString* error) {
                const QRegularExpression glob(QRegularExpression::wildcardToRegularExpression(pattern));
                QStringList names = files.keys();
                names.sort();
                for (const QString& name : names) {
                    if (glob.match(name).hasMatch()) {
                        out->append({name, files.value(name)});
                    }
                }
                if (out->isEmpty() && !pattern.contains(QLatin1Char('*'))) {
                    *error = QStringLiteral("open() \"%1\" failed").arg(pattern);
                    return false;
                }
                return true;
            };
        const auto result =
            NginxConfigParser::parseWithIncludes(QStringLiteral("http {\n include /etc/nginx/conf.d/*.conf;\n}\n"),
                                                 QStringLiteral("/etc/nginx/nginx.conf"), loader);
        QVERIFY2(result.error.isNull(), qPrintable(result.error.message));
        const NginxDirective& http = result.directives.at(0);
        QCOMPARE(http.block.size(), 2);
        QCOMPARE(http.block[0].name, QStringLiteral("gzip"));
        QCOMPARE(http.block[0].file, QStringLiteral("/etc/nginx/conf.d/a.conf"));
        QCOMPARE(http.block[1].block.at(0).name, QStringLiteral("listen"));
        QCOMPARE(http.block[1].block.at(0).file, QStringLiteral("/etc/nginx/p"));

        const auto loop = NginxConfigParser::parseWithIncludes(QStringLiteral("include /etc/nginx/loop;"),
                                                               QStringLiteral("/etc/nginx/nginx.conf"), loader);
        QVERIFY(loop.error.message.contains(QStringLiteral("includes itself")));
        const auto missing = NginxConfigParser::parseWithIncludes(QStringLiteral("\n include /nope;"),
                                                                  QStringLiteral("/etc/nginx/nginx.conf"), loader);
        QCOMPARE(missing.error.message, QStringLiteral("open() \"/nope\" failed"));
        QCOMPARE(missing.error.line, 2);
        QCOMPARE(missing.errorFile, QStringLiteral("/etc/nginx/nginx.conf"));
    }

    void parsesEveryGeneratedSite()
    {
        const QDir golden(QStringLiteral(SALTANT_TEST_DATA "/golden"));
        int parsed = 0;
        for (const QString& name : golden.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile file(golden.filePath(name + QStringLiteral("/nginx-site.conf")));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const auto result = NginxConfigParser::parse(QString::fromUtf8(file.readAll()), file.fileName());
            QVERIFY2(result.error.isNull(), qPrintable(result.error.toString(file.fileName())));
            QVERIFY(!result.directives.isEmpty());
            ++parsed;
        }
        QVERIFY(parsed >= 5);
    }
};

QTEST_GUILESS_MAIN(TestNginxConfigParser)
#include "TestNginxConfigParser.moc"
