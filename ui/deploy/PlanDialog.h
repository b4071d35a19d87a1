#pragma once

#include "plan/Plan.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace saltant {

// The plan of a deploy, to confirm before anything is sent: every file with a New/Changed/Unchanged badge and its
// mode/owner changes, the (masked) diff of the selected file, the steps that will run, and, prominently, what
// blocks the deploy (then "Deploy" is disabled). Missing programs with an install command block it only until the
// admin ticks "Install the missing programs first" (the GUI's `deploy --install-missing`).
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

    enum class Mode
    {
        Confirm, // Deploy / Cancel: the last question before a deploy
        Review,  // Close only: one host's plan among several (FleetDeployDialog deploys them)
    };

    explicit PlanDialog(const Plan& plan, QWidget* parent = nullptr, Mode mode = Mode::Confirm);

    // Blockers (missing secrets among them) or missing programs: the deploy would be refused. With installMissing,
    // missing programs that have an install command do not block.
    static bool isBlocked(const Plan& plan, bool installMissing = false);
    static QString changeText(PlannedFile::Change change);

    QTreeWidget* files() const { return m_files; }
    QPlainTextEdit* diffView() const { return m_diff; }
    // Whether the admin asked to run the install commands of the missing programs before deploying.
    bool installMissing() const;

private:
    void showDiff();
    void updateBlockers();

    Plan m_plan;
    QTreeWidget* m_files;
    QPlainTextEdit* m_diff;
    QListWidget* m_steps;
    QPushButton* m_confirm;
    QLabel* m_blockers;
    QCheckBox* m_install;
};

} // namespace saltant
