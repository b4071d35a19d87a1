#include "document/SetWorkerValueCommand.h"

#include "document/ProjectDocument.h"
#include "model/Schema.h"

#include <QCoreApplication>

namespace saltant {

SetWorkerValueCommand::SetWorkerValueCommand(ProjectDocument* document, const QString& host, const QString& key,
                                             const QVariant& oldValue, const QVariant& newValue, quint64 typingSession)
    : m_document(document), m_host(host), m_key(key), m_oldValue(oldValue), m_newValue(newValue),
      m_typingSession(typingSession)
{
    const FieldSpec* spec = Schema::field(key);
    const QString label = spec ? spec->displayLabel() : key;
    setText(newValue.isValid()
                ? QCoreApplication::translate("SetWorkerValueCommand", "Change %1 of %2").arg(label, host)
                : QCoreApplication::translate("SetWorkerValueCommand", "Use the shared %1 on %2").arg(label, host));
}

bool SetWorkerValueCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const SetWorkerValueCommand*>(other);
    if (next->m_host != m_host || next->m_key != m_key || next->m_typingSession != m_typingSession ||
        !next->m_newValue.isValid()) {
        return false;
    }
    m_newValue = next->m_newValue;
    setObsolete(m_newValue == m_oldValue);
    return true;
}

void SetWorkerValueCommand::undo()
{
    m_document->writeWorkerValue(m_host, m_key, m_oldValue);
}

void SetWorkerValueCommand::redo()
{
    m_document->writeWorkerValue(m_host, m_key, m_newValue);
}

} // namespace saltant
