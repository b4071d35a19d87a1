#pragma once

#include "net/CheckProbe.h"

#include <QHostAddress>
#include <QList>
#include <QTcpSocket>

namespace saltant {

// Preflight: a TCP port of the server accepts connections (22, 80, 443, 5671). Every resolved address is
// tried in turn; the first that accepts passes the check.
class TcpProbe : public CheckProbe
{
    Q_OBJECT

public:
    // service names what should listen there ("sshd", "nginx", "RabbitMQ"), for the remedy.
    TcpProbe(const QString& id, const QString& title, const QString& host, int serverPort, const QString& service,
             const CheckOptions& options, QObject* parent = nullptr);

protected:
    void run() override;
    void stop() override;
    void describeTimeout(QString* detail, QString* remedy) const override;

private:
    void tryNext();
    void onError(QAbstractSocket::SocketError error);
    QString endpoint() const;

    QString m_host;
    int m_serverPort;
    QString m_service;
    int m_lookup = -1;
    QList<QHostAddress> m_addresses;
    int m_next = 0;
    QTcpSocket m_socket;
    QString m_lastError;
};

} // namespace saltant
