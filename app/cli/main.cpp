#include "cli/Cli.h"
#include "i18n/Translations.h"
#include "secrets/CoreDumps.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>

using namespace saltant;

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
    Translations::install(app, Translations::languageFromArguments(QCoreApplication::arguments()));
    CliIo io{out, err};
    return Cli::run(QCoreApplication::arguments(), io);
}
