#include "cli/ProjectCommand.h"
#include "lint/Lint.h"
#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>

namespace saltant {

// `lint`: every problem of the project, one line each ("severity id field: message"), errors first.
class LintCommand : public ProjectCommand
{
public:
    QString name() const override { return QStringLiteral("lint"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli", "List the project's problems, errors first; exit 1 on any error.");
    }
    static bool storedSecrets(const Project& project, QSet<QString>* names, QString* error)
    {
        KeychainSecretStore store(project.projectId());
        QHash<QString, bool> states;
        const SecretResult result = store.states(&states, project.taskSecretNames());
        if (!result.ok) {
            *error = result.errorMessage;
            return false;
        }
        for (auto it = states.cbegin(); it != states.cend(); ++it) {
            if (it.value()) {
                names->insert(it.key());
            }
        }
        return true;
    }

    int runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const override
    {
        Q_UNUSED(parser)
        QString error;
        // Which secrets are stored, from the keychain (states only, never values), as the window's Problems panel
        // sees them: the same project gets the same answer in both.
        QSet<QString> stored;
        if (!storedSecrets(project, &stored, &error)) {
            io.err << QCoreApplication::translate("Cli", "lint: secret states unknown, so every needed secret is "
                                                         "listed as missing: %1")
                          .arg(error)
                   << Qt::endl;
        }
        const LintContext context{project, stored, nullptr};
        bool anyError = false;
        for (const LintIssue& issue : Linter::run(context)) {
            anyError = anyError || issue.severity == Severity::Error;
            io.out << Linter::severityName(issue.severity) << ' ' << issue.ruleId << ' ' << issue.field << ": "
                   << issue.message << '\n';
        }
        io.out.flush();
        return anyError ? ExitCode::Problems : ExitCode::Ok;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(LintCommand)
