#include "secrets/KeychainSecretStore.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

namespace saltant {

KeychainSecretStore::KeychainSecretStore(const QString& projectId, QObject* parent)
    : SecretStore(projectId, parent),
      m_noPlainText(std::make_unique<QSettings>(KeychainPreflight::noPlainTextSettingsPath(), QSettings::IniFormat))
{}

KeychainSecretStore::~KeychainSecretStore() = default;

void KeychainSecretStore::start(quint64 requestId, SecretOperation operation, const QString& key, const QString& value)
{
    if (!m_preflightPassed) {
        const KeychainDiagnosis diagnosis = KeychainPreflight::beforeUse(&m_backend);
        if (!diagnosis.ok()) {
            SecretResult result;
            result.requestId = requestId;
            result.operation = operation;
            result.errorKind = diagnosis.kind;
            result.errorMessage = diagnosis.message;
            finishLater(result);
            return;
        }
        m_preflightPassed = true;
    }
    auto request = std::make_shared<Request>();
    request->id = requestId;
    request->operation = operation;
    request->key = key;
    request->value = value;
    startJob(request);
}

void KeychainSecretStore::startJob(const std::shared_ptr<Request>& request)
{
    QKeychain::Job* job = nullptr;
    switch (request->operation) {
    case SecretOperation::Read:
    case SecretOperation::Probe:
        job = new QKeychain::ReadPasswordJob(serviceName(), this);
        break;
    case SecretOperation::Write: {
        auto* write = new QKeychain::WritePasswordJob(serviceName(), this);
        write->setTextData(request->value);
        job = write;
        break;
    }
    case SecretOperation::Remove:
        job = new QKeychain::DeletePasswordJob(serviceName(), this);
        break;
    }
    job->setKey(request->key);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setSettings(m_noPlainText.get());
    connect(job, &QKeychain::Job::finished, this,
            [this, request](QKeychain::Job* finished) { jobFinished(request, finished); });
    job->start();
}

void KeychainSecretStore::jobFinished(const std::shared_ptr<Request>& request, QKeychain::Job* job)
{
    const int code = job->error();
    if (code == QKeychain::NoBackendAvailable && !request->retried) {
        request->retried = true;
        QTimer::singleShot(500, this, [this, request]() { startJob(request); });
        return;
    }
    SecretResult result;
    result.requestId = request->id;
    result.operation = request->operation;
    KeychainDiagnosis diagnosis = KeychainPreflight::fromKeychainError(code, job->errorString(), m_backend);
    const bool secretService = m_backend == KeychainPreflight::Backend::SecretService;
    // A locked gnome-keyring answers lookups with "not found" and removals with success: ask it.
    if (secretService && (diagnosis.kind == SecretErrorKind::NotFound ||
                          (diagnosis.ok() && request->operation == SecretOperation::Remove))) {
        const KeychainDiagnosis keyring = KeychainPreflight::secretServiceKeyring();
        if (!keyring.ok()) {
            diagnosis = keyring;
        }
    }
    result.ok = diagnosis.ok();
    result.errorKind = diagnosis.kind;
    result.errorMessage = diagnosis.message;
    if (result.ok && request->operation == SecretOperation::Read) {
        result.value = static_cast<QKeychain::ReadPasswordJob*>(job)->textData();
    }
    request->value.fill(QChar(0));
    request->value.clear();
    complete(result);
}

void KeychainSecretStore::finishLater(const SecretResult& result)
{
    QMetaObject::invokeMethod(
        this, [this, result]() { complete(result); }, Qt::QueuedConnection);
}

} // namespace saltant
