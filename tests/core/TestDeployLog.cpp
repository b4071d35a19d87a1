#include "deploy/DeployLog.h"

#include <QTest>

using namespace saltant;

Q_DECLARE_METATYPE(saltant::StepPhase)

class TestDeployLog : public QObject
{
    Q_OBJECT

private slots:
    // The names the log, the CLI and the progress dialog show for each phase of a step report.
    void phaseLabel_data()
    {
        QTest::addColumn<StepPhase>("phase");
        QTest::addColumn<QString>("label");
        QTest::newRow("Recover") << StepPhase::Recover << QStringLiteral("Recover");
        QTest::newRow("Install") << StepPhase::Install << QStringLiteral("Install");
        QTest::newRow("Prepare") << StepPhase::Prepare << QStringLiteral("Prepare");
        QTest::newRow("Upload") << StepPhase::Upload << QStringLiteral("Upload");
        QTest::newRow("Files") << StepPhase::Files << QStringLiteral("Files");
        QTest::newRow("Validate") << StepPhase::Validate << QStringLiteral("Validate");
        QTest::newRow("Rollback") << StepPhase::Rollback << QStringLiteral("Rollback");
        QTest::newRow("Commit") << StepPhase::Commit << QStringLiteral("Commit");
        QTest::newRow("Provision") << StepPhase::Provision << QStringLiteral("Provision");
        QTest::newRow("Handlers") << StepPhase::Handlers << QStringLiteral("Reload and restart services");
        QTest::newRow("Finish") << StepPhase::Finish << QStringLiteral("Finish");
    }

    void phaseLabel()
    {
        QFETCH(StepPhase, phase);
        QFETCH(QString, label);
        QCOMPARE(DeployLog::phaseLabel(phase), label);
    }

    void formatStep_showsPhaseTitleAndOutcome()
    {
        DeployStepReport step;
        step.phase = StepPhase::Handlers;
        step.title = QStringLiteral("Reload nginx");
        step.command = QStringLiteral("systemctl reload nginx");
        step.exitStatus = 1;
        step.output = QStringLiteral("failed\n");
        QCOMPARE(DeployLog::formatStep(step), QStringLiteral("[Reload and restart services] Reload nginx: FAILED\n"
                                                             "  $ systemctl reload nginx\n"
                                                             "  exit status 1\n"
                                                             "  | failed\n"));
    }
};

QTEST_GUILESS_MAIN(TestDeployLog)
#include "TestDeployLog.moc"
