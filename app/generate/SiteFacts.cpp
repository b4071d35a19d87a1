#include "generate/SiteFacts.h"

namespace saltant {

QStringList SiteFacts::serverNames() const
{
    QStringList names{t("server.domain")};
    if (m_p.flag(QStringLiteral("server.wwwAlias"))) {
        names << QStringLiteral("www.") + t("server.domain");
    }
    return names;
}

QString SiteFacts::canonicalHost() const
{
    const bool www = m_p.flag(QStringLiteral("server.wwwAlias")) && m_p.flag(QStringLiteral("server.canonicalWww"));
    return www ? QStringLiteral("www.") + t("server.domain") : t("server.domain");
}

QString SiteFacts::scheme() const
{
    return m_p.flag(QStringLiteral("tls.enabled")) ? QStringLiteral("https") : QStringLiteral("http");
}

QString SiteFacts::baseUrl() const
{
    return scheme() + QStringLiteral("://") + canonicalHost();
}

QStringList SiteFacts::allowedHosts() const
{
    QStringList hosts = serverNames();
    for (const QString& extra : m_p.list(QStringLiteral("server.extraAllowedHosts"))) {
        if (!hosts.contains(extra)) {
            hosts << extra;
        }
    }
    return hosts;
}

QString SiteFacts::flowerUrl() const
{
    if (!m_p.flag(QStringLiteral("flower.enabled"))) {
        return QString();
    }
    return baseUrl() + QLatin1Char('/') + t("flower.urlPrefix") + QLatin1Char('/');
}

QString SiteFacts::managementUrl() const
{
    return baseUrl() + QLatin1Char('/') + t("rabbitmq.managementPrefix") + QLatin1Char('/');
}

QString SiteFacts::certDir() const
{
    return t("tls.letsencryptDir") + QStringLiteral("/live/") + t("tls.certName");
}

QString SiteFacts::fullChainPath() const
{
    return certDir() + QStringLiteral("/fullchain.pem");
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
    return t("django.projectDir") + QStringLiteral("/.env");
}

QString SiteFacts::sitePath() const
{
    return t("nginx.sitesAvailableDir") + QLatin1Char('/') + t("nginx.siteName") + QStringLiteral("_nginx.conf");
}

QString SiteFacts::siteLinkPath() const
{
    return t("nginx.sitesEnabledDir") + QLatin1Char('/') + t("nginx.siteName") + QStringLiteral("_nginx.conf");
}

QString SiteFacts::vassalPath() const
{
    return t("uwsgi.vassalsDir") + QLatin1Char('/') + t("uwsgi.vassalName") + QStringLiteral("_uwsgi.ini");
}

QString SiteFacts::socketDir() const
{
    const QString socket = t("uwsgi.socketPath");
    return socket.left(socket.lastIndexOf(QLatin1Char('/')));
}

QString SiteFacts::flowerBinary() const
{
    return t("django.venvDir") + QStringLiteral("/bin/flower");
}

QString SiteFacts::venvPython() const
{
    return t("django.venvDir") + QStringLiteral("/bin/python");
}

bool SiteFacts::flowerIsCeleryCommand() const
{
    return t("flower.launcher") == QLatin1String("celery");
}

bool SiteFacts::uwsgiFromDistribution() const
{
    return t("uwsgi.install") != QLatin1String("venv");
}

QString SiteFacts::venvUwsgi() const
{
    return t("django.venvDir") + QStringLiteral("/bin/uwsgi");
}

bool SiteFacts::databaseIsLocal() const
{
    const QString host = t("database.host");
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") || host == QLatin1String("::1");
}

bool SiteFacts::databaseProvisioned() const
{
    return m_p.flag(QStringLiteral("database.provision")) && databaseIsLocal();
}

bool SiteFacts::amqpTls() const
{
    return m_p.flag(QStringLiteral("rabbitmq.onNetwork")) && m_p.flag(QStringLiteral("rabbitmqTls.enabled")) &&
           m_p.flag(QStringLiteral("tls.enabled"));
}

int SiteFacts::amqpPort() const
{
    return amqpTls() ? m_p.integer(QStringLiteral("rabbitmqTls.port")) : m_p.integer(QStringLiteral("rabbitmq.tcpPort"));
}

QString SiteFacts::brokerHost() const
{
    return m_p.flag(QStringLiteral("rabbitmq.onNetwork")) ? t("rabbitmq.brokerHost") : QStringLiteral("localhost");
}

QString SiteFacts::brokerScheme() const
{
    return t("rabbitmq.brokerScheme");
}

QString SiteFacts::brokerUrlHost() const
{
    const QString host = brokerHost();
    return host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
}

} // namespace saltant
