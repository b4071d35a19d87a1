#pragma once

#include "secrets/KeychainPreflight.h"
#include "secrets/SecretStore.h"

#include <QSettings>
#include <memory>

namespace QKeychain {
class Job;
}

namespace saltant {

// The OS keychain through QtKeychain: service "saltant-deploy", key "<projectId>:<secret name>".
//
// Before the first request reaches QtKeychain, KeychainPreflight::beforeUse() checks for a session bus and a
// running keychain and refuses the KWallet path without kwalletd (QtKeychain's plain-text fallback lives there).
// Every job runs with insecureFallback off and a QSettings below /dev/null, so even a fallback cannot write.
// A request that fails with NoBackendAvailable is retried once after half a second (a desktop's keychain may
// still be starting). Errors reach the caller as SecretResult messages from KeychainPreflight.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(const QString& projectId, QObject* parent = nullptr);
    ~KeychainSecretStore() override;

protected:
    void start(quint64 requestId, SecretOperation operation, const QString& key, const QString& value) override;

private:
    struct Request
    {
        quint64 id = 0;
        SecretOperation operation = SecretOperation::Read;
        QString key;
        QString value;
        bool retried = false;
    };

    void startJob(const std::shared_ptr<Request>& request);
    void jobFinished(const std::shared_ptr<Request>& request, QKeychain::Job* job);
    void finishLater(const SecretResult& result);

    std::unique_ptr<QSettings> m_noPlainText;
    bool m_preflightPassed = false;
    KeychainPreflight::Backend m_backend = KeychainPreflight::Backend::SecretService;
};

} // namespace saltant
