#include "model/Project.h"

#include <QSet>

// Project's worker hosts: the list, the overrides, the settings in effect on one host and their problems.

namespace saltant {

const WorkerHost* Project::worker(const QString& name) const
{
    for (const WorkerHost& host : m_workers) {
        if (host.name == name) {
            return &host;
        }
    }
    return nullptr;
}

WorkerHost* Project::findWorker(const QString& name, QString* error)
{
    for (WorkerHost& host : m_workers) {
        if (host.name == name) {
            return &host;
        }
    }
    if (error) {
        QStringList names;
        for (const WorkerHost& host : m_workers) {
            names << host.name;
        }
        *error = names.isEmpty() ? tr("There is no worker host \"%1\"; the project has none yet (add one with "
                                      "`saltant-deploy-cli worker add`).")
                                       .arg(name.left(64))
                                 : tr("There is no worker host \"%1\"; the project has: %2.")
                                       .arg(name.left(64), names.join(QStringLiteral(", ")));
    }
    return nullptr;
}

bool Project::addWorker(const QString& name, QString* error)
{
    if (!WorkerHost::checkName(name, error)) {
        return false;
    }
    if (worker(name)) {
        if (error) {
            *error = tr("There is already a worker host named \"%1\"; choose another name.").arg(name);
        }
        return false;
    }
    m_workers.append(WorkerHost{name, {}});
    return true;
}

bool Project::removeWorker(const QString& name, QString* error)
{
    if (!findWorker(name, error)) {
        return false;
    }
    m_workers.removeIf([&](const WorkerHost& host) { return host.name == name; });
    return true;
}

bool Project::duplicateWorker(const QString& name, const QString& copyName, QString* error)
{
    const WorkerHost* source = findWorker(name, error);
    if (!source) {
        return false;
    }
    const WorkerHost copy{copyName, source->overrides};
    const qsizetype at = source - m_workers.constData();
    if (!addWorker(copyName, error)) {
        return false;
    }
    m_workers.removeLast();
    m_workers.insert(at + 1, copy);
    return true;
}

bool Project::renameWorker(const QString& name, const QString& newName, QString* error)
{
    WorkerHost* host = findWorker(name, error);
    if (!host || name == newName) {
        return host != nullptr;
    }
    if (!WorkerHost::checkName(newName, error)) {
        return false;
    }
    if (worker(newName)) {
        if (error) {
            *error = tr("There is already a worker host named \"%1\"; choose another name.").arg(newName);
        }
        return false;
    }
    host->name = newName;
    return true;
}

bool Project::moveWorker(int from, int to)
{
    if (from < 0 || to < 0 || from >= m_workers.size() || to >= m_workers.size()) {
        return false;
    }
    m_workers.move(from, to);
    return true;
}

bool Project::setWorkerValue(const QString& name, SettingKey key, const QVariant& value, QString* error)
{
    WorkerHost* host = findWorker(name, error);
    if (!host) {
        return false;
    }
    if (!WorkerHost::isOverridable(key)) {
        if (error) {
            *error = tr("%1 is the same on every host; a worker host may set only ssh.*, workers.* and worker.* "
                        "settings of its own.")
                         .arg(key);
        }
        return false;
    }
    // setValue() holds the one set of type rules; a scratch project applies them.
    Project scratch;
    if (!scratch.setValue(key, value, error)) {
        return false;
    }
    host->overrides.insert(key, scratch.m_values.value(key));
    return true;
}

bool Project::setWorkerFromString(const QString& name, SettingKey key, const QString& text, QString* error)
{
    Project scratch;
    if (!findWorker(name, error) || !scratch.setFromString(key, text, error)) {
        return false;
    }
    return setWorkerValue(name, key, scratch.m_values.value(key), error);
}

bool Project::clearWorkerValue(const QString& name, SettingKey key, QString* error)
{
    WorkerHost* host = findWorker(name, error);
    if (!host) {
        return false;
    }
    host->overrides.remove(key);
    return true;
}

Project Project::forWorker(const QString& name) const
{
    const WorkerHost* host = worker(name);
    if (!host) {
        return Project();
    }
    Project effective = *this;
    effective.m_workers.clear();
    effective.m_hostName = name;
    for (auto it = host->overrides.constBegin(); it != host->overrides.constEnd(); ++it) {
        // Only overridable settings get into overrides (setWorkerValue), so every key names a field.
        if (const FieldSpec* spec = Schema::field(it.key())) {
            effective.m_values.insert(spec->key, it.value());
        }
    }
    return effective;
}

Project Project::withoutWorkers() const
{
    Project server = *this;
    server.m_workers.clear();
    return server;
}

QStringList Project::taskSecretNames() const
{
    QStringList names;
    QList<Project> hosts = {*this};
    for (const WorkerHost& host : m_workers) {
        hosts.append(forWorker(host.name));
    }
    for (const Project& host : hosts) {
        for (const QString& variable : host.list(Key::WorkersSecretEnv)) {
            const QString name = WorkerHost::taskSecretName(variable);
            if (!names.contains(name)) {
                names << name;
            }
        }
    }
    return names;
}

QList<FieldProblem> Project::workerSettingProblems(const QString& keyPrefix, const QString& messagePrefix) const
{
    QList<FieldProblem> problems;
    if (isWorker() && list(Key::WorkersQueues).isEmpty()) {
        problems.append({keyPrefix + Key::WorkersQueues,
                         messagePrefix + tr("Queues: name at least one queue for the worker to consume.")});
    }
    if (isWorker() && text(Key::WorkersLogShipping) == QLatin1String("s3")) {
        if (text(Key::WorkersLogBucket).isEmpty()) {
            problems.append({keyPrefix + Key::WorkersLogBucket,
                             messagePrefix + tr("Log bucket: log shipping to S3 needs a bucket (or the server's AWS "
                                                "logs bucket in Monitoring).")});
        }
        if (text(Key::AwsAccessKeyId).isEmpty()) {
            problems.append({keyPrefix + Key::WorkersLogShipping,
                             messagePrefix + tr("Log shipping: S3 needs the AWS access key id (Monitoring section) "
                                                "and its secret key in the keychain.")});
        }
    }
    QSet<QString> seen;
    for (const QString& entry : list(Key::WorkersExtraEnv)) {
        const QString name = entry.section(QLatin1Char('='), 0, 0);
        if (WorkerHost::generatedEnvNames().contains(name)) {
            problems.append({keyPrefix + Key::WorkersExtraEnv,
                             messagePrefix + tr("Task environment: %1 is written by the worker's .env itself; set it "
                                                "through its own setting instead.")
                                                 .arg(name)});
        } else if (seen.contains(name)) {
            problems.append({keyPrefix + Key::WorkersExtraEnv,
                             messagePrefix + tr("Task environment: %1 is set twice; keep one entry.").arg(name)});
        }
        seen.insert(name);
    }
    for (const QString& name : list(Key::WorkersSecretEnv)) {
        if (WorkerHost::generatedEnvNames().contains(name) || seen.contains(name)) {
            problems.append({keyPrefix + Key::WorkersSecretEnv,
                             messagePrefix + tr("Secret task variables: %1 is already set by the .env or the task "
                                                "environment; name each variable once.")
                                                 .arg(name)});
        }
        seen.insert(name);
    }
    return problems;
}

QList<FieldProblem> Project::hostProblems(const WorkerHost& host) const
{
    QList<FieldProblem> problems;
    const QString key = QStringLiteral("workers.") + host.name;
    const QString prefix = tr("Worker %1: ").arg(host.name);
    QString nameError;
    if (!WorkerHost::checkName(host.name, &nameError)) {
        problems.append({key, nameError});
        return problems;
    }
    const Project effective = forWorker(host.name);
    if (!host.overrides.contains(Key::SshHost)) {
        problems.append({key + QLatin1Char('.') + Key::SshHost,
                         prefix + tr("SSH host: required; the worker is another machine than the server.")});
    } else if (effective.text(Key::SshHost).compare(text(Key::SshHost), Qt::CaseInsensitive) == 0 &&
               effective.integer(Key::SshPort) == integer(Key::SshPort)) {
        problems.append({key + QLatin1Char('.') + Key::SshHost,
                         prefix + tr("SSH host: %1 port %2 is the web server's own SSH target; a worker host is "
                                     "another machine (or another port).")
                                      .arg(effective.text(Key::SshHost))
                                      .arg(effective.integer(Key::SshPort))});
    }
    for (const FieldSpec& f : Schema::fields()) {
        if (!host.overrides.contains(f.key)) {
            continue;
        }
        const QString message = effective.validateField(f.key);
        if (!message.isEmpty()) {
            problems.append({key + QLatin1Char('.') + f.key, prefix + message});
        }
    }
    // The shared task environment is reported once, as the project's own problem.
    const bool ownEnvironment =
        host.overrides.contains(Key::WorkersExtraEnv) || host.overrides.contains(Key::WorkersSecretEnv);
    for (const FieldProblem& p : effective.workerSettingProblems(key + QLatin1Char('.'), prefix)) {
        const bool environment =
            p.key.endsWith(Key::WorkersExtraEnv.name()) || p.key.endsWith(Key::WorkersSecretEnv.name());
        if (ownEnvironment || !environment) {
            problems.append(p);
        }
    }
    return problems;
}

} // namespace saltant
