#include "cli/CliCommand.h"
#include "cli/ProjectOptions.h"
#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>

namespace saltant {

// `settings`: every setting as dotted.key=value, the keys --set accepts.
class SettingsCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("settings"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli", "Print every setting as dotted.key=value.");
    }
    void addOptions(QCommandLineParser& parser) const override { ProjectOptions::add(parser); }
    int run(const QCommandLineParser& parser, CliIo& io) const override
    {
        Project project;
        QString error;
        if (!ProjectOptions::load(parser, &project, &error)) {
            io.err << error << Qt::endl;
            return ExitCode::Usage;
        }
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
            io.err << QCoreApplication::translate("Cli", "settings: secret states unknown: %1").arg(secrets.errorMessage)
                   << Qt::endl;
        }
        return ExitCode::Ok;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(SettingsCommand)
