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
        // Secrets by state only (<set>/<unset>, read from the keychain); their values are never printed.
        KeychainSecretStore store(project.projectId());
        QHash<QString, bool> stored;
        const SecretResult secrets = store.states(&stored);
        for (const SecretSpec& spec : Schema::secrets()) {
            const char* state = !secrets.ok ? "<unknown>" : stored.value(spec.name) ? "<set>" : "<unset>";
            io.out << "secret." << spec.name << '=' << state << '\n';
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
