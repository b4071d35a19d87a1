#include "window/ProjectFileCommands.h"

#include "common/FileDialog.h"
#include "common/MessageBox.h"
#include "document/ProjectDocument.h"
#include "window/RecentFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMainWindow>
#include <QStatusBar>

namespace saltant {
namespace {

QString projectFilter()
{
    return ProjectFileCommands::tr("Saltant projects (*.saltant.json);;JSON files (*.json);;All files (*)");
}

} // namespace

ProjectFileCommands::ProjectFileCommands(ProjectDocument* document, QMainWindow* window)
    : QObject(window), m_document(document), m_window(window)
{}

void ProjectFileCommands::setRecentMenu(QMenu* menu)
{
    m_recent = new RecentFiles(menu, this);
    connect(m_recent, &RecentFiles::openRequested, this, [this](const QString& path) {
        if (maybeSave()) {
            openFile(path);
        }
    });
}

void ProjectFileCommands::startSession()
{
    const QStringList recent = m_recent ? m_recent->files() : QStringList();
    if (!recent.isEmpty() && QFileInfo::exists(recent.first()) && openFile(recent.first())) {
        return;
    }
    m_document->newFromExample();
}

void ProjectFileCommands::newProject()
{
    if (maybeSave()) {
        m_document->newFromExample();
    }
}

void ProjectFileCommands::openNew(const Project& project, const QString& origin)
{
    m_document->newFromProject(project);
    m_window->statusBar()->showMessage(tr("Imported from %1; save the project to keep it.").arg(origin), 8000);
}

void ProjectFileCommands::open()
{
    if (!maybeSave()) {
        return;
    }
    const QString path = FileDialog::getOpenFileName(m_window, tr("Open Project"), QString(), projectFilter());
    if (!path.isEmpty()) {
        openFile(path);
    }
}

bool ProjectFileCommands::openFile(const QString& path)
{
    QString error;
    if (!m_document->load(path, &error)) {
        MessageBox::warning(m_window, tr("Cannot Open Project"), error);
        return false;
    }
    if (m_recent) {
        m_recent->add(path);
    }
    m_window->statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

bool ProjectFileCommands::save()
{
    if (m_document->filePath().isEmpty()) {
        return saveAs();
    }
    return saveTo(m_document->filePath());
}

bool ProjectFileCommands::saveAs()
{
    QString path = FileDialog::getSaveFileName(m_window, tr("Save Project"), m_document->filePath(), projectFilter());
    if (path.isEmpty()) {
        return false;
    }
    if (!path.endsWith(QLatin1String(".json"))) {
        path += QStringLiteral(".saltant.json");
    }
    return saveTo(path);
}

bool ProjectFileCommands::saveTo(const QString& path)
{
    QString error;
    if (!m_document->save(path, &error)) {
        MessageBox::warning(m_window, tr("Cannot Save Project"), error);
        return false;
    }
    if (m_recent) {
        m_recent->add(path);
    }
    m_window->statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

bool ProjectFileCommands::maybeSave()
{
    if (!m_document->isDirty()) {
        return true;
    }
    const auto answer =
        MessageBox::question(m_window, tr("Unsaved Changes"),
                             tr("%1 has unsaved changes. Save them before continuing?").arg(m_document->displayName()),
                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) {
        return save();
    }
    return answer == QMessageBox::Discard;
}

} // namespace saltant
