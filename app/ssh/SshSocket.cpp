#include "ssh/SshSocket.h"

#include <QElapsedTimer>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace saltant {

namespace {

struct AddrInfoFree
{
    void operator()(addrinfo* info) const { freeaddrinfo(info); }
};

void setOption(int fd, int level, int name, int value)
{
    setsockopt(fd, level, name, &value, sizeof(value));
}

} // namespace

SshSocket::~SshSocket()
{
    struct stat info = {};
    if (m_fd >= 0 && ::fstat(m_fd, &info) == 0 && info.st_dev == m_device && info.st_ino == m_inode) {
        ::close(m_fd);
    }
}

SshSocket::Result SshSocket::connectTo(const QString& host, int port, int timeoutSeconds,
                                       const std::atomic_bool& cancelled)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG;
    addrinfo* rawInfo = nullptr;
    const QByteArray service = QByteArray::number(port);
    const int resolved = getaddrinfo(host.toUtf8().constData(), service.constData(), &hints, &rawInfo);
    if (resolved != 0) {
        m_errorString = tr("The server name \"%1\" could not be resolved (%2). Check the SSH host "
                           "setting, the Host aliases in ~/.ssh/config and the network connection.")
                            .arg(host, QString::fromLocal8Bit(gai_strerror(resolved)));
        return resolved == EAI_SYSTEM ? Failed : HostNotFound;
    }
    const std::unique_ptr<addrinfo, AddrInfoFree> addresses(rawInfo);

    QElapsedTimer timer;
    timer.start();
    const qint64 deadline = qint64(timeoutSeconds) * 1000;
    int lastErrno = 0;
    bool timedOut = false;
    for (const addrinfo* address = addresses.get(); address && !timedOut; address = address->ai_next) {
        const int fd =
            ::socket(address->ai_family, address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, address->ai_protocol);
        if (fd < 0) {
            lastErrno = errno;
            continue;
        }
        int error = ::connect(fd, address->ai_addr, address->ai_addrlen) == 0 ? 0 : errno;
        while (error == EINPROGRESS) {
            if (cancelled.load()) {
                ::close(fd);
                m_errorString = tr("Cancelled.");
                return Cancelled;
            }
            const qint64 left = deadline - timer.elapsed();
            if (left <= 0) {
                timedOut = true;
                break;
            }
            pollfd waiting{fd, POLLOUT, 0};
            if (::poll(&waiting, 1, int(qMin<qint64>(left, 100))) > 0) {
                socklen_t length = sizeof(error);
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
            }
        }
        if (error == 0 && !timedOut) {
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
            setOption(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
            setOption(fd, IPPROTO_TCP, TCP_KEEPIDLE, 30);
            setOption(fd, IPPROTO_TCP, TCP_KEEPINTVL, 10);
            setOption(fd, IPPROTO_TCP, TCP_KEEPCNT, 3);
            setOption(fd, IPPROTO_TCP, TCP_NODELAY, 1);
            struct stat info = {};
            ::fstat(fd, &info);
            m_fd = fd;
            m_device = info.st_dev;
            m_inode = info.st_ino;
            return Connected;
        }
        ::close(fd);
        lastErrno = error;
    }

    const QString where = tr("%1 port %2").arg(host).arg(port);
    if (timedOut || lastErrno == ETIMEDOUT) {
        m_errorString = tr("No answer from %1 within %n second(s): the server may be down, or a firewall "
                           "drops the connection.",
                           nullptr, timeoutSeconds)
                            .arg(where);
        return TimedOut;
    }
    if (lastErrno == ECONNREFUSED) {
        m_errorString = tr("%1 refused the connection: is sshd running and listening on that port?").arg(where);
        return Refused;
    }
    m_errorString = tr("Could not connect to %1: %2.").arg(where, QString::fromLocal8Bit(strerror(lastErrno)));
    return Failed;
}

} // namespace saltant
