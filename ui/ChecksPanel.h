#pragma once

#include "model/Project.h"
#include "net/CheckOptions.h"
#include "net/CheckResult.h"
#include "net/CheckSuite.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace saltant {

class CheckRunner;

// Preflight and health checks of the live server: "Preflight" and "Health" buttons, one row per check with its
// verdict icon, what was found and what to do, and "Cancel". Checks run asynchronously (CheckRunner); the UI never
// blocks. The panel checks the project last given to setProject(), as it was when the run started.
class ChecksPanel : public QWidget
{
    Q_OBJECT

public:
    enum Column
    {
        CheckColumn,
        DetailColumn,
        RemedyColumn
    };

    explicit ChecksPanel(QWidget* parent = nullptr);

    void setProject(const Project& project) { m_project = project; }
    // Timeout, extra trusted CAs, the Flower password (from the keychain), overrides.
    void setOptions(const CheckOptions& options);
    CheckOptions options() const;

    bool isRunning() const;
    QList<CheckResult> results() const;
    QTreeWidget* list() const { return m_list; }

public slots:
    void runPreflight() { run(CheckSuite::Kind::Preflight); }
    void runHealth() { run(CheckSuite::Kind::Health); }
    void cancel();

signals:
    // After every run; failures counts the failed checks.
    void finished(bool cancelled, int failures);

private:
    void run(CheckSuite::Kind kind);
    void addResult(const CheckResult& result);
    void onFinished(bool cancelled);
    void updateButtons();

    Project m_project;
    CheckRunner* m_runner;
    QPushButton* m_preflight;
    QPushButton* m_health;
    QPushButton* m_cancel;
    QLabel* m_status;
    QTreeWidget* m_list;
    int m_expected = 0;
};

} // namespace saltant
