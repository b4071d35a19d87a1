#pragma once

#include "plan/Plan.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QRadioButton;
class QTabWidget;
class QLayout;
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

    // What to do about files changed on the server since the last deploy that this plan would overwrite; asked in
    // Confirm mode before "Deploy" is enabled (radio buttons driftOverwrite, driftKeep, driftImport; Cancel is the
    // dialog's cancelPlanButton).
    enum class DriftChoice
    {
        None,      // the plan overwrites no drift
        Overwrite, // deploy as planned (DeployOptions::overwriteDrift); the server's deploy history keeps the old file
        Keep,      // plan again with keepDrift: those files are left as the server has them
        Import,    // take the server's edits into the project (one undoable change), then plan again
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
    DriftChoice driftChoice() const;

private:
    void showDiff();
    void updateBlockers();
    void addDriftChoice(QLayout* layout);
    QPlainTextEdit* addTextTab(const char* objectName, const QString& title);

    Plan m_plan;
    QTreeWidget* m_files;
    QPlainTextEdit* m_diff;
    QListWidget* m_steps;
    QPushButton* m_confirm;
    QLabel* m_blockers;
    QCheckBox* m_install;
    QTabWidget* m_tabs;
    QPlainTextEdit* m_lastDeployed;
    QPlainTextEdit* m_server;
    QPlainTextEdit* m_next;
    QPlainTextEdit* m_diffServer;
    QPlainTextEdit* m_diffNext;
    QRadioButton* m_overwrite = nullptr;
    QRadioButton* m_keep = nullptr;
    QRadioButton* m_import = nullptr;
};

} // namespace saltant
