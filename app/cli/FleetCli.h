#pragma once

#include "cli/CliCommand.h"
#include "model/Project.h"

#include <QCoreApplication>

namespace saltant {

// `plan` and `deploy` on several hosts (--all, --host NAME): the web server and the worker hosts, each with its own
// SSH session and transaction, in parallel (FleetDeploy). Without these options both commands work on the web
// server alone, as before.
class FleetCli
{
    Q_DECLARE_TR_FUNCTIONS(saltant::FleetCli)

public:
    static void addOptions(QCommandLineParser& parser);
    // --all or --host given.
    static bool requested(const QCommandLineParser& parser);
    // Prints each selected host's plan; exit code Ok when every host could be read, else the first failure's.
    static int plan(const Project& project, const QCommandLineParser& parser, CliIo& io);
    // Plans every selected host, shows the plans (asks unless --yes), applies them, prints a summary line per host.
    static int deploy(const Project& project, const QCommandLineParser& parser, CliIo& io);
};

} // namespace saltant
