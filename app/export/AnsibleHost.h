#pragma once

#include "generate/Renderer.h"

#include <QString>

namespace saltant {

// One machine of an Ansible export: its inventory name and group, how Ansible reaches it (the ssh.* settings in
// effect on it) and what our deploy would install there (Renderer::render() of its effective project, with secrets).
struct AnsibleHost
{
    QString name;  // inventory host name: ServerName for the web server, a worker's name otherwise
    QString group; // ServerGroup or WorkersGroup
    QString label; // "web server", "worker cpu-2": for play names and the README
    QString sshHost;
    int sshPort = 22;
    QString sshUser;
    QString identityFile;   // empty: ssh's defaults (agent, ~/.ssh/id_*)
    QString knownHostsFile; // empty: ssh's default known_hosts
    RenderResult rendered;

    // The web server's inventory name: a worker's name never holds an underscore, so they cannot clash.
    static QString serverName() { return QStringLiteral("saltant_web"); }
    static QString serverGroup() { return QStringLiteral("saltant_server"); }
    static QString workersGroup() { return QStringLiteral("saltant_workers"); }
};

} // namespace saltant
