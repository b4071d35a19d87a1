#include "SshdRig.h"
#include "deploy/DeployRunner.h"
#include "ssh/SshRemoteHost.h"
#include "ssh/SshSession.h"

#include <QStandardPaths>
#include <QTest>

using namespace saltant;

// The round trips of a first and a no-op deploy of the fixture, each on a fresh connection to a real sshd on
// loopback (SshdPeer), counted by SshSession/SshRemoteHost/SshFileTransfer: the connection, the plan's state query
// and the deploy's commands. Counts, not timings: a change that adds a round trip fails here (update the numbers
// only for a round trip that buys something, and say what in README "Performance").
class TestDeployRoundTrips : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SshdRig> m_rig;

    // One connection: open, plan, apply. The round trips it cost.
    RoundTrips deploy(DeployReport::Outcome expected)
    {
        SshTarget target = SshTarget::fromProject(m_rig->fixture->project);
        target.globalKnownHostsFile = m_rig->directory() + QStringLiteral("/no-global-known-hosts");
        target.useSshConfig = false;
        SshSession session(target, SshCredentials());
        if (!session.open()) {
            qWarning("%s", qPrintable(session.errorString()));
            return RoundTrips();
        }
        SshRemoteHost host(session);
        Plan plan;
        QString error;
        if (!DeployRunner::makePlan(host, m_rig->fixture->project, m_rig->fixture->secrets(), &plan, &error)) {
            qWarning("%s", qPrintable(error));
            return RoundTrips();
        }
        const DeployReport report = DeployRunner::apply(host, plan, m_rig->fixture->secrets());
        if (report.outcome != expected) {
            qWarning("%s", qPrintable(report.message));
            return RoundTrips();
        }
        return session.roundTrips();
    }

    static RoundTrips counts(int connections, int execChannels, int sftpOperations, int sudo)
    {
        RoundTrips r;
        r.connections = connections;
        r.execChannels = execChannels;
        r.sftpOperations = sftpOperations;
        r.sudo = sudo;
        return r;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_rig = std::make_unique<SshdRig>();
        QString error;
        QVERIFY2(m_rig->start(SshdRig::KnownHosts::Peer, &error), qPrintable(error));
    }

    void cleanup() { m_rig.reset(); }

    void firstAndNoOpDeploy_roundTrips()
    {
        // The fixture logs in as root: no sudo. First deploy: the state query, Prepare (one batch), the staging
        // directory, the upload (every file in one command), apply, Validate (one batch), commit, the provisioning
        // steps and handlers (nobody can cancel here: one batch before and one after the step that reads a secret,
        // which runs on its own), finish.
        const RoundTrips first = deploy(DeployReport::Outcome::Deployed);
        QCOMPARE(first.text(), counts(1, 11, 0, 0).text());
        // No-op: the state query only.
        const RoundTrips noOp = deploy(DeployReport::Outcome::NothingToDo);
        QCOMPARE(noOp.text(), counts(1, 1, 0, 0).text());
    }
};

QTEST_GUILESS_MAIN(TestDeployRoundTrips)
#include "TestDeployRoundTrips.moc"
