#include "document/ProjectDocument.h"

#include "document/ApplyFixCommand.h"
#include "document/SetValueCommand.h"
#include "document/SetWorkerValueCommand.h"
#include "document/WorkerListCommand.h"
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

bool ProjectDocument::addWorker(const QString& name, QString* error)
{
    Project after = m_project;
    if (!after.addWorker(name, error)) {
        return false;
    }
    pushWorkers(tr("Add worker host %1").arg(name), after);
    return true;
}

bool ProjectDocument::duplicateWorker(const QString& name, const QString& copyName, QString* error)
{
    Project after = m_project;
    if (!after.duplicateWorker(name, copyName, error)) {
        return false;
    }
    pushWorkers(tr("Duplicate worker host %1 as %2").arg(name, copyName), after);
    return true;
}

bool ProjectDocument::renameWorker(const QString& name, const QString& newName, QString* error)
{
    Project after = m_project;
    if (!after.renameWorker(name, newName, error)) {
        return false;
    }
    if (after != m_project) {
        pushWorkers(tr("Rename worker host %1 to %2").arg(name, newName), after);
    }
    return true;
}

bool ProjectDocument::removeWorker(const QString& name, QString* error)
{
    Project after = m_project;
    if (!after.removeWorker(name, error)) {
        return false;
    }
    pushWorkers(tr("Remove worker host %1").arg(name), after);
    return true;
}

bool ProjectDocument::moveWorker(int from, int to, QString* error)
{
    Project after = m_project;
    if (!after.moveWorker(from, to)) {
        if (error) {
            *error = tr("Cannot move the worker host at position %1 to position %2: the list has positions 1 to %3.")
                         .arg(from + 1)
                         .arg(to + 1)
                         .arg(m_project.workers().size());
        }
        return false;
    }
    if (from != to) {
        pushWorkers(tr("Move worker host %1").arg(m_project.workers().at(from).name), after);
    }
    return true;
}

bool ProjectDocument::setWorkerValue(const QString& name, const QString& key, const QVariant& value, QString* error)
{
    const std::optional<SettingKey> setting = SettingKey::parse(key, error);
    Project checked = m_project;
    if (!setting || !checked.setWorkerValue(name, *setting, value, error)) {
        return false;
    }
    const QVariant old = m_project.worker(name)->overrides.value(key);
    const QVariant stored = checked.worker(name)->overrides.value(key);
    if (old != stored) {
        m_undoStack->push(new SetWorkerValueCommand(this, name, key, old, stored, m_typingSession));
    }
    return true;
}

bool ProjectDocument::clearWorkerValue(const QString& name, const QString& key, QString* error)
{
    const std::optional<SettingKey> setting = SettingKey::parse(key, error);
    Project checked = m_project;
    if (!setting || !checked.clearWorkerValue(name, *setting, error)) {
        return false;
    }
    const QVariant old = m_project.worker(name)->overrides.value(key);
    if (old.isValid()) {
        finishTyping();
        m_undoStack->push(new SetWorkerValueCommand(this, name, key, old, QVariant(), m_typingSession));
        finishTyping();
    }
    return true;
}

void ProjectDocument::pushWorkers(const QString& text, const Project& after)
{
    finishTyping();
    m_undoStack->push(new WorkerListCommand(this, text, m_project, after));
}

void ProjectDocument::newFromExample()
{
    Project project = Project::example();
    project.setProjectId(ProjectFile::newProjectId());
    replace(project, QString());
}

void ProjectDocument::newFromProject(const Project& project)
{
    replace(project, QString());
    m_undoStack->resetClean();
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

void ProjectDocument::writeWorkerValue(const QString& name, const QString& key, const QVariant& value)
{
    // setWorkerValue() checked the new value before recording it, and the old one came from the project.
    QString error;
    const std::optional<SettingKey> setting = SettingKey::parse(key, &error);
    const bool written = setting && (value.isValid() ? m_project.setWorkerValue(name, *setting, value, &error)
                                                     : m_project.clearWorkerValue(name, *setting, &error));
    if (!written) {
        qWarning("ProjectDocument: %s", qPrintable(error));
        return;
    }
    emit workerChanged(name, key);
}

void ProjectDocument::writeWorkers(const Project& project)
{
    m_project = project;
    emit workersChanged();
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
