#include "net/CheckSuite.h"

#include "generate/SiteFacts.h"
#include "model/SettingKeys.h"
#include "net/DnsProbe.h"
#include "net/HttpProbe.h"
#include "net/TcpProbe.h"
#include "net/TlsProbe.h"

#include <QUrl>

namespace saltant {
QList<CheckProbe*> CheckSuite::build(Kind kind, const Project& project, const CheckOptions& options, QObject* parent)
{
    return kind == Kind::Preflight ? preflight(project, options, parent) : health(project, options, parent);
}

QStringList CheckSuite::ids(Kind kind, const Project& project, const CheckOptions& options)
{
    QObject owner;
    QStringList out;
    for (const CheckProbe* probe : build(kind, project, options, &owner)) {
        out << probe->id();
    }
    return out;
}

QList<CheckProbe*> CheckSuite::preflight(const Project& project, const CheckOptions& options, QObject* parent)
{
    const SiteFacts facts(project);
    const QString sshHost = project.text(Key::SshHost);
    QList<CheckProbe*> probes;
    for (const QString& name : facts.serverNames()) {
        probes << new DnsProbe(name, sshHost, options, parent);
    }
    probes << new TcpProbe(QStringLiteral("port.ssh"), tr("SSH port"), sshHost, project.integer(Key::SshPort),
                           QStringLiteral("sshd"), options, parent);
    const QString web = facts.canonicalHost();
    probes << new TcpProbe(QStringLiteral("port.http"), tr("HTTP port"), web, 80, QStringLiteral("nginx"), options,
                           parent);
    if (project.flag(Key::TlsEnabled)) {
        probes << new TcpProbe(QStringLiteral("port.https"), tr("HTTPS port"), web, 443, QStringLiteral("nginx"),
                               options, parent);
    }
    if (project.flag(Key::RabbitmqOnNetwork)) {
        const bool tls = facts.amqpTls();
        probes << new TcpProbe(tls ? QStringLiteral("port.amqps") : QStringLiteral("port.amqp"),
                               tls ? tr("AMQPS port") : tr("AMQP port"), facts.brokerHost(), facts.amqpPort(),
                               QStringLiteral("RabbitMQ"), options, parent);
    }
    return probes;
}

QList<CheckProbe*> CheckSuite::health(const Project& project, const CheckOptions& options, QObject* parent)
{
    const SiteFacts facts(project);
    const bool tls = project.flag(Key::TlsEnabled);
    const QUrl base(facts.baseUrl() + QLatin1Char('/'));
    QList<CheckProbe*> probes;
    probes << new HttpProbe(QStringLiteral("http.site"), tr("Site"), base, HttpProbe::Expect::Site, options, parent);
    if (tls) {
        QUrl plain = base;
        plain.setScheme(QStringLiteral("http"));
        probes << new HttpProbe(QStringLiteral("http.redirect"), tr("HTTP to HTTPS redirect"), plain,
                                HttpProbe::Expect::HttpsRedirect, options, parent);
    }
    const QString flower = facts.flowerUrl();
    if (!flower.isEmpty()) {
        probes << new HttpProbe(QStringLiteral("http.flower"), tr("Flower asks for a password"), QUrl(flower),
                                HttpProbe::Expect::AuthChallenge, options, parent);
        if (!options.flowerPassword.isEmpty()) {
            auto* login = new HttpProbe(QStringLiteral("http.flower-login"), tr("Flower login"), QUrl(flower),
                                        HttpProbe::Expect::Login, options, parent);
            login->setCredentials(project.text(Key::FlowerUser), options.flowerPassword);
            probes << login;
        }
    }
    probes << new HttpProbe(QStringLiteral("http.rabbitmq"), tr("RabbitMQ management UI"), QUrl(facts.managementUrl()),
                            HttpProbe::Expect::ManagementUi, options, parent);
    if (tls) {
        for (const QString& name : facts.serverNames()) {
            probes << new TlsProbe(QStringLiteral("tls.site.") + name, tr("Certificate of %1").arg(name), name, 443,
                                   QStringLiteral("nginx"), options, parent);
        }
    }
    if (facts.amqpTls()) {
        const QString broker = facts.brokerHost();
        probes << new TlsProbe(QStringLiteral("tls.amqps"), tr("AMQPS certificate of %1").arg(broker), broker,
                               facts.amqpPort(), QStringLiteral("RabbitMQ"), options, parent);
    }
    return probes;
}

} // namespace saltant
