#include "cli/ProjectCommand.h"
#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>

namespace saltant {

// `settings`: every setting as dotted.key=value, the keys --set accepts.
class SettingsCommand : public ProjectCommand
{
public:
    QString name() const override { return QStringLiteral("settings"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli", "Print every setting as dotted.key=value.");
    }
    int runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const override
    {
        Q_UNUSED(parser)
        for (const FieldSpec& field : Schema::fields()) {
            io.out << field.key << '=' << project.toDisplayString(field.key) << '\n';
        }
        // What each worker host holds differently (set with --set workers.NAME.KEY=VALUE).
        for (const WorkerHost& host : project.workers()) {
            const Project effective = project.forWorker(host.name);
            for (const FieldSpec& field : Schema::fields()) {
                if (host.overrides.contains(field.key)) {
                    io.out << "workers." << host.name << '.' << field.key << '=' << effective.toDisplayString(field.key)
                           << '\n';
                }
            }
        }
        // Secrets by state only (<set>/<unset>, read from the keychain); their values are never printed.
        KeychainSecretStore store(project.projectId());
        QHash<QString, bool> stored;
        const QStringList taskSecrets = project.taskSecretNames();
        const SecretResult secrets = store.states(&stored, taskSecrets);
        QStringList names;
        for (const SecretSpec& spec : Schema::secrets()) {
            names << spec.name;
        }
        for (const QString& name : names + taskSecrets) {
            const char* state = !secrets.ok ? "<unknown>" : stored.value(name) ? "<set>" : "<unset>";
            io.out << "secret." << name << '=' << state << '\n';
        }
        io.out.flush();
        if (!secrets.ok) {
            io.err
                << QCoreApplication::translate("Cli", "settings: secret states unknown: %1").arg(secrets.errorMessage)
                << Qt::endl;
        }
        return ExitCode::Ok;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(SettingsCommand)
