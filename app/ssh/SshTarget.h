#pragma once

#include <QCoreApplication>
#include <QString>

namespace saltant {

class Project;

// Where and how to reach the server: the project's ssh.* settings, completed by the user's ~/.ssh/config.
//
// When config files are used (the default), a Host block matching `host` in ~/.ssh/config (then
// /etc/ssh/ssh_config) is applied through libssh's parser: its HostName, Port (other than 22), User and first
// IdentityFile win over the project's values (which are defaults: every project has a port and a user), so an
// alias set up for ssh(1) works unchanged. resolve() shows the outcome, e.g. for the deploy dialog.
struct SshTarget
{
    Q_DECLARE_TR_FUNCTIONS(saltant::SshTarget)

public:
    QString host; // name, address or ~/.ssh/config alias
    int port = 22;
    QString user;
    QString identityFile;   // may be empty; "~" is expanded
    QString knownHostsFile; // OpenSSH known_hosts the host key is checked against and written to; "~" expanded
    // System-wide known_hosts consulted too (read-only). Empty: libssh's default /etc/ssh/ssh_known_hosts.
    // Tests point it at a nonexistent file so the machine's file cannot interfere.
    QString globalKnownHostsFile;
    bool useSshConfig = true; // read sshConfigFile, then /etc/ssh/ssh_config
    QString sshConfigFile;    // empty: ~/.ssh/config, where "~" is $HOME (tests point HOME at a temporary dir)
    int connectTimeoutSeconds = 15;
    // Longest wait for the server during one protocol exchange (an SFTP write, a channel request...).
    int ioTimeoutSeconds = 60;
    // Longest a single command may run before it is abandoned and reported as timed out.
    int commandTimeoutSeconds = 1800;

    // The project's ssh.host, ssh.port, ssh.user, ssh.identityFile and ssh.knownHostsFile.
    static SshTarget fromProject(const Project& project);

    // "~" or "~/..." -> the user's home directory (QDir::homePath(), i.e. $HOME).
    static QString expandHome(const QString& path);

    // The target after applying the SSH config files (alias -> HostName, Port, User, first IdentityFile) and
    // expanding "~". Fails when a config file cannot be parsed. Without useSshConfig: only "~" is expanded.
    bool resolve(SshTarget* resolved, QString* error = nullptr) const;

    // user@host:port, for messages.
    QString displayName() const;
    // How known_hosts names this server: "host" on port 22, "[host]:port" otherwise.
    QString knownHostsName() const;
};

} // namespace saltant
