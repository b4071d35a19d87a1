#include "parse/ErlangTermParser.h"

#include <QDir>
#include <QTest>

using namespace saltant;

class TestErlangTermParser : public QObject
{
    Q_OBJECT

private slots:
    void readsTheClassicRabbitConfig()
    {
        const auto result = ErlangTermParser::parse(
            QStringLiteral("%% rabbitmq.config\n"
                           "[\n"
                           "  {rabbit, [\n"
                           "    {tcp_listeners, []},\n"
                           "    {ssl_listeners, [5671]},\n"
                           "    {ssl_options, [{cacertfile, \"/etc/ssl/ca.pem\"},\n"
                           "                   {verify, verify_peer}, {fail_if_no_peer_cert, false}]}\n"
                           "  ]},\n"
                           "  {rabbitmq_management, [{path_prefix, \"/rabbitmq\"}]}\n"
                           "]."));
        QVERIFY2(result.error.isNull(), qPrintable(result.error.message));
        QCOMPARE(result.terms.size(), 1);
        const ErlangTerm* rabbit = result.terms[0].property(QStringLiteral("rabbit"));
        QVERIFY(rabbit);
        const ErlangTerm* ssl = rabbit->property(QStringLiteral("ssl_listeners"));
        QVERIFY(ssl);
        QCOMPARE(ssl->items.at(0).text, QStringLiteral("5671"));
        QCOMPARE(ssl->line, 5);
        const ErlangTerm* ca = rabbit->property(QStringLiteral("ssl_options"))->property(QStringLiteral("cacertfile"));
        QCOMPARE(ca->type, ErlangTerm::Type::String);
        QCOMPARE(ca->text, QStringLiteral("/etc/ssl/ca.pem"));
        QVERIFY(rabbit->property(QStringLiteral("ssl_options"))
                    ->property(QStringLiteral("verify"))
                    ->isAtom(QStringLiteral("verify_peer")));
        QVERIFY(!rabbit->property(QStringLiteral("absent")));
    }

    void readsEveryKindOfTerm_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("value");
        QTest::newRow("quoted atom") << "'Hello World'." << int(ErlangTerm::Type::Atom) << "Hello World";
        QTest::newRow("atom with @") << "rabbit@host." << int(ErlangTerm::Type::Atom) << "rabbit@host";
        QTest::newRow("joined strings") << "\"a\" \"b\"." << int(ErlangTerm::Type::String) << "ab";
        QTest::newRow("escapes") << "\"\\t\\x41\\x{e9}\\101\\^a\\\"\"." << int(ErlangTerm::Type::String)
                                 << QStringLiteral("\tA") + QChar(0xe9) + QStringLiteral("A") + QChar(1) +
                                        QStringLiteral("\"");
        QTest::newRow("binary") << "<<\"pw\", 33>>." << int(ErlangTerm::Type::Binary) << "pw!";
        QTest::newRow("based integer") << "16#ff." << int(ErlangTerm::Type::Integer) << "255";
        QTest::newRow("underscores") << "1_000." << int(ErlangTerm::Type::Integer) << "1000";
        QTest::newRow("negative") << "-5." << int(ErlangTerm::Type::Integer) << "-5";
        QTest::newRow("char") << "$a." << int(ErlangTerm::Type::Integer) << "97";
        QTest::newRow("char escape") << "$\\n." << int(ErlangTerm::Type::Integer) << "10";
        QTest::newRow("float") << "1.5e3." << int(ErlangTerm::Type::Float) << "1.5e3";
    }
    void readsEveryKindOfTerm()
    {
        QFETCH(QString, text);
        QFETCH(int, type);
        QFETCH(QString, value);
        const auto result = ErlangTermParser::parse(text);
        QVERIFY2(result.error.isNull(), qPrintable(result.error.message));
        QCOMPARE(int(result.terms.value(0).type), type);
        QCOMPARE(result.terms.value(0).text, value);
    }

    void readsListsTailsAndMaps()
    {
        const auto result = ErlangTermParser::parse(QStringLiteral("[1 | [2, 3]]. [a | b]. #{k => v, 1 => []}. {}."));
        QVERIFY2(result.error.isNull(), qPrintable(result.error.message));
        QCOMPARE(result.terms.size(), 4);
        QCOMPARE(result.terms[0].items.size(), 3);
        QVERIFY(!result.terms[0].improper);
        QVERIFY(result.terms[1].improper);
        QCOMPARE(result.terms[2].type, ErlangTerm::Type::Map);
        QCOMPARE(result.terms[2].items.size(), 4);
        QCOMPARE(result.terms[3].type, ErlangTerm::Type::Tuple);
    }

    void refusesWhatIsNotATerm_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::newRow("variable") << "[X]." << 1;
        QTest::newRow("no dot") << "[a]\n" << 2;
        QTest::newRow("unclosed list") << "[a,\n b" << 2;
        QTest::newRow("unclosed string") << "\"abc" << 1;
        QTest::newRow("record") << "#r{a = 1}." << 1;
        QTest::newRow("expression") << "1 + 2." << 1;
        QTest::newRow("bad base") << "37#1." << 1;
        QTest::newRow("byte out of range") << "<<256>>." << 1;
        QTest::newRow("surrogate") << "\"\\x{d800}\"." << 1;
        QTest::newRow("dot glued") << "a.b." << 1;
    }
    void refusesWhatIsNotATerm()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        const auto result = ErlangTermParser::parse(text);
        QVERIFY(!result.error.isNull());
        QCOMPARE(result.error.line, line);
    }

    void refusesDeepNesting()
    {
        const int depth = ParseLimits::MaxDepth + 2;
        const auto result =
            ErlangTermParser::parse(QStringLiteral("[").repeated(depth) + QStringLiteral("]").repeated(depth) + '.');
        QVERIFY(result.error.message.contains(QStringLiteral("nested")));
    }

    void parsesEveryGeneratedClassicConfig()
    {
        QFile file(QStringLiteral(SALTANT_TEST_DATA "/golden/rabbitmq-classic/rabbitmq-config.config"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto result = ErlangTermParser::parse(QString::fromUtf8(file.readAll()));
        QVERIFY2(result.error.isNull(), qPrintable(result.error.toString(file.fileName())));
        QVERIFY(result.terms.value(0).property(QStringLiteral("rabbit")));
    }
};

QTEST_GUILESS_MAIN(TestErlangTermParser)
#include "TestErlangTermParser.moc"
