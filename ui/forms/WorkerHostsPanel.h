#pragma once

#include "forms/SectionExtension.h"

#include <QList>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace saltant {

class ProjectDocument;
class WorkerHostForm;

// The Worker hosts section below the shared settings: the list of hosts ("workerHostList"), a name field
// ("workerNameEdit") with Add, and Duplicate, Rename, Remove, Move up, Move down ("addWorkerButton",
// "duplicateWorkerButton", ...), then the selected host's own settings (WorkerHostForm). Every change is an undoable
// edit of the document; a name the project refuses shows its reason under the name field ("workerNameError") and
// changes nothing. Redraws from the document's signals.
class WorkerHostsPanel : public SectionExtension
{
    Q_OBJECT

public:
    WorkerHostsPanel(ProjectDocument* document, QWidget* parent = nullptr);

    QString currentHost() const;
    bool selectHost(const QString& name);
    WorkerHostForm* form() const { return m_form; }

    void setIssues(const QList<LintIssue>& issues) override;
    QWidget* focusTarget(const QString& key) override;

private:
    void rebuildList();
    void showCurrentHost();
    void updateButtons();
    void updateListIcons();
    void showError(const QString& error);
    // A free name for a copy of host: gpu-1 -> gpu-2, cpu -> cpu-2.
    QString copyName(const QString& host) const;

    void add();
    void duplicate();
    void rename();
    void remove();
    void move(int by);

    ProjectDocument* m_document;
    QListWidget* m_list;
    QLineEdit* m_name;
    QLabel* m_error;
    QLabel* m_empty;
    QPushButton* m_add;
    QPushButton* m_duplicate;
    QPushButton* m_rename;
    QPushButton* m_remove;
    QPushButton* m_up;
    QPushButton* m_down;
    WorkerHostForm* m_form;
    QString m_shownHost;
    QList<LintIssue> m_issues;
};

} // namespace saltant
