#include "cli/Cli.h"

#include "i18n/Translations.h"

#include <QCoreApplication>

namespace saltant {

void Cli::printUsage(QTextStream& out)
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

int Cli::run(const QStringList& arguments, CliIo& io)
{
    const QStringList args = Translations::withoutLanguageOption(arguments);
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h") ||
        args[1] == QLatin1String("help")) {
        printUsage(args.size() < 2 ? io.err : io.out);
        return args.size() < 2 ? ExitCode::Usage : ExitCode::Ok;
    }
    if (args[1] == QLatin1String("--version") || args[1] == QLatin1String("-v")) {
        io.out << "saltant-deploy-cli " << QCoreApplication::applicationVersion() << '\n';
        return ExitCode::Ok;
    }
    const CliCommand* command = CliRegistry::find(args[1]);
    if (!command) {
        io.err << QCoreApplication::translate("Cli", "Unknown command \"%1\".\n\n").arg(args[1]);
        printUsage(io.err);
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
        io.err << parser.errorText() << '\n';
        return ExitCode::Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << parser.helpText();
        return ExitCode::Ok;
    }
    return command->run(parser, io);
}

} // namespace saltant
