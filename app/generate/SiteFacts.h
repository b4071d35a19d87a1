#pragma once

#include "model/Project.h"

#include <QString>
#include <QStringList>

namespace saltant {

// Values derived from several settings that more than one generated file must agree on: host names, URLs,
// certificate paths, the uWSGI socket, the broker endpoint. One place, so nginx, uWSGI, systemd, RabbitMQ
// and .env never disagree.
class SiteFacts
{
public:
    explicit SiteFacts(const Project& project) : m_p(project) {}

    QStringList serverNames() const;  // domain, then www.domain when enabled
    QString canonicalHost() const;    // the host of DJANGO_BASE_URL
    QString scheme() const;           // https when TLS is on
    QString baseUrl() const;          // https://www.example.com (no trailing slash)
    QStringList allowedHosts() const; // serverNames + extra hosts, without duplicates
    QString flowerUrl() const;        // .../flower/ or empty when Flower is off
    QString managementUrl() const;    // .../rabbitmq/

    QString certDir() const; // <letsencrypt>/live/<name>
    QString fullChainPath() const;
    QString privateKeyPath() const;
    QString certPath() const;
    QString chainPath() const;

    QString envPath() const;            // <project>/.env
    QString sitePath() const;           // sites-available/<site>_nginx.conf
    QString siteLinkPath() const;       // sites-enabled/<site>_nginx.conf
    QString vassalPath() const;         // vassals/<name>_uwsgi.ini
    QString socketDir() const;          // directory of the uWSGI socket
    QString flowerBinary() const;       // <venv>/bin/flower
    QString venvPython() const;         // <venv>/bin/python
    bool flowerIsCeleryCommand() const; // Flower >= 1.0: started as `celery -A APP flower`
    // uwsgi.install is "distribution": Debian/Ubuntu's uwsgi + uwsgi-plugin-python3 (the vassal loads the plugin).
    bool uwsgiFromDistribution() const;
    // The python3 plugin of the distribution's uWSGI (an alternatives link to python3XX_plugin.so).
    static QString uwsgiPythonPlugin() { return QStringLiteral("/usr/lib/uwsgi/plugins/python3_plugin.so"); }
    // Where each kind of uWSGI lives: the distribution's and the one pip installs into the virtualenv.
    static QString distributionUwsgi() { return QStringLiteral("/usr/bin/uwsgi"); }
    QString venvUwsgi() const; // <venv>/bin/uwsgi

    // database.host names this machine (localhost, 127.0.0.1 or ::1): the deploy may create the role and database.
    bool databaseIsLocal() const;
    bool databaseProvisioned() const; // database.provision and a local database

    bool amqpTls() const; // RabbitMQ listens with TLS (needs network exposure and the certificate)
    int amqpPort() const;
    QString brokerHost() const; // the domain (or broker host) on the network, localhost otherwise
    QString brokerScheme() const;
    QString brokerUrlHost() const; // brokerHost, with an IPv6 address in brackets for a URL

private:
    QString t(SettingKey key) const { return m_p.text(key); }
    const Project& m_p;
};

} // namespace saltant
