#include "document/WorkerListCommand.h"

#include "document/ProjectDocument.h"

namespace saltant {

WorkerListCommand::WorkerListCommand(ProjectDocument* document, const QString& text, const Project& before,
                                     const Project& after)
    : m_document(document), m_before(before), m_after(after)
{
    setText(text);
}

void WorkerListCommand::undo()
{
    m_document->writeWorkers(m_before);
}

void WorkerListCommand::redo()
{
    m_document->writeWorkers(m_after);
}

} // namespace saltant
