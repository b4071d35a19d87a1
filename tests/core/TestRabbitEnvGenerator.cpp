#include "GoldenFiles.h"
#include "generate/DeploySteps.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

class TestRabbitEnvGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(); }
    void golden();
    void env_bindsTheErlangDistributionToLoopbackOnly_data() { m_golden.addCaseRows(QStringLiteral("rabbitmq-env")); }
    void env_bindsTheErlangDistributionToLoopbackOnly();
    void env_isRootOwned0644AndTriggersARabbitMqRestart();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestRabbitEnvGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("rabbitmq-env"), &message), qPrintable(message));
}

// rabbitmq-env (RabbitMQ 3.10) sources the file with sh, exports ERL_EPMD_ADDRESS and takes
// SERVER_ADDITIONAL_ERL_ARGS as RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS for `erl`. Source it the same way and read
// the values back; NODE_IP_ADDRESS would bind AMQP too and must stay unset.
void TestRabbitEnvGenerator::env_bindsTheErlangDistributionToLoopbackOnly()
{
    QFETCH(QString, caseName);
    GeneratedFile env;
    QString error;
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("rabbitmq-env"), &env, &error), qPrintable(error));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("rabbitmq-env.conf")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(env.content.toUtf8());
    file.close();
    QProcess sh;
    sh.setProcessEnvironment(QProcessEnvironment());
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"),
                                         QStringLiteral(". \"$1\" && printf '%s\\n' \"$ERL_EPMD_ADDRESS\" "
                                                        "\"$SERVER_ADDITIONAL_ERL_ARGS\" \"${NODE_IP_ADDRESS-unset}\" "
                                                        "\"${NODE_PORT-unset}\""),
                                         QStringLiteral("sh"), file.fileName()});
    QVERIFY(sh.waitForFinished());
    QVERIFY2(sh.exitCode() == 0, sh.readAllStandardError().constData());
    QCOMPARE(QString::fromUtf8(sh.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
             (QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("-kernel inet_dist_use_interface {127,0,0,1}"),
                          QStringLiteral("unset"), QStringLiteral("unset")}));
}

void TestRabbitEnvGenerator::env_isRootOwned0644AndTriggersARabbitMqRestart()
{
    const Project project = Project::example();
    const RenderResult result = Renderer::render(project);
    QVERIFY(result.ok());
    const GeneratedFile* env = nullptr;
    for (const GeneratedFile& file : result.files) {
        env = file.id == QLatin1String("rabbitmq-env") ? &file : env;
    }
    QVERIFY(env);
    QCOMPARE(env->remotePath, QStringLiteral("/etc/rabbitmq/rabbitmq-env.conf"));
    QCOMPARE(env->mode, 0644);
    QCOMPARE(env->owner, QStringLiteral("root"));
    QCOMPARE(env->group, QStringLiteral("root"));
    QStringList triggered;
    for (const DeployStep& step : DeploySteps::build(GenerateContext(project), result.files)) {
        if (step.triggeredBy.contains(QStringLiteral("rabbitmq-env")) && step.phase == StepPhase::Handlers) {
            triggered << step.command;
        }
    }
    QCOMPARE(triggered, QStringList{QStringLiteral("systemctl restart rabbitmq-server.service")});
}

QTEST_GUILESS_MAIN(TestRabbitEnvGenerator)
#include "TestRabbitEnvGenerator.moc"
