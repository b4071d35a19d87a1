#pragma once

#include "deploy/DeployRunner.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace saltant {

// A running deploy: a progress bar, each step with its status icon, the live log (the step reports are masked
// already), "Cancel" (stops between steps, see DeployOptions::cancel), then the result: outcome, how many files
// were uploaded and handlers run, and the local log with "Open log".
class DeployProgressDialog : public QDialog
{
    Q_OBJECT

public:
    // expectedSteps: an estimate for the progress bar (the transaction reports a few steps of its own).
    explicit DeployProgressDialog(int expectedSteps, QWidget* parent = nullptr);

    void addStep(const DeployStepReport& step);
    void showResult(const DeployReport& report);
    bool isFinished() const { return m_finished; }

signals:
    void cancelRequested();

protected:
    // Escape or closing the window while the deploy runs asks to cancel instead of hiding it.
    void reject() override;

private:
    QProgressBar* m_progress;
    QTreeWidget* m_steps;
    QPlainTextEdit* m_log;
    QLabel* m_result;
    QPushButton* m_openLog;
    QPushButton* m_cancel;
    QPushButton* m_close;
    QString m_logPath;
    bool m_finished = false;
};

} // namespace saltant
