#pragma once

#include <QCoreApplication>
#include <QString>
#include <atomic>

namespace saltant {

// The TCP connection under an SshSession, made by us rather than libssh so that failures get precise messages
// (DNS, refused, timeout), the wait can be cancelled, and TCP keep-alive notices a peer that silently vanished.
// libssh uses the descriptor (SSH_OPTIONS_FD) but does not close it: this object does, after the libssh session is
// freed, and only if the descriptor still is this socket.
class SshSocket
{
    Q_DECLARE_TR_FUNCTIONS(saltant::SshSocket)

public:
    enum Result
    {
        Connected,
        HostNotFound,
        Refused,
        TimedOut,
        Failed,
        Cancelled
    };

    SshSocket() = default;
    ~SshSocket();
    SshSocket(const SshSocket&) = delete;
    SshSocket& operator=(const SshSocket&) = delete;

    // Tries every address of host in turn; blocking, with an overall timeout; polls `cancelled` meanwhile.
    Result connectTo(const QString& host, int port, int timeoutSeconds, const std::atomic_bool& cancelled);
    QString errorString() const { return m_errorString; }

    // The connected descriptor (blocking mode, keep-alive on), or -1.
    int descriptor() const { return m_fd; }

private:
    int m_fd = -1;
    unsigned long long m_device = 0;
    unsigned long long m_inode = 0;
    QString m_errorString;
};

} // namespace saltant
