#pragma once

#include "deploy/DeployLog.h"
#include "deploy/RemoteHost.h"
#include "plan/Plan.h"

#include <QCoreApplication>
#include <functional>

namespace saltant {

// Applies the file part of a plan on the server as one transaction (see TransactionScript for the states it
// goes through): recover what an interrupted deploy left, upload the changed files to the staging directory,
// put them in place with one privileged command, validate, then commit or roll back.
class Transaction
{
    Q_DECLARE_TR_FUNCTIONS(saltant::Transaction)

public:
    using Reporter = std::function<void(const DeployStepReport&)>;

    Transaction(RemoteHost& host, const Plan& plan, const SecretValues& secrets, Reporter reporter);

    QString id() const { return m_id; }
    int uploaded() const { return m_uploaded; }
    // The last step failed because the connection broke (not because the command failed).
    bool connectionLost() const { return m_connectionLost; }

    // Resolves the leftovers of an interrupted transaction (Plan::recovery): rolls committed ones forward and
    // restores the others. Does nothing when there are none.
    bool recover();
    // Uploads every new or changed file into the staging directory (the targets are not touched).
    bool stage();
    // Removes what stage() uploaded, for a deploy that stops before apply() (the copies may hold secrets).
    bool discardStaged();
    // One privileged command: every file installed beside its target, backed up, renamed into place; links set.
    // On failure the command itself restores every target.
    bool apply();
    // Runs the plan's Validate steps; the first failure restores every target and returns false.
    bool validate();
    // Keeps the new files: marks them pending their handlers and removes the backups.
    bool commit();
    // Every handler ran: removes the pending markers.
    bool finish();

    // Runs steps without secrets one after the other in ONE command (one channel instead of one each), stopping at
    // the first that fails; each step is still reported on its own (its output, its exit status). Steps that read
    // a secret run on their own, as execute() does. False when a step failed or could not run.
    // ownPhases: each step is reported with its own phase (a mix of Provision and Handlers steps) instead of phase.
    bool executeBatch(StepPhase phase, const QList<DeployStep>& steps, bool ownPhases = false);

    // Runs one command and reports it (stdin from the named secret; command and output masked).
    DeployStepReport execute(StepPhase phase, const QString& title, const QString& command,
                             const QString& stdinSecret = QString(), const QString& shownCommand = QString());

    // The deploy manifest and the last deployed copies this transaction writes (root's, 0600) beside the files,
    // so a rollback restores the old manifest with the old files.
    QStringList stateTargets() const;

private:
    struct StateFile
    {
        QString target;
        QString copyOf;     // a last deployed copy: the managed file it copies
        QByteArray content; // the manifest (copyOf empty)
    };
    // execute() with the given standard input (wiped after).
    DeployStepReport run(StepPhase phase, const QString& title, const QString& command, const QString& shownCommand,
                         QByteArray input);
    QStringList changedTargets() const;
    // The commit's lines that keep the replaced files in the deploy history (empty without a state directory).
    QString historyScript() const;
    void report(const DeployStepReport& report) const;
    bool rollback(const QString& why);

    RemoteHost& m_host;
    const Plan& m_plan;
    const SecretValues& m_secrets;
    Reporter m_reporter;
    QString m_id;
    QHash<QString, QString> m_staged; // target -> staged path
    QList<StateFile> m_state;
    QStringList m_stateDirectories;
    int m_uploaded = 0;
    bool m_connectionLost = false;
};

} // namespace saltant
