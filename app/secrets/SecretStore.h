#pragma once

#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

namespace saltant {

class SecretValues;

// Why a secret operation failed. errorMessage says what is missing and how to fix it; the kind lets a caller
// react without parsing text (show "not stored" for NotFound, offer a retry for Locked, ...).
enum class SecretErrorKind
{
    None,
    NotFound,         // nothing is stored under this name (reads only; probes and removes report stored = false)
    UnknownName,      // not one of Schema::secrets()
    InvalidValue,     // empty, or holds a line break or another control character
    NoSessionBus,     // no D-Bus session bus to reach a keychain on
    NoBackend,        // a session bus, but no Secret Service (gnome-keyring, KeePassXC, ...) and no KWallet on it
    NoDefaultKeyring, // the Secret Service has no default keyring (collection) to store into
    Locked,           // the keyring is locked, or its unlock prompt was dismissed
    AccessDenied,     // the keychain refused access for another reason
    Insecure,         // the only way left would write the value to disk in plain text: refused, nothing written
    Other,
};

enum class SecretOperation
{
    Read,  // fetch the value
    Probe, // is it stored? The value is wiped before the result leaves the store.
    Write,
    Remove,
};

// The outcome of one request. Holds the value only for a successful Read; the last copy of a result wipes its
// value buffer when destroyed, and wipe() does it earlier.
struct SecretResult
{
    quint64 requestId = 0;
    SecretOperation operation = SecretOperation::Read;
    QString name; // the secret's schema name, "sudo.password"
    bool ok = false;
    bool stored = false;  // after the operation: an entry exists in the keychain
    QString value;        // Read only
    QString errorMessage; // one or two sentences for a human: what is wrong and how to fix it
    SecretErrorKind errorKind = SecretErrorKind::None;

    SecretResult() = default;
    SecretResult(const SecretResult&) = default;
    SecretResult(SecretResult&&) = default;
    SecretResult& operator=(const SecretResult&) = default;
    SecretResult& operator=(SecretResult&&) = default;
    ~SecretResult() { wipe(); }

    // Overwrites the value in place when this result owns the buffer alone, then clears it.
    void wipe();
};

// The secrets of one project, kept in a keychain, scoped by project id: service "saltant-deploy", key
// "<projectId>:<secret name>" (keyFor()). Values never reach the project file or any other file.
//
// Asynchronous API (GUI): read/probe/write/remove return a request id and emit finished() exactly once for it,
// always later from the event loop, never from inside the call. A write or remove that succeeds also emits
// stateChanged().
//
// Synchronous API (CLI, deploy): the *Now() calls start a request and run a local QEventLoop until its result
// arrives. Do not call them from code that must not re-enter the event loop (a GUI slot that may be deleted).
//
// Which secrets are set: the names are the closed set Schema::secrets(), so states() probes each name in the
// keychain; the keychain is the only truth and no index is written anywhere. knownState() answers from what this
// store saw during its lifetime (probes, reads, writes, removes), for quick display.
//
// A store belongs to the thread that created it (QtKeychain jobs need that thread's event loop).
class SecretStore : public QObject
{
    Q_OBJECT

public:
    explicit SecretStore(const QString& projectId, QObject* parent = nullptr);
    ~SecretStore() override;

    static QString serviceName(); // "saltant-deploy"
    // "<projectId>:<name>", e.g. "3f0c…:sudo.password"
    static QString keyFor(const QString& projectId, const QString& name);
    // True when name is a secret of the schema or a secret task variable (taskEnv.NAME, WorkerHost::taskSecretName);
    // else false and error: "Unknown secret \"x\". Valid names: …".
    static bool checkName(const QString& name, QString* error);
    // True when value may be stored as the secret `name`; else false and error says why not (empty, line break,
    // control character, a comma in the Flower password).
    static bool checkValue(const QString& name, const QString& value, QString* error);

    QString projectId() const { return m_projectId; }
    // Later requests use the new scope; knownState() forgets what it knew.
    void setProjectId(const QString& projectId);

    quint64 read(const QString& name);
    quint64 probe(const QString& name);
    quint64 write(const QString& name, const QString& value);
    quint64 remove(const QString& name); // removing a secret that is not stored succeeds (stored = false)

    SecretResult readNow(const QString& name);
    SecretResult probeNow(const QString& name);
    SecretResult writeNow(const QString& name, const QString& value);
    SecretResult removeNow(const QString& name);

    // Probes every name of Schema::secrets() and extraNames (the project's Project::taskSecretNames()). On success
    // fills stored (name -> set?) and returns an ok result; on the first keychain failure returns it (stored is then
    // incomplete).
    SecretResult states(QHash<QString, bool>* stored, const QStringList& extraNames = {});
    // Reads every stored secret of Schema::secrets() and extraNames into values; names not stored are skipped.
    // Returns the first failure.
    SecretResult readAll(SecretValues* values, const QStringList& extraNames = {});

    // What this store last saw for name: 1 stored, 0 not stored, -1 not known yet.
    int knownState(const QString& name) const { return m_known.value(name, -1); }

signals:
    void finished(const saltant::SecretResult& result);
    void stateChanged(const QString& name, bool stored);

protected:
    // Implementations start the operation on key and call complete() exactly once, later (not from inside start).
    // For a missing entry, Read/Probe complete with errorKind NotFound; Remove completes ok.
    virtual void start(quint64 requestId, SecretOperation operation, const QString& key, const QString& value) = 0;
    // Fills in the request's name, turns NotFound into the documented per-operation outcome, wipes probe values,
    // updates knownState() and emits the signals.
    void complete(SecretResult result);

private:
    quint64 begin(SecretOperation operation, const QString& name, const QString& value);
    SecretResult wait(quint64 requestId);

    QString m_projectId;
    quint64 m_nextRequest = 1;
    QHash<quint64, QString> m_pendingNames;
    QHash<QString, int> m_known;
};

} // namespace saltant

Q_DECLARE_METATYPE(saltant::SecretResult)
