#include "deploy/DeployConnection.h"

#include "deploy/DeployRunner.h"

#include <QCoreApplication>

namespace saltant {
namespace {

SshCredentials credentialsFor(const SecretValues* secrets)
{
    SshCredentials credentials;
    credentials.secret = [secrets](const QString& name) {
        return secrets->value(name);
    };
    return credentials;
}

} // namespace

DeployConnection::DeployConnection(const Project& project, const SecretValues& secrets)
    : m_project(project), m_secrets(secrets), m_session(SshTarget::fromProject(project), credentialsFor(&m_secrets))
{}

bool DeployConnection::fail(Failure failure, const QString& message)
{
    m_failure = failure;
    m_errorString = message;
    return false;
}

bool DeployConnection::open(const HostKeyDecider& decide)
{
    if (!connectToHost()) {
        return false;
    }
    const bool accept = hostKey().status == HostKeyCheck::Unknown && decide && decide(hostKey());
    return authenticateAndPlan(accept);
}

bool DeployConnection::connectToHost()
{
    m_failure = Failure::None;
    m_errorString.clear();
    m_notice.clear();
    if (!m_session.connectToHost()) {
        return fail(m_session.failure() == SshSession::Failure::HostKeyChanged ? Failure::HostKeyChanged
                                                                               : Failure::Connection,
                    m_session.errorString());
    }
    return true;
}

bool DeployConnection::authenticateAndPlan(bool acceptUnknownHostKey)
{
    if (!authenticate(acceptUnknownHostKey)) {
        return false;
    }
    QString error;
    if (!DeployRunner::makePlan(*m_host, m_project, m_secrets, &m_plan, &error, m_keepDrift)) {
        return fail(m_session.isConnected() ? Failure::Plan : Failure::Connection, error);
    }
    m_plan.host = m_session.target().displayName();
    return true;
}

bool DeployConnection::replan()
{
    if (!m_host) {
        return fail(Failure::Plan, tr("Cannot plan again: not connected to the server. Deploy again."));
    }
    m_failure = Failure::None;
    m_errorString.clear();
    QString error;
    if (!DeployRunner::makePlan(*m_host, m_project, m_secrets, &m_plan, &error, m_keepDrift)) {
        return fail(m_session.isConnected() ? Failure::Plan : Failure::Connection, error);
    }
    m_plan.host = m_session.target().displayName();
    return true;
}

bool DeployConnection::authenticate(bool acceptUnknownHostKey)
{
    const HostKeyCheck key = hostKey();
    if (key.status == HostKeyCheck::Unknown) {
        if (!acceptUnknownHostKey) {
            return fail(Failure::HostKeyRejected,
                        tr("The server's host key is not known: %1 %2 (%3). Check it, then run again with "
                           "--accept-new-host-key.")
                            .arg(key.keyType, key.fingerprint, key.hostName));
        }
        QString error;
        if (!m_session.acceptHostKey(&error)) {
            return fail(Failure::HostKeyRejected, error);
        }
        m_notice = tr("Trusting the new host key %1 (written to %2).").arg(key.fingerprint, key.knownHostsFile);
    }
    if (!m_session.authenticate()) {
        return fail(m_session.failure() == SshSession::Failure::HostKeyChanged ? Failure::HostKeyChanged
                                                                               : Failure::Connection,
                    m_session.errorString());
    }
    m_host = std::make_unique<SshRemoteHost>(m_session);
    return true;
}

} // namespace saltant
