#include "generate/SiteFacts.h"

#include "model/SettingKeys.h"

namespace saltant {

template<typename T, typename Compute>
T SiteFacts::remembered(Remembered<T>& slot, const Compute& compute) const
{
    if (!m_memo) {
        return compute();
    }
    if (slot.known) {
        ReadLog::noteAll(slot.reads);
        return slot.value;
    }
    const ReadLog log; // nested: what it notes is also the open log's
    slot.value = compute();
    slot.reads = log.keys();
    slot.known = true;
    return slot.value;
}

QStringList SiteFacts::serverNames() const
{
    return remembered(m_serverNames, [this] { return computeServerNames(); });
}

QStringList SiteFacts::computeServerNames() const
{
    QStringList names{t(Key::ServerDomain)};
    if (m_p.flag(Key::ServerWwwAlias)) {
        names << QStringLiteral("www.") + t(Key::ServerDomain);
    }
    return names;
}

QString SiteFacts::canonicalHost() const
{
    return remembered(m_canonicalHost, [this] { return computeCanonicalHost(); });
}

QString SiteFacts::computeCanonicalHost() const
{
    const bool www = m_p.flag(Key::ServerWwwAlias) && m_p.flag(Key::ServerCanonicalWww);
    return www ? QStringLiteral("www.") + t(Key::ServerDomain) : t(Key::ServerDomain);
}

QString SiteFacts::scheme() const
{
    return m_p.flag(Key::TlsEnabled) ? QStringLiteral("https") : QStringLiteral("http");
}

QString SiteFacts::baseUrl() const
{
    return remembered(m_baseUrl, [this]() -> QString { return scheme() + QStringLiteral("://") + canonicalHost(); });
}

QStringList SiteFacts::allowedHosts() const
{
    QStringList hosts = serverNames();
    for (const QString& extra : m_p.list(Key::ServerExtraAllowedHosts)) {
        if (!hosts.contains(extra)) {
            hosts << extra;
        }
    }
    return hosts;
}

QString SiteFacts::flowerUrl() const
{
    if (!m_p.flag(Key::FlowerEnabled)) {
        return QString();
    }
    return baseUrl() + QLatin1Char('/') + t(Key::FlowerUrlPrefix) + QLatin1Char('/');
}

QString SiteFacts::managementUrl() const
{
    return baseUrl() + QLatin1Char('/') + t(Key::RabbitmqManagementPrefix) + QLatin1Char('/');
}

QString SiteFacts::certDir() const
{
    return remembered(m_certDir, [this] { return computeCertDir(); });
}

QString SiteFacts::computeCertDir() const
{
    return t(Key::TlsLetsencryptDir) + QStringLiteral("/live/") + t(Key::TlsCertName);
}

QString SiteFacts::fullChainPath() const
{
    return remembered(m_fullChainPath, [this]() -> QString { return certDir() + QStringLiteral("/fullchain.pem"); });
}

QString SiteFacts::privateKeyPath() const
{
    return certDir() + QStringLiteral("/privkey.pem");
}

QString SiteFacts::certPath() const
{
    return certDir() + QStringLiteral("/cert.pem");
}

QString SiteFacts::chainPath() const
{
    return certDir() + QStringLiteral("/chain.pem");
}

QString SiteFacts::envPath() const
{
    return t(Key::DjangoProjectDir) + QStringLiteral("/.env");
}

QString SiteFacts::sitePath() const
{
    return t(Key::NginxSitesAvailableDir) + QLatin1Char('/') + t(Key::NginxSiteName) + QStringLiteral("_nginx.conf");
}

QString SiteFacts::siteLinkPath() const
{
    return t(Key::NginxSitesEnabledDir) + QLatin1Char('/') + t(Key::NginxSiteName) + QStringLiteral("_nginx.conf");
}

QString SiteFacts::vassalPath() const
{
    return t(Key::UwsgiVassalsDir) + QLatin1Char('/') + t(Key::UwsgiVassalName) + QStringLiteral("_uwsgi.ini");
}

QString SiteFacts::socketDir() const
{
    const QString socket = t(Key::UwsgiSocketPath);
    return socket.left(socket.lastIndexOf(QLatin1Char('/')));
}

QString SiteFacts::flowerBinary() const
{
    return t(Key::DjangoVenvDir) + QStringLiteral("/bin/flower");
}

QString SiteFacts::venvPython() const
{
    return t(Key::DjangoVenvDir) + QStringLiteral("/bin/python");
}

bool SiteFacts::flowerIsCeleryCommand() const
{
    return t(Key::FlowerLauncher) == QLatin1String("celery");
}

bool SiteFacts::uwsgiFromDistribution() const
{
    return t(Key::UwsgiInstall) != QLatin1String("venv");
}

QString SiteFacts::venvUwsgi() const
{
    return t(Key::DjangoVenvDir) + QStringLiteral("/bin/uwsgi");
}

bool SiteFacts::databaseIsLocal() const
{
    const QString host = t(Key::DatabaseHost);
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") || host == QLatin1String("::1");
}

bool SiteFacts::databaseProvisioned() const
{
    return m_p.flag(Key::DatabaseProvision) && databaseIsLocal();
}

bool SiteFacts::amqpTls() const
{
    return remembered(m_amqpTls, [this] { return computeAmqpTls(); });
}

bool SiteFacts::computeAmqpTls() const
{
    return m_p.flag(Key::RabbitmqOnNetwork) && m_p.flag(Key::RabbitmqTlsEnabled) && m_p.flag(Key::TlsEnabled);
}

int SiteFacts::amqpPort() const
{
    return amqpTls() ? m_p.integer(Key::RabbitmqTlsPort) : m_p.integer(Key::RabbitmqTcpPort);
}

QString SiteFacts::brokerHost() const
{
    return m_p.flag(Key::RabbitmqOnNetwork) ? t(Key::RabbitmqBrokerHost) : QStringLiteral("localhost");
}

QString SiteFacts::brokerScheme() const
{
    return t(Key::RabbitmqBrokerScheme);
}

QString SiteFacts::brokerUrlHost() const
{
    const QString host = brokerHost();
    return host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
}

} // namespace saltant
