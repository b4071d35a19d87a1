#include "lint/RabbitMqRules.h"

#include "generate/SiteFacts.h"
#include "model/SettingKeys.h"

namespace saltant {
namespace {

using K = RuleKit;

LintFix usePyamqp()
{
    return K::fix(RuleKit::tr("Use the pyamqp broker URL scheme"), Key::RabbitmqBrokerScheme, QStringLiteral("pyamqp"));
}

void addScheme(K::Rules& rules)
{
    K::add(rules, "broker-url-not-tls", [](const LintContext& c) {
        QList<LintIssue> out;
        const SiteFacts f(c.project);
        if (f.amqpTls() && f.brokerScheme() == QLatin1String("amqp")) {
            out << K::issue(
                "broker-url-not-tls", Severity::Error, Key::RabbitmqBrokerScheme,
                RuleKit::tr("RabbitMQ listens with TLS only (listeners.tcp = none) but CELERY_BROKER_URL starts "
                            "with amqp://: Celery may pick librabbitmq, which has no TLS, and then never "
                            "connects to port %1. Use the pyamqp scheme (TLS through RABBITMQ_USES_SSL=True).")
                    .arg(f.amqpPort()),
                usePyamqp());
        }
        return out;
    });
    K::add(rules, "amqps-without-tls-listener", [](const LintContext& c) {
        QList<LintIssue> out;
        const SiteFacts f(c.project);
        if (!f.amqpTls() && f.brokerScheme() == QLatin1String("amqps")) {
            out << K::issue(
                "amqps-without-tls-listener", Severity::Error, Key::RabbitmqBrokerScheme,
                RuleKit::tr("CELERY_BROKER_URL uses amqps:// but RabbitMQ has no TLS listener (AMQP over TLS "
                            "needs the network, the AMQP TLS setting and HTTPS on): the TLS handshake against "
                            "plain port %1 fails and Celery never connects. Use the pyamqp scheme.")
                    .arg(f.amqpPort()),
                usePyamqp());
        }
        return out;
    });
}

void addTransport(K::Rules& rules)
{
    K::add(rules, "amqp-plain-on-network", [](const LintContext& c) {
        QList<LintIssue> out;
        const Project& p = c.project;
        if (K::flag(p, Key::RabbitmqOnNetwork) && !K::flag(p, Key::RabbitmqTlsEnabled)) {
            LintFix fix = K::fix(RuleKit::tr("Turn AMQP over TLS on"), Key::RabbitmqTlsEnabled, true);
            fix.changes << qMakePair(Key::TlsEnabled, QVariant(true));
            if (K::text(p, Key::RabbitmqBrokerScheme) == QLatin1String("amqp")) {
                fix.changes << qMakePair(Key::RabbitmqBrokerScheme, QVariant(QStringLiteral("pyamqp")));
            }
            out << K::issue(
                "amqp-plain-on-network", Severity::Warning, Key::RabbitmqTlsEnabled,
                RuleKit::tr("RabbitMQ accepts workers from the network on plain AMQP port %1: the broker "
                            "password in CELERY_BROKER_URL and every task cross the network unencrypted. Turn "
                            "AMQP over TLS on (it uses the site's Let's Encrypt certificate).")
                    .arg(K::integer(p, Key::RabbitmqTcpPort)),
                fix);
        }
        return out;
    });
    K::add(rules, "amqp-tls-needs-certificate", [](const LintContext& c) {
        QList<LintIssue> out;
        const Project& p = c.project;
        if (K::flag(p, Key::RabbitmqOnNetwork) && K::flag(p, Key::RabbitmqTlsEnabled) && !K::flag(p, Key::TlsEnabled)) {
            out << K::issue(
                "amqp-tls-needs-certificate", Severity::Error, Key::TlsEnabled,
                RuleKit::tr("AMQP over TLS is on but HTTPS with Let's Encrypt is off, so there is no "
                            "certificate: RabbitMQ falls back to plain AMQP on port %1 and workers send the "
                            "broker password in clear text. Turn HTTPS with Let's Encrypt on.")
                    .arg(K::integer(p, Key::RabbitmqTcpPort)),
                K::fix(RuleKit::tr("Turn HTTPS with Let's Encrypt on"), Key::TlsEnabled, true));
        }
        return out;
    });
}

void addCertificate(K::Rules& rules)
{
    K::add(rules, "broker-host-not-in-certificate", [](const LintContext& c) {
        QList<LintIssue> out;
        const SiteFacts f(c.project);
        const QStringList names = f.serverNames();
        if (f.amqpTls() && !names.contains(f.brokerHost(), Qt::CaseInsensitive)) {
            out << K::issue(
                "broker-host-not-in-certificate", Severity::Error, Key::RabbitmqBrokerHost,
                RuleKit::tr("Workers connect to %1, but the certificate RabbitMQ presents is issued for %2: "
                            "TLS host name verification fails and workers cannot connect. Leave the broker host "
                            "empty so it follows the domain, or use one of the certificate's names.")
                    .arg(f.brokerHost(), names.join(QStringLiteral(", "))),
                K::fix(RuleKit::tr("Connect workers to %1").arg(K::text(c.project, Key::ServerDomain)),
                       Key::RabbitmqBrokerHost, QString()));
        }
        return out;
    });
    K::add(rules, "amqp-tls-cert-unreadable", [](const LintContext& c) {
        QList<LintIssue> out;
        const SiteFacts f(c.project);
        if (f.amqpTls() && !K::flag(c.project, Key::RabbitmqTlsGrantCertAccess)) {
            out << K::issue(
                "amqp-tls-cert-unreadable", Severity::Error, Key::RabbitmqTlsGrantCertAccess,
                RuleKit::tr("RabbitMQ runs as user rabbitmq, which cannot read %1 (certbot keeps the key "
                            "root-only): the TLS listener fails with eacces and no worker can connect. Let "
                            "RabbitMQ read the certificates through group %2.")
                    .arg(f.privateKeyPath(), K::text(c.project, Key::TlsCertGroup)),
                K::fix(RuleKit::tr("Let RabbitMQ read the certificates"), Key::RabbitmqTlsGrantCertAccess, true));
        }
        return out;
    });
    K::add(rules, "amqp-tls-requires-client-cert", [](const LintContext& c) {
        QList<LintIssue> out;
        if (SiteFacts(c.project).amqpTls() && K::flag(c.project, Key::RabbitmqTlsFailIfNoPeerCert)) {
            out << K::issue(
                "amqp-tls-requires-client-cert", Severity::Error, Key::RabbitmqTlsFailIfNoPeerCert,
                RuleKit::tr("ssl_options.fail_if_no_peer_cert = true makes RabbitMQ reject every client without "
                            "a certificate, and saltant's workers present none: no worker can connect. Turn "
                            "\"Require client certificates\" off."),
                K::fix(RuleKit::tr("Stop requiring client certificates"), Key::RabbitmqTlsFailIfNoPeerCert, false));
        }
        return out;
    });
}

void addDefaults(K::Rules& rules)
{
    K::add(rules, "guest-user-kept", [](const LintContext& c) {
        QList<LintIssue> out;
        if (!K::flag(c.project, Key::RabbitmqRemoveGuest)) {
            out << K::issue(
                "guest-user-kept", Severity::Warning, Key::RabbitmqRemoveGuest,
                RuleKit::tr("The deploy keeps RabbitMQ's guest user, whose password is \"guest\": any local "
                            "process can log in to the broker and read or queue tasks. Delete the guest user."),
                K::fix(RuleKit::tr("Delete the guest user"), Key::RabbitmqRemoveGuest, true));
        }
        return out;
    });
    K::add(rules, "default-vhost-kept", [](const LintContext& c) {
        QList<LintIssue> out;
        if (!K::flag(c.project, Key::RabbitmqRemoveDefaultVhost)) {
            out << K::issue(
                "default-vhost-kept", Severity::Warning, Key::RabbitmqRemoveDefaultVhost,
                RuleKit::tr("The deploy keeps RabbitMQ's default vhost /, which saltant does not use (its tasks "
                            "go to %1): it is where the guest user and forgotten clients land. Delete vhost /.")
                    .arg(K::text(c.project, Key::RabbitmqVhost)),
                K::fix(RuleKit::tr("Delete vhost /"), Key::RabbitmqRemoveDefaultVhost, true));
        }
        return out;
    });
}

} // namespace

void RabbitMqRules::add(RuleKit::Rules& rules)
{
    addScheme(rules);
    addTransport(rules);
    addCertificate(rules);
    addDefaults(rules);
}

} // namespace saltant
