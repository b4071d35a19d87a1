#include "MemorySecretStore.h"

namespace saltant {

MemorySecretStore::MemorySecretStore(const QString& projectId, QObject* parent) : SecretStore(projectId, parent) {}

MemorySecretStore::~MemorySecretStore()
{
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->isDetached()) {
            it->fill(QChar(0));
        }
    }
}

void MemorySecretStore::failWith(SecretErrorKind kind, const QString& message)
{
    m_failure = kind;
    m_failureMessage = message;
}

void MemorySecretStore::clearFailure()
{
    m_failure = SecretErrorKind::None;
    m_failureMessage.clear();
}

void MemorySecretStore::start(quint64 requestId, SecretOperation operation, const QString& key, const QString& value)
{
    ++m_requests;
    SecretResult result;
    result.requestId = requestId;
    result.operation = operation;
    if (m_failure != SecretErrorKind::None) {
        result.errorKind = m_failure;
        result.errorMessage = m_failureMessage;
    } else {
        switch (operation) {
        case SecretOperation::Read:
        case SecretOperation::Probe:
            if (m_entries.contains(key)) {
                result.ok = true;
                result.value = m_entries.value(key);
            } else {
                result.errorKind = SecretErrorKind::NotFound;
            }
            break;
        case SecretOperation::Write:
            m_entries.insert(key, value);
            result.ok = true;
            break;
        case SecretOperation::Remove:
            result.ok = true;
            if (m_entries.contains(key)) {
                QString& old = m_entries[key];
                old.fill(QChar(0));
                m_entries.remove(key);
            } else {
                result.errorKind = SecretErrorKind::NotFound;
                result.ok = false;
            }
            break;
        }
    }
    QMetaObject::invokeMethod(
        this, [this, result]() { complete(result); }, Qt::QueuedConnection);
}

} // namespace saltant
