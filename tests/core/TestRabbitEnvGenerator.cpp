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
    void env_bindsTheErlangDistributionToLoopbackOnly_data();
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

void TestRabbitEnvGenerator::env_bindsTheErlangDistributionToLoopbackOnly_data()
{
    QTest::addColumn<QString>("resolved"); // what `getent ahostsv4 HOST` prints
    QTest::addColumn<QString>("epmd");
    QTest::addColumn<QString>("erlArgs");
    QTest::newRow("Debian's 127.0.1.1") << QStringLiteral("127.0.1.1       STREAM vm") << QStringLiteral("127.0.0.1,127.0.1.1")
                                        << QStringLiteral("-kernel inet_dist_use_interface {127,0,1,1}");
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1       STREAM vm") << QStringLiteral("127.0.0.1")
                               << QStringLiteral("-kernel inet_dist_use_interface {127,0,0,1}");
    // The deploy's host-name check refuses this server; should RabbitMQ start anyway, it still binds loopback.
    QTest::newRow("a network address") << QStringLiteral("192.0.2.7       STREAM vm") << QStringLiteral("127.0.0.1")
                                       << QStringLiteral("-kernel inet_dist_use_interface {127,0,0,1}");
}

// rabbitmq-env (RabbitMQ 3.10) sources the file with sh, exports ERL_EPMD_ADDRESS and takes
// SERVER_ADDITIONAL_ERL_ARGS as RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS for `erl`. Source it the same way, with
// stand-ins for hostname and getent, and read the values back; NODE_IP_ADDRESS would bind AMQP too and must stay
// unset.
void TestRabbitEnvGenerator::env_bindsTheErlangDistributionToLoopbackOnly()
{
    QFETCH(QString, resolved);
    QFETCH(QString, epmd);
    QFETCH(QString, erlArgs);
    GeneratedFile env;
    QString error;
    QVERIFY2(m_golden.renderedFile(QStringLiteral("example"), QStringLiteral("rabbitmq-env"), &env, &error),
             qPrintable(error));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&](const QString& name, const QString& content, bool executable) {
        QFile file(dir.filePath(name));
        const bool ok = file.open(QIODevice::WriteOnly) && file.write(content.toUtf8()) >= 0;
        file.close();
        return ok && (!executable || file.setPermissions(file.permissions() | QFileDevice::ExeOwner));
    };
    QVERIFY(write(QStringLiteral("rabbitmq-env.conf"), env.content, false));
    QVERIFY(write(QStringLiteral("hostname"), QStringLiteral("#!/bin/sh\necho vm\n"), true));
    QVERIFY(write(QStringLiteral("getent"), QStringLiteral("#!/bin/sh\n[ \"$2\" = vm ] && echo '%1'\n").arg(resolved),
                  true));
    QProcess sh;
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("PATH"), dir.path() + QStringLiteral(":/usr/bin:/bin"));
    sh.setProcessEnvironment(environment);
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"),
                                         QStringLiteral(". \"$1\" && printf '%s\\n' \"$ERL_EPMD_ADDRESS\" "
                                                        "\"$SERVER_ADDITIONAL_ERL_ARGS\" \"${NODE_IP_ADDRESS-unset}\" "
                                                        "\"${NODE_PORT-unset}\""),
                                         QStringLiteral("sh"), dir.filePath(QStringLiteral("rabbitmq-env.conf"))});
    QVERIFY(sh.waitForFinished());
    QVERIFY2(sh.exitCode() == 0, sh.readAllStandardError().constData());
    QCOMPARE(QString::fromUtf8(sh.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
             (QStringList{epmd, erlArgs, QStringLiteral("unset"), QStringLiteral("unset")}));
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
