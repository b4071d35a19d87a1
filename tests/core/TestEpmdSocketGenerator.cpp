#include "GoldenFiles.h"
#include "generate/DeploySteps.h"

#include <QRegularExpression>
#include <QTest>

using namespace saltant;

class TestEpmdSocketGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(); }
    void golden();
    void dropIn_replacesEveryListenerWithLoopback_data() { m_golden.addCaseRows(QStringLiteral("epmd-socket")); }
    void dropIn_replacesEveryListenerWithLoopback();
    void dropIn_isAnEpmdSocketDropInOwnedByRoot();
    void change_reloadsSystemdRestartsEpmdThenRabbitMq();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestEpmdSocketGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("epmd-socket"), &message), qPrintable(message));
}

// Debian's epmd.socket has ListenStream=4369 (every address). In a drop-in a list setting adds to the unit's, so an
// empty ListenStream= must come first, then only the loopback address.
void TestEpmdSocketGenerator::dropIn_replacesEveryListenerWithLoopback()
{
    QFETCH(QString, caseName);
    GeneratedFile dropIn;
    QString error;
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("epmd-socket"), &dropIn, &error), qPrintable(error));
    QStringList settings;
    for (const QString& line : dropIn.content.split(QLatin1Char('\n'))) {
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#'))) {
            settings << line;
        }
    }
    QCOMPARE(settings, (QStringList{QStringLiteral("[Socket]"), QStringLiteral("ListenStream="),
                                    QStringLiteral("ListenStream=127.0.0.1:4369"),
                          QStringLiteral("ListenStream=127.0.1.1:4369")}));
}

void TestEpmdSocketGenerator::dropIn_isAnEpmdSocketDropInOwnedByRoot()
{
    const RenderResult result = Renderer::render(Project::example());
    QVERIFY(result.ok());
    const GeneratedFile* dropIn = nullptr;
    for (const GeneratedFile& file : result.files) {
        dropIn = file.id == QLatin1String("epmd-socket") ? &file : dropIn;
    }
    QVERIFY(dropIn);
    QCOMPARE(dropIn->remotePath, QStringLiteral("/etc/systemd/system/epmd.socket.d/saltant-loopback.conf"));
    QCOMPARE(dropIn->mode, 0644);
    QCOMPARE(dropIn->owner, QStringLiteral("root"));
    QCOMPARE(dropIn->group, QStringLiteral("root"));
    QVERIFY(!dropIn->holdsSecrets);
}

// systemd reads the drop-in only after daemon-reload; restarting epmd.socket restarts epmd.service, which forgets
// the running node, so RabbitMQ restarts after it.
void TestEpmdSocketGenerator::change_reloadsSystemdRestartsEpmdThenRabbitMq()
{
    const Project project = Project::example();
    const RenderResult result = Renderer::render(project);
    QVERIFY(result.ok());
    const QList<DeployStep> steps = DeploySteps::build(GenerateContext(project), result.files);
    QStringList triggered;
    for (const DeployStep& step : steps) {
        if (step.phase == StepPhase::Handlers && step.triggeredBy.contains(QStringLiteral("epmd-socket"))) {
            triggered << step.command;
        }
    }
    QCOMPARE(triggered,
             (QStringList{QStringLiteral("systemctl daemon-reload"), QStringLiteral("systemctl restart epmd.socket"),
                          QStringLiteral("systemctl restart rabbitmq-server.service")}));
}

QTEST_GUILESS_MAIN(TestEpmdSocketGenerator)
#include "TestEpmdSocketGenerator.moc"
