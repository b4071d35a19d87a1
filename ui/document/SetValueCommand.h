#pragma once

#include <QString>
#include <QUndoCommand>
#include <QVariant>

namespace saltant {

class ProjectDocument;

// One edit of one setting. Keystrokes in the same field merge into one command while the field keeps the focus
// (same typing session), so undo takes back a whole word rather than a letter.
class SetValueCommand : public QUndoCommand
{
public:
    static constexpr int Id = 0x5a17;

    SetValueCommand(ProjectDocument* document, const QString& key, const QVariant& oldValue, const QVariant& newValue,
                    quint64 typingSession);

    int id() const override { return Id; }
    bool mergeWith(const QUndoCommand* other) override;
    void undo() override;
    void redo() override;

    QString key() const { return m_key; }

private:
    ProjectDocument* m_document;
    QString m_key;
    QVariant m_oldValue;
    QVariant m_newValue;
    quint64 m_typingSession;
};

} // namespace saltant
