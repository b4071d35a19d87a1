#pragma once

#include "cli/CliCommand.h"
#include "deploy/DeployConnection.h"
#include "model/Project.h"

#include <QCoreApplication>
#include <memory>

namespace saltant {

// What `plan` and `deploy` share: the project, its secrets from the keychain, the SSH connection and the plan.
struct DeployContext
{
    Project project;
    std::unique_ptr<DeployConnection> connection; // the session, the remote host, the secrets and the plan
};

// `deploy [--yes] [--accept-new-host-key] [--install-missing] [--no-checks]`: preflight checks, plan, confirm,
// apply as a transaction, health checks.
class DeployCommand : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(saltant::DeployCommand)

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
    // The two halves of prepare(): load and validate the project; then secrets, connection and plan.
    static int loadProject(const QCommandLineParser& parser, CliIo& io, DeployContext* context);
    static int connect(const QCommandLineParser& parser, CliIo& io, DeployContext* context);
};

} // namespace saltant
