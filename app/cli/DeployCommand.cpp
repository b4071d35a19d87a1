#include "DeployCommand.h"

#include "ProjectOptions.h"
#include "deploy/DeployRunner.h"
#include "deploy/PlanText.h"
#include "secrets/KeychainSecretStore.h"

#include <QCoreApplication>
#include <cstdio>
#include <unistd.h>

namespace saltant {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Cli", text);
}

int exitCodeFor(DeployReport::Outcome outcome)
{
    switch (outcome) {
    case DeployReport::Outcome::NothingToDo:
    case DeployReport::Outcome::Deployed:
        return ExitCode::Ok;
    case DeployReport::Outcome::Refused:
        return ExitCode::Problems;
    case DeployReport::Outcome::ValidationFailed:
        return ExitCode::Validation;
    case DeployReport::Outcome::ConnectionLost:
        return ExitCode::Connection;
    case DeployReport::Outcome::TransactionFailed:
    case DeployReport::Outcome::StepFailed:
        break;
    }
    return ExitCode::DeployFailed;
}

} // namespace

QString DeployCommand::summary() const
{
    return tr("Show the plan, then apply it to the server as a transaction (validated, rolled back on failure).");
}

void DeployCommand::addConnectionOptions(QCommandLineParser& parser)
{
    ProjectOptions::add(parser);
    parser.addOption({QStringLiteral("accept-new-host-key"),
                      tr("Trust the server's host key when it is not yet in known_hosts (a changed key is always "
                         "refused).")});
}

void DeployCommand::addOptions(QCommandLineParser& parser) const
{
    addConnectionOptions(parser);
    parser.addOption({QStringLiteral("yes"), tr("Apply without asking (required when standard input is not a "
                                                "terminal).")});
    parser.addOption({QStringLiteral("install-missing"),
                      tr("Also run the plan's install commands for missing programs (apt-get, pip).")});
}

int DeployCommand::prepare(const QCommandLineParser& parser, CliIo& io, DeployContext* context)
{
    QString error;
    if (!ProjectOptions::load(parser, &context->project, &error)) {
        io.err << error << Qt::endl;
        return ExitCode::Usage;
    }
    if (!ProjectOptions::reportProblems(context->project.validate(), io.err)) {
        return ExitCode::Usage;
    }
    {
        KeychainSecretStore store(context->project.projectId());
        const SecretResult read = store.readAll(&context->secrets);
        if (!read.ok) {
            io.err << tr("warning: secrets could not be read from the keychain: %1").arg(read.errorMessage) << Qt::endl;
        }
    }
    SshCredentials credentials;
    const SecretValues* secrets = &context->secrets;
    credentials.secret = [secrets](const QString& name) {
        return secrets->value(name);
    };
    context->session = std::make_unique<SshSession>(SshTarget::fromProject(context->project), credentials);
    SshSession& session = *context->session;
    if (!session.connectToHost()) {
        io.err << session.errorString() << Qt::endl;
        return session.failure() == SshSession::Failure::HostKeyChanged ? ExitCode::HostKey : ExitCode::Connection;
    }
    const HostKeyCheck& key = session.hostKey();
    if (key.status == HostKeyCheck::Unknown) {
        if (!parser.isSet(QStringLiteral("accept-new-host-key"))) {
            io.err << tr("The server's host key is not known: %1 %2 (%3). Check it, then run again with "
                         "--accept-new-host-key.")
                          .arg(key.keyType, key.fingerprint, key.hostName)
                   << Qt::endl;
            return ExitCode::HostKey;
        }
        if (!session.acceptHostKey(&error)) {
            io.err << error << Qt::endl;
            return ExitCode::HostKey;
        }
        io.err << tr("Trusting the new host key %1 (written to %2).").arg(key.fingerprint, key.knownHostsFile)
               << Qt::endl;
    }
    if (!session.authenticate()) {
        io.err << session.errorString() << Qt::endl;
        return session.failure() == SshSession::Failure::HostKeyChanged ? ExitCode::HostKey : ExitCode::Connection;
    }
    context->host = std::make_unique<SshRemoteHost>(session);
    if (!DeployRunner::makePlan(*context->host, context->project, context->secrets, &context->plan, &error)) {
        io.err << error << Qt::endl;
        return session.isConnected() ? ExitCode::Problems : ExitCode::Connection;
    }
    context->plan.host = session.target().displayName();
    return ExitCode::Ok;
}

int DeployCommand::run(const QCommandLineParser& parser, CliIo& io) const
{
    const bool confirmed = parser.isSet(QStringLiteral("yes"));
    if (!confirmed && !isatty(STDIN_FILENO)) {
        io.err << tr("deploy: standard input is not a terminal; review the plan with `plan`, then deploy with "
                     "--yes.")
               << Qt::endl;
        return ExitCode::Usage;
    }
    DeployContext context;
    const int prepared = prepare(parser, io, &context);
    if (prepared != ExitCode::Ok) {
        return prepared;
    }
    const Plan& plan = context.plan;
    if (!confirmed) {
        io.out << PlanText::render(plan);
        if (plan.hasWork() && plan.blockers.isEmpty()) {
            io.out << tr("Apply this plan? [y/N] ") << Qt::flush;
            QTextStream in(stdin);
            const QString answer = in.readLine().trimmed().toLower();
            if (answer != QLatin1String("y") && answer != QLatin1String("yes")) {
                io.err << tr("deploy: cancelled; nothing was changed.") << Qt::endl;
                return ExitCode::Problems;
            }
        }
    } else {
        io.out << PlanText::render(plan, false);
    }
    DeployOptions options;
    options.installMissing = parser.isSet(QStringLiteral("install-missing"));
    const DeployReport report =
        DeployRunner::apply(*context.host, plan, context.secrets, options, [&io](const DeployStepReport& step) {
            io.out << DeployLog::formatStep(step) << Qt::flush;
        });
    (report.ok() ? io.out : io.err) << DeployRunner::outcomeText(report.outcome) << ": " << report.message << Qt::endl;
    if (!report.logPath.isEmpty()) {
        io.out << tr("Log: %1").arg(report.logPath) << Qt::endl;
    }
    return exitCodeFor(report.outcome);
}

} // namespace saltant

SALTANT_REGISTER_COMMAND(DeployCommand)
