#include "ssh/SshSession.h"

#include "i18n/Translations.h"
#include "model/SettingKeys.h"
#include "ssh/SshPrivateKey.h"
#include "ssh/SshSocket.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <algorithm>
#include <libssh/libssh.h>

namespace saltant {

void SshSession::SessionDeleter::operator()(ssh_session session) const
{
    if (ssh_is_connected(session)) {
        ssh_disconnect(session);
    }
    ssh_free(session);
}

SshSession::SshSession(const SshTarget& target, const SshCredentials& credentials)
    : m_target(target), m_resolved(target), m_credentials(credentials)
{}

SshSession::~SshSession()
{
    disconnect();
}

void SshSession::addDisconnectHandler(const void* owner, std::function<void()> handler)
{
    m_disconnectHandlers.emplace_back(owner, std::move(handler));
}

void SshSession::removeDisconnectHandlers(const void* owner)
{
    m_disconnectHandlers.erase(std::remove_if(m_disconnectHandlers.begin(), m_disconnectHandlers.end(),
                                              [owner](const auto& entry) { return entry.first == owner; }),
                               m_disconnectHandlers.end());
}

bool SshSession::setFailure(Failure failure, const QString& message)
{
    m_failure = failure;
    m_errorString = message;
    return false;
}

bool SshSession::checkCancelled()
{
    if (!m_cancelled.load()) {
        return false;
    }
    disconnect();
    setFailure(Failure::Cancelled, tr("Cancelled."));
    return true;
}

QString SshSession::libsshError() const
{
    return m_session ? QString::fromUtf8(ssh_get_error(m_session.get())) : QString();
}

bool SshSession::isConnected() const
{
    return m_session && ssh_is_connected(m_session.get());
}

void SshSession::disconnect()
{
    if (m_session) {
        const auto handlers = m_disconnectHandlers;
        for (const auto& entry : handlers) {
            entry.second();
        }
    }
    m_session.reset();
    m_socket.reset();
    m_authenticated = false;
}

bool SshSession::configure()
{
    QString error;
    if (!m_target.resolve(&m_resolved, &error)) {
        return setFailure(Failure::ConnectionFailed, error);
    }
    m_session.reset(ssh_new());
    if (!m_session) {
        return setFailure(Failure::ConnectionFailed, tr("Could not initialise libssh."));
    }
    ssh_session session = m_session.get();
    const int verbosity = SSH_LOG_NOLOG;
    ssh_options_set(session, SSH_OPTIONS_LOG_VERBOSITY, &verbosity);
    const QByteArray sshDir = QFile::encodeName(QDir::homePath() + QStringLiteral("/.ssh"));
    ssh_options_set(session, SSH_OPTIONS_SSH_DIR, sshDir.constData());
    if (m_resolved.useSshConfig) {
        // The other options of a matching Host block (algorithms, ...) apply as well; what resolve() derived wins.
        const QByteArray alias = m_target.host.toUtf8();
        ssh_options_set(session, SSH_OPTIONS_HOST, alias.constData());
        for (const QString& file : {m_resolved.sshConfigFile, QStringLiteral("/etc/ssh/ssh_config")}) {
            if (QFileInfo::exists(file)) {
                ssh_options_parse_config(session, QFile::encodeName(file).constData());
            }
        }
    }
    const bool no = false;
    ssh_options_set(session, SSH_OPTIONS_PROCESS_CONFIG, &no);
    const QByteArray host = m_resolved.host.toUtf8();
    const QByteArray user = m_resolved.user.toUtf8();
    const unsigned int port = static_cast<unsigned int>(m_resolved.port);
    const long timeout = m_resolved.connectTimeoutSeconds;
    const QByteArray knownHosts = QFile::encodeName(m_resolved.knownHostsFile);
    const QByteArray globalKnownHosts = QFile::encodeName(m_resolved.globalKnownHostsFile);
    if (ssh_options_set(session, SSH_OPTIONS_HOST, host.constData()) != SSH_OK ||
        ssh_options_set(session, SSH_OPTIONS_PORT, &port) != SSH_OK ||
        (!user.isEmpty() && ssh_options_set(session, SSH_OPTIONS_USER, user.constData()) != SSH_OK) ||
        ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &timeout) != SSH_OK ||
        ssh_options_set(session, SSH_OPTIONS_KNOWNHOSTS, knownHosts.constData()) != SSH_OK ||
        (!globalKnownHosts.isEmpty() &&
         ssh_options_set(session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, globalKnownHosts.constData()) != SSH_OK)) {
        return setFailure(Failure::ConnectionFailed,
                          tr("Invalid SSH settings for %1: %2").arg(m_resolved.displayName(), libsshError()));
    }
    if (m_resolved.user.isEmpty()) {
        m_resolved.user = qEnvironmentVariable("USER");
    }
    return true;
}

bool SshSession::connectToHost()
{
    disconnect();
    m_hostKey = HostKeyCheck();
    m_failure = Failure::None;
    m_errorString.clear();
    m_triedMethods.clear();
    if (checkCancelled() || !configure()) {
        return false;
    }

    // Our own TCP connection: precise errors (DNS, refused, timeout), cancellable, with TCP keep-alive so a
    // silently dead peer is noticed.
    m_socket = std::make_unique<SshSocket>();
    const SshSocket::Result connected =
        m_socket->connectTo(m_resolved.host, m_resolved.port, m_resolved.connectTimeoutSeconds, m_cancelled);
    if (connected != SshSocket::Connected) {
        static const Failure failures[] = {Failure::None,     Failure::HostNotFound,     Failure::ConnectionRefused,
                                           Failure::TimedOut, Failure::ConnectionFailed, Failure::Cancelled};
        const QString message = m_socket->errorString();
        disconnect();
        return setFailure(failures[connected], message);
    }
    int fd = m_socket->descriptor();
    ssh_options_set(m_session.get(), SSH_OPTIONS_FD, &fd);
    QElapsedTimer handshake;
    handshake.start();
    ++m_roundTrips.connections;
    if (ssh_connect(m_session.get()) != SSH_OK) {
        const bool timedOut = handshake.elapsed() >= qint64(m_resolved.connectTimeoutSeconds) * 1000 - 50;
        const QString message = timedOut ? tr("%1 port %2 accepted the connection, but sent no SSH greeting or did not "
                                              "complete the key exchange within %n second(s): is it an SSH server?",
                                              nullptr, m_resolved.connectTimeoutSeconds)
                                               .arg(m_resolved.host)
                                               .arg(m_resolved.port)
                                         : tr("The SSH handshake with %1 port %2 failed: %3")
                                               .arg(m_resolved.host)
                                               .arg(m_resolved.port)
                                               .arg(libsshError());
        disconnect();
        return setFailure(timedOut ? Failure::TimedOut : Failure::ConnectionFailed, message);
    }
    if (checkCancelled()) {
        return false;
    }

    m_hostKey = HostKeyPolicy::check(m_session.get(), m_resolved.host, m_resolved.port, m_resolved.knownHostsFile);
    switch (m_hostKey.status) {
    case HostKeyCheck::Known:
    case HostKeyCheck::Unknown:
        return true;
    case HostKeyCheck::Changed:
    case HostKeyCheck::OtherType:
        disconnect();
        return setFailure(Failure::HostKeyChanged, m_hostKey.message);
    case HostKeyCheck::NotChecked:
        break;
    }
    disconnect();
    return setFailure(Failure::ConnectionFailed, m_hostKey.message);
}

bool SshSession::acceptHostKey(QString* error)
{
    if (!isConnected() || !m_hostKey.canBeAccepted()) {
        if (error) {
            *error = m_hostKey.status == HostKeyCheck::Known
                         ? tr("The host key is already known.")
                         : tr("Only an unknown host key of a connected server can be accepted.");
        }
        return m_hostKey.status == HostKeyCheck::Known;
    }
    if (!HostKeyPolicy::accept(m_session.get(), m_resolved.knownHostsFile, error)) {
        return false;
    }
    m_hostKey.status = HostKeyCheck::Known;
    m_hostKey.message.clear();
    return true;
}

bool SshSession::open(bool acceptUnknownHostKey)
{
    if (!connectToHost()) {
        return false;
    }
    if (m_hostKey.status == HostKeyCheck::Unknown && acceptUnknownHostKey) {
        QString error;
        if (!acceptHostKey(&error)) {
            disconnect();
            return setFailure(Failure::ConnectionFailed, error);
        }
    }
    return authenticate();
}

bool SshSession::authenticate()
{
    if (m_authenticated) {
        return true;
    }
    if (checkCancelled()) {
        return false;
    }
    if (!isConnected()) {
        return setFailure(m_failure == Failure::None ? Failure::ConnectionFailed : m_failure,
                          m_errorString.isEmpty() ? tr("Not connected.") : m_errorString);
    }
    if (m_hostKey.status == HostKeyCheck::Unknown) {
        return setFailure(Failure::HostKeyUnknown, m_hostKey.message);
    }
    if (!m_hostKey.isTrusted()) {
        disconnect();
        return setFailure(Failure::HostKeyChanged, m_hostKey.message);
    }

    m_triedMethods.clear();
    m_notes.clear();
    m_keyFileFailure = false;
    ssh_session session = m_session.get();
    const int none = ssh_userauth_none(session, nullptr);
    if (none == SSH_AUTH_SUCCESS) {
        return finishAuthentication();
    }
    if (none == SSH_AUTH_ERROR) {
        return connectionLost(tr("authenticating"));
    }
    const int methods = ssh_userauth_list(session, nullptr);
    if ((methods & SSH_AUTH_METHOD_PUBLICKEY) && !qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK")) {
        if (authenticateWithAgent()) {
            return finishAuthentication();
        }
    }
    if ((methods & SSH_AUTH_METHOD_PUBLICKEY) && !m_resolved.identityFile.isEmpty()) {
        if (authenticateWithKey(m_resolved.identityFile)) {
            return finishAuthentication();
        }
    }
    if (methods & SSH_AUTH_METHOD_PASSWORD) {
        if (authenticateWithPassword()) {
            return finishAuthentication();
        }
    }
    if (!isConnected()) {
        return connectionLost(tr("authenticating"));
    }

    QStringList offered;
    if (methods & SSH_AUTH_METHOD_PUBLICKEY) {
        offered << QStringLiteral("publickey");
    }
    if (methods & SSH_AUTH_METHOD_PASSWORD) {
        offered << QStringLiteral("password");
    }
    if (methods & SSH_AUTH_METHOD_INTERACTIVE) {
        offered << QStringLiteral("keyboard-interactive");
    }
    const QString tried = m_notes.isEmpty() ? tr("no method this app supports") : m_notes.join(QStringLiteral("; "));
    const QString message = tr("Authentication as %1 on %2 failed. Tried: %3. The server accepts: %4.")
                                .arg(m_resolved.user, m_resolved.host, tried,
                                     offered.isEmpty() ? tr("nothing") : offered.join(QStringLiteral(", ")));
    disconnect();
    return setFailure(m_keyFileFailure ? Failure::KeyFile : Failure::AuthenticationFailed, message);
}

bool SshSession::finishAuthentication()
{
    const long timeout = m_resolved.ioTimeoutSeconds;
    ssh_options_set(m_session.get(), SSH_OPTIONS_TIMEOUT, &timeout);
    m_authenticated = true;
    return true;
}

bool SshSession::connectionLost(const QString& activity)
{
    const QString message =
        tr("The connection to %1 was lost while %2: %3").arg(m_resolved.host, activity, libsshError());
    disconnect();
    return setFailure(Failure::ConnectionFailed, message);
}

bool SshSession::authenticateWithAgent()
{
    m_triedMethods << QStringLiteral("ssh-agent");
    if (ssh_userauth_agent(m_session.get(), nullptr) == SSH_AUTH_SUCCESS) {
        return true;
    }
    m_notes << tr("ssh-agent (no key of the agent was accepted)");
    return false;
}

bool SshSession::authenticateWithKey(const QString& path)
{
    m_triedMethods << QStringLiteral("public key %1").arg(path);
    SshPrivateKey key;
    const SshPrivateKey::Status status =
        key.load(path, [this]() { return m_credentials.value(QStringLiteral("ssh.passphrase")); });
    if (status != SshPrivateKey::Loaded) {
        // A missing default key is normal (the agent or a password may be meant); anything else is the user's to fix.
        m_keyFileFailure = m_keyFileFailure || status != SshPrivateKey::Missing;
        QString reason = key.errorString();
        if (reason.endsWith(QLatin1Char('.'))) {
            reason.chop(1);
        }
        m_notes << tr("public key (%1)").arg(reason);
        return false;
    }
    const int result = ssh_userauth_publickey(m_session.get(), nullptr, key.handle());
    if (result == SSH_AUTH_SUCCESS) {
        return true;
    }
    m_notes << (result == SSH_AUTH_PARTIAL
                    ? tr("public key %1 (accepted, but the server demands a further method)").arg(path)
                    : tr("public key %1 (not accepted by the server)").arg(path));
    return false;
}

bool SshSession::authenticateWithPassword()
{
    m_triedMethods << QStringLiteral("password");
    QByteArray password = m_credentials.value(QStringLiteral("ssh.password")).toUtf8();
    if (password.isEmpty()) {
        m_notes << tr("password (none stored in the keychain)");
        return false;
    }
    const int result = ssh_userauth_password(m_session.get(), nullptr, password.constData());
    password.fill('\0');
    if (result == SSH_AUTH_SUCCESS) {
        return true;
    }
    m_notes << tr("password (rejected by the server: update the SSH password in the keychain)");
    return false;
}

} // namespace saltant
