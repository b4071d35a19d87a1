#include "cli/ProjectCommand.h"
#include "cli/ProjectOptions.h"
#include "export/AnsibleExport.h"
#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

namespace saltant {

// `export ansible DIR [--vault-password-file FILE]`: the project as an Ansible inventory, playbook and vault
// (AnsibleExport), with the secrets from the OS keychain.
class ExportCommand : public ProjectCommand
{
    Q_DECLARE_TR_FUNCTIONS(saltant::ExportCommand)

public:
    QString name() const override { return QStringLiteral("export"); }
    QString summary() const override
    {
        return tr("Write the project as an Ansible inventory and playbook under DIR (secrets in an ansible-vault "
                  "file).");
    }
    QString arguments() const override { return QStringLiteral("ansible DIR"); }
    void addCommandOptions(QCommandLineParser& parser) const override
    {
        parser.addOption({QStringLiteral("vault-password-file"),
                          tr("Read the vault password from the first line of FILE; default: the secret "
                             "ansible.vaultPassword in the OS keychain."),
                          QStringLiteral("FILE")});
    }
    int checkArguments(const QCommandLineParser& parser, CliIo& io) const override
    {
        const QStringList args = parser.positionalArguments();
        if (args.size() != 2 || args.constFirst() != QLatin1String("ansible") || args.constLast().isEmpty()) {
            io.err << tr("Usage: saltant-deploy-cli export ansible DIR [--vault-password-file FILE] [--project FILE]")
                   << Qt::endl;
            return ExitCode::Usage;
        }
        return ExitCode::Ok;
    }
    bool needsValidProject() const override { return true; }
    QString refusalNote() const override { return tr("export: nothing written; fix the settings above."); }
    int runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const override
    {
        SecretValues secrets;
        KeychainSecretStore store(project.projectId());
        const SecretResult read = store.readAll(&secrets, project.taskSecretNames());
        if (!read.ok) {
            io.err << read.errorMessage << Qt::endl;
            return ExitCode::Keychain;
        }
        const QString vaultName = QStringLiteral("ansible.vaultPassword");
        QString password = secrets.value(vaultName);
        if (parser.isSet(QStringLiteral("vault-password-file"))) {
            const QString path = parser.value(QStringLiteral("vault-password-file"));
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                io.err << tr("export: cannot read the vault password file %1: %2.").arg(path, file.errorString())
                       << Qt::endl;
                return ExitCode::Io;
            }
            QByteArray line = file.readLine(4096);
            password = QString::fromUtf8(line).remove(QLatin1Char('\n'));
            line.fill('\0');
        } else if (password.isEmpty()) {
            io.err << tr("export: no vault password. Store one with `saltant-deploy-cli secret set "
                         "ansible.vaultPassword`, or give --vault-password-file FILE.")
                   << Qt::endl;
            return ExitCode::Usage;
        }
        const QString dir = parser.positionalArguments().constLast();
        const AnsibleExportResult result = AnsibleExport::write(project, secrets, password, dir);
        password.fill(QChar(0));
        secrets.wipe();
        if (!ProjectOptions::reportProblems(result.problems, io.err) || !result.ok()) {
            io.err << QStringLiteral("export: ") << result.error << Qt::endl;
            switch (result.failure) {
            case AnsibleExportResult::Failure::Settings:
                return ExitCode::Usage;
            case AnsibleExportResult::Failure::Io:
                return ExitCode::Io;
            case AnsibleExportResult::Failure::Secrets:
            case AnsibleExportResult::Failure::Vault:
            case AnsibleExportResult::Failure::None:
                break;
            }
            return ExitCode::Problems;
        }
        for (const QString& path : result.written) {
            io.out << QDir::cleanPath(QDir(dir).filePath(path)) << '\n';
        }
        io.out << tr("Run it: cd %1 && ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass")
                      .arg(QDir::cleanPath(dir))
               << Qt::endl;
        return ExitCode::Ok;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(ExportCommand)
