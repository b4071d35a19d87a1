#include "cli/CheckCli.h"
#include "cli/ProjectCommand.h"
#include "generate/SiteFacts.h"
#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

namespace saltant {

// `check [--preflight|--health]`: runs the checks against the live server, one line per check
// ("PASS|WARN|FAIL  title: detail — remedy"); exit 1 when any fails. Without either option both suites run.
class CheckCommand : public ProjectCommand
{
public:
    QString name() const override { return QStringLiteral("check"); }
    QString summary() const override
    {
        return QCoreApplication::translate("Cli",
                                           "Check DNS, ports, the live site, Flower, RabbitMQ and certificates.");
    }
    void addCommandOptions(QCommandLineParser& parser) const override
    {
        parser.addOption({QStringLiteral("preflight"),
                          QCoreApplication::translate("Cli", "Only the preflight checks (DNS and open ports).")});
        parser.addOption(
            {QStringLiteral("health"),
             QCoreApplication::translate("Cli", "Only the health checks (site, /flower/, /rabbitmq/, certificates). "
                                                "Logs in to Flower with its password from the keychain, or from "
                                                "SALTANT_FLOWER_PASSWORD in the environment when that is set.")});
        CheckCli::addOptions(parser);
    }
    bool needsValidProject() const override { return true; }
    QString refusalNote() const override
    {
        return QCoreApplication::translate("Cli", "check: nothing checked; fix the settings above.");
    }
    int runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const override
    {
        CheckOptions options;
        QString error;
        if (!CheckCli::readOptions(parser, &options, &error)) {
            io.err << QStringLiteral("check: ") << error << Qt::endl;
            return ExitCode::Usage;
        }
        QList<CheckSuite::Kind> kinds;
        const bool preflight = parser.isSet(QStringLiteral("preflight"));
        const bool health = parser.isSet(QStringLiteral("health"));
        if (preflight || !health) {
            kinds << CheckSuite::Kind::Preflight;
        }
        if (health || !preflight) {
            kinds << CheckSuite::Kind::Health;
            options.flowerPassword = flowerPassword(project, io);
        }
        int failures = 0;
        for (CheckSuite::Kind kind : kinds) {
            failures += CheckCli::run(kind, project, options, io);
        }
        return failures > 0 ? ExitCode::Problems : ExitCode::Ok;
    }

private:
    // The Flower password is a secret: from the environment when set there, else from the keychain; never from
    // the command line. Empty (the login check is left out, with a note why) when neither has it.
    static QString flowerPassword(const Project& project, CliIo& io)
    {
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (env.contains(QStringLiteral("SALTANT_FLOWER_PASSWORD"))) {
            return env.value(QStringLiteral("SALTANT_FLOWER_PASSWORD"));
        }
        if (SiteFacts(project).flowerUrl().isEmpty()) {
            return QString();
        }
        KeychainSecretStore store(project.projectId());
        SecretResult read = store.readNow(QStringLiteral("flower.password"));
        if (!read.ok) {
            const QString why = read.errorKind == SecretErrorKind::NotFound
                                    ? QCoreApplication::translate("Cli", "the secret flower.password has no value; "
                                                                         "set it with `secret set flower.password`.")
                                    : read.errorMessage;
            io.err << QCoreApplication::translate("Cli", "note: the Flower login is not checked: %1").arg(why)
                   << Qt::endl;
            return QString();
        }
        const QString value = read.value;
        read.wipe();
        return value;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(CheckCommand)
