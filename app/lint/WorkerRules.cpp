#include "lint/WorkerRules.h"

#include "generate/SiteFacts.h"
#include "model/IpAddress.h"
#include "model/SettingKeys.h"

#include <QSet>

namespace saltant {
namespace {

using K = RuleKit;

QStringList workerNames(const Project& p)
{
    QStringList names;
    for (const WorkerHost& host : p.workers()) {
        names << host.name;
    }
    return names;
}

QString joined(const QStringList& items)
{
    return items.join(QStringLiteral(", "));
}

// What decides whether two hosts clash: the machine they log in to, and the files and queues they get there.
struct HostFacts
{
    QString name;
    QString target; // host:port, host in lower case
    QString unitPath;
    QString checkout;
    QStringList queues; // sorted, without duplicates
};

QList<HostFacts> hostFacts(const Project& p)
{
    QList<HostFacts> out;
    for (const WorkerHost& host : p.workers()) {
        const Project w = p.forWorker(host.name);
        QStringList queues = w.list(Key::WorkersQueues);
        queues.removeDuplicates();
        queues.sort();
        out << HostFacts{host.name,
                         w.text(Key::SshHost).toLower() + QLatin1Char(':') + QString::number(w.integer(Key::SshPort)),
                         w.text(Key::WorkersUnitPath), w.text(Key::WorkersProjectDir), queues};
    }
    return out;
}

void addBroker(K::Rules& rules)
{
    K::add(rules, "worker-broker-localhost", [](const LintContext& c) {
        QList<LintIssue> out;
        const Project& p = c.project;
        if (p.workers().isEmpty()) {
            return out;
        }
        const QString workers = joined(workerNames(p));
        if (!K::flag(p, Key::RabbitmqOnNetwork)) {
            out << K::issue(
                "worker-broker-localhost", Severity::Error, Key::RabbitmqOnNetwork,
                RuleKit::tr("Worker hosts %1 run on other machines, but RabbitMQ is not open to the network "
                            "(\"Workers connect over the network\" is off): their .env points CELERY_BROKER_URL at "
                            "localhost, the worker itself, and they never receive a job. Turn \"Workers connect over "
                            "the network\" on (with AMQP over TLS).")
                    .arg(workers),
                K::fix(RuleKit::tr("Let workers connect over the network"), Key::RabbitmqOnNetwork, true));
            return out;
        }
        const QString broker = K::text(p, Key::RabbitmqBrokerHost);
        if (WorkerRules::isLoopbackHost(broker)) {
            std::optional<LintFix> fix;
            if (!WorkerRules::isLoopbackHost(K::text(p, Key::ServerDomain))) {
                fix = K::fix(RuleKit::tr("Connect workers to %1").arg(K::text(p, Key::ServerDomain)),
                             Key::RabbitmqBrokerHost, QString());
            }
            out << K::issue(
                "worker-broker-localhost", Severity::Error, Key::RabbitmqBrokerHost,
                RuleKit::tr("The broker host is %1, which on worker hosts %2 is the worker itself: their "
                            "CELERY_BROKER_URL points at a RabbitMQ that is not there and they never receive a job. "
                            "Set the broker host to the server's name in its certificate (leave it empty to follow "
                            "the domain).")
                    .arg(broker, workers),
                fix);
        }
        return out;
    });
    K::add(rules, "broker-tls-unverified-by-saltant", [](const LintContext& c) {
        QList<LintIssue> out;
        const SiteFacts f(c.project);
        if (c.project.workers().isEmpty() || !f.amqpTls()) {
            return out;
        }
        out << K::issue(
            "broker-tls-unverified-by-saltant", Severity::Info, Key::RabbitmqTlsEnabled,
            RuleKit::tr("Worker hosts %1 reach RabbitMQ over TLS, and the generated side would verify it "
                        "(CELERY_BROKER_URL names %2, a name of the broker's certificate), but saltant's own "
                        "settings.py sets BROKER_USE_SSL with cert_reqs ssl.CERT_NONE: the workers encrypt without "
                        "checking whom they talk to, so whoever can redirect %2 gets the broker password and every "
                        "task. To close this, patch saltant/settings.py in each worker's checkout: BROKER_USE_SSL = "
                        "{\"cert_reqs\": ssl.CERT_REQUIRED, \"ca_certs\": \"/etc/ssl/certs/ca-certificates.crt\"} "
                        "(Let's Encrypt's roots are in that system store), then restart the workers. "
                        "`saltant-deploy-cli check --host NAME` shows whether the certificate verifies there.")
                .arg(joined(workerNames(c.project)), f.brokerHost()));
        return out;
    });
}

void addHosts(K::Rules& rules)
{
    K::add(rules, "workers-share-files", [](const LintContext& c) {
        QList<LintIssue> out;
        const QList<HostFacts> hosts = hostFacts(c.project);
        for (qsizetype i = 0; i < hosts.size(); ++i) {
            for (qsizetype j = 0; j < i; ++j) {
                const HostFacts& a = hosts.at(j);
                const HostFacts& b = hosts.at(i);
                if (a.target != b.target || (a.unitPath != b.unitPath && a.checkout != b.checkout)) {
                    continue;
                }
                const QString shared = a.unitPath == b.unitPath ? a.unitPath : a.checkout + QStringLiteral("/.env");
                out << K::issue(
                    "workers-share-files", Severity::Error, WorkerRules::hostField(c.project, b.name, Key::SshHost),
                    RuleKit::tr("Worker hosts %1 and %2 both log in to %3 and write %4 there: each deploy replaces "
                                "the other's files, and the machine runs only the worker deployed last. Remove %2, "
                                "point it at another machine, or give it its own worker unit and saltant checkout.")
                        .arg(a.name, b.name, a.target, shared));
                break;
            }
        }
        return out;
    });
    K::add(rules, "duplicate-worker", [](const LintContext& c) {
        QList<LintIssue> out;
        const QList<HostFacts> hosts = hostFacts(c.project);
        for (qsizetype i = 0; i < hosts.size(); ++i) {
            for (qsizetype j = 0; j < i; ++j) {
                const HostFacts& a = hosts.at(j);
                const HostFacts& b = hosts.at(i);
                if (a.target != b.target || a.queues != b.queues || a.unitPath == b.unitPath ||
                    a.checkout == b.checkout) {
                    continue; // sharing files is workers-share-files' error
                }
                out << K::issue(
                    "duplicate-worker", Severity::Warning, WorkerRules::hostField(c.project, b.name, Key::SshHost),
                    RuleKit::tr("Worker hosts %1 and %2 both log in to %3 and consume the same queues (%4): the "
                                "machine runs the same worker twice, which only splits its CPUs between them. Remove "
                                "%2, or raise the concurrency of %1 instead.")
                        .arg(a.name, b.name, a.target, joined(a.queues)));
                break;
            }
        }
        return out;
    });
}

void addQueues(K::Rules& rules)
{
    K::add(rules, "queue-without-worker", [](const LintContext& c) {
        QList<LintIssue> out;
        const Project& p = c.project;
        const QStringList known = p.list(Key::WorkersKnownQueues);
        if (p.workers().isEmpty() || known.isEmpty()) {
            return out;
        }
        QSet<QString> served;
        for (const WorkerHost& host : p.workers()) {
            for (const QString& queue : p.forWorker(host.name).list(Key::WorkersQueues)) {
                served.insert(queue);
            }
        }
        QSet<QString> reported;
        for (const QString& queue : known) {
            if (served.contains(queue) || reported.contains(queue)) {
                continue;
            }
            reported.insert(queue);
            out << K::issue("queue-without-worker", Severity::Warning, Key::WorkersKnownQueues,
                            RuleKit::tr("Queue %1 is served by no worker host: jobs saltant sends to it wait in "
                                        "RabbitMQ and never run. Add %1 to the queues of a worker host (%2), or take "
                                        "it off Known queues if saltant no longer has it.")
                                .arg(queue, joined(workerNames(p))));
        }
        return out;
    });
    K::add(rules, "unknown-queue", [](const LintContext& c) {
        QList<LintIssue> out;
        const Project& p = c.project;
        const QStringList known = p.list(Key::WorkersKnownQueues);
        if (known.isEmpty()) {
            return out;
        }
        bool sharedReported = false;
        for (const WorkerHost& host : p.workers()) {
            const bool own = host.overrides.contains(Key::WorkersQueues);
            if (!own && sharedReported) {
                continue; // the shared list is reported once
            }
            QStringList unknown;
            for (const QString& queue : p.forWorker(host.name).list(Key::WorkersQueues)) {
                if (!known.contains(queue) && !unknown.contains(queue)) {
                    unknown << queue;
                }
            }
            if (unknown.isEmpty()) {
                continue;
            }
            sharedReported = sharedReported || !own;
            out << K::issue(
                "unknown-queue", Severity::Warning, WorkerRules::hostField(p, host.name, Key::WorkersQueues),
                RuleKit::tr("Worker host %1 consumes %2, which saltant does not have (its queues, from Known queues: "
                            "%3): no job ever arrives there, so a misspelt name leaves the worker idle. Correct the "
                            "name, or add it to Known queues if saltant's admin has it.")
                    .arg(host.name, joined(unknown), joined(known)));
        }
        return out;
    });
}

} // namespace

QString WorkerRules::hostField(const Project& project, const QString& name, SettingKey key)
{
    const WorkerHost* host = project.worker(name);
    if (host && host->overrides.contains(key)) {
        return QStringLiteral("workers.") + name + QLatin1Char('.') + key.name();
    }
    return key.name();
}

bool WorkerRules::isLoopbackHost(const QString& host)
{
    const QString h = host.toLower();
    if (h == QLatin1String("localhost") || h.endsWith(QLatin1String(".localhost")) ||
        h == QLatin1String("localhost.localdomain") || h == QLatin1String("ip6-localhost") ||
        h == QLatin1String("ip6-loopback")) {
        return true;
    }
    return IpAddress::isLoopback(h);
}

void WorkerRules::add(RuleKit::Rules& rules)
{
    addBroker(rules);
    addHosts(rules);
    addQueues(rules);
}

} // namespace saltant
