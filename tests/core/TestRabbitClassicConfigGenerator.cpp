#include "GoldenFiles.h"
#include "TestKeys.h"
#include "generate/SiteFacts.h"

#include <QTest>

using namespace saltant;

namespace {

// Brackets, braces and << >> balance outside Erlang strings, and strings close: a cheap check of the term syntax.
bool termsBalance(const QString& content, QString* why)
{
    QString stack;
    bool inString = false;
    for (qsizetype i = 0; i < content.size(); ++i) {
        const QChar c = content.at(i);
        if (inString) {
            if (c == QLatin1Char('\\')) {
                ++i;
            } else if (c == QLatin1Char('"')) {
                inString = false;
            } else if (c == QLatin1Char('\n')) {
                *why = QStringLiteral("line break in a string");
                return false;
            }
            continue;
        }
        if (c == QLatin1Char('%')) {
            i = content.indexOf(QLatin1Char('\n'), i);
            if (i < 0) {
                break;
            }
        } else if (c == QLatin1Char('"')) {
            inString = true;
        } else if (c == QLatin1Char('[') || c == QLatin1Char('{')) {
            stack += c;
        } else if (c == QLatin1Char(']') || c == QLatin1Char('}')) {
            const QChar open = c == QLatin1Char(']') ? QLatin1Char('[') : QLatin1Char('{');
            if (stack.isEmpty() || stack.back() != open) {
                *why = QStringLiteral("unbalanced ") + c + QStringLiteral(" at offset ") + QString::number(i);
                return false;
            }
            stack.chop(1);
        }
    }
    if (inString || !stack.isEmpty()) {
        *why = QStringLiteral("unclosed ") + (inString ? QStringLiteral("string") : stack);
        return false;
    }
    return true;
}

} // namespace

class TestRabbitClassicConfigGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(); }
    void golden();
    void config_isOneBalancedErlangTerm_data() { m_golden.addCaseRows(QStringLiteral("rabbitmq-config")); }
    void config_isOneBalancedErlangTerm();
    void config_listensLikeTheBrokerUrlExpects_data();
    void config_listensLikeTheBrokerUrlExpects();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestRabbitClassicConfigGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("rabbitmq-config"), &message), qPrintable(message));
}

void TestRabbitClassicConfigGenerator::config_isOneBalancedErlangTerm()
{
    QFETCH(QString, caseName);
    RenderResult result;
    GeneratedFile config;
    QString error;
    QVERIFY2(m_golden.render(caseName, &result, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("rabbitmq-config"), &config, &error), qPrintable(error));
    QCOMPARE(config.mode, 0644);
    QVERIFY(config.remotePath.endsWith(QLatin1String("rabbitmq.config")));
    QString why;
    QVERIFY2(termsBalance(config.content, &why), qPrintable(why));
    QVERIFY(config.content.endsWith(QLatin1String("\n].\n")));
    for (const GeneratedFile& file : result.files) {
        QVERIFY(file.id != QLatin1String("rabbitmq-conf"));
    }
}

void TestRabbitClassicConfigGenerator::config_listensLikeTheBrokerUrlExpects_data()
{
    QTest::addColumn<QString>("set");
    QTest::addColumn<QString>("listeners");
    QTest::newRow("tls") << QString() << QStringLiteral("   {tcp_listeners, []},\n   {ssl_listeners, [5671]},\n");
    QTest::newRow("plain on network") << Key::TlsEnabled.name() << QStringLiteral("   {tcp_listeners, [5672]},\n");
    QTest::newRow("localhost") << Key::RabbitmqOnNetwork.name()
                               << QStringLiteral("   {tcp_listeners, [{\"127.0.0.1\", 5672}]},\n");
}

void TestRabbitClassicConfigGenerator::config_listensLikeTheBrokerUrlExpects()
{
    QFETCH(QString, set);
    QFETCH(QString, listeners);
    Project project = Project::example();
    QVERIFY(project.setValue(Key::RabbitmqConfigFormat, QStringLiteral("classic")));
    if (!set.isEmpty()) {
        QVERIFY(project.setValue(settingKey(set), false));
    }
    const RenderResult result = Renderer::render(project);
    QVERIFY(result.ok());
    const SiteFacts facts(project);
    for (const GeneratedFile& file : result.files) {
        if (file.id == QLatin1String("rabbitmq-config")) {
            QVERIFY2(file.content.contains(listeners), qPrintable(file.content));
            QCOMPARE(file.content.contains(QLatin1String("{ssl_options,")), facts.amqpTls());
            QVERIFY(file.content.contains(QLatin1String("{path_prefix, \"/rabbitmq\"}")));
            QVERIFY(file.content.contains(QLatin1String("{listener, [{ip, \"127.0.0.1\"}, {port, 15672}]}")));
            if (facts.amqpTls()) {
                QVERIFY(file.content.contains(QStringLiteral("{certfile, \"") + facts.certPath() + QLatin1Char('"')));
                QVERIFY(
                    file.content.contains(QStringLiteral("{keyfile, \"") + facts.privateKeyPath() + QLatin1Char('"')));
            }
        }
        if (file.id == QLatin1String("dotenv")) {
            const QString port = facts.amqpTls() ? QStringLiteral(":5671/") : QStringLiteral(":5672/");
            QVERIFY(file.content.contains(port));
        }
    }
}

QTEST_GUILESS_MAIN(TestRabbitClassicConfigGenerator)
#include "TestRabbitClassicConfigGenerator.moc"
#include "model/SettingKeys.h"
