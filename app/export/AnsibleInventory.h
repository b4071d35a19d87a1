#pragma once

#include "export/AnsibleHost.h"

#include <QList>
#include <QString>

namespace saltant {

// inventory.yml of an Ansible export: groups saltant_server and saltant_workers, each host with the SSH settings
// our deploy uses (address, port, user, identity file) and the same host-key policy (its known_hosts file,
// StrictHostKeyChecking=yes: an unknown or changed key is refused); become (sudo) when the user is not root.
class AnsibleInventory
{
public:
    static QString yaml(const QList<AnsibleHost>& hosts);
    // ansible_ssh_common_args for an identity file and a known_hosts file (each empty: ssh's defaults), quoted for
    // ssh's own parser inside Ansible's shlex split:
    // -o 'IdentityFile="KEY"' -o 'UserKnownHostsFile="PATH"' -o StrictHostKeyChecking=yes.
    static QString sshArguments(const QString& identityFile, const QString& knownHostsFile);
};

} // namespace saltant
