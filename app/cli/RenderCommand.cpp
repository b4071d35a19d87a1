#include "cli/ProjectCommand.h"
#include "cli/ProjectOptions.h"
#include "export/LocalFile.h"
#include "generate/Renderer.h"
#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace saltant {

// `render --out DIR`: every generated file at DIR/<its absolute remote path>, the deploy steps beside them; each
// worker host's files under DIR/workers/<name>/ the same way.
class RenderCommand : public ProjectCommand
{
public:
    QString name() const override { return QStringLiteral("render"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli", "Write every generated file under DIR, at its path on the server.");
    }
    void addCommandOptions(QCommandLineParser& parser) const override
    {
        parser.addOption(
            {QStringLiteral("out"), QCoreApplication::translate("Cli", "Output directory."), QStringLiteral("DIR")});
        parser.addOption(
            {QStringLiteral("with-secrets"),
             QCoreApplication::translate("Cli", "Fill in the secrets stored in the OS keychain (files "
                                                "holding them are written 0600); default: placeholders.")});
    }
    int checkArguments(const QCommandLineParser& parser, CliIo& io) const override
    {
        if (!parser.isSet(QStringLiteral("out"))) {
            io.err << QCoreApplication::translate("Cli", "render: --out DIR is required.") << Qt::endl;
            return ExitCode::Usage;
        }
        return ExitCode::Ok;
    }
    // The settings and, with --with-secrets, the secrets are validated together by Renderer::render, after the
    // keychain was read.
    int runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const override
    {
        QString error;
        SecretValues secrets;
        if (parser.isSet(QStringLiteral("with-secrets"))) {
            KeychainSecretStore store(project.projectId());
            const SecretResult fetched = store.readAll(&secrets, project.taskSecretNames());
            if (!fetched.ok) {
                io.err << fetched.errorMessage << Qt::endl;
                return ExitCode::Keychain;
            }
        }
        const SecretValues* given = parser.isSet(QStringLiteral("with-secrets")) ? &secrets : nullptr;
        // Every host's problems once (a worker host's are under workers.NAME...), then each host's files.
        if (!ProjectOptions::reportProblems(project.validate(), io.err)) {
            io.err << QCoreApplication::translate("Cli", "render: nothing written; fix the settings above.")
                   << Qt::endl;
            return ExitCode::Usage;
        }
        QList<RenderResult> results = {Renderer::render(project.withoutWorkers(), given)};
        for (const WorkerHost& host : project.workers()) {
            results.append(Renderer::render(project.forWorker(host.name), given));
        }
        bool valid = true;
        for (const RenderResult& result : results) {
            valid = ProjectOptions::reportProblems(result.problems, io.err) && valid;
        }
        if (!valid) {
            io.err << QCoreApplication::translate("Cli", "render: nothing written; fix the settings above.")
                   << Qt::endl;
            return ExitCode::Usage;
        }
        for (qsizetype i = 0; i < results.size(); ++i) {
            // Worker names are [a-z][a-z0-9-]*: the directory stays inside DIR.
            const QDir out(i == 0 ? parser.value(QStringLiteral("out"))
                                  : parser.value(QStringLiteral("out")) + QStringLiteral("/workers/") +
                                        project.workers().at(i - 1).name);
            for (const GeneratedFile& file : results.at(i).files) {
                QStringList written;
                if (!LocalFile::writeTree(out.path(), {file}, &written, &error)) {
                    io.err << error << Qt::endl;
                    return ExitCode::Io;
                }
                for (const QString& path : std::as_const(written)) {
                    // A link: "link" where a file has its mode, owner and group.
                    const QString what =
                        path.contains(QLatin1String(" -> "))
                            ? QStringLiteral("link").leftJustified(21)
                            : file.modeString() + QLatin1Char(' ') +
                                  QString(file.owner + QLatin1Char(':') + file.group).leftJustified(16);
                    io.out << what << ' ' << path << '\n';
                }
            }
        }
        io.out.flush();
        return ExitCode::Ok;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(RenderCommand)
