#pragma once

#include "net/CheckProbe.h"

#include <QHostAddress>
#include <QList>

namespace saltant {

// Preflight: a server name (A/AAAA) must resolve to the deploy host's addresses (ssh.host resolved), else
// certbot's HTTP challenge and every visitor end up on another machine.
class DnsProbe : public CheckProbe
{
    Q_OBJECT

public:
    DnsProbe(const QString& name, const QString& sshHost, const CheckOptions& options, QObject* parent = nullptr);

    // The verdict for the resolved addresses (id and title left empty). An empty list means "did not resolve"
    // and the error says why.
    static CheckResult compare(const QString& name, const QList<QHostAddress>& nameAddresses, const QString& nameError,
                               const QString& sshHost, const QList<QHostAddress>& sshAddresses,
                               const QString& sshError);

protected:
    void run() override;
    void stop() override;
    void describeTimeout(QString* detail, QString* remedy) const override;

private:
    void settle();

    QString m_name;
    QString m_sshHost;
    int m_nameLookup = -1;
    int m_sshLookup = -1;
    int m_pending = 0;
    QList<QHostAddress> m_nameAddresses;
    QList<QHostAddress> m_sshAddresses;
    QString m_nameError;
    QString m_sshError;
};

} // namespace saltant
