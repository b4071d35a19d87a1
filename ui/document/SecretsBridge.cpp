#include "document/SecretsBridge.h"

#include "model/Schema.h"
#include "secrets/SecretStore.h"
#include "secrets/SecretValues.h"

namespace saltant {

SecretsBridge::SecretsBridge(SecretStore* store, QObject* parent) : QObject(parent), m_store(store)
{
    connect(store, &SecretStore::finished, this, &SecretsBridge::onFinished);
    connect(store, &SecretStore::stateChanged, this, &SecretsBridge::onStateChanged);
}

void SecretsBridge::setProjectId(const QString& projectId)
{
    m_store->setProjectId(projectId);
    m_states.clear();
    m_probes.clear();
    m_lastError.clear();
    m_probed = false;
    emit statesChanged();
}

void SecretsBridge::probeAll()
{
    m_probed = true;
    for (const SecretSpec& secret : Schema::secrets()) {
        m_probes.insert(m_store->probe(secret.name));
    }
    emit statesChanged();
}

QSet<QString> SecretsBridge::storedNames() const
{
    QSet<QString> names;
    for (auto it = m_states.constBegin(); it != m_states.constEnd(); ++it) {
        if (it.value() == 1) {
            names.insert(it.key());
        }
    }
    return names;
}

bool SecretsBridge::readAll(SecretValues* values, QString* error, const QStringList& extraNames)
{
    const SecretResult result = m_store->readAll(values, extraNames);
    if (!result.ok) {
        values->wipe();
        *error = result.errorMessage;
        return false;
    }
    return true;
}

bool SecretsBridge::writeAllFor(const QString& projectId, const SecretValues& values, QStringList* written,
                                QString* error)
{
    const QString current = m_store->projectId();
    m_writingElsewhere = true;
    m_store->setProjectId(projectId);
    bool ok = true;
    for (const QString& name : values.names()) {
        const SecretResult result = m_store->writeNow(name, values.value(name));
        if (!result.ok) {
            *error = result.errorMessage;
            ok = false;
            break;
        }
        written->append(name);
    }
    m_store->setProjectId(current);
    m_writingElsewhere = false;
    return ok;
}

void SecretsBridge::onFinished(const SecretResult& result)
{
    if (!m_probes.remove(result.requestId)) {
        return;
    }
    if (!result.ok) {
        m_lastError = result.errorMessage;
    }
    m_states.insert(result.name, result.ok ? (result.stored ? 1 : 0) : -1);
    emit statesChanged();
}

void SecretsBridge::onStateChanged(const QString& name, bool stored)
{
    if (m_writingElsewhere) {
        return;
    }
    m_states.insert(name, stored ? 1 : 0);
    emit statesChanged();
}

} // namespace saltant
