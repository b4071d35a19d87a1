#pragma once

#include "lint/Lint.h"
#include "model/Project.h"

#include <QObject>
#include <QString>
#include <QVariant>

class QUndoStack;

namespace saltant {

// The open project: its settings, where it is saved and its undo history. Every edit goes through a QUndoCommand on
// undoStack(); views listen to changed() and reset() and never write the project themselves.
class ProjectDocument : public QObject
{
    Q_OBJECT

public:
    explicit ProjectDocument(QObject* parent = nullptr);

    const Project& project() const { return m_project; }
    QUndoStack* undoStack() const { return m_undoStack; }
    QString filePath() const { return m_filePath; }
    // The file name, or "Untitled" for a project never saved.
    QString displayName() const;
    bool isDirty() const;

    // Undoable edits. Consecutive setValue() calls on one key merge into one command until finishTyping(). A value
    // the project refuses (see Project::setValue) is not recorded: false and error.
    bool setValue(const QString& key, const QVariant& value, QString* error = nullptr);
    void finishTyping();
    bool applyFix(const LintFix& fix, QString* error = nullptr);

    // Worker hosts, each change one undoable step. A name or move the project refuses (Project::addWorker, ...)
    // changes nothing: false and error.
    bool addWorker(const QString& name, QString* error = nullptr);
    bool duplicateWorker(const QString& name, const QString& copyName, QString* error = nullptr);
    bool renameWorker(const QString& name, const QString& newName, QString* error = nullptr);
    bool removeWorker(const QString& name, QString* error = nullptr);
    bool moveWorker(int from, int to, QString* error = nullptr);
    // Host name's own value of key (only WorkerHost::isOverridable() settings). Consecutive edits of one host's
    // setting merge like setValue() until finishTyping().
    bool setWorkerValue(const QString& name, const QString& key, const QVariant& value, QString* error = nullptr);
    // Host name follows the shared value of key again (nothing is recorded when it already does).
    bool clearWorkerValue(const QString& name, const QString& key, QString* error = nullptr);

    // Replace the whole project; these clear the undo history.
    void newFromExample();
    // project as a new document never saved (an import): unsaved changes from the start, so closing asks to save it.
    void newFromProject(const Project& project);
    bool load(const QString& path, QString* error);
    bool save(const QString& path, QString* error);

    // For the undo commands only: stores value without recording it.
    void writeValue(const QString& key, const QVariant& value);
    // For the undo commands only: replaces every setting at once (a fix may touch several).
    void writeProject(const Project& project, const QStringList& changedKeys);
    // For the undo commands only: host name's own value of key, or (an invalid value) the shared one again.
    void writeWorkerValue(const QString& name, const QString& key, const QVariant& value);
    // For the undo commands only: the project with another list of worker hosts.
    void writeWorkers(const Project& project);

signals:
    void changed(const QString& key);
    // Worker hosts were added, removed, renamed or moved (edits, undo and redo).
    void workersChanged();
    // Host name's own value of key was set, changed or cleared.
    void workerChanged(const QString& name, const QString& key);
    void reset();
    void filePathChanged(const QString& path);
    void dirtyChanged(bool dirty);

private:
    void replace(const Project& project, const QString& path);
    // Records the hosts of after as one step named text.
    void pushWorkers(const QString& text, const Project& after);

    Project m_project;
    QString m_filePath;
    QUndoStack* m_undoStack;
    quint64 m_typingSession = 0;
};

} // namespace saltant
