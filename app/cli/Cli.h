#pragma once

#include "cli/CliCommand.h"

#include <QStringList>

namespace saltant {

// saltant-deploy-cli without its process: parses the arguments, dispatches to the registered command and answers the
// exit code. main() only sets up the application, the translations and the streams; tests run commands in-process.
class Cli
{
public:
    // args as QCoreApplication::arguments() gives them (args[0] is the program); a --lang option is ignored here
    // (main() installs the translators it names).
    static int run(const QStringList& args, CliIo& io);
    static void printUsage(QTextStream& out);
};

} // namespace saltant
