#pragma once

#include "model/Project.h"
#include "plan/Plan.h"
#include "secrets/SecretValues.h"
#include "ssh/SshRemoteHost.h"
#include "ssh/SshSession.h"

#include <QCoreApplication>
#include <functional>
#include <memory>

namespace saltant {

// The part of a deploy that `plan`, `deploy` and the GUI share: connect to the project's server, decide about its
// host key, authenticate and read the server into a plan. Blocking (run it on a worker thread in the GUI). Two ways
// to use it:
//
//     DeployConnection c(project, secrets);
//     c.open(decide);                                  // all at once; decide() answers an unknown host key
//
//     c.connectToHost();  ...ask the user about c.hostKey()...  c.authenticateAndPlan(accepted);  // in phases
//
// A changed (or other-type) host key always fails connectToHost() with Failure::HostKeyChanged: nothing is sent.
class DeployConnection
{
    Q_DECLARE_TR_FUNCTIONS(saltant::DeployConnection)

public:
    enum class Failure
    {
        None,
        Connection,      // network, authentication or a lost connection (SshSession::failure() says which)
        HostKeyChanged,  // refused: possible man-in-the-middle
        HostKeyRejected, // unknown key the user (or the CLI flags) did not accept
        Plan,            // the project does not render or the server could not be read
    };
    // Asked for an unknown host key; true trusts it (it is then written to known_hosts).
    using HostKeyDecider = std::function<bool(const HostKeyCheck&)>;

    DeployConnection(const Project& project, const SecretValues& secrets);
    DeployConnection(const DeployConnection&) = delete;
    DeployConnection& operator=(const DeployConnection&) = delete;

    // connectToHost(), decide() when the key is unknown, authenticateAndPlan().
    bool open(const HostKeyDecider& decide);

    // TCP + key exchange + host-key check. True when the key is Known or Unknown (then ask, see hostKey()).
    bool connectToHost();
    const HostKeyCheck& hostKey() const { return m_session.hostKey(); }
    // acceptUnknownHostKey: the user trusts an Unknown key (ignored for a Known one). Then authenticates and plans.
    bool authenticateAndPlan(bool acceptUnknownHostKey);
    // The same without the plan: for commands that only run checks on the host (WorkerChecks); host() is then valid.
    bool authenticate(bool acceptUnknownHostKey);

    // The secrets for authentication and the plan, when they were not known at construction (the CLI reads the
    // keychain while connectToHost() runs on another thread). Not while another call of this object runs.
    void setSecrets(const SecretValues& secrets) { m_secrets = secrets; }
    // The plan leaves files changed on the server since the last deploy as they are (--keep-drift).
    void setKeepDrift(bool keep) { m_keepDrift = keep; }
    // The project to plan next (the window imported a server edit into it). Not while another call runs.
    void setProject(const Project& project) { m_project = project; }
    // Plans again on the authenticated session (after setKeepDrift() or setProject()); false as authenticateAndPlan().
    bool replan();

    // Thread-safe: the session stops at its next step (SshSession::cancel()).
    void cancel() { m_session.cancel(); }

    Failure failure() const { return m_failure; }
    QString errorString() const { return m_errorString; }
    // What was decided along the way for the user to read ("Trusting the new host key ..."), or empty.
    QString notice() const { return m_notice; }

    const Project& project() const { return m_project; }
    const SecretValues& secrets() const { return m_secrets; }
    SshSession& session() { return m_session; }
    // The round trips of this connection so far: its handshake, the plan's state query, the deploy's commands.
    const RoundTrips& roundTrips() const { return m_session.roundTrips(); }
    // Valid after authenticateAndPlan() or authenticate() succeeded.
    SshRemoteHost* host() const { return m_host.get(); }
    const Plan& plan() const { return m_plan; }

private:
    bool fail(Failure failure, const QString& message);

    Project m_project;
    SecretValues m_secrets;
    SshSession m_session;
    std::unique_ptr<SshRemoteHost> m_host;
    Plan m_plan;
    bool m_keepDrift = false;
    Failure m_failure = Failure::None;
    QString m_errorString;
    QString m_notice;
};

} // namespace saltant
