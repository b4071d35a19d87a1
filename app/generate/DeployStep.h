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
    // Check steps that no install fixes: what the admin must do when the check fails (translated). A failed check
    // with a remedy always refuses the deploy and shows the remedy instead of an install command.
    QString remedy;
    // Provision steps with an empty triggeredBy: a read-only probe, exit status 0 when the step has nothing to
    // do. The plan runs it with the snapshot; the step runs when the probe fails (drift) or any file changed.
    // Without a probe the step runs only when something changed.
    QString satisfiedWhen;
};

} // namespace saltant
