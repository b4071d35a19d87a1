#include "lint/NetworkRules.h"

#include "generate/SiteFacts.h"
#include "model/Schema.h"

#include <algorithm>

namespace saltant {
namespace {

using K = RuleKit;

QString defaultSocket(const Project& p)
{
    return QStringLiteral("/run/uwsgi/") + K::text(p, Key::UwsgiVassalName) + QStringLiteral(".sock");
}

QString socketDirectory(const QString& socket)
{
    return socket.left(socket.lastIndexOf(QLatin1Char('/')));
}

// The world-writable directory the socket lies in, or an empty string.
QString worldWritableParent(const QString& socket)
{
    for (const char* dir : {"/tmp", "/var/tmp", "/dev/shm"}) {
        const QString d = QString::fromLatin1(dir);
        if (socket.startsWith(d + QLatin1Char('/'))) {
            return d;
        }
    }
    return QString();
}

void addTlsAndSocket(K::Rules& rules)
{
    K::add(rules, "site-without-tls", [](const LintContext& c) {
        QList<LintIssue> out;
        if (!K::flag(c.project, Key::TlsEnabled)) {
            out << K::issue(
                "site-without-tls", Severity::Warning, Key::TlsEnabled,
                RuleKit::tr("%1 is served over plain HTTP: logins, API tokens and the Flower and RabbitMQ "
                            "management passwords cross the network unencrypted. Turn HTTPS with Let's Encrypt "
                            "on.")
                    .arg(K::text(c.project, Key::ServerDomain)),
                K::fix(RuleKit::tr("Turn HTTPS with Let's Encrypt on"), Key::TlsEnabled, true));
        }
        return out;
    });
    K::add(rules, "acme-staging-server", [](const LintContext& c) {
        QList<LintIssue> out;
        if (K::flag(c.project, Key::TlsEnabled) &&
            K::text(c.project, Key::TlsAcmeServer) == QLatin1String(Schema::LetsEncryptStaging)) {
            out << K::issue(
                "acme-staging-server", Severity::Info, Key::TlsAcmeServer,
                RuleKit::tr("Certificates come from Let's Encrypt's staging server: browsers and Celery workers "
                            "do not trust them. Fine for a trial; for production use the Let's Encrypt "
                            "production server (then delete the staging certificate with certbot delete "
                            "--cert-name %1 so a trusted one is requested).")
                    .arg(K::text(c.project, Key::TlsCertName)),
                K::fix(RuleKit::tr("Use the Let's Encrypt production server"), Key::TlsAcmeServer,
                       QString::fromLatin1(Schema::LetsEncryptProduction)));
        }
        return out;
    });
    K::add(rules, "uwsgi-socket-in-tmp", [](const LintContext& c) {
        QList<LintIssue> out;
        const QString socket = K::text(c.project, Key::UwsgiSocketPath);
        const QString parent = worldWritableParent(socket);
        if (!parent.isEmpty()) {
            const QString target = defaultSocket(c.project);
            out << K::issue(
                "uwsgi-socket-in-tmp", Severity::Warning, Key::UwsgiSocketPath,
                RuleKit::tr("The uWSGI socket %1 lies in world-writable %2: any local user can create it first "
                            "and answer nginx's requests, and a private /tmp hides it from nginx. Put it under "
                            "/run/uwsgi, which the uWSGI unit creates for its user.")
                    .arg(socket, parent),
                K::fix(RuleKit::tr("Use the socket %1").arg(target), Key::UwsgiSocketPath, target));
        }
        return out;
    });
    K::add(rules, "uwsgi-socket-outside-runtime-dir", [](const LintContext& c) {
        QList<LintIssue> out;
        const QString socket = K::text(c.project, Key::UwsgiSocketPath);
        const QString dir = socketDirectory(socket);
        if (!socket.isEmpty() && worldWritableParent(socket).isEmpty() && !dir.startsWith(QStringLiteral("/run/"))) {
            const QString target = defaultSocket(c.project);
            out << K::issue(
                "uwsgi-socket-outside-runtime-dir", Severity::Warning, Key::UwsgiSocketPath,
                RuleKit::tr("The uWSGI socket %1 is not in a directory under /run/, so the uWSGI unit cannot "
                            "create its directory with RuntimeDirectory=: %2 may be missing after a reboot or "
                            "not writable by %3, and uWSGI cannot bind. Put the socket under /run/uwsgi.")
                    .arg(socket, dir.isEmpty() ? QStringLiteral("/") : dir, K::text(c.project, Key::UwsgiUser)),
                K::fix(RuleKit::tr("Use the socket %1").arg(target), Key::UwsgiSocketPath, target));
        }
        return out;
    });
}

// The setting's default when no other prefix uses it: a fix that cannot create a new conflict.
std::optional<LintFix> prefixFix(SettingKey key, const QStringList& taken)
{
    const QString value = Schema::field(key.name())->defaultValue.toString();
    if (taken.contains(value)) {
        return std::nullopt;
    }
    return K::fix(RuleKit::tr("Serve it under /%1/").arg(value), key, value);
}

void addLocations(K::Rules& rules)
{
    K::add(rules, "location-conflict", [](const LintContext& c) {
        QList<LintIssue> out;
        const QString staticPath = QStringLiteral("static");
        const QString management = K::text(c.project, Key::RabbitmqManagementPrefix);
        const bool flowerOn = K::flag(c.project, Key::FlowerEnabled);
        const QString flower = flowerOn ? K::text(c.project, Key::FlowerUrlPrefix) : QString();
        if (management == staticPath) {
            out << K::issue(
                "location-conflict", Severity::Error, Key::RabbitmqManagementPrefix,
                RuleKit::tr("The RabbitMQ management UI uses /static/, the path of saltant's static files: "
                            "nginx rejects the duplicate location and the site does not start. Choose another "
                            "path."),
                prefixFix(Key::RabbitmqManagementPrefix, {staticPath, flower}));
        }
        if (flowerOn && flower == staticPath) {
            out << K::issue("location-conflict", Severity::Error, Key::FlowerUrlPrefix,
                            RuleKit::tr("Flower uses /static/, the path of saltant's static files: nginx rejects the "
                                        "duplicate location and the site does not start. Choose another path."),
                            prefixFix(Key::FlowerUrlPrefix, {staticPath, management}));
        } else if (flowerOn && flower == management) {
            out << K::issue(
                "location-conflict", Severity::Error, Key::FlowerUrlPrefix,
                RuleKit::tr("Flower and the RabbitMQ management UI both use /%1/ on the site: nginx rejects the "
                            "duplicate location and the site does not start. Give each its own path.")
                    .arg(flower),
                prefixFix(Key::FlowerUrlPrefix, {staticPath, management}));
        }
        return out;
    });
    K::add(rules, "papertrail-without-tls", [](const LintContext& c) {
        QList<LintIssue> out;
        if (K::flag(c.project, Key::PapertrailEnabled) && !K::flag(c.project, Key::PapertrailTls)) {
            out << K::issue(
                "papertrail-without-tls", Severity::Warning, Key::PapertrailTls,
                RuleKit::tr("Logs go to %1:%2 unencrypted: request paths, client addresses and error messages "
                            "cross the internet in clear text. Forward over TLS (rsyslog-gnutls).")
                    .arg(K::text(c.project, Key::PapertrailHost))
                    .arg(K::integer(c.project, Key::PapertrailPort)),
                K::fix(RuleKit::tr("Forward logs over TLS"), Key::PapertrailTls, true));
        }
        return out;
    });
}

struct PortUse
{
    QString service; // translated
    int port;
    QString key; // empty for a fixed port
};

QList<PortUse> portsInUse(const Project& p)
{
    const SiteFacts f(p);
    QList<PortUse> ports;
    ports << PortUse{RuleKit::tr("nginx (HTTP)"), 80, QString()};
    if (K::flag(p, Key::TlsEnabled)) {
        ports << PortUse{RuleKit::tr("nginx (HTTPS)"), 443, QString()};
    }
    ports << PortUse{RuleKit::tr("sshd"), K::integer(p, Key::SshPort), Key::SshPort};
    if (f.databaseIsLocal()) {
        ports << PortUse{RuleKit::tr("PostgreSQL"), K::integer(p, Key::DatabasePort), Key::DatabasePort};
    }
    ports << PortUse{RuleKit::tr("RabbitMQ epmd"), 4369, QString()};
    ports << PortUse{RuleKit::tr("RabbitMQ inter-node"), 25672, QString()};
    ports << PortUse{f.amqpTls() ? RuleKit::tr("RabbitMQ (AMQPS)") : RuleKit::tr("RabbitMQ (AMQP)"), f.amqpPort(),
                     f.amqpTls() ? Key::RabbitmqTlsPort : Key::RabbitmqTcpPort};
    ports << PortUse{RuleKit::tr("the RabbitMQ management UI"), K::integer(p, Key::RabbitmqManagementPort),
                     Key::RabbitmqManagementPort};
    if (K::flag(p, Key::FlowerEnabled)) {
        ports << PortUse{RuleKit::tr("Flower"), K::integer(p, Key::FlowerPort), Key::FlowerPort};
    }
    return ports;
}

void addPorts(K::Rules& rules)
{
    K::add(rules, "port-conflict", [](const LintContext& c) {
        QList<LintIssue> out;
        const QList<PortUse> ports = portsInUse(c.project);
        for (int j = 1; j < ports.size(); ++j) {
            for (int i = 0; i < j; ++i) {
                if (ports[i].port != ports[j].port) {
                    continue;
                }
                // Move the configurable one whose default port is free; that fix cannot create a new conflict.
                const PortUse* moved = ports[j].key.isEmpty() ? &ports[i] : &ports[j];
                std::optional<LintFix> fix;
                for (const PortUse* candidate : {&ports[j], &ports[i]}) {
                    if (candidate->key.isEmpty() || fix) {
                        continue;
                    }
                    const int fallback = Schema::field(candidate->key)->defaultValue.toInt();
                    if (std::none_of(ports.begin(), ports.end(),
                                     [fallback](const PortUse& u) { return u.port == fallback; })) {
                        moved = candidate;
                        fix = LintFix{RuleKit::tr("Move %1 to port %2").arg(candidate->service).arg(fallback),
                                      {qMakePair(candidate->key, QVariant(fallback))}};
                    }
                }
                out << K::issue(
                    "port-conflict", Severity::Error, moved->key,
                    RuleKit::tr("Port %3 is used by both %1 and %2 on the server: whichever starts second cannot "
                                "bind and fails. Move %4 to a free port.")
                        .arg(ports[i].service, ports[j].service)
                        .arg(ports[j].port)
                        .arg(moved->service),
                    fix);
            }
        }
        return out;
    });
}

} // namespace

void NetworkRules::add(RuleKit::Rules& rules)
{
    addTlsAndSocket(rules);
    addLocations(rules);
    addPorts(rules);
}

} // namespace saltant
