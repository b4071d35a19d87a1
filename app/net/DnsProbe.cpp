#include "net/DnsProbe.h"

#include "net/HostResolver.h"

#include <QCoreApplication>
#include <QStringList>

namespace saltant {
namespace {

QString joined(const QList<QHostAddress>& addresses)
{
    QStringList parts;
    for (const QHostAddress& address : addresses) {
        parts << address.toString();
    }
    return parts.join(QStringLiteral(", "));
}

QList<QHostAddress> ofProtocol(const QList<QHostAddress>& addresses, QAbstractSocket::NetworkLayerProtocol protocol)
{
    QList<QHostAddress> out;
    for (const QHostAddress& address : addresses) {
        if (address.protocol() == protocol && !out.contains(address)) {
            out << address;
        }
    }
    return out;
}

QList<QHostAddress> missingFrom(const QList<QHostAddress>& addresses, const QList<QHostAddress>& known)
{
    QList<QHostAddress> out;
    for (const QHostAddress& address : addresses) {
        if (!known.contains(address)) {
            out << address;
        }
    }
    return out;
}

CheckResult verdict(CheckVerdict v, const QString& detail, const QString& remedy = QString())
{
    return CheckResult{QString(), QString(), v, detail, remedy};
}

} // namespace

DnsProbe::DnsProbe(const QString& name, const QString& sshHost, const CheckOptions& options, QObject* parent)
    : CheckProbe(QStringLiteral("dns.") + name, tr("DNS of %1").arg(name), options, parent), m_name(name),
      m_sshHost(sshHost)
{}

CheckResult DnsProbe::compare(const QString& name, const QList<QHostAddress>& nameAddresses, const QString& nameError,
                              const QString& sshHost, const QList<QHostAddress>& sshAddresses, const QString& sshError)
{
    if (nameAddresses.isEmpty()) {
        const QString target = sshAddresses.isEmpty() ? tr("the server's public address") : joined(sshAddresses);
        return verdict(CheckVerdict::Fail, nameError,
                       tr("add an A (or ALIAS) record for %1 pointing to %2").arg(name, target));
    }
    if (sshAddresses.isEmpty()) {
        return verdict(
            CheckVerdict::Warn,
            tr("%1 resolves to %2; the deploy host cannot be compared: %3").arg(name, joined(nameAddresses), sshError),
            tr("set ssh.host to the server's address or a resolvable name"));
    }
    const QList<QHostAddress> name4 = ofProtocol(nameAddresses, QAbstractSocket::IPv4Protocol);
    const QList<QHostAddress> name6 = ofProtocol(nameAddresses, QAbstractSocket::IPv6Protocol);
    const QList<QHostAddress> ssh4 = ofProtocol(sshAddresses, QAbstractSocket::IPv4Protocol);
    const QList<QHostAddress> ssh6 = ofProtocol(sshAddresses, QAbstractSocket::IPv6Protocol);
    const QList<QHostAddress> foreign4 = missingFrom(name4, ssh4);
    // Without an IPv6 address of the deploy host, AAAA records cannot be judged; with one they must match.
    const QList<QHostAddress> foreign6 = ssh6.isEmpty() ? QList<QHostAddress>() : missingFrom(name6, ssh6);
    const QList<QHostAddress> foreign = foreign4 + foreign6;
    const QString deployHost = joined(sshAddresses);
    if (foreign.size() == name4.size() + (ssh6.isEmpty() ? 0 : name6.size())) {
        return verdict(
            CheckVerdict::Fail,
            tr("%1 resolves to %2, the deploy host %3 is %4").arg(name, joined(nameAddresses), sshHost, deployHost),
            tr("fix the A/ALIAS record of %1 to point to %2").arg(name, deployHost));
    }
    if (!foreign.isEmpty()) {
        return verdict(CheckVerdict::Fail,
                       tr("%1 also resolves to %2, which is not the deploy host %3 (%4)")
                           .arg(name, joined(foreign), sshHost, deployHost),
                       tr("remove the records of %1 that point to %2").arg(name, joined(foreign)));
    }
    if (!name6.isEmpty() && ssh6.isEmpty()) {
        return verdict(CheckVerdict::Warn,
                       tr("%1 resolves to %2; its IPv6 address %3 cannot be compared, the deploy host %4 has none")
                           .arg(name, joined(nameAddresses), joined(name6), sshHost),
                       tr("make sure the AAAA record of %1 belongs to this server or remove it").arg(name));
    }
    return verdict(CheckVerdict::Pass, tr("%1 resolves to %2, the deploy host").arg(name, joined(nameAddresses)));
}

void DnsProbe::run()
{
    m_pending = 2;
    m_nameLookup = HostResolver::lookup(m_name, options(), this,
                                        [this](const QList<QHostAddress>& addresses, const QString& error) {
                                            m_nameLookup = -1;
                                            m_nameAddresses = addresses;
                                            m_nameError = error;
                                            settle();
                                        });
    m_sshLookup = HostResolver::lookup(m_sshHost, options(), this,
                                       [this](const QList<QHostAddress>& addresses, const QString& error) {
                                           m_sshLookup = -1;
                                           m_sshAddresses = addresses;
                                           m_sshError = error;
                                           settle();
                                       });
}

void DnsProbe::settle()
{
    if (--m_pending > 0 || isDone()) {
        return;
    }
    const CheckResult r = compare(m_name, m_nameAddresses, m_nameError, m_sshHost, m_sshAddresses, m_sshError);
    finish(r.verdict, r.detail, r.remedy);
}

void DnsProbe::stop()
{
    HostResolver::abort(m_nameLookup);
    HostResolver::abort(m_sshLookup);
    m_nameLookup = m_sshLookup = -1;
}

void DnsProbe::describeTimeout(QString* detail, QString* remedy) const
{
    *detail = tr("no DNS answer for %1 within %2 ms").arg(m_name).arg(options().timeoutMs);
    *remedy = tr("check this machine's DNS resolver, then the domain's name servers");
}

} // namespace saltant
