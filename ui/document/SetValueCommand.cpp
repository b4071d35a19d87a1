#include "document/SetValueCommand.h"

#include "document/ProjectDocument.h"
#include "model/Schema.h"

#include <QCoreApplication>

namespace saltant {

SetValueCommand::SetValueCommand(ProjectDocument* document, const QString& key, const QVariant& oldValue,
                                 const QVariant& newValue, quint64 typingSession)
    : m_document(document), m_key(key), m_oldValue(oldValue), m_newValue(newValue), m_typingSession(typingSession)
{
    const FieldSpec* spec = Schema::field(key);
    const QString label = spec ? spec->displayLabel() : key;
    setText(QCoreApplication::translate("SetValueCommand", "Change %1").arg(label));
}

bool SetValueCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const SetValueCommand*>(other);
    if (next->m_key != m_key || next->m_typingSession != m_typingSession) {
        return false;
    }
    m_newValue = next->m_newValue;
    setObsolete(m_newValue == m_oldValue);
    return true;
}

void SetValueCommand::undo()
{
    m_document->writeValue(m_key, m_oldValue);
}

void SetValueCommand::redo()
{
    m_document->writeValue(m_key, m_newValue);
}

} // namespace saltant
