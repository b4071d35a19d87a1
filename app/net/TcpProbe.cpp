#include "net/TcpProbe.h"

#include "net/HostResolver.h"

#include <QNetworkProxy>
#include <QTimer>

namespace saltant {

TcpProbe::TcpProbe(const QString& id, const QString& title, const QString& host, int serverPort, const QString& service,
                   const CheckOptions& options, QObject* parent)
    : CheckProbe(id, title, options, parent), m_host(host), m_serverPort(serverPort), m_service(service)
{
    m_socket.setProxy(QNetworkProxy::NoProxy);
    connect(&m_socket, &QTcpSocket::connected, this, [this] {
        finish(CheckVerdict::Pass,
               tr("port %1 of %2 (%3) accepts connections").arg(m_serverPort).arg(m_host, endpoint()));
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, &TcpProbe::onError);
}

QString TcpProbe::endpoint() const
{
    if (m_next == 0 || m_next > m_addresses.size()) {
        return m_host;
    }
    const QHostAddress& address = m_addresses.at(m_next - 1);
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[") + address.toString() + QStringLiteral("]")
                             : address.toString();
    return host + QLatin1Char(':') + QString::number(options().mappedPort(m_serverPort));
}

void TcpProbe::run()
{
    m_lookup = HostResolver::lookup(
        m_host, options(), this, [this](const QList<QHostAddress>& addresses, const QString& error) {
            m_lookup = -1;
            if (addresses.isEmpty()) {
                finish(CheckVerdict::Fail, error,
                       tr("add an A (or ALIAS) record for %1, or correct the host name").arg(m_host));
                return;
            }
            m_addresses = addresses;
            tryNext();
        });
}

void TcpProbe::tryNext()
{
    if (isDone()) {
        return;
    }
    if (m_next >= m_addresses.size()) {
        if (m_lastError.isEmpty()) {
            finish(CheckVerdict::Fail,
                   tr("port %1 closed on %2 (%3 refused the connection)").arg(m_serverPort).arg(m_host, endpoint()),
                   tr("port %1 closed: open it in the instance's firewall/security group and check that %2 listens "
                      "on it")
                       .arg(m_serverPort)
                       .arg(m_service));
        } else {
            finish(
                CheckVerdict::Fail, tr("port %1 of %2 (%3): %4").arg(m_serverPort).arg(m_host, endpoint(), m_lastError),
                tr("check this machine's network route to %1 and the instance's firewall/security group").arg(m_host));
        }
        return;
    }
    const QHostAddress address = m_addresses.at(m_next++);
    m_socket.abort();
    m_socket.connectToHost(address, quint16(options().mappedPort(m_serverPort)));
}

void TcpProbe::onError(QAbstractSocket::SocketError error)
{
    if (isDone()) {
        return;
    }
    if (error != QAbstractSocket::ConnectionRefusedError) {
        m_lastError = m_socket.errorString();
    }
    // The socket cannot reconnect from inside its own error signal.
    QTimer::singleShot(0, this, &TcpProbe::tryNext);
}

void TcpProbe::stop()
{
    HostResolver::abort(m_lookup);
    m_lookup = -1;
    m_socket.abort();
}

void TcpProbe::describeTimeout(QString* detail, QString* remedy) const
{
    *detail = tr("no answer from port %1 of %2 (%3) within %4 ms")
                  .arg(m_serverPort)
                  .arg(m_host, endpoint())
                  .arg(options().timeoutMs);
    *remedy = tr("port %1 looks filtered: open it in the instance's firewall/security group").arg(m_serverPort);
}

} // namespace saltant
