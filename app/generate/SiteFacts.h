#pragma once

#include "model/Project.h"
#include "model/ReadLog.h"

#include <QString>
#include <QStringList>

namespace saltant {

// Values derived from several settings that more than one generated file must agree on: host names, URLs,
// certificate paths, the uWSGI socket, the broker endpoint. One place, so nginx, uWSGI, systemd, RabbitMQ
// and .env never disagree.
class SiteFacts
{
public:
    // Whether the facts that many lines ask for (the server names, the canonical host, the base URL, the certificate
    // directory and full chain, AMQP over TLS) are computed once: for the facts of one render, whose project cannot
    // change meanwhile (GenerateContext). Asked again, such a fact notes the settings it read (ReadLog) unread.
    enum class Memo
    {
        None,
        Once
    };

    explicit SiteFacts(const Project& project, Memo memo = Memo::None) : m_p(project), m_memo(memo == Memo::Once) {}

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
    template<typename T>
    struct Remembered
    {
        bool known = false;
        T value{};
        ReadLog::Keys reads;
    };
    // compute() the first time, or slot's value, noting what compute() read.
    template<typename T, typename Compute>
    T remembered(Remembered<T>& slot, const Compute& compute) const;

    QStringList computeServerNames() const;
    QString computeCanonicalHost() const;
    QString computeCertDir() const;
    bool computeAmqpTls() const;

    QString t(SettingKey key) const { return m_p.text(key); }
    const Project& m_p;
    const bool m_memo;
    mutable Remembered<QStringList> m_serverNames;
    mutable Remembered<QString> m_canonicalHost;
    mutable Remembered<QString> m_baseUrl;
    mutable Remembered<QString> m_certDir;
    mutable Remembered<QString> m_fullChainPath;
    mutable Remembered<bool> m_amqpTls;
};

} // namespace saltant
