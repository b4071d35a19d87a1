#include "cli/CliCommand.h"
#include "cli/DeployCommand.h"
#include "import/DirectoryServerFiles.h"
#include "import/SshImport.h"
#include "model/ProjectFile.h"
#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <thread>

namespace saltant {

// `import ssh://USER@HOST[:PORT] --out FILE` and `import --from-dir DIR --out FILE`: a project from a server set up
// by hand or by this tool. The report goes to standard output; secrets go to the keychain under the new project's
// id, never into FILE.
class ImportCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(saltant::ImportCommand)

public:
    QString name() const override { return QStringLiteral("import"); }
    QString summary() const override
    {
        return tr("Build a project from a running server (ssh://USER@HOST[:PORT]) or from its files copied into a "
                  "directory (--from-dir DIR), with a report of where each value came from.");
    }
    QString arguments() const override { return QStringLiteral("[ssh://USER@HOST[:PORT]]"); }
    void addOptions(QCommandLineParser& parser) const override
    {
        parser.addOption({QStringLiteral("out"), tr("Write the project to FILE (required)."), QStringLiteral("FILE")});
        parser.addOption({QStringLiteral("from-dir"),
                          tr("Read the server's files from DIR, laid out at their server paths (DIR/etc/...)."),
                          QStringLiteral("DIR")});
        parser.addOption({QStringLiteral("identity"), tr("SSH private key (default ~/.ssh/id_ed25519 or the agent)."),
                          QStringLiteral("FILE")});
        parser.addOption({QStringLiteral("known-hosts"), tr("known_hosts file (default ~/.ssh/known_hosts)."),
                          QStringLiteral("FILE")});
        parser.addOption({QStringLiteral("force"), tr("Overwrite FILE if it exists.")});
        parser.addOption({QStringLiteral("accept-new-host-key"),
                          tr("Trust the server's host key when it is not yet in known_hosts (a changed key is always "
                             "refused).")});
    }

    int run(const QCommandLineParser& parser, CliIo& io) const override
    {
        const QString out = parser.value(QStringLiteral("out"));
        const QStringList args = parser.positionalArguments();
        const bool fromDir = parser.isSet(QStringLiteral("from-dir"));
        if (out.isEmpty() || args.size() != (fromDir ? 0 : 1)) {
            io.err << tr("import: give ssh://USER@HOST[:PORT] or --from-dir DIR, and --out FILE, e.g. `import "
                         "ssh://ubuntu@www.example.com --out site.saltant.json`.")
                   << Qt::endl;
            return ExitCode::Usage;
        }
        if (QFileInfo::exists(out) && !parser.isSet(QStringLiteral("force"))) {
            io.err << tr("import: %1 exists; pass --force to overwrite it.").arg(out) << Qt::endl;
            return ExitCode::Usage;
        }
        ImportResult result;
        if (fromDir) {
            const QString dir = parser.value(QStringLiteral("from-dir"));
            if (!QFileInfo(dir).isDir()) {
                io.err << tr("import: %1 is not a directory.").arg(dir) << Qt::endl;
                return ExitCode::Usage;
            }
            DirectoryServerFiles files(dir);
            result = ServerImporter(files).run();
        } else {
            const int code = importOverSsh(parser, args.constFirst(), io, &result);
            if (code != ExitCode::Ok) {
                return code;
            }
        }
        if (!result.ok()) {
            io.err << result.error << Qt::endl;
            return ExitCode::Problems;
        }
        io.out << result.report.toText();
        return save(result, out, io);
    }

private:
    static int importOverSsh(const QCommandLineParser& parser, const QString& url, CliIo& io, ImportResult* result)
    {
        SshImportTarget target;
        QString error;
        if (!SshImportTarget::parse(url, &target, &error)) {
            io.err << error << Qt::endl;
            return ExitCode::Usage;
        }
        target.identityFile = parser.value(QStringLiteral("identity"));
        target.knownHostsFile = parser.value(QStringLiteral("known-hosts"));
        // A new project has no keychain entries yet: a sudo password comes from the environment only.
        SecretValues auth;
        const QString sudo = QProcessEnvironment::systemEnvironment().value(QStringLiteral("SALTANT_SUDO_PASSWORD"));
        if (!sudo.isEmpty()) {
            auth.set(QStringLiteral("sudo.password"), sudo);
        }
        SshImport import(target, auth);
        const bool accept = parser.isSet(QStringLiteral("accept-new-host-key"));
        const bool ok = import.connectToHost() &&
                        import.run(accept && import.connection().hostKey().status == HostKeyCheck::Unknown, result);
        if (!import.connection().notice().isEmpty()) {
            io.err << import.connection().notice() << Qt::endl;
        }
        if (!ok) {
            io.err << import.connection().errorString() << Qt::endl;
            return DeployCommand::exitCode(import.connection().failure());
        }
        io.err << tr("Read the server with %n command(s) over one SSH connection.", nullptr, import.commands())
               << Qt::endl;
        return ExitCode::Ok;
    }

    // The secrets first: a project file whose secrets are not stored would deploy with them missing.
    static int save(const ImportResult& result, const QString& out, CliIo& io)
    {
        KeychainSecretStore store(result.project.projectId());
        QStringList stored;
        for (const QString& name : result.secrets.names()) {
            QString problem;
            if (!SecretStore::checkValue(name, result.secrets.value(name), &problem)) {
                io.err << tr("import: %1 was found but not stored: %2").arg(name, problem) << Qt::endl;
                continue;
            }
            const SecretResult written = store.writeNow(name, result.secrets.value(name));
            if (!written.ok) {
                io.err << tr("import: the secrets could not be stored in the keychain (%1); the project file was "
                             "not written. Unlock the keychain and import again.")
                              .arg(written.errorMessage)
                       << Qt::endl;
                return ExitCode::Keychain;
            }
            stored << name;
        }
        QString error;
        if (!ProjectFile::save(out, result.project, &error)) {
            io.err << error << Qt::endl;
            return ExitCode::Io;
        }
        stored.sort();
        io.out << Qt::endl
               << tr("Wrote %1 (project id %2).").arg(out, result.project.projectId()) << Qt::endl
               << tr("Stored %n secret(s) in the keychain: %1.", nullptr, int(stored.size()))
                      .arg(stored.join(QStringLiteral(", ")))
               << Qt::endl
               << tr("Next: `saltant-deploy-cli plan %1` shows what a deploy would change.").arg(out) << Qt::endl;
        return result.report.problems.isEmpty() ? ExitCode::Ok : ExitCode::Problems;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(ImportCommand)
