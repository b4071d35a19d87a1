#pragma once

#include "deploy/DeployHistory.h"
#include "deploy/DeployRunner.h"
#include "plan/Plan.h"

#include <QDialog>
#include <QPointer>
#include <atomic>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace saltant {

class DeployConnection;
class DeployProgressDialog;
class HostConnector;
class Project;
class SecretValues;

// Deploy > Deploy History…: the deploys whose replaced files the server keeps (`saltant-deploy-cli history`),
// newest first; for the selected one what rolling back to before it changes (Rollback::makePlan: the restored
// files' diffs, masked like the plan's, and its notes), and "Roll Back" (`rollback --to ID`): a normal transaction,
// validated, with the handlers of the changed files, shown in DeployProgressDialog. Connecting, reading and
// applying run on a worker thread (HostConnector: an unknown host key is asked about, a changed one refused).
class HistoryDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        WhoColumn,
        IdColumn,
        FilesColumn
    };

    HistoryDialog(const Project& project, const SecretValues& secrets, QWidget* parent = nullptr);
    ~HistoryDialog() override;

    // Connects to the server and reads its history (once).
    void start();
    // The report of the last rollback.
    DeployReport lastReport() const { return m_report; }
    bool isBusy() const;

protected:
    // Closing while a rollback runs does nothing: its progress dialog cancels it.
    void reject() override;

private:
    void authenticate(bool acceptHostKey);
    void readHistory();
    void showHistory();
    void onSelected();
    void computePlan(const QString& id);
    void onPlanned(bool ok);
    void showPlan();
    void rollBack();
    void onRolledBack();
    // After a worker's result was shown: the selection made meanwhile, then the button.
    void next();
    void updateButton();
    QString selectedId() const;
    void setStatus(const QString& text, bool problem = false);
    // Shows text in label (hidden when empty), in the error colour for a problem.
    void setText(QLabel* label, const QString& text, bool problem = false);

    std::unique_ptr<DeployConnection> m_connection;
    HostConnector* m_connector;
    bool m_connected = false;
    bool m_started = false;
    bool m_rollingBack = false;
    std::atomic_bool m_cancel{false};

    // Written by the worker, read on the GUI thread once it has finished.
    QList<HistoryEntry> m_entries;
    QStringList m_problems;
    QString m_error;
    Plan m_workPlan;
    QStringList m_workNotes;
    DeployReport m_report;

    QString m_computing; // the entry whose plan the worker makes
    QString m_planId;    // the entry m_plan belongs to
    bool m_planOk = false;
    Plan m_plan;
    QStringList m_notes;

    QLabel* m_status;
    QLabel* m_result; // the last rollback's outcome
    QTreeWidget* m_list;
    QLabel* m_notesLabel;
    QPlainTextEdit* m_diff;
    QPushButton* m_rollBack;
    QPointer<DeployProgressDialog> m_progress;
};

} // namespace saltant
