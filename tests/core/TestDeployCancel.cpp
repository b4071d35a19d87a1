#include "DeployFixture.h"
#include "deploy/DeployRunner.h"
#include "LocalRemoteHost.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <memory>

using namespace saltant;

// DeployOptions::cancel against a pretend server on this machine (LocalRemoteHost): a deploy stops only where the
// server is consistent, and the next deploy finishes the job.
class TestDeployCancel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DeployFixture> m_fixture;
    std::unique_ptr<LocalRemoteHost> m_host;

    Plan plan()
    {
        Plan p;
        QString error;
        if (!DeployRunner::makePlan(*m_host, m_fixture->project, m_fixture->secrets(), &p, &error)) {
            qWarning("%s", qPrintable(error));
        }
        return p;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_fixture = std::make_unique<DeployFixture>(m_dir->path());
        QString error;
        QVERIFY2(m_fixture->setUp(&error), qPrintable(error));
        m_host = std::make_unique<LocalRemoteHost>(m_fixture->stagingDir());
        m_host->setPathPrefix({m_fixture->binDir()});
    }

    void cleanup()
    {
        m_host.reset();
        m_fixture.reset();
        m_dir.reset();
    }

    void cancelledBeforeStart_serverUntouched()
    {
        const Plan p = plan();
        QVERIFY(p.hasWork());
        const QString before = m_fixture->treeSignature();
        m_fixture->clearCalls();
        std::atomic_bool cancel{true};
        DeployOptions options;
        options.cancel = &cancel;
        const DeployReport report = DeployRunner::apply(*m_host, p, m_fixture->secrets(), options);
        QCOMPARE(report.outcome, DeployReport::Outcome::Cancelled);
        QCOMPARE(report.uploaded, 0);
        QCOMPARE(report.handlersRun, 0);
        QVERIFY(report.steps.isEmpty());
        QCOMPARE(m_fixture->treeSignature(), before);
        QVERIFY2(m_fixture->calls().isEmpty(), qPrintable(m_fixture->calls().join(QLatin1Char('\n'))));
    }

    void cancelledDuringHandlers_filesInPlace_nextDeployRunsTheRest()
    {
        const Plan p = plan();
        QVERIFY(p.handlers.size() > 1);
        QStringList afterCommit;
        for (const QList<DeployStep>* list : {&p.provision, &p.handlers}) {
            for (const DeployStep& step : *list) {
                afterCommit << step.title;
            }
        }
        std::atomic_bool cancel{false};
        DeployOptions options;
        options.cancel = &cancel;
        // Asked while the first step after the commit runs: the deploy stops before the next one.
        const DeployReport report =
            DeployRunner::apply(*m_host, p, m_fixture->secrets(), options, [&](const DeployStepReport& step) {
                if (afterCommit.contains(step.title)) {
                    cancel.store(true);
                }
            });
        QVERIFY2(report.outcome == DeployReport::Outcome::Cancelled, qPrintable(report.message));
        QVERIFY(report.uploaded > 0);
        QVERIFY(report.handlersRun < p.handlers.size());
        QVERIFY(report.message.contains(QStringLiteral("new files are in place")));

        const Plan next = plan();
        QVERIFY(next.uploads().isEmpty());
        QVERIFY(!next.handlers.isEmpty()); // owed by the cancelled run
        const DeployReport finished = DeployRunner::apply(*m_host, next, m_fixture->secrets());
        QVERIFY2(finished.outcome == DeployReport::Outcome::Deployed, qPrintable(finished.message));
        QCOMPARE(finished.uploaded, 0);
        QVERIFY(finished.handlersRun > 0);
    }
};

QTEST_GUILESS_MAIN(TestDeployCancel)
#include "TestDeployCancel.moc"
