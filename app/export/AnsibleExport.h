#pragma once

#include "model/Project.h"
#include "secrets/SecretValues.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace saltant {

struct AnsibleExportResult
{
    enum class Failure
    {
        None,
        Settings, // the project (or a secret value) does not validate: problems
        Secrets,  // a file or step needs a secret that has no value, or one Ansible would not pass on unchanged
        Vault,    // no usable vault password, or ansible-vault missing or failing
        Io,       // the directory could not be written
    };
    Failure failure = Failure::None;
    QString error;
    QList<FieldProblem> problems;
    QStringList written; // paths relative to the directory, in the order written
    bool ok() const { return failure == Failure::None; }
};

// `export ansible DIR`: the project as an Ansible playbook that does what our deploy does, for the web server and
// every worker host:
//   DIR/inventory.yml   groups saltant_server and saltant_workers, each host's SSH settings (AnsibleInventory)
//   DIR/playbook.yml    one play per host (AnsiblePlaybook)
//   DIR/files/HOST/ID   each generated file's exact bytes; files holding secrets encrypted with ansible-vault
//                       (copy decrypts them on the way to the server)
//   DIR/vault.yml       encrypted: the secrets commands read on standard input, the sudo password
//   DIR/ansible.cfg, DIR/README.md
// Nothing secret is in clear in DIR; the vault password reaches ansible-vault through a pipe (AnsibleVault).
class AnsibleExport
{
    Q_DECLARE_TR_FUNCTIONS(saltant::AnsibleExport)

public:
    static AnsibleExportResult write(const Project& project, const SecretValues& secrets, const QString& vaultPassword,
                                     const QString& dir, const QString& vaultProgram = QStringLiteral("ansible-vault"));
    // DIR/README.md for these inventory host names (web server first).
    static QString readme(const Project& project, const QStringList& hostNames);
};

} // namespace saltant
