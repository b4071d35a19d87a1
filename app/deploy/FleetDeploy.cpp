#include "deploy/FleetDeploy.h"

#include "model/SettingKeys.h"

#include <mutex>
#include <thread>

namespace saltant {

bool FleetDeploy::select(const Project& project, bool all, const QStringList& names, QList<FleetHost>* hosts,
                         QString* error)
{
    QStringList known = {serverName()};
    for (const WorkerHost& worker : project.workers()) {
        known << worker.name;
    }
    for (const QString& name : names) {
        if (!known.contains(name)) {
            if (error) {
                *error = tr("There is no host \"%1\"; the project has: %2.")
                             .arg(name.left(64), known.join(QStringLiteral(", ")));
            }
            return false;
        }
    }
    hosts->clear();
    for (const QString& name : known) {
        if (all || names.contains(name)) {
            hosts->append({name, name == serverName() ? project : project.forWorker(name)});
        }
    }
    return true;
}

FleetDeploy::FleetDeploy(const QList<FleetHost>& hosts, const SecretValues& secrets) : m_hosts(hosts)
{
    for (const FleetHost& host : m_hosts) {
        m_connections.push_back(std::make_unique<DeployConnection>(host.project, secrets));
        FleetHostResult result;
        result.name = host.name;
        result.target = QStringLiteral("%1@%2:%3")
                            .arg(host.project.text(Key::SshUser), host.project.text(Key::SshHost))
                            .arg(host.project.integer(Key::SshPort));
        m_results.append(result);
    }
}

FleetDeploy::~FleetDeploy() = default;

void FleetDeploy::connectAndPlan(bool acceptNewHostKeys)
{
    std::vector<std::thread> threads;
    for (size_t i = 0; i < m_connections.size(); ++i) {
        threads.emplace_back([this, i, acceptNewHostKeys] {
            DeployConnection& connection = *m_connections[i];
            const bool opened = connection.connectToHost() &&
                                connection.authenticateAndPlan(acceptNewHostKeys &&
                                                               connection.hostKey().status == HostKeyCheck::Unknown);
            // Each thread writes only its own result; the list itself is not resized meanwhile.
            FleetHostResult& result = m_results[static_cast<qsizetype>(i)];
            result.planned = opened;
            result.failure = connection.failure();
            result.error = opened ? QString() : connection.errorString();
            result.notice = connection.notice();
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
}

bool FleetDeploy::serverFirst() const
{
    for (qsizetype i = 0; i < m_hosts.size(); ++i) {
        if (m_hosts.at(i).name != serverName() || !m_results.at(i).planned || m_hosts.size() < 2) {
            continue;
        }
        for (const PlannedFile& file : m_connections[static_cast<size_t>(i)]->plan().files) {
            if (file.file.id == QLatin1String("dotenv") && file.change != PlannedFile::Change::Unchanged) {
                return true;
            }
        }
    }
    return false;
}

void FleetDeploy::applyHosts(const QList<qsizetype>& indexes, const DeployOptions& options, const Reporter& progress)
{
    std::mutex reporting;
    std::vector<std::thread> threads;
    for (const qsizetype i : indexes) {
        threads.emplace_back([this, i, &options, &progress, &reporting] {
            DeployConnection& connection = *m_connections[static_cast<size_t>(i)];
            const QString name = m_hosts.at(i).name;
            const DeployReport report = DeployRunner::apply(*connection.host(), connection.plan(), connection.secrets(),
                                                            options, [&](const DeployStepReport& step) {
                                                                if (progress) {
                                                                    const std::lock_guard<std::mutex> lock(reporting);
                                                                    progress(name, step);
                                                                }
                                                            });
            m_results[i].applied = true;
            m_results[i].report = report;
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
}

void FleetDeploy::apply(const DeployOptions& options, const Reporter& progress)
{
    QList<qsizetype> first;
    QList<qsizetype> rest;
    const bool serverGoesFirst = serverFirst();
    for (qsizetype i = 0; i < m_hosts.size(); ++i) {
        if (!m_results.at(i).planned) {
            continue;
        }
        (serverGoesFirst && m_hosts.at(i).name == serverName() ? first : rest).append(i);
    }
    if (!first.isEmpty()) {
        applyHosts(first, options, progress);
        if (!m_results.at(first.first()).report.ok()) {
            for (const qsizetype i : rest) {
                m_results[i].error = tr("Not deployed: the server's deploy failed, and this host's .env holds broker "
                                        "credentials that only the server's deploy gives RabbitMQ. Fix the server "
                                        "and deploy again.");
            }
            return;
        }
    }
    applyHosts(rest, options, progress);
}

bool FleetDeploy::ok() const
{
    for (const FleetHostResult& result : m_results) {
        if (!result.ok()) {
            return false;
        }
    }
    return true;
}

} // namespace saltant
