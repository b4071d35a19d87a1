#pragma once

#include "ssh/HostKeyPolicy.h"
#include "ssh/RoundTrips.h"
#include "ssh/SshCredentials.h"
#include "ssh/SshTarget.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

struct ssh_session_struct;

namespace saltant {

class SshSocket;

// One SSH connection (libssh), blocking: run it on a worker thread. Steps:
//
//     SshSession session(target, credentials);
//     if (!session.connectToHost()) { ...session.failure(), session.errorString() }
//     if (session.hostKey().status == HostKeyCheck::Unknown) { ask the user; session.acceptHostKey(&error) }
//     if (!session.authenticate()) { ... }
//     SshRemoteHost host(session); ...
//
// A Changed/OtherType host key fails connectToHost() with Failure::HostKeyChanged, and authenticate() then
// refuses too: nothing is ever sent to such a server. cancel() may be called from any thread; the session stops
// at the next step or within a fraction of a second while waiting for a command, and then reports Cancelled.
class SshSession
{
    Q_DECLARE_TR_FUNCTIONS(saltant::SshSession)

public:
    enum class Failure
    {
        None,
        Cancelled,
        HostNotFound, // DNS
        ConnectionRefused,
        TimedOut,
        ConnectionFailed, // any other network or protocol failure, incl. a connection lost later
        HostKeyUnknown,   // authenticate() before the unknown key was accepted
        HostKeyChanged,   // Changed or OtherType: refused
        AuthenticationFailed,
        KeyFile, // identity file unreadable, not a key, or wrong/missing passphrase
    };

    SshSession(const SshTarget& target, const SshCredentials& credentials);
    ~SshSession();
    SshSession(const SshSession&) = delete;
    SshSession& operator=(const SshSession&) = delete;

    // TCP connect + key exchange + host key check. True when the key is Known or Unknown (see hostKey()).
    bool connectToHost();
    const HostKeyCheck& hostKey() const { return m_hostKey; }
    // After an Unknown host key the user agreed to: writes it to known_hosts and trusts it from now on.
    bool acceptHostKey(QString* error = nullptr);
    // ssh-agent (if SSH_AUTH_SOCK is set), then the identity file (without, then with the passphrase), then the
    // password. Requires a trusted host key.
    bool authenticate();
    // connectToHost() + (optionally acceptHostKey()) + authenticate().
    bool open(bool acceptUnknownHostKey = false);
    void disconnect();

    bool isConnected() const;
    bool isAuthenticated() const { return m_authenticated; }

    void cancel() { m_cancelled.store(true); }
    bool isCancelled() const { return m_cancelled.load(); }

    Failure failure() const { return m_failure; }
    QString errorString() const { return m_errorString; }
    // The methods authenticate() tried, in order ("ssh-agent", "public key ~/.ssh/id_ed25519", "password").
    QStringList triedMethods() const { return m_triedMethods; }

    // The effective target (after ~/.ssh/config), valid once connectToHost() got that far.
    const SshTarget& target() const { return m_resolved; }
    const SshCredentials& credentials() const { return m_credentials; }
    // The libssh session, for SshRemoteHost. Null before connectToHost().
    ssh_session_struct* handle() const { return m_session.get(); }

    // Called before the libssh session is freed (disconnect(), a new connectToHost(), the destructor), so objects
    // built on it (SshRemoteHost's SFTP session) release their handles first.
    void addDisconnectHandler(const void* owner, std::function<void()> handler);
    void removeDisconnectHandlers(const void* owner);

    // The round trips of this session so far (handshakes, exec channels, SFTP requests, sudo), counted by this class,
    // SshRemoteHost and SshFileTransfer. Not thread-safe: like the session, one thread at a time.
    const RoundTrips& roundTrips() const { return m_roundTrips; }
    RoundTrips& roundTrips() { return m_roundTrips; }

    // Records a failure (used by SshRemoteHost when the connection drops) and returns false.
    bool setFailure(Failure failure, const QString& message);

private:
    bool checkCancelled();
    bool configure();
    bool authenticateWithAgent();
    bool authenticateWithKey(const QString& path);
    bool authenticateWithPassword();
    bool finishAuthentication();
    bool connectionLost(const QString& activity);
    QString libsshError() const;

    struct SessionDeleter
    {
        void operator()(ssh_session_struct* session) const;
    };

    SshTarget m_target;
    SshTarget m_resolved;
    SshCredentials m_credentials;
    std::unique_ptr<ssh_session_struct, SessionDeleter> m_session;
    std::unique_ptr<SshSocket> m_socket; // under m_session; closed after it
    HostKeyCheck m_hostKey;
    bool m_authenticated = false;
    std::atomic_bool m_cancelled{false};
    Failure m_failure = Failure::None;
    QString m_errorString;
    QStringList m_triedMethods;
    RoundTrips m_roundTrips;
    QStringList m_notes; // per tried method, what happened (for the failure message)
    bool m_keyFileFailure = false;
    std::vector<std::pair<const void*, std::function<void()>>> m_disconnectHandlers;
};

} // namespace saltant
