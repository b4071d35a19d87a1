#pragma once

#include "deploy/DeployConnection.h"
#include "import/ServerImporter.h"

#include <memory>

namespace saltant {

// Where `import ssh://USER@HOST[:PORT]` reads from, with the SSH files to use.
struct SshImportTarget
{
    QString user;
    QString host;
    int port = 22;
    QString identityFile;   // empty: the example's (~/.ssh/id_ed25519), or the agent
    QString knownHostsFile; // empty: ~/.ssh/known_hosts

    // "ssh://USER@HOST[:PORT]" (an IPv6 address in brackets); false with error naming the expected form.
    static bool parse(const QString& url, SshImportTarget* target, QString* error);
    QString url() const;
};

// Imports a running server over SSH, with the deploy's own host-key policy: the connection is a DeployConnection
// to a project that only knows the target, so an unknown key is asked about (or refused) and a changed one is
// always refused before anything is sent. Blocking, in phases like DeployConnection:
//
//     SshImport import(target, authSecrets);
//     import.connectToHost();  ...ask about import.connection().hostKey()...  import.run(accepted, &result);
class SshImport
{
    Q_DECLARE_TR_FUNCTIONS(saltant::SshImport)

public:
    // authSecrets: ssh.passphrase, ssh.password, sudo.password when needed (the importer reads root-only files).
    SshImport(const SshImportTarget& target, const SecretValues& authSecrets);

    bool connectToHost();
    // Authenticates, reads the server and imports it; result->project's ssh.* is the target. False (with
    // connection().failure() and errorString()) when the connection failed; an import that found no saltant
    // server is true with result->error set.
    bool run(bool acceptUnknownHostKey, ImportResult* result);
    DeployConnection& connection() { return *m_connection; }
    int commands() const { return m_commands; }

private:
    SshImportTarget m_target;
    std::unique_ptr<DeployConnection> m_connection;
    int m_commands = 0;
};

} // namespace saltant
