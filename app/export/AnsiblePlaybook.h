#pragma once

#include "export/AnsibleHost.h"

#include <QString>
#include <QStringList>

namespace saltant {

// The play of one host in playbook.yml: our deploy of that host (DeploySteps and the generated files), step for
// step as Plan::build decides what runs:
//   - Check steps: read-only tasks (never "changed", also in --check); a missing program fails the play with the
//     plan's remedy, or is installed with -e saltant_install_missing=true when the step has an install command.
//   - Every probe (satisfiedWhen) runs first, before anything changes, as the plan's snapshot does.
//   - One stat of every file and link (read-only): whether each would change (content SHA-1, mode, owner and group;
//     a link's target), so Prepare steps run exactly when our plan would run them (a file they are triggered by
//     would change, or their probe failed); it is also what the rescue restores.
//   - A block installs the files (copy with mode and owner, backup of the replaced file; links) and runs the
//     Validate steps their changes trigger; on failure the rescue puts every replaced file and link back and fails
//     the host, so no handler runs. On success the backups are removed.
//   - Provision steps: when their files changed (any file, without triggers) or their probe failed.
//   - Handlers steps: Ansible handlers notified by the file and link tasks of the files that trigger them (every
//     file, without triggers), in the deploy's order; a failed probe notifies its handler too.
// Commands are literal (!unsafe); a secret on standard input comes from the vault variable secretVariable(name).
// The stat, the files block and its rescue are AnsibleFileTasks; every task is written by AnsibleTask.
class AnsiblePlaybook
{
public:
    // One list item of playbook.yml ("- name: ..."), for a host whose rendered files are deployable.
    // becomePassword: the play takes ansible_become_password from the vault (sudo.password is stored).
    static QString play(const AnsibleHost& host, bool becomePassword);
    // The vault variable holding a secret: saltant_secret_rabbitmq_password for "rabbitmq.password".
    static QString secretVariable(const QString& secretName);
    // The vault variable holding the SHA-1 of a file that holds secrets (the playbook compares the server's file
    // with it): saltant_sha1_<host>_<file id>, other characters as _.
    static QString checksumVariable(const AnsibleHost& host, const GeneratedFile& file);
    // Where a generated file's bytes lie, relative to the playbook: files/<host>/<file id>.
    static QString localPath(const AnsibleHost& host, const GeneratedFile& file);
    // The secrets the host's steps read on standard input, each once.
    static QStringList stdinSecrets(const AnsibleHost& host);
    // The files our deploy uploads (not the deploy-steps preview).
    static QList<GeneratedFile> deployable(const RenderResult& rendered);
};

} // namespace saltant
