#pragma once

// Errors in app/ and ui/ (one convention; no exceptions across APIs):
// - An operation that can fail returns bool and takes a last `QString* error` (may be nullptr); on failure it sets
//   *error to one translated sentence and returns false. Project::setValue() below is the model.
// - One that produces data, or answers later (signals, threads), returns a result struct with ok (or an outcome)
//   and `QString error` (CommandResult, DeployStepReport; SecretResult::errorMessage and DeployReport::message are
//   older names for it).
// - Checks of a value follow the first rule: bool check(value, QString* error) (Validators, SecretStore).
// - A failed call is never ignored: handle it or pass its error on.
// Long-lived connections (SshSession, SshSocket, SshPrivateKey, DeployConnection) still keep the last failure in
// errorString(), as QIODevice does; new code uses the rules above.

#include "model/Schema.h"
#include "model/WorkerHost.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <functional>

namespace saltant {

// A problem with one setting's value: the field it concerns and a sentence saying what is allowed.
struct FieldProblem
{
    QString key;
    QString message;
};

// Every setting of one saltant installation: the web server, and the worker hosts that run its Celery workers on
// other machines. A plain value type: copy it, compare it, hand it to generators. Secrets are not here; the model
// only names them (Schema::secrets()).
class Project
{
    Q_DECLARE_TR_FUNCTIONS(saltant::Project)

public:
    // The guide's example (fictionaljobrunner.com, AzureDiamond, /home/ubuntu/saltant, ...).
    static Project example();

    // Settings are named by the Key:: constants (model/SettingKeys.h); text from a file or the command line becomes
    // a key through SettingKey::parse(), which names an unknown one.
    // The value stored for key (may be empty for a derived setting).
    QVariant stored(SettingKey key) const;
    // The effective value: the stored one, or the derived one when a derived setting is left empty.
    QString text(SettingKey key) const;
    int integer(SettingKey key) const;
    bool flag(SettingKey key) const;
    QStringList list(SettingKey key) const;

    // Stores a value of the right JSON/type for key. Content checks (hostname, path, ...) are validate()'s job,
    // so forms can hold what the user is typing.
    bool setValue(SettingKey key, const QVariant& value, QString* error = nullptr);
    // Parses "text" the way the CLI's --set does: booleans true/false/yes/no/on/off/1/0, integers in range,
    // choices by name, lists comma-separated.
    bool setFromString(SettingKey key, const QString& text, QString* error = nullptr);
    // The value as `settings` prints it and --set reads it.
    QString toDisplayString(SettingKey key) const;

    // Worker hosts, in the order the admin keeps them. Each holds only what differs from the shared workers.*
    // settings (its SSH target at least); forWorker() gives the settings in effect on one.
    const QList<WorkerHost>& workers() const { return m_workers; }
    const WorkerHost* worker(const QString& name) const;
    // Adds a host with no overrides; refuses an invalid or taken name.
    bool addWorker(const QString& name, QString* error = nullptr);
    bool removeWorker(const QString& name, QString* error = nullptr);
    // Adds copyName right after name with the same overrides.
    bool duplicateWorker(const QString& name, const QString& copyName, QString* error = nullptr);
    bool renameWorker(const QString& name, const QString& newName, QString* error = nullptr);
    // Moves the host at index from to index to; false when either is out of range.
    bool moveWorker(int from, int to);
    // What host `name` holds differently: only WorkerHost::isOverridable() settings, typed as setValue() wants.
    bool setWorkerValue(const QString& name, SettingKey key, const QVariant& value, QString* error = nullptr);
    bool setWorkerFromString(const QString& name, SettingKey key, const QString& text, QString* error = nullptr);
    // The host follows the shared value again.
    bool clearWorkerValue(const QString& name, SettingKey key, QString* error = nullptr);
    // The settings in effect on worker `name`: this project with the host's overrides applied, named by
    // hostName(), without worker hosts of its own. Generators given it write that worker's files.
    Project forWorker(const QString& name) const;
    // This project without its worker hosts: what the web server's own files and deploy depend on (a worker
    // host's problem does not stop the server's deploy).
    Project withoutWorkers() const;
    // The keychain names of the secret task variables of every host (workers.secretEnv, shared and per host),
    // each once: the secrets this project has beyond Schema::secrets().
    QStringList taskSecretNames() const;
    // Empty for the web server; the worker's name in a project forWorker() returned.
    QString hostName() const { return m_hostName; }
    bool isWorker() const { return !m_hostName.isEmpty(); }

    QString projectId() const { return m_projectId; }
    void setProjectId(const QString& id) { m_projectId = id; }

    // Every field whose value is not allowed, in schema order, then each worker host's problems (its key is
    // "workers.NAME" or "workers.NAME.SETTING").
    QList<FieldProblem> validate() const;
    // The same, given the fields' own problems (validateField() of each field whose message is not empty, in
    // schema order): RenderCache keeps the messages of the fields an edit cannot have changed.
    QList<FieldProblem> validate(QList<FieldProblem> fieldProblems) const;
    // How many times validate() ran in this process (tests check that one analysis validates once).
    static quint64 validations();
    QString validateField(SettingKey key) const;

    // The settings whose stored value differs from other's, each once, in no particular order; the other
    // differences (workers, host name, project id) are not looked at. Reads outside ReadLog: what RenderCache asks
    // after each keystroke, so it compares values in place and answers at once for two projects that still share
    // their values.
    QList<SettingKey> changedSettings(const Project& other) const;
    // Becomes equal to other. When other is this project one edit later, only that edit is applied, to this
    // project's own values: RenderCache keeps its copy this way, so the copy it keeps does not make other's next
    // edit copy every value (a copy shares the values until one side is edited).
    void follow(const Project& other);

    bool operator==(const Project& other) const;
    bool operator!=(const Project& other) const { return !(*this == other); }

private:
    WorkerHost* findWorker(const QString& name, QString* error);
    // Problems of the worker settings in effect here (queues, task environment); prefix names the host.
    QList<FieldProblem> workerSettingProblems(const QString& keyPrefix, const QString& messagePrefix) const;
    QList<FieldProblem> hostProblems(const WorkerHost& host) const;

    QHash<SettingKey, QVariant> m_values; // keyed by the key itself: a lookup allocates nothing
    // Each edit of m_values takes a stamp no other edit in the process has, so projects with the same stamp hold the
    // same values; changedSettings() answers from the last edit when other is this project one edit ago.
    quint64 m_stamp = 0;
    quint64 m_stampBefore = 0;
    SettingKey m_lastEdited;
    QString m_projectId;
    QList<WorkerHost> m_workers;
    QString m_hostName;
};

} // namespace saltant
