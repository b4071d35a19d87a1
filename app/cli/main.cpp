#include "cli/CliCommand.h"
#include "i18n/Translations.h"
#include "secrets/CoreDumps.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace saltant;

namespace {

void printUsage(QTextStream& out)
{
    out << QCoreApplication::translate("Cli", "Usage: saltant-deploy-cli COMMAND [OPTIONS]\n"
                                              "Configure and deploy a production saltant server.\n\n"
                                              "Commands:\n");
    for (const auto& command : CliRegistry::commands()) {
        out << "  " << command->name().leftJustified(10) << ' ' << command->summary() << '\n';
    }
    out << QCoreApplication::translate("Cli", "\nRun `saltant-deploy-cli COMMAND --help` for a command's options.\n"
                                              "Options: --help, --version, --lang CODE\n");
}

} // namespace

int main(int argc, char* argv[])
{
    CoreDumps::disableInReleaseBuilds(); // secrets pass through memory: no core files in release builds
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("saltant-deploy-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Saltant Deploy"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SALTANT_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    // --lang CODE (before the command) or SALTANT_LANG chooses the language; else the system locale.
    const QStringList args = Translations::withoutLanguageOption(QCoreApplication::arguments());
    Translations::install(app, Translations::languageFromArguments(QCoreApplication::arguments()));
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h") ||
        args[1] == QLatin1String("help")) {
        printUsage(args.size() < 2 ? err : out);
        return args.size() < 2 ? ExitCode::Usage : ExitCode::Ok;
    }
    if (args[1] == QLatin1String("--version") || args[1] == QLatin1String("-v")) {
        out << "saltant-deploy-cli " << QCoreApplication::applicationVersion() << '\n';
        return ExitCode::Ok;
    }
    const CliCommand* command = CliRegistry::find(args[1]);
    if (!command) {
        err << QCoreApplication::translate("Cli", "Unknown command \"%1\".\n\n").arg(args[1]);
        printUsage(err);
        return ExitCode::Usage;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary());
    parser.addHelpOption();
    command->addOptions(parser);
    if (!command->arguments().isEmpty()) {
        parser.addPositionalArgument(command->arguments(), QString());
    }
    QStringList commandArgs = args;
    commandArgs.removeAt(1);
    commandArgs[0] = args[0] + QLatin1Char(' ') + command->name();
    if (!parser.parse(commandArgs)) {
        err << parser.errorText() << '\n';
        return ExitCode::Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return ExitCode::Ok;
    }
    CliIo io{out, err};
    return command->run(parser, io);
}
