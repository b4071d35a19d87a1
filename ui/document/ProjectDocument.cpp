#include "document/ProjectDocument.h"

#include "document/ApplyFixCommand.h"
#include "document/SetValueCommand.h"
#include "model/ProjectFile.h"

#include <QFileInfo>
#include <QUndoStack>

namespace saltant {

ProjectDocument::ProjectDocument(QObject* parent)
    : QObject(parent), m_project(Project::example()), m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { emit dirtyChanged(!clean); });
}

QString ProjectDocument::displayName() const
{
    return m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).fileName();
}

bool ProjectDocument::isDirty() const
{
    return !m_undoStack->isClean();
}

void ProjectDocument::setValue(const QString& key, const QVariant& value)
{
    const QVariant old = m_project.stored(key);
    if (old == value) {
        return;
    }
    m_undoStack->push(new SetValueCommand(this, key, old, value, m_typingSession));
}

void ProjectDocument::finishTyping()
{
    ++m_typingSession;
}

bool ProjectDocument::applyFix(const LintFix& fix, QString* error)
{
    Project after = m_project;
    if (!Linter::applyFix(after, fix, error)) {
        return false;
    }
    QStringList keys;
    for (const auto& change : fix.changes) {
        keys << change.first;
    }
    finishTyping();
    m_undoStack->push(new ApplyFixCommand(this, fix.description, m_project, after, keys));
    return true;
}

void ProjectDocument::newFromExample()
{
    Project project = Project::example();
    project.setProjectId(ProjectFile::newProjectId());
    replace(project, QString());
}

bool ProjectDocument::load(const QString& path, QString* error)
{
    Project project;
    if (!ProjectFile::load(path, &project, error)) {
        return false;
    }
    replace(project, path);
    return true;
}

bool ProjectDocument::save(const QString& path, QString* error)
{
    if (!ProjectFile::save(path, m_project, error)) {
        return false;
    }
    finishTyping();
    if (m_filePath != path) {
        m_filePath = path;
        emit filePathChanged(path);
    }
    m_undoStack->setClean();
    return true;
}

void ProjectDocument::writeValue(const QString& key, const QVariant& value)
{
    m_project.setValue(key, value);
    emit changed(key);
}

void ProjectDocument::writeProject(const Project& project, const QStringList& changedKeys)
{
    m_project = project;
    for (const QString& key : changedKeys) {
        emit changed(key);
    }
}

void ProjectDocument::replace(const Project& project, const QString& path)
{
    m_undoStack->clear();
    m_project = project;
    m_filePath = path;
    finishTyping();
    emit filePathChanged(path);
    emit reset();
    emit dirtyChanged(isDirty());
}

} // namespace saltant
