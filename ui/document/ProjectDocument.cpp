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

bool ProjectDocument::setValue(const QString& key, const QVariant& value, QString* error)
{
    const std::optional<SettingKey> setting = SettingKey::parse(key, error);
    Project checked = m_project;
    if (!setting || !checked.setValue(*setting, value, error)) {
        return false;
    }
    const QVariant old = m_project.stored(*setting);
    if (old != value) {
        m_undoStack->push(new SetValueCommand(this, key, old, value, m_typingSession));
    }
    return true;
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
    // setValue() checked the new value before recording it, and the old one came from the project.
    QString error;
    const std::optional<SettingKey> setting = SettingKey::parse(key, &error);
    if (!setting || !m_project.setValue(*setting, value, &error)) {
        qWarning("ProjectDocument: %s", qPrintable(error));
        return;
    }
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
