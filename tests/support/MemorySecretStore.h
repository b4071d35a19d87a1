#pragma once

#include "secrets/SecretStore.h"

#include <QHash>

namespace saltant {

// A SecretStore in this process's memory, for unit tests: same contract as the keychain (asynchronous results,
// scoping by project id), plus failure injection so callers' error paths can be tested.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit MemorySecretStore(const QString& projectId, QObject* parent = nullptr);
    ~MemorySecretStore() override;

    // Every later request fails with kind and message until clearFailure().
    void failWith(SecretErrorKind kind, const QString& message);
    void clearFailure();

    // The raw keychain content, key "<projectId>:<name>" -> value (tests inspect scoping).
    QStringList keys() const { return m_entries.keys(); }
    int requestCount() const { return m_requests; }

protected:
    void start(quint64 requestId, SecretOperation operation, const QString& key, const QString& value) override;

private:
    QHash<QString, QString> m_entries;
    SecretErrorKind m_failure = SecretErrorKind::None;
    QString m_failureMessage;
    int m_requests = 0;
};

} // namespace saltant
