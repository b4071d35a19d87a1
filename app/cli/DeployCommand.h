#pragma once

#include "cli/ProjectCommand.h"
#include "deploy/DeployConnection.h"
#include "deploy/DeployRunner.h"
#include "model/Project.h"

#include <QCoreApplication>
#include <memory>

namespace saltant {

// What `plan` and `deploy` share: the project, its secrets from the keychain, the SSH connection and the plan.
struct DeployContext
{
    Project project;
    std::unique_ptr<DeployConnection> connection; // the session, the remote host, the secrets and the plan
    bool keepDrift = false;                       // the plan leaves files changed on the server as they are
};

// `deploy [--yes] [--accept-new-host-key] [--install-missing] [--no-checks] [--overwrite-drift|--keep-drift]`:
// preflight checks, plan, confirm, apply as a transaction, health checks.
class DeployCommand : public ProjectCommand
{
    Q_DECLARE_TR_FUNCTIONS(saltant::DeployCommand)

public:
    QString name() const override { return QStringLiteral("deploy"); }
    QString summary() const override;

    // --accept-new-host-key (after the project options).
    static void addConnectionOptions(QCommandLineParser& parser);
    // Reads the project's secrets (missing ones are reported by the plan), connects (host-key policy: unknown keys
    // only with --accept-new-host-key, changed keys never), reads the server and plans. Returns ExitCode::Ok, or the
    // exit code to end with after printing why.
    // reading: Plan also reads the server and plans; HostOnly stops after authentication (history, rollback).
    enum class Reading
    {
        Plan,
        HostOnly,
    };
    static int connect(const QCommandLineParser& parser, CliIo& io, DeployContext* context,
                       Reading reading = Reading::Plan);
    // The exit code of a deploy's outcome, and of a connection that failed that way (README's table).
    static int exitCode(DeployReport::Outcome outcome);
    static int exitCode(DeployConnection::Failure failure);

protected:
    void addCommandOptions(QCommandLineParser& parser) const override;
    int checkArguments(const QCommandLineParser& parser, CliIo& io) const override;
    bool needsValidProject() const override { return true; }
    // With --all or --host each host's own problems are reported on that host, and the others go on.
    QList<FieldProblem> refusingProblems(const Project& project, const QCommandLineParser& parser) const override;
    int runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const override;
};

} // namespace saltant
