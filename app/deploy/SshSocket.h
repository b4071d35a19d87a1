#pragma once

#include <QString>
#include <atomic>

namespace saltant {

// The TCP connection under an SshSession, made by us rather than libssh so that failures get precise messages
// (DNS, refused, timeout), the wait can be cancelled, and TCP keep-alive notices a peer that silently vanished.
// Closes the socket unless release() handed it over.
class SshSocket
{
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

    // The connected descriptor (blocking mode, keep-alive on); the caller owns it from now on.
    int release();

private:
    int m_fd = -1;
    QString m_errorString;
};

} // namespace saltant
