#pragma once

#include "forms/SectionPage.h"

#include <QMainWindow>
#include <functional>

class AfterFirstPaint;

namespace saltant {

class PreviewPane;
class ProblemsPanel;
class ProjectAnalyzer;
class ProjectDocument;
class ProjectFileCommands;
class SecretStore;
class SecretsPresenter;
class WindowActions;
class WindowLayout;

// Sections on the left, the section's form in the middle, the live preview on the right, the Problems dock below.
// Owns the document and wires it to the parts of the window: WindowLayout (where the widgets sit), WindowActions
// (menus), ProjectFileCommands (new/open/save) and SecretsPresenter (the keychain). Widgets only forward edits to
// the document and redraw from its signals.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    ProjectDocument* document() const { return m_document; }
    ProjectAnalyzer* analyzer() const { return m_analyzer; }
    PreviewPane* previewPane() const;
    ProblemsPanel* problemsPanel() const;
    // A section's form is built when the section is first shown, else in the background after the first paint
    // (one section per turn of the event loop); until then the page is empty (SectionPage::ensureBuilt()).
    SectionPage* page(const QString& sectionId) const;
    QString currentSection() const;
    // Builds every section's form now.
    void ensureAllSectionsBuilt();

    // Connects the keychain (not owned): secret states in the forms and lints, and "Reveal secrets" in the preview.
    void setSecretStore(SecretStore* store);
    // The Server Checks panel (a ChecksPanel), created now when it was not yet: null and error when the deploy
    // module cannot be loaded (ui/window/RemoteModule.h).
    QWidget* checksPanel(QString* error) const;

    // Opens the last project when it still exists, else a new project from the built-in example.
    void startSession();
    // The first analysis (render, lints, preview) runs once the window has been painted, before the keychain and
    // the hidden forms: the window shows sooner and fills its preview on the next turn of the event loop.
    void analyseAfterFirstPaint();
    // Runs open (which connects a secret store, setSecretStore()) once the window has been painted, just before the
    // secrets are first read and after the first analysis; at once when that time has passed.
    void openKeychainAfterFirstPaint(const std::function<void()>& open);

public slots:
    bool showSection(const QString& sectionId);
    // Shows the section of a setting or secret and focuses its editor.
    bool goToField(const QString& keyOrSecret);
    void newProject();
    void open();
    bool openFile(const QString& path);
    bool save();
    bool saveAs();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void connectPages();
    void connectDocument();
    void reloadForms();
    void reloadField(const QString& key);
    void onAnalyzed();
    void updateTitle();

    ProjectDocument* m_document;
    ProjectAnalyzer* m_analyzer;
    WindowLayout* m_layout;
    ProjectFileCommands* m_files;
    SecretsPresenter* m_secrets;
    WindowActions* m_actions;
    AfterFirstPaint* m_afterPaint = nullptr;
    std::function<void()> m_openKeychain; // openKeychainAfterFirstPaint()
    bool m_secretsStarted = false;
};

} // namespace saltant
