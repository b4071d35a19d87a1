#pragma once

#include "model/Project.h"

#include <QStringList>
#include <QUndoCommand>

namespace saltant {

class ProjectDocument;

// A lint's quick fix: every setting it changes, undone and redone as one step.
class ApplyFixCommand : public QUndoCommand
{
public:
    ApplyFixCommand(ProjectDocument* document, const QString& description, const Project& before, const Project& after,
                    const QStringList& keys);

    void undo() override;
    void redo() override;

private:
    ProjectDocument* m_document;
    Project m_before;
    Project m_after;
    QStringList m_keys;
};

} // namespace saltant
