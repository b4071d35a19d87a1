#pragma once

#include <QString>
#include <QStringList>

namespace saltant {

enum class StepPhase
{
    Check,     // programs the server must have
    Prepare,   // directories, groups
    Files,     // uploads and links (done by the transaction, listed for the preview)
    Validate,  // nginx -t and friends; failure rolls every file back
    Provision, // certificate, RabbitMQ users and vhosts, branding, collectstatic
    Handlers,  // daemon-reload, reloads and restarts
    // Only in the reports of a deploy run (DeployStepReport): what the transaction does around the steps above.
    Recover,  // finish what an interrupted deploy left
    Install,  // install a missing program (--install-missing)
    Upload,   // upload to the staging directory, or remove the uploaded copies
    Rollback, // restore every file
    Commit,   // keep the new files
    Finish,   // every handler ran
};

// One command of a deploy, run through `sh -c` on the server (through sudo when not root).
struct DeployStep
{
    StepPhase phase = StepPhase::Check;
    QString title;       // what it does, for progress and logs
    QString command;     // a complete shell command line, every value quoted
    QString stdinSecret; // name of the secret the command reads on standard input, or empty
    // With a stdinSecret: the simple commands of `command` (exactly as written there) that read the secret. Only
    // these may see standard input; every other command of the step reads </dev/null, or it could swallow the
    // secret (rabbitmqctl list_users in a guard reads its standard input greedily).
    QStringList stdinReaders;
    QStringList triggeredBy; // ids of files whose change makes it needed; empty: always run (idempotent)
    // Check steps: the command that installs the missing program. The deploy offers it, never runs it unasked.
    QString installCommand;
    // Steps after Check: a read-only probe, exit status 0 when the step has nothing to do. The plan runs it with the
    // snapshot; the step runs when the probe fails (drift) or when it is triggered anyway (one of triggeredBy
    // changed; with an empty triggeredBy, any file). Without a probe the step runs only when triggered.
    QString satisfiedWhen;
    // Check steps: what the admin can do besides running installCommand (e.g. which setting selects another kind
    // of the program), shown with it when the check fails (translated). Without an installCommand it is the only
    // remedy: no install fixes the failure, and the deploy is refused even with --install-missing.
    QString remedy;
    // Check steps: a read-only probe, exit status 0 when an alternative to the checked program is present (e.g. the
    // other kind of uWSGI). When the check fails and this probe passes, the plan shows alternativeRemedy instead of
    // remedy.
    QString alternativeProbe;
    QString alternativeRemedy;
};

} // namespace saltant

// Lists of steps grow by moving memory, not step by step (each step holds ten shared strings).
Q_DECLARE_TYPEINFO(saltant::DeployStep, Q_RELOCATABLE_TYPE);
