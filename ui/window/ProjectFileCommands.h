#pragma once

#include <QObject>
#include <QString>

class QMainWindow;
class QMenu;

namespace saltant {

class Project;
class ProjectDocument;
class RecentFiles;

// The File menu's commands on the project file: new from the example, open (also from Open Recent), save and save
// as, and asking about unsaved changes first. Errors are shown to the user; successes in the status bar.
class ProjectFileCommands : public QObject
{
    Q_OBJECT

public:
    ProjectFileCommands(ProjectDocument* document, QMainWindow* window);

    // Fills menu with the recent project files (owned by the File menu).
    void setRecentMenu(QMenu* menu);
    // Opens the last project when it still exists, else a new project from the built-in example.
    void startSession();

    void newProject();
    // Opens project as a new, unsaved document (File > Import from Server…); origin names where it came from.
    // Ask maybeSave() first.
    void openNew(const Project& project, const QString& origin);
    void open();
    bool openFile(const QString& path);
    bool save();
    bool saveAs();
    // Asks whether to save unsaved changes: false when the user cancels (or saving fails).
    bool maybeSave();

private:
    bool saveTo(const QString& path);

    ProjectDocument* m_document;
    QMainWindow* m_window;
    RecentFiles* m_recent = nullptr;
};

} // namespace saltant
