#include "GoldenFiles.h"
#include "generate/SiteFacts.h"

#include <QRegularExpression>
#include <QTest>

using namespace saltant;

namespace {

// rabbitmq.conf is sysctl-style: `key = value`, one per line, comments starting with #.
QHash<QString, QStringList> confEntries(const QString& content)
{
    QHash<QString, QStringList> entries;
    for (const QString& line : content.split(QLatin1Char('\n'))) {
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1String(" = "));
        entries[eq < 0 ? line : line.left(eq)] << (eq < 0 ? QString() : line.mid(eq + 3));
    }
    return entries;
}

} // namespace

class TestRabbitConfGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(); }
    void golden();
    void conf_isSysctlStyleWithEachKeyOnce_data() { m_golden.addCaseRows(QStringLiteral("rabbitmq-conf")); }
    void conf_isSysctlStyleWithEachKeyOnce();
    void listeners_matchTheBrokerUrl_data() { m_golden.addCaseRows(QStringLiteral("rabbitmq-conf")); }
    void listeners_matchTheBrokerUrl();
    void management_servesUnderThePrefixNginxProxies_data() { m_golden.addCaseRows(QStringLiteral("rabbitmq-conf")); }
    void management_servesUnderThePrefixNginxProxies();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestRabbitConfGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("rabbitmq-conf"), &message), qPrintable(message));
}

void TestRabbitConfGenerator::conf_isSysctlStyleWithEachKeyOnce()
{
    QFETCH(QString, caseName);
    RenderResult result;
    GeneratedFile conf;
    QString error;
    QVERIFY2(m_golden.render(caseName, &result, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("rabbitmq-conf"), &conf, &error), qPrintable(error));
    QCOMPARE(conf.mode, 0644);
    QVERIFY(!conf.holdsSecrets);
    const QHash<QString, QStringList> entries = confEntries(conf.content);
    const QRegularExpression key(QStringLiteral("^[a-z_]+(\\.[a-z_0-9]+)*$"));
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        QVERIFY2(key.match(it.key()).hasMatch(), qPrintable(it.key()));
        QCOMPARE(it.value().size(), 1);
        QVERIFY2(!it.value().first().isEmpty(), qPrintable(it.key()));
    }
    // Only one RabbitMQ configuration format per server.
    for (const GeneratedFile& file : result.files) {
        QVERIFY(file.id != QLatin1String("rabbitmq-config"));
    }
    QCOMPARE(entries.value(QStringLiteral("loopback_users.guest")), QStringList{QStringLiteral("true")});
}

void TestRabbitConfGenerator::listeners_matchTheBrokerUrl()
{
    QFETCH(QString, caseName);
    Project project;
    GeneratedFile conf;
    GeneratedFile env;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("rabbitmq-conf"), &conf, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("dotenv"), &env, &error), qPrintable(error));
    const QHash<QString, QStringList> entries = confEntries(conf.content);
    const SiteFacts facts(project);
    const QRegularExpressionMatch url =
        QRegularExpression(QStringLiteral("^CELERY_BROKER_URL='([a-z]+)://[^@]*@([^:/]+):(\\d+)/"),
                           QRegularExpression::MultilineOption)
            .match(env.content);
    QVERIFY2(url.hasMatch(), qPrintable(env.content));
    const bool usesSsl = env.content.contains(QLatin1String("\nRABBITMQ_USES_SSL=True\n"));

    if (facts.amqpTls()) {
        // No plain listener: a worker can only reach RabbitMQ over TLS, so the URL must ask for TLS.
        const QString port = QString::number(project.integer(Key::RabbitmqTlsPort));
        QCOMPARE(entries.value(QStringLiteral("listeners.tcp")), QStringList{QStringLiteral("none")});
        QCOMPARE(entries.value(QStringLiteral("listeners.ssl.default")), QStringList{port});
        QCOMPARE(entries.value(QStringLiteral("ssl_options.certfile")), QStringList{facts.certPath()});
        QCOMPARE(entries.value(QStringLiteral("ssl_options.keyfile")), QStringList{facts.privateKeyPath()});
        QCOMPARE(entries.value(QStringLiteral("ssl_options.cacertfile")), QStringList{facts.fullChainPath()});
        QVERIFY(entries.contains(QStringLiteral("ssl_options.verify")));
        QCOMPARE(url.captured(3), port);
        QVERIFY(usesSsl);
        QVERIFY2(url.captured(1) != QLatin1String("amqp"), "plain amqp:// may pick librabbitmq, which has no TLS");
    } else {
        const QString port = QString::number(project.integer(Key::RabbitmqTcpPort));
        QVERIFY(!entries.contains(QStringLiteral("listeners.ssl.default")));
        QVERIFY(!conf.content.contains(QLatin1String("ssl_options")));
        const QString listener = project.flag(Key::RabbitmqOnNetwork) ? port : QStringLiteral("127.0.0.1:") + port;
        QCOMPARE(entries.value(QStringLiteral("listeners.tcp.default")), QStringList{listener});
        QCOMPARE(url.captured(3), port);
        QVERIFY(!usesSsl);
        if (!project.flag(Key::RabbitmqOnNetwork)) {
            QCOMPARE(url.captured(2), QStringLiteral("localhost"));
        }
    }
}

void TestRabbitConfGenerator::management_servesUnderThePrefixNginxProxies()
{
    // The guide rewrote /rabbitmq/api/... to %2F (vhost "/"), which it then deleted. RabbitMQ serves under
    // management.path_prefix instead and nginx passes the URI through untouched.
    QFETCH(QString, caseName);
    Project project;
    GeneratedFile conf;
    GeneratedFile nginx;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("rabbitmq-conf"), &conf, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("nginx-site"), &nginx, &error), qPrintable(error));
    const QHash<QString, QStringList> entries = confEntries(conf.content);
    const QString prefix = project.text(Key::RabbitmqManagementPrefix);
    const QString port = QString::number(project.integer(Key::RabbitmqManagementPort));
    QCOMPARE(entries.value(QStringLiteral("management.path_prefix")), QStringList{QLatin1Char('/') + prefix});
    QCOMPARE(entries.value(QStringLiteral("management.tcp.ip")), QStringList{QStringLiteral("127.0.0.1")});
    QCOMPARE(entries.value(QStringLiteral("management.tcp.port")), QStringList{port});

    const QRegularExpression location(QStringLiteral("location /") + QRegularExpression::escape(prefix) +
                                      QStringLiteral("/ \\{([^}]*)\\}"));
    const QRegularExpressionMatch m = location.match(nginx.content);
    QVERIFY2(m.hasMatch(), qPrintable(nginx.content));
    QVERIFY(m.captured(1).contains(QStringLiteral("proxy_pass http://127.0.0.1:") + port + QLatin1Char(';')));
    QVERIFY(!m.captured(1).contains(QLatin1String("rewrite")));
    QVERIFY(!nginx.content.contains(QLatin1String("%2F")));
}

QTEST_GUILESS_MAIN(TestRabbitConfGenerator)
#include "TestRabbitConfGenerator.moc"
#include "model/SettingKeys.h"
