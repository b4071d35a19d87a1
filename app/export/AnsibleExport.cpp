#include "export/AnsibleExport.h"

#include "export/AnsibleInventory.h"
#include "export/AnsiblePlaybook.h"
#include "export/AnsibleVault.h"
#include "export/AnsibleYaml.h"
#include "export/LocalFile.h"
#include "model/SettingKeys.h"
#include "secrets/SecretPlaceholder.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace saltant {
namespace {

AnsibleHost hostOf(const Project& effective, const QString& name, const QString& group, const QString& label,
                   const SecretValues& secrets)
{
    AnsibleHost host;
    host.name = name;
    host.group = group;
    host.label = label;
    host.sshHost = effective.text(Key::SshHost);
    host.sshPort = effective.integer(Key::SshPort);
    host.sshUser = effective.text(Key::SshUser);
    host.identityFile = effective.text(Key::SshIdentityFile);
    host.knownHostsFile = effective.text(Key::SshKnownHostsFile);
    host.rendered = Renderer::render(effective, &secrets);
    return host;
}

AnsibleExportResult failed(AnsibleExportResult::Failure failure, const QString& error)
{
    AnsibleExportResult result;
    result.failure = failure;
    result.error = error;
    return result;
}

} // namespace

AnsibleExportResult AnsibleExport::write(const Project& project, const SecretValues& secrets,
                                         const QString& vaultPassword, const QString& dir, const QString& vaultProgram)
{
    using Failure = AnsibleExportResult::Failure;
    QString error;
    if (!AnsibleVault::checkPassword(vaultPassword, &error)) {
        return failed(Failure::Vault, error);
    }
    // Every host rendered exactly as our deploy renders it.
    QList<AnsibleHost> hosts{
        hostOf(project, AnsibleHost::serverName(), AnsibleHost::serverGroup(), QStringLiteral("web server"), secrets)};
    for (const WorkerHost& worker : project.workers()) {
        hosts << hostOf(project.forWorker(worker.name), worker.name, AnsibleHost::workersGroup(),
                        QStringLiteral("worker ") + worker.name, secrets);
    }
    AnsibleExportResult result;
    for (const AnsibleHost& host : hosts) {
        for (const FieldProblem& problem : host.rendered.problems) {
            const bool seen = std::any_of(result.problems.cbegin(), result.problems.cend(), [&](const FieldProblem& p) {
                return p.key == problem.key && p.message == problem.message;
            });
            if (!seen) {
                result.problems << problem;
            }
        }
    }
    if (!result.problems.isEmpty()) {
        result.failure = Failure::Settings;
        result.error = tr("Nothing exported; fix the settings above.");
        return result;
    }
    // A secret without a value would leave a placeholder in a file or an empty standard input.
    QStringList missing;
    QStringList vaultSecrets;
    bool become = false;
    for (const AnsibleHost& host : hosts) {
        for (const GeneratedFile& file : AnsiblePlaybook::deployable(host.rendered)) {
            for (const QString& name : SecretPlaceholder::names(file.content)) {
                if (!missing.contains(name)) {
                    missing << name;
                }
            }
        }
        for (const QString& name : AnsiblePlaybook::stdinSecrets(host)) {
            if (!secrets.contains(name) && !missing.contains(name)) {
                missing << name;
            } else if (!vaultSecrets.contains(name)) {
                vaultSecrets << name;
            }
        }
        become = become || host.sshUser != QLatin1String("root");
    }
    if (!missing.isEmpty()) {
        return failed(Failure::Secrets,
                      tr("The secret(s) %1 have no value; store them with `saltant-deploy-cli secret set NAME`, then "
                         "export again.")
                          .arg(missing.join(QStringLiteral(", "))));
    }
    const QString sudoPassword = QStringLiteral("sudo.password");
    const bool becomePassword = become && secrets.contains(sudoPassword);
    if (becomePassword) {
        vaultSecrets << sudoPassword;
    }
    // Ansible turns a templated value that reads as a Python list or dict into one ("{'a':1}" comes back as
    // "{'a': 1}"): such a value would not reach standard input (or sudo) unchanged.
    QStringList unusable;
    for (const QString& name : vaultSecrets) {
        const QString value = secrets.value(name);
        if (value.startsWith(QLatin1Char('{')) || value.startsWith(QLatin1Char('['))) {
            unusable << name;
        }
    }
    if (!unusable.isEmpty()) {
        return failed(Failure::Secrets, tr("The secret(s) %1 begin with { or [, which Ansible reads as data and would "
                                           "not pass on unchanged; store another value, then export again.")
                                            .arg(unusable.join(QStringLiteral(", "))));
    }
    if (AnsibleVault::locate(vaultProgram, &error).isEmpty()) {
        return failed(Failure::Vault, error);
    }

    // The directory: new, empty, or an earlier export (its files/ is replaced).
    const QDir out(dir);
    if (out.exists() && !out.isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot) &&
        !QFileInfo(out.filePath(QStringLiteral("playbook.yml"))).isFile()) {
        return failed(Failure::Io, tr("%1 is not empty and holds no earlier export; choose a new or empty directory.")
                                       .arg(QDir::toNativeSeparators(dir)));
    }
    if (!QDir(out.filePath(QStringLiteral("files"))).removeRecursively() || !QDir().mkpath(dir)) {
        return failed(
            Failure::Io,
            tr("Cannot prepare the directory %1; check that you may write there.").arg(QDir::toNativeSeparators(dir)));
    }
    const AnsibleVault vault(vaultProgram);
    const auto put = [&](const QString& relative, const QByteArray& bytes, bool encrypt) {
        QByteArray content = bytes;
        if (encrypt && !vault.encrypt(bytes, vaultPassword, &content, &error)) {
            result.failure = Failure::Vault;
            result.error = error;
            return false;
        }
        if (!LocalFile::write(out.filePath(relative), content,
                              encrypt ? LocalFile::Access::Private : LocalFile::Access::Shared, false, &error)) {
            result.failure = Failure::Io;
            result.error = error;
            return false;
        }
        result.written << relative;
        return true;
    };
    QString playbook =
        QStringLiteral("# Written by saltant-deploy-cli export ansible: what `saltant-deploy-cli deploy` "
                       "does, one play per host.\n# See README.md.\n");
    QStringList hostNames;
    for (const AnsibleHost& host : hosts) {
        hostNames << host.name;
        for (const GeneratedFile& file : AnsiblePlaybook::deployable(host.rendered)) {
            if (!put(AnsiblePlaybook::localPath(host, file), file.content.toUtf8(), file.holdsSecrets)) {
                return result;
            }
        }
        playbook += AnsiblePlaybook::play(host, becomePassword);
    }
    QString vars =
        QStringLiteral("# Secrets of the saltant playbook (ansible-vault encrypted).\nsaltant_vault: true\n");
    for (const QString& name : vaultSecrets) {
        vars += AnsiblePlaybook::secretVariable(name) + QStringLiteral(": ") +
                AnsibleYaml::unsafe(secrets.value(name)) + QLatin1Char('\n');
    }
    // Even a hash of a file holding secrets stays out of the clear text.
    for (const AnsibleHost& host : hosts) {
        for (const GeneratedFile& file : AnsiblePlaybook::deployable(host.rendered)) {
            if (file.holdsSecrets) {
                vars += AnsiblePlaybook::checksumVariable(host, file) + QStringLiteral(": \"") +
                        QString::fromLatin1(
                            QCryptographicHash::hash(file.content.toUtf8(), QCryptographicHash::Sha1).toHex()) +
                        QStringLiteral("\"\n");
            }
        }
    }
    const QString config = QStringLiteral("[defaults]\ninventory = inventory.yml\nretry_files_enabled = False\n"
                                          "interpreter_python = auto_silent\n\n[ssh_connection]\npipelining = True\n");
    if (!put(QStringLiteral("vault.yml"), vars.toUtf8(), true) ||
        !put(QStringLiteral("inventory.yml"), AnsibleInventory::yaml(hosts).toUtf8(), false) ||
        !put(QStringLiteral("playbook.yml"), playbook.toUtf8(), false) ||
        !put(QStringLiteral("ansible.cfg"), config.toUtf8(), false) ||
        !put(QStringLiteral("README.md"), readme(project, hostNames).toUtf8(), false)) {
        return result;
    }
    vars.fill(QLatin1Char('\0'));
    return result;
}

QString AnsibleExport::readme(const Project& project, const QStringList& hostNames)
{
    QString text = QStringLiteral(
        "# saltant as an Ansible playbook\n\n"
        "Written by `saltant-deploy-cli export ansible` for %1. It does what `saltant-deploy-cli deploy` does, on the "
        "web server and on every worker host: the same files with the same bytes, modes and owners, the same checks, "
        "validation, provisioning and restarts.\n\n"
        "## Run it\n\n"
        "```sh\n"
        "ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass            # deploy\n"
        "ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass --check --diff   # show what would change\n"
        "ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass --limit saltant_workers\n"
        "```\n\n"
        "The vault password is the one stored as `ansible.vaultPassword` in the keychain (or given with "
        "`--vault-password-file` when exporting). `--vault-password-file FILE` works instead of `--ask-vault-pass`. "
        "Ansible needs ansible-core 2.14 or newer here and Python 3 on each host. A host whose SSH user is not root "
        "is deployed through sudo: with the sudo password stored when exporting it is in the vault, otherwise add "
        "`--ask-become-pass`.\n\n"
        "Programs the server lacks make the play fail with the command that installs them; "
        "`-e saltant_install_missing=true` runs those commands instead (as `deploy --install-missing` does).\n\n"
        "## What is here\n\n"
        "| file | what it holds |\n|---|---|\n"
        "| `inventory.yml` | groups `saltant_server` (host `saltant_web`) and `saltant_workers` (one host per worker), "
        "each host's SSH address, port, user and identity file; its known_hosts file with `StrictHostKeyChecking=yes`, "
        "so an unknown or changed host key is refused as by `deploy`; `become` (sudo) when the user is not root |\n"
        "| `playbook.yml` | one play per host: checks, probes, the files in a block that validates them (`nginx -t`, "
        "`systemd-analyze verify`) and on failure restores every replaced file and link, provisioning guarded by its "
        "probe, restarts as handlers |\n"
        "| `files/HOST/ID` | each generated file as it is installed; files holding secrets are encrypted with "
        "ansible-vault (Ansible decrypts them on the way) |\n"
        "| `vault.yml` | encrypted: the secrets commands read on standard input (RabbitMQ and database passwords), "
        "the sudo password |\n"
        "| `ansible.cfg` | this inventory, quiet interpreter discovery, pipelining |\n\n"
        "Hosts: %2.\n\n"
        "## Differences from `saltant-deploy-cli deploy`\n\n"
        "- Files are replaced one by one (each atomically); on a failed validation the rescue puts back every "
        "replaced file and link from the backups copy made, and no handler runs. A file whose content stayed the same "
        "but whose mode or owner changed keeps the new mode or owner.\n"
        "- A run cut short after the files changed leaves its handlers undone, and the next run sees no changed file: "
        "run the restarts by hand (our deploy remembers them on the server and runs them next time).\n"
        "- Programs are never installed unless you ask (`-e saltant_install_missing=true`).\n\n"
        "Every value taken from the project is literal in these files (`!unsafe`): Ansible never evaluates a `{{` in "
        "a setting. Nothing secret is in clear here. After changing a setting, export again: the playbook holds the "
        "files as they were rendered.\n");
    QStringList names;
    for (const QString& name : hostNames) {
        names << QLatin1Char('`') + name + QLatin1Char('`');
    }
    return text.arg(project.text(Key::ServerDomain).isEmpty()
                        ? QStringLiteral("this project")
                        : QLatin1Char('`') + project.text(Key::ServerDomain) + QLatin1Char('`'),
                    names.join(QStringLiteral(", ")));
}

} // namespace saltant
