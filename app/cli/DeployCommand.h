#pragma once

#include "CliCommand.h"
#include "deploy/DeployConnection.h"
#include "model/Project.h"

#include <memory>

namespace saltant {

// What `plan` and `deploy` share: the project, its secrets from the keychain, the SSH connection and the plan.
struct DeployContext
{
    Project project;
    std::unique_ptr<DeployConnection> connection; // the session, the remote host, the secrets and the plan
};

// `deploy [--yes] [--accept-new-host-key] [--install-missing]`: plan, confirm, apply as a transaction.
class DeployCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("deploy"); }
    QString summary() const override;
    void addOptions(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, CliIo& io) const override;

    // --project, --set and --accept-new-host-key.
    static void addConnectionOptions(QCommandLineParser& parser);
    // Loads the project, reads its secrets (missing ones are reported by the plan), connects (host-key policy:
    // unknown keys only with --accept-new-host-key, changed keys never), reads the server and plans.
    // Returns ExitCode::Ok, or the exit code to end with after printing why.
    static int prepare(const QCommandLineParser& parser, CliIo& io, DeployContext* context);
};

} // namespace saltant
