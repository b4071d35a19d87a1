#include "parse/RabbitConfParser.h"

#include <QDir>
#include <QTest>

using namespace saltant;

class TestRabbitConfParser : public QObject
{
    Q_OBJECT

private slots:
    void readsSettingsCommentsAndIncludes()
    {
        const auto conf = RabbitConfParser::parse(QStringLiteral("# RabbitMQ\n"
                                                                 "listeners.tcp = none\r\n"
                                                                 "listeners.ssl.default=5671 # TLS only\n"
                                                                 "\t ssl_options.cacertfile =  /etc/ssl/ca.pem\n"
                                                                 "management.path\\.prefix = /rabbitmq\n"
                                                                 "include /etc/rabbitmq/conf.d/*.conf\n"
                                                                 "listeners.tcp = 127.0.0.1:5672\n"));
        QVERIFY2(conf.error.isNull(), qPrintable(conf.error.message));
        int line = 0;
        QCOMPARE(conf.value(QStringLiteral("listeners.ssl.default"), &line), QStringLiteral("5671"));
        QCOMPARE(line, 3);
        QCOMPARE(conf.value(QStringLiteral("ssl_options.cacertfile")), QStringLiteral("/etc/ssl/ca.pem"));
        QCOMPARE(conf.value(QStringLiteral("management.path\\.prefix")), QStringLiteral("/rabbitmq"));
        QCOMPARE(conf.value(QStringLiteral("listeners.tcp"), &line), QStringLiteral("127.0.0.1:5672"));
        QCOMPARE(line, 7);
        QVERIFY(conf.entries.at(4).include);
        QCOMPARE(conf.entries.at(4).value, QStringLiteral("/etc/rabbitmq/conf.d/*.conf"));
    }

    void refusesWhatCuttlefishRefuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::newRow("no equals") << "a.b = 1\nlisteners.tcp 5672\n" << 2;
        QTest::newRow("bad key") << "a..b = 1\n" << 1;
        QTest::newRow("key with space") << "a b = 1\n" << 1;
        QTest::newRow("no value") << "\n\na = # nothing\n" << 3;
        QTest::newRow("erlang term") << "[{rabbit, []}].\n" << 1;
    }
    void refusesWhatCuttlefishRefuses()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        const auto conf = RabbitConfParser::parse(text);
        QVERIFY(!conf.error.isNull());
        QCOMPARE(conf.error.line, line);
    }

    void parsesEveryGeneratedConf()
    {
        const QDir golden(QStringLiteral(SALTANT_TEST_DATA "/golden"));
        int parsed = 0;
        for (const QString& name : golden.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile file(golden.filePath(name + QStringLiteral("/rabbitmq-conf.conf")));
            if (!file.open(QIODevice::ReadOnly)) {
                continue;
            }
            const auto conf = RabbitConfParser::parse(QString::fromUtf8(file.readAll()));
            QVERIFY2(conf.error.isNull(), qPrintable(conf.error.toString(file.fileName())));
            QVERIFY(!conf.entries.isEmpty());
            ++parsed;
        }
        QVERIFY(parsed >= 4);
    }
};

QTEST_GUILESS_MAIN(TestRabbitConfParser)
#include "TestRabbitConfParser.moc"
