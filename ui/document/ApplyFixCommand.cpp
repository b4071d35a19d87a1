#include "document/ApplyFixCommand.h"

#include "document/ProjectDocument.h"

namespace saltant {

ApplyFixCommand::ApplyFixCommand(ProjectDocument* document, const QString& description, const Project& before,
                                 const Project& after, const QStringList& keys)
    : m_document(document), m_before(before), m_after(after), m_keys(keys)
{
    setText(description);
}

void ApplyFixCommand::undo()
{
    m_document->writeProject(m_before, m_keys);
}

void ApplyFixCommand::redo()
{
    m_document->writeProject(m_after, m_keys);
}

} // namespace saltant
