#pragma once

#include "lint/Lint.h"

#include <QHash>
#include <QObject>

class QDockWidget;
class QLabel;
class QListWidget;
class QMainWindow;
class QSplitter;
class QStackedWidget;

namespace saltant {

class PreviewPane;
class ProblemsPanel;
class SecretStore;
class SectionPage;

// Where everything sits in the main window: sections on the left, the section's form in the middle, the live
// preview on the right, the Problems and Server Checks docks below, keychain state and problem counts in the status
// bar. Knows which section is shown and remembers the arrangement (QSettings); holds no project data.
class WindowLayout : public QObject
{
    Q_OBJECT

public:
    // Builds the widgets into window (its central widget, docks and status bar).
    explicit WindowLayout(QMainWindow* window);

    QStackedWidget* stack() const { return m_stack; }
    const QHash<QString, SectionPage*>& pages() const { return m_pages; }
    SectionPage* page(const QString& sectionId) const { return m_pages.value(sectionId); }
    PreviewPane* preview() const { return m_preview; }
    ProblemsPanel* problems() const { return m_problems; }
    QDockWidget* checksDock() const { return m_checksDock; }
    // The Server Checks panel (a ChecksPanel of the deploy module, ui/window/RemoteModule.h), created when its dock is
    // first shown or a deploy needs it: null and error when the module cannot be loaded (the dock then says why).
    QWidget* ensureChecks(QString* error);
    // The panel once created, else null.
    QWidget* checks() const { return m_checks; }
    // Where the panel reads secrets from; kept until the panel exists.
    void setChecksSecretStore(SecretStore* store);
    QLabel* keychainState() const { return m_keychain; }
    QLabel* problemCounts() const { return m_counts; }

    // The section a setting or secret is edited in, or an empty string.
    static QString sectionOf(const QString& keyOrSecret);
    QString currentSection() const;
    bool showSection(const QString& sectionId);
    // Shows the section of a setting or secret and focuses its editor.
    bool goToField(const QString& keyOrSecret);

    // The issues in the Problems dock, under each field and as section icons.
    void showIssues(const QList<LintIssue>& issues);

    void restoreSettings();
    void saveSettings() const;

signals:
    // The Server Checks panel has just been created (ensureChecks()): give it the project.
    void checksCreated(QWidget* panel);

private:
    void createSections();
    void createDocks();
    void updateSectionIcons(const QList<LintIssue>& issues);

    QMainWindow* m_window;
    QSplitter* m_splitter = nullptr;
    QListWidget* m_sections = nullptr;
    QStackedWidget* m_stack = nullptr;
    QHash<QString, SectionPage*> m_pages;
    PreviewPane* m_preview = nullptr;
    ProblemsPanel* m_problems = nullptr;
    QDockWidget* m_checksDock = nullptr;
    QWidget* m_checks = nullptr;
    SecretStore* m_checksStore = nullptr;
    QLabel* m_counts = nullptr;
    QLabel* m_keychain = nullptr;
};

} // namespace saltant
