#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QTextStream>
#include <memory>
#include <vector>

namespace saltant {

// Exit codes of saltant-deploy-cli (documented in README.md).
namespace ExitCode {
constexpr int Ok = 0;
constexpr int Problems = 1;     // lint found errors, a check failed
constexpr int Usage = 2;        // bad arguments, unknown setting, invalid value, unreadable project
constexpr int Io = 3;           // a local file could not be written or read
constexpr int Keychain = 4;     // the OS keychain is unavailable or refused
constexpr int HostKey = 5;      // the server's host key is unknown (without --accept-new-host-key) or changed
constexpr int Connection = 6;   // SSH connection or authentication failed
constexpr int Validation = 7;   // the server rejected the new configuration; everything was rolled back
constexpr int DeployFailed = 8; // a deploy step failed after the files were in place
constexpr int Drift = 9;        // deploy refused: files changed on the server since the last deploy (no file touched)
} // namespace ExitCode

// Where a command writes: standard output for results, standard error for messages.
struct CliIo
{
    QTextStream& out;
    QTextStream& err;
};

// One subcommand of saltant-deploy-cli ("render", "lint", ...). Each lives in its own file and registers
// itself with SALTANT_REGISTER_COMMAND, so adding a command touches no shared list.
class CliCommand
{
public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    // Positional arguments shown in --help, e.g. "FILE".
    virtual QString arguments() const { return QString(); }
    virtual void addOptions(QCommandLineParser& parser) const = 0;
    virtual int run(const QCommandLineParser& parser, CliIo& io) const = 0;
};

class CliRegistry
{
public:
    static bool add(std::unique_ptr<CliCommand> command);
    static const std::vector<std::unique_ptr<CliCommand>>& commands();
    static const CliCommand* find(const QString& name);
};

} // namespace saltant

#define SALTANT_REGISTER_COMMAND(Class)                                                                                \
    namespace {                                                                                                        \
    const bool registered##Class = saltant::CliRegistry::add(std::make_unique<saltant::Class>());                      \
    }
