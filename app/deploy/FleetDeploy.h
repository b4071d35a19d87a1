#pragma once

#include "deploy/DeployConnection.h"
#include "deploy/DeployRunner.h"

#include <QCoreApplication>
#include <QList>
#include <functional>
#include <memory>
#include <vector>

namespace saltant {

// One host of a deploy to several: the web server or a worker host, with the settings in effect on it.
struct FleetHost
{
    QString name;    // FleetDeploy::serverName() for the web server, else the worker's name
    Project project; // for a worker: Project::forWorker()
};

// What happened on one host.
struct FleetHostResult
{
    QString name;
    QString target; // USER@HOST:PORT
    bool planned = false;
    DeployConnection::Failure failure = DeployConnection::Failure::None;
    QString error;  // why it could not be connected to or planned (planned false), or why it was not deployed
    QString notice; // what was decided about its host key, or empty
    bool applied = false;
    DeployReport report; // when applied

    bool ok() const { return planned && (!applied || report.ok()) && error.isEmpty(); }
};

// A deploy to several hosts at once: each host gets its own SSH session, plan and transaction, on a thread of its
// own, so one slow or failing host neither waits for nor breaks another; a failure rolls back that host only.
//
//     FleetDeploy fleet(hosts, secrets);
//     fleet.connectAndPlan(acceptNewHostKeys);   // all hosts in parallel; results() holds each plan or failure
//     ...show the plans, ask...
//     fleet.apply(options, progress);            // the server first when workers depend on it, then in parallel
//
// Blocking; call it from one thread. progress is called from the hosts' threads, one report at a time (serialised).
class FleetDeploy
{
    Q_DECLARE_TR_FUNCTIONS(saltant::FleetDeploy)

public:
    using Reporter = std::function<void(const QString& host, const DeployStepReport& step)>;

    static QString serverName() { return QStringLiteral("server"); }
    // The hosts to deploy: all (the server, then every worker in project order), or those named (serverName() or a
    // worker's name), in project order. False (error names the unknown host and the known ones) on a bad name.
    static bool select(const Project& project, bool all, const QStringList& names, QList<FleetHost>* hosts,
                       QString* error);

    FleetDeploy(const QList<FleetHost>& hosts, const SecretValues& secrets);
    FleetDeploy(const FleetDeploy&) = delete;
    FleetDeploy& operator=(const FleetDeploy&) = delete;
    ~FleetDeploy();

    // Connects to every host and plans, in parallel. An unknown host key is trusted only with acceptNewHostKeys (then
    // written to known_hosts); a changed one is always refused. The same as connectAll() then
    // authenticateAndPlanAll() trusting every unknown key or none.
    void connectAndPlan(bool acceptNewHostKeys);
    // In two phases, for a window that asks about each unknown host key in between:
    // TCP, key exchange and host-key check on every host, in parallel (a failure ends that host: planned false).
    void connectAll();
    // The host key check of host i after connectAll() (HostKeyCheck::Unknown: ask).
    const HostKeyCheck& hostKey(qsizetype i) const { return m_connections.at(static_cast<size_t>(i))->hostKey(); }
    // Authenticates and plans every host connectAll() reached, in parallel; acceptUnknown(i) says whether host i's
    // Unknown key is trusted (asked only for those, from this thread, before any thread starts).
    void authenticateAndPlanAll(const std::function<bool(qsizetype)>& acceptUnknown);
    // Thread-safe: every host's session stops at its next step (DeployConnection::cancel()). For apply(), cancel
    // through DeployOptions::cancel.
    void cancel();
    // Applies every planned host's plan. The server goes first when its .env changes (it carries the broker
    // credentials the workers' .env files use: RabbitMQ must know a new user, password or vhost before a worker
    // restarts with it); if it then fails, the workers are not deployed. Everything else runs in parallel.
    void apply(const DeployOptions& options, const Reporter& progress = Reporter());

    const QList<FleetHostResult>& results() const { return m_results; }
    // The connection of host i (valid after connectAndPlan() planned it).
    const DeployConnection& connection(qsizetype i) const { return *m_connections.at(static_cast<size_t>(i)); }
    // Every host planned, and each applied one ended well.
    bool ok() const;
    // Whether the server (when selected and planned) goes first in apply().
    bool serverFirst() const;

private:
    void applyHosts(const QList<qsizetype>& indexes, const DeployOptions& options, const Reporter& progress);

    // Runs work(i) for each index on a thread of its own and waits for all.
    static void inParallel(const QList<qsizetype>& indexes, const std::function<void(qsizetype)>& work);

    QList<FleetHost> m_hosts;
    QList<bool> m_reached; // connectAll() got through the host-key check
    std::vector<std::unique_ptr<DeployConnection>> m_connections;
    QList<FleetHostResult> m_results;
};

} // namespace saltant
