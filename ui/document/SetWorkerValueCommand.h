#pragma once

#include <QString>
#include <QUndoCommand>
#include <QVariant>

namespace saltant {

class ProjectDocument;

// One edit of one worker host's own setting; an invalid value stands for "follows the shared value". Keystrokes in
// the same field of the same host merge while the typing session lasts, as SetValueCommand's do.
class SetWorkerValueCommand : public QUndoCommand
{
public:
    static constexpr int Id = 0x5a18;

    SetWorkerValueCommand(ProjectDocument* document, const QString& host, const QString& key, const QVariant& oldValue,
                          const QVariant& newValue, quint64 typingSession);

    int id() const override { return Id; }
    bool mergeWith(const QUndoCommand* other) override;
    void undo() override;
    void redo() override;

private:
    ProjectDocument* m_document;
    QString m_host;
    QString m_key;
    QVariant m_oldValue;
    QVariant m_newValue;
    quint64 m_typingSession;
};

} // namespace saltant
