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
            hosts->append({name, name == serverName() ? project.withoutWorkers() : project.forWorker(name)});
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

void FleetDeploy::inParallel(const QList<qsizetype>& indexes, const std::function<void(qsizetype)>& work)
{
    std::vector<std::thread> threads;
    for (const qsizetype i : indexes) {
        threads.emplace_back([&work, i] { work(i); });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
}

void FleetDeploy::connectAndPlan(bool acceptNewHostKeys)
{
    connectAll();
    authenticateAndPlanAll([acceptNewHostKeys](qsizetype) { return acceptNewHostKeys; });
}

void FleetDeploy::connectAll()
{
    QList<qsizetype> all;
    for (qsizetype i = 0; i < m_hosts.size(); ++i) {
        all << i;
    }
    m_reached = QList<bool>(m_hosts.size(), false);
    // Each thread writes only its own entries; the lists are not resized meanwhile.
    inParallel(all, [this](qsizetype i) {
        DeployConnection& connection = *m_connections[static_cast<size_t>(i)];
        m_reached[i] = connection.connectToHost();
        if (!m_reached[i]) {
            m_results[i].failure = connection.failure();
            m_results[i].error = connection.errorString();
        }
    });
}

void FleetDeploy::authenticateAndPlanAll(const std::function<bool(qsizetype)>& acceptUnknown)
{
    QList<qsizetype> reached;
    QList<bool> accepted(m_hosts.size(), false);
    for (qsizetype i = 0; i < m_hosts.size(); ++i) {
        if (m_reached.value(i)) {
            reached << i;
            accepted[i] = hostKey(i).status == HostKeyCheck::Unknown && acceptUnknown(i);
        }
    }
    inParallel(reached, [this, &accepted](qsizetype i) {
        DeployConnection& connection = *m_connections[static_cast<size_t>(i)];
        FleetHostResult& result = m_results[i];
        result.planned = connection.authenticateAndPlan(accepted.at(i));
        result.failure = connection.failure();
        result.error = result.planned ? QString() : connection.errorString();
        result.notice = connection.notice();
    });
}

void FleetDeploy::cancel()
{
    for (const auto& connection : m_connections) {
        connection->cancel();
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
    inParallel(indexes, [&](qsizetype i) {
        DeployConnection& connection = *m_connections[static_cast<size_t>(i)];
        const QString name = m_hosts.at(i).name;
        m_results[i].report = DeployRunner::apply(*connection.host(), connection.plan(), connection.secrets(), options,
                                                  [&](const DeployStepReport& step) {
                                                      if (progress) {
                                                          const std::lock_guard<std::mutex> lock(reporting);
                                                          progress(name, step);
                                                      }
                                                  });
        m_results[i].applied = true;
    });
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
