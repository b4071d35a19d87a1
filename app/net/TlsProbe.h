#pragma once

#include "net/CheckProbe.h"

#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QSslSocket>

namespace saltant {

// Health: a TLS handshake with the site (443) or RabbitMQ (AMQPS, 5671) under the real host name (SNI), and the
// certificate it presents: trusted chain, valid for the name, days until expiry.
class TlsProbe : public CheckProbe
{
    Q_OBJECT

public:
    // service names what serves the port ("nginx", "RabbitMQ"), for the remedy.
    TlsProbe(const QString& id, const QString& title, const QString& host, int serverPort, const QString& service,
             const CheckOptions& options, QObject* parent = nullptr);

    // The verdict for a presented chain and the verification errors (id and title left empty).
    static CheckResult judge(const QString& host, const QList<QSslCertificate>& chain, const QList<QSslError>& errors,
                             const QDateTime& now, int warnDays);

protected:
    void run() override;
    void stop() override;
    void describeTimeout(QString* detail, QString* remedy) const override;

private:
    void onError(QAbstractSocket::SocketError error);
    void conclude();
    QString endpoint() const;

    QString m_host;
    int m_serverPort;
    QString m_service;
    int m_lookup = -1;
    QString m_address;
    QSslSocket m_socket;
    QList<QSslError> m_errors;
    QList<QSslCertificate> m_chain;
};

} // namespace saltant
