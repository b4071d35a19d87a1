#include "DeployFixture.h"
#include "LocalRemoteHost.h"
#include "deploy/DeployRunner.h"
#include "deploy/Rollback.h"
#include "plan/PlanText.h"

#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace saltant;

// Rollback::makePlan against a pretend server on this machine (LocalRemoteHost): the restored versions of files
// holding secrets hold the secret values of their time, and those never show in the plan's diffs or text, even when
// they are not today's values.
class TestRollbackPlan : public QObject
{
    Q_OBJECT

private slots:
    void changedSecret_restoredVersionMasked();
};

void TestRollbackPlan::changedSecret_restoredVersionMasked()
{
    QTemporaryDir dir;
    DeployFixture fixture(dir.path());
    QString error;
    QVERIFY2(fixture.setUp(&error), qPrintable(error));
    LocalRemoteHost host(fixture.stagingDir());
    host.setPathPrefix({fixture.binDir()});

    const auto deploy = [&](const SecretValues& secrets) {
        Plan plan;
        QString planError;
        if (!DeployRunner::makePlan(host, fixture.project, secrets, &plan, &planError)) {
            qWarning("%s", qPrintable(planError));
            return false;
        }
        return DeployRunner::apply(host, plan, secrets).outcome == DeployReport::Outcome::Deployed;
    };
    const SecretValues before = fixture.secrets();
    QVERIFY(deploy(before));
    SecretValues after = fixture.secrets();
    after.set(QStringLiteral("database.password"), QStringLiteral("db-pass-changed-2468"));
    QVERIFY(deploy(after));

    QList<HistoryEntry> entries;
    QStringList problems;
    QVERIFY2(Rollback::readHistory(host, DeployRunner::stateDirectory(fixture.project), &entries, &problems, &error),
             qPrintable(error));
    QCOMPARE(entries.size(), 2);
    Plan plan;
    QStringList notes;
    QVERIFY2(Rollback::makePlan(host, fixture.project, after, entries.first().id, &plan, &notes, &error),
             qPrintable(error));
    QVERIFY(plan.hasWork());
    bool restoredSecretFile = false;
    for (const PlannedFile& f : plan.files) {
        restoredSecretFile = restoredSecretFile || (f.file.holdsSecrets && f.contentChanged);
        QVERIFY2(f.file.content.contains(QStringLiteral("db-pass-456")) || !f.file.holdsSecrets || !f.contentChanged,
                 qPrintable(f.file.remotePath)); // what is uploaded is the kept version itself
    }
    QVERIFY(restoredSecretFile);
    const QString text = PlanText::render(plan, true);
    for (const SecretValues* secrets : std::initializer_list<const SecretValues*>{&before, &after}) {
        for (const QString& name : secrets->names()) {
            QVERIFY2(!text.contains(secrets->value(name)), qPrintable(name + QStringLiteral(" in clear:\n") + text));
        }
    }
    QVERIFY2(text.contains(QStringLiteral("DATABASE_USER_PASSWORD=")), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestRollbackPlan)
#include "TestRollbackPlan.moc"
