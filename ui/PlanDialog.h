#pragma once

#include "deploy/Plan.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace saltant {

// The plan of a deploy, to confirm before anything is sent: every file with a New/Changed/Unchanged badge and its
// mode/owner changes, the (masked) diff of the selected file, the steps that will run, and, prominently, what
// blocks the deploy (then "Deploy" is disabled).
class PlanDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column
    {
        ChangeColumn,
        PathColumn,
        AttributesColumn
    };

    explicit PlanDialog(const Plan& plan, QWidget* parent = nullptr);

    // Blockers (missing secrets among them) or missing programs: the deploy would be refused.
    static bool isBlocked(const Plan& plan);
    static QString changeText(PlannedFile::Change change);

    QTreeWidget* files() const { return m_files; }
    QPlainTextEdit* diffView() const { return m_diff; }

private:
    void showDiff();

    Plan m_plan;
    QTreeWidget* m_files;
    QPlainTextEdit* m_diff;
    QListWidget* m_steps;
    QPushButton* m_confirm;
};

} // namespace saltant
