#pragma once

#include "cli/CliCommand.h"
#include "model/Project.h"
#include "net/CheckOptions.h"
#include "net/CheckSuite.h"

#include <QCoreApplication>

namespace saltant {

// What `check` and `deploy` share about the network checks: the options that steer them (--timeout, --resolve,
// --port, --ca-file) and running one suite to completion, printing one line per check.
class CheckCli
{
    Q_DECLARE_TR_FUNCTIONS(saltant::CheckCli)

public:
    static void addOptions(QCommandLineParser& parser);
    // False with a message naming the bad option.
    static bool readOptions(const QCommandLineParser& parser, CheckOptions* options, QString* error);
    // Runs the suite (blocking, with its own event loop) and prints each result as it arrives, prefixed with
    // heading on its own line when heading is not empty. Returns the number of failed checks.
    static int run(CheckSuite::Kind kind, const Project& project, const CheckOptions& options, CliIo& io,
                   const QString& heading = QString());
};

} // namespace saltant
