#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace saltant {

class SecretStore;
class SecretValues;
struct SecretResult;

// What the window knows about the keychain: which of the project's secrets are stored (probed asynchronously when
// the project changes, updated when a secret is written or removed), and reading them for an explicit reveal. Never
// keeps a value.
class SecretsBridge : public QObject
{
    Q_OBJECT

public:
    SecretsBridge(SecretStore* store, QObject* parent = nullptr);

    SecretStore* store() const { return m_store; }
    // Scopes the store to the project; every state is unknown until probeAll().
    void setProjectId(const QString& projectId);
    // Probes every secret of Schema::secrets() (asynchronously: statesChanged() follows each answer).
    void probeAll();
    // probeAll() has been called since the last setProjectId().
    bool hasProbed() const { return m_probed; }

    // name -> 1 stored, 0 not stored, -1 not known (not probed yet, or the keychain failed).
    QHash<QString, int> states() const { return m_states; }
    QSet<QString> storedNames() const;
    // Why the keychain could not be asked, or an empty string.
    QString lastError() const { return m_lastError; }

    // Reads every stored secret of the schema and extraNames (the project's Project::taskSecretNames()); may wait
    // for a keychain unlock prompt. On failure error says why.
    bool readAll(SecretValues* values, QString* error, const QStringList& extraNames = {});
    // Writes every value under another project's id (an imported project, before it is opened), one after the
    // other, waiting for each; this project's states stay as they are. written names what was stored; on the first
    // failure false and error says why.
    bool writeAllFor(const QString& projectId, const SecretValues& values, QStringList* written, QString* error);

signals:
    void statesChanged();

private:
    void onFinished(const SecretResult& result);
    void onStateChanged(const QString& name, bool stored);

    SecretStore* m_store;
    QHash<QString, int> m_states;
    QSet<quint64> m_probes;
    QString m_lastError;
    bool m_probed = false;
    bool m_writingElsewhere = false; // writeAllFor(): state changes are another project's
};

} // namespace saltant
