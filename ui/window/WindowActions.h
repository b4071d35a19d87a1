#pragma once

#include <QObject>

class QAction;
class QKeySequence;
class QMainWindow;
class QMenu;

namespace saltant {

class ProjectDocument;
class ProjectFileCommands;
class RemoteModule;
class SecretsPresenter;
class WindowLayout;

// The menus, the toolbar and their actions (objectName "action..."): File (project-file commands), Edit (undo and
// redo), View (docks), Server (deploy) and Help. Each action only starts the command of the object that owns it.
class WindowActions : public QObject
{
    Q_OBJECT

public:
    WindowActions(QMainWindow* window, ProjectDocument* document, WindowLayout* layout, ProjectFileCommands* files,
                  SecretsPresenter* secrets);

private:
    QAction* add(QMenu* menu, const QString& name, const QString& text, const QKeySequence& shortcut);
    void createFileMenu(ProjectFileCommands* files, SecretsPresenter* secrets);
    void importFromServer(ProjectFileCommands* files, SecretsPresenter* secrets);
    void createEditMenu(ProjectDocument* document);
    void createViewMenu(WindowLayout* layout);
    void createServerMenu(ProjectDocument* document, WindowLayout* layout, SecretsPresenter* secrets);
    void createHelpMenu();
    void showAbout();
    // The deploy module (RemoteModule::load()), or null after telling the user why, in a message titled title.
    RemoteModule* remoteModule(const QString& title);

    QMainWindow* m_window;
    QAction* m_exportAnsible = nullptr; // File > Export > Ansible…, wired where the secrets are (createServerMenu)
    QAction* m_history = nullptr;       // Server > Deploy History…
};

} // namespace saltant
