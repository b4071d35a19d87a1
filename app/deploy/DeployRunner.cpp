#include "deploy/DeployRunner.h"

#include "deploy/Transaction.h"
#include "generate/DeploySteps.h"
#include "generate/Renderer.h"
#include "model/SettingKeys.h"
#include "plan/PlanText.h"

#include <QCoreApplication>

namespace saltant {
QString DeployRunner::outcomeText(DeployReport::Outcome outcome)
{
    switch (outcome) {
    case DeployReport::Outcome::NothingToDo:
        return tr("nothing to do");
    case DeployReport::Outcome::Deployed:
        return tr("deployed");
    case DeployReport::Outcome::Refused:
        return tr("refused; the server was not changed");
    case DeployReport::Outcome::TransactionFailed:
        return tr("the files could not be put in place; every file was restored");
    case DeployReport::Outcome::ValidationFailed:
        return tr("validation failed; every file was restored and no service was reloaded");
    case DeployReport::Outcome::StepFailed:
        return tr("a step failed after the new files were in place");
    case DeployReport::Outcome::ConnectionLost:
        return tr("the connection was lost");
    case DeployReport::Outcome::Cancelled:
        return tr("cancelled");
    case DeployReport::Outcome::DriftRefused:
        return tr("refused: files were changed on the server since the last deploy; the server was not changed");
    }
    return QString();
}

QString DeployRunner::stateDirectory(const Project& project)
{
    const QString dir = project.text(Key::ServerStateDirectory);
    // Each worker host its own record (names are [a-z][a-z0-9-]*): hosts may share a machine with the server or
    // with each other.
    return project.isWorker() ? dir + QStringLiteral("/worker-") + project.hostName() : dir;
}

bool DeployRunner::makePlan(RemoteHost& host, const Project& project, const SecretValues& secrets, Plan* plan,
                            QString* error, bool keepDrift)
{
    // One render: the files with the secrets, the same files masked for the diffs, and the deploy's steps.
    // The server's files depend on none of the worker hosts, and a host's problem must not stop the server's deploy.
    const RenderResult rendered = Renderer::render(project.isWorker() ? project : project.withoutWorkers(), &secrets);
    if (!rendered.ok()) {
        QStringList lines;
        for (const FieldProblem& p : rendered.problems) {
            lines << p.key + QStringLiteral(": ") + p.message;
        }
        *error = tr("The project does not render:\n") + lines.join(QLatin1Char('\n'));
        return false;
    }
    RemoteSnapshot snapshot;
    const QString state = stateDirectory(project);
    if (!RemoteSnapshot::read(host, Plan::request(rendered.files, rendered.steps, state), &snapshot, error)) {
        return false;
    }
    *plan = Plan::build(rendered.files, rendered.masked, rendered.steps, snapshot, keepDrift);
    describe(project, plan);
    return true;
}

void DeployRunner::describe(const Project& project, Plan* plan)
{
    plan->host = project.text(Key::SshUser) + QLatin1Char('@') + project.text(Key::SshHost);
    plan->projectName = project.isWorker() ? project.text(Key::ServerDomain) + QStringLiteral(" (worker ") +
                                                 project.hostName() + QLatin1Char(')')
                                           : project.text(Key::ServerDomain);
    plan->historyDepth = project.integer(Key::ServerHistoryDepth);
}

DeployReport DeployRunner::apply(RemoteHost& host, const Plan& plan, const SecretValues& secrets,
                                 const DeployOptions& options, const Reporter& progress)
{
    DeployReport report;
    const Transaction::Reporter record = [&](const DeployStepReport& step) {
        report.steps.append(step);
        if (progress) {
            progress(step);
        }
    };
    Transaction transaction(host, plan, secrets, record);
    const auto finish = [&](DeployReport::Outcome outcome, const QString& message) {
        report.outcome = transaction.connectionLost() && outcome != DeployReport::Outcome::Refused
                             ? DeployReport::Outcome::ConnectionLost
                             : outcome;
        report.message = message;
        if (report.outcome == DeployReport::Outcome::ConnectionLost) {
            report.message += tr(" The connection was lost: every file on the server is either the old or the new "
                                 "version; deploy again to finish or repair.");
        }
        report.uploaded = transaction.uploaded();
        if (options.writeLog) {
            QString error;
            report.logPath =
                DeployLog::write(PlanText::render(plan), report.steps,
                                 outcomeText(report.outcome) + QStringLiteral(": ") + report.message, &error);
        }
        return report;
    };

    const auto cancelled = [&options] {
        return options.cancel && options.cancel->load();
    };
    const QString untouched = tr("Cancelled before any file was changed.");

    QStringList refusal = plan.refusals(options.installMissing);
    for (const QList<DeployStep>* list : {&plan.provision, &plan.handlers}) {
        for (const DeployStep& step : *list) {
            if (!step.stdinSecret.isEmpty() && !secrets.contains(step.stdinSecret)) {
                refusal << tr("The secret %1 has no value (needed by: %2).").arg(step.stdinSecret, step.title);
            }
        }
    }
    if (!refusal.isEmpty()) {
        return finish(DeployReport::Outcome::Refused, refusal.join(QLatin1Char('\n')));
    }
    if (!options.overwriteDrift && !plan.driftOverwritten().isEmpty()) {
        QStringList lines;
        for (const PlannedFile* f : plan.driftOverwritten()) {
            lines << QStringLiteral("  ") + f->file.remotePath + QStringLiteral(" (") + f->driftWhat + QLatin1Char(')');
        }
        return finish(DeployReport::Outcome::DriftRefused,
                      tr("These files were changed on the server since the last deploy; this deploy would "
                         "overwrite them:\n%1\nReview them with `plan`, then deploy with --overwrite-drift (replace "
                         "them) or --keep-drift (leave them as they are and deploy the rest).")
                          .arg(lines.join(QLatin1Char('\n'))));
    }
    if (!plan.hasWork() && plan.missingPrograms.isEmpty()) {
        return finish(DeployReport::Outcome::NothingToDo, PlanText::summary(plan));
    }
    if (cancelled()) {
        return finish(DeployReport::Outcome::Cancelled, untouched);
    }
    if (!transaction.recover()) {
        return finish(DeployReport::Outcome::TransactionFailed,
                      tr("Could not resolve what an interrupted deploy left on the server."));
    }
    if (options.installMissing) {
        for (const MissingProgram& m : plan.missingPrograms) {
            if (m.installCommand.isEmpty() || !transaction.execute(StepPhase::Install, m.title, m.installCommand).ok) {
                return finish(DeployReport::Outcome::StepFailed, tr("Installing failed: %1.").arg(m.title));
            }
        }
    }
    if (cancelled()) {
        return finish(DeployReport::Outcome::Cancelled, untouched);
    }
    // The Prepare steps run as one batch: one channel, and Cancel waits for the whole (the certificate bootstrap
    // among them puts the site back only at its end).
    if (!transaction.executeBatch(StepPhase::Prepare, plan.prepare)) {
        const QString title = report.steps.isEmpty() ? QString() : report.steps.constLast().title;
        return finish(DeployReport::Outcome::TransactionFailed, tr("%1 failed; no file was changed.").arg(title));
    }
    if (cancelled()) {
        return finish(DeployReport::Outcome::Cancelled, untouched);
    }
    if (!transaction.stage()) {
        return finish(DeployReport::Outcome::TransactionFailed, tr("Uploading failed; no file was changed."));
    }
    if (cancelled()) {
        transaction.discardStaged();
        return finish(DeployReport::Outcome::Cancelled, untouched);
    }
    if (!transaction.apply()) {
        return finish(DeployReport::Outcome::TransactionFailed,
                      tr("The new files could not be put in place; every file was restored."));
    }
    if (!transaction.validate()) {
        QString output;
        for (const DeployStepReport& step : report.steps) {
            if (step.phase == StepPhase::Validate && !step.ok) {
                output = step.title + QStringLiteral(":\n") + step.output + step.error;
            }
        }
        return finish(DeployReport::Outcome::ValidationFailed,
                      tr("The server rejected the new configuration; every file was restored, no service was "
                         "reloaded.\n") +
                          output);
    }
    if (!transaction.commit()) {
        return finish(DeployReport::Outcome::StepFailed, tr("The new files could not be marked committed."));
    }
    if (!options.cancel) {
        // Nobody can cancel between two steps: the provisioning steps and handlers run as batches (one command for
        // each run of steps that read no secret), each step still reported with its own output and status; the
        // first failure ends them, and the next deploy runs them again, as below.
        const bool ok = transaction.executeBatch(StepPhase::Provision, plan.provision + plan.handlers, true);
        for (const DeployStepReport& step : std::as_const(report.steps)) {
            report.handlersRun += step.phase == StepPhase::Handlers ? 1 : 0;
        }
        if (!ok) {
            return finish(DeployReport::Outcome::StepFailed,
                          tr("%1 failed; the new files are in place. The remaining steps did not run; the next "
                             "deploy runs them again.")
                              .arg(report.steps.isEmpty() ? QString() : report.steps.constLast().title));
        }
    }
    for (const QList<DeployStep>* list : {&plan.provision, &plan.handlers}) {
        if (!options.cancel) {
            break;
        }
        for (const DeployStep& step : *list) {
            if (cancelled()) {
                return finish(DeployReport::Outcome::Cancelled,
                              tr("Cancelled; the new files are in place. The remaining steps did not run; the next "
                                 "deploy runs them."));
            }
            const bool ok = transaction.execute(step.phase, step.title, step.command, step.stdinSecret).ok;
            report.handlersRun += list == &plan.handlers ? 1 : 0;
            if (!ok) {
                return finish(DeployReport::Outcome::StepFailed,
                              tr("%1 failed; the new files are in place. The remaining steps did not run; the next "
                                 "deploy runs them again.")
                                  .arg(step.title));
            }
        }
    }
    if (!transaction.finish()) {
        return finish(DeployReport::Outcome::StepFailed, tr("The pending markers could not be removed."));
    }
    return finish(DeployReport::Outcome::Deployed, PlanText::summary(plan));
}

} // namespace saltant
