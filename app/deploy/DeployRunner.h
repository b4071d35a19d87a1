#pragma once

#include "deploy/DeployLog.h"
#include "deploy/RemoteHost.h"
#include "model/Project.h"
#include "plan/Plan.h"

#include <QCoreApplication>
#include <atomic>
#include <functional>

namespace saltant {

struct DeployOptions
{
    bool installMissing = false; // run the install commands of missing programs (never done unasked)
    bool writeLog = true;        // write the local deploy log
    // Set from any thread to stop the deploy between steps, only where stopping is safe: before any file is put
    // in place (nothing changed), or after the new files were committed, between two handler or provisioning steps
    // (they stay owed and the next deploy runs them). Never between putting files in place and validating them.
    // Without it (nobody can cancel) the provisioning steps and handlers run in batches, one command for each run of
    // steps that read no secret (Transaction::executeBatch), to save a round trip per step.
    const std::atomic_bool* cancel = nullptr;
    // Overwrite files changed on the server since the last deploy (the plan's drift). Without it a plan that would
    // overwrite one is refused (Outcome::DriftRefused); a plan built with keepDrift overwrites none.
    bool overwriteDrift = false;
};

struct DeployReport
{
    enum class Outcome
    {
        NothingToDo, // the server matched the project: nothing uploaded, nothing run
        Deployed,
        Refused,           // the plan has blockers or missing programs: the server was not touched
        TransactionFailed, // uploading or putting files in place failed; every file was restored
        ValidationFailed,  // the server rejected the new files; every file was restored, no handler ran
        StepFailed,        // a provisioning step or handler failed after the files were in place
        ConnectionLost,    // the connection broke; every file is old or new, the next deploy finishes the job
        Cancelled,         // stopped by DeployOptions::cancel between steps (see there); the server is consistent
        DriftRefused,      // files changed on the server since the last deploy would be overwritten: not touched
    };
    Outcome outcome = Outcome::NothingToDo;
    QString message;
    QList<DeployStepReport> steps;
    int uploaded = 0;
    int handlersRun = 0;
    QString logPath;

    bool ok() const { return outcome == Outcome::NothingToDo || outcome == Outcome::Deployed; }
};

// The deploy: render, read the server, plan; then apply the plan as a transaction and run the steps the changes
// need, in order, stopping at the first failure.
//
// When steps run: Prepare only when something is written. Validate, Handlers and file-triggered Provision steps
// when one of their files (triggeredBy) is new, changed, relinked, or owed its handlers by an earlier deploy that
// stopped before they all ran. Provision steps without triggers are idempotent: they run when anything changed,
// or when their probe (DeployStep::satisfiedWhen, read with the snapshot) reports drift. An unchanged server
// therefore gets no upload and no command at all.
class DeployRunner
{
    Q_DECLARE_TR_FUNCTIONS(saltant::DeployRunner)

public:
    using Reporter = std::function<void(const DeployStepReport&)>;

    // Renders the project once (with the secrets; its masked files for the diffs, its steps for the plan), reads the
    // server in one command and compares. False when the project does not render or the server cannot be read.
    // keepDrift: files changed on the server since the last deploy are left as they are (Plan::build).
    static bool makePlan(RemoteHost& host, const Project& project, const SecretValues& secrets, Plan* plan,
                         QString* error, bool keepDrift = false);
    // The deploy's state directory on the server: server.stateDirectory, for a worker host its subdirectory
    // worker-NAME.
    static QString stateDirectory(const Project& project);
    // What the plan records of the project: the target (user@host), the name in the manifest and the history, how
    // many deploys the history keeps.
    static void describe(const Project& project, Plan* plan);

    static DeployReport apply(RemoteHost& host, const Plan& plan, const SecretValues& secrets,
                              const DeployOptions& options = DeployOptions(), const Reporter& progress = Reporter());

    static QString outcomeText(DeployReport::Outcome outcome);
};

} // namespace saltant
