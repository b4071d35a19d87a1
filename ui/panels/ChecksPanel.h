#pragma once

#include "model/Project.h"
#include "net/CheckOptions.h"
#include "net/CheckResult.h"
#include "net/CheckSuite.h"
#include "net/WorkerChecks.h"
#include "secrets/SecretValues.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace saltant {

class CheckRunner;
class DriftChecksRunner;
class WorkerChecksRunner;
class SecretStore;
struct SecretResult;

// Preflight and health checks of the live server: "Preflight" and "Health" buttons, one row per check with its
// verdict icon, what was found and what to do, and "Cancel"; the time limit per check and whether a deploy runs the
// checks around itself (both remembered in QSettings). Checks run asynchronously (CheckRunner); the UI never
// blocks. Like the CLI's --resolve, --port and --ca-file, the fields under the buttons check a new server before DNS
// points to it, through a tunnel, or with a private CA (for this session; a wrong entry stops the run with what was
// expected). The panel checks the project last given to setProject(), as it was when the run started. Health logs in
// to Flower with its password from the keychain (setSecretStore()), read only for that run and dropped after.
// "Worker Hosts" (when the project has worker hosts) runs WorkerChecks on each of them over SSH, one host after the
// other (WorkerChecksRunner): the rows name their host; an unknown host key is asked, a changed one refuses that host.
// Its secrets (the RabbitMQ password for the AMQP login, SSH passphrases) are read from the keychain for that run only.
// "Drift" reads the server over SSH and lists the files changed there since the last deploy, as `saltant-deploy-cli
// drift` does (DriftChecksRunner; its secrets are read the same way, for that run only).
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

    void setProject(const Project& project);
    // Extra trusted CAs, address/port overrides and the time limit (shown in the panel's field, not saved: the
    // saved limit is the one the user sets there).
    void setOptions(const CheckOptions& options);
    // The options the next run uses (never with the Flower password, which exists only during a run).
    CheckOptions options() const;
    // Where runHealth() reads the Flower password; null: the Flower login check is left out.
    void setSecretStore(SecretStore* store) { m_store = store; }
    // What the worker hosts' checks use besides the panel's time limit (broker address and port, CA file on the
    // worker: a broker not yet in DNS, a tunnel, a private CA). For this session. An address for the broker's name in
    // the Resolve field is used when options has none.
    void setWorkerOptions(const WorkerCheckOptions& options) { m_workerOptions = options; }
    WorkerCheckOptions workerOptions() const;
    // The user's choice: run preflight before and health after each deploy.
    bool checksAroundDeploy() const;

    bool isRunning() const;
    QList<CheckResult> results() const;
    QTreeWidget* list() const { return m_list; }

public slots:
    void runPreflight() { run(CheckSuite::Kind::Preflight); }
    // Reads the Flower password from the keychain (when Flower is on and a store is set), then runs health.
    void runHealth();
    // Runs health with a Flower password the caller already holds (a deploy has it in memory).
    void runHealthWith(const QString& flowerPassword) { run(CheckSuite::Kind::Health, flowerPassword); }
    // Reads the secrets from the keychain (when a store is set), then checks every worker host over SSH.
    void runWorkers();
    // Reads the secrets from the keychain (when a store is set), then lists the files changed on the server.
    void runDrift();
    void cancel();

signals:
    // When a run starts (for the window to bring the panel to the front).
    void started();
    // After every run; failures counts the failed checks.
    void finished(bool cancelled, int failures);

private:
    void run(CheckSuite::Kind kind, const QString& flowerPassword = QString());
    void onSecretRead(const SecretResult& result);
    void onWorkerSecretRead(const SecretResult& result);
    void startWorkers();
    void startDrift();
    // Reads every secret from the keychain for a worker or drift run, then starts it.
    void readRunSecrets();
    void addResult(const CheckResult& result);
    void onFinished(bool cancelled);
    void updateButtons();
    // Adds what the override fields hold to options; false with error naming the field and what it expects.
    bool readOverrides(CheckOptions* options, QString* error) const;

    Project m_project;
    CheckOptions m_options;
    CheckRunner* m_runner;
    WorkerChecksRunner* m_workers;
    WorkerCheckOptions m_workerOptions;
    bool m_workerRun = false; // the last run checked the worker hosts
    DriftChecksRunner* m_drift;
    bool m_driftRun = false;               // the last run (or the pending keychain reads) is a drift run
    QHash<quint64, QString> m_workerReads; // pending keychain reads before the worker hosts' checks
    SecretValues m_workerSecrets;          // what they read so far (wiped once the run has them)
    SecretStore* m_store = nullptr;
    quint64 m_flowerRead = 0; // the pending keychain read before a health run, or 0
    QString m_note;           // why the run lacks a check (the keychain failed), shown with the outcome
    QPushButton* m_preflight;
    QPushButton* m_health;
    QPushButton* m_checkWorkers;
    QPushButton* m_checkDrift;
    QPushButton* m_cancel;
    QSpinBox* m_timeout;
    QCheckBox* m_aroundDeploy;
    QLineEdit* m_resolve;
    QLineEdit* m_ports;
    QLineEdit* m_caFile;
    QLabel* m_status;
    QTreeWidget* m_list;
    int m_expected = 0;
};

} // namespace saltant
