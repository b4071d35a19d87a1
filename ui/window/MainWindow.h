#pragma once

#include "forms/SectionPage.h"
#include "secrets/SecretValues.h"

#include <QHash>
#include <QMainWindow>

class AfterFirstPaint;
class QLabel;
class QListWidget;
class QSplitter;
class QStackedWidget;

namespace saltant {

class ChecksPanel;
class PreviewPane;
class ProblemsPanel;
class ProjectAnalyzer;
class ProjectDocument;
class RecentFiles;
class SecretStore;
class SecretsBridge;

// Sections on the left, the section's form in the middle, the live preview on the right, the Problems dock below.
// Owns the document; widgets only forward edits to it and redraw from its signals.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    ProjectDocument* document() const { return m_document; }
    ProjectAnalyzer* analyzer() const { return m_analyzer; }
    PreviewPane* previewPane() const { return m_preview; }
    ProblemsPanel* problemsPanel() const { return m_problems; }
    // A section's form is built when the section is first shown, else in the background after the first paint
    // (one section per turn of the event loop); until then the page is empty (SectionPage::ensureBuilt()).
    SectionPage* page(const QString& sectionId) const { return m_pages.value(sectionId); }
    QString currentSection() const;
    // Builds every section's form now.
    void ensureAllSectionsBuilt();

    // Connects the keychain (not owned): secret states in the forms and lints, and "Reveal secrets" in the preview.
    void setSecretStore(SecretStore* store);
    ChecksPanel* checksPanel() const { return m_checks; }

    // Opens the last project when it still exists, else a new project from the built-in example.
    void startSession();

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
    void createMenus();
    void createCentralWidgets();
    void connectDocument();
    void restoreSettings();
    void saveSettings() const;
    bool maybeSave();
    bool saveTo(const QString& path);
    void reloadForms();
    void onAnalyzed();
    void updateTitle();
    void updateSectionIcons();
    void showAbout();
    void updateSecretStates();
    void setSecretsProject();
    void probeSecrets();
    void refreshSecretEditors(const SectionPage* page);
    void onRevealToggled(const QString& fileId, bool on);
    void updateRevealed();

    ProjectDocument* m_document;
    ProjectAnalyzer* m_analyzer;
    RecentFiles* m_recent = nullptr;
    QSplitter* m_splitter = nullptr;
    QListWidget* m_sections = nullptr;
    QStackedWidget* m_stack = nullptr;
    QHash<QString, SectionPage*> m_pages;
    PreviewPane* m_preview = nullptr;
    ProblemsPanel* m_problems = nullptr;
    QLabel* m_counts = nullptr;
    QLabel* m_keychain = nullptr;
    ChecksPanel* m_checks = nullptr;
    SecretsBridge* m_secrets = nullptr;
    SecretValues m_revealedValues;
    QString m_revealedFile;
    AfterFirstPaint* m_afterPaint = nullptr;
    bool m_started = false; // the first paint is over: the keychain may be probed
};

} // namespace saltant
