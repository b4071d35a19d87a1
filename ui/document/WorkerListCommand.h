#pragma once

#include "model/Project.h"

#include <QUndoCommand>

namespace saltant {

class ProjectDocument;

// A change of the list of worker hosts (add, duplicate, rename, remove, move): the project before and after it.
class WorkerListCommand : public QUndoCommand
{
public:
    WorkerListCommand(ProjectDocument* document, const QString& text, const Project& before, const Project& after);

    void undo() override;
    void redo() override;

private:
    ProjectDocument* m_document;
    Project m_before;
    Project m_after;
};

} // namespace saltant
