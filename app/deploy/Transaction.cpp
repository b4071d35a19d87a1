#include "deploy/Transaction.h"

#include "deploy/DeployHistory.h"
#include "deploy/TransactionScript.h"
#include "plan/PlanDrift.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSysInfo>

namespace saltant {
Transaction::Transaction(RemoteHost& host, const Plan& plan, const SecretValues& secrets, Reporter reporter)
    : m_host(host), m_plan(plan), m_secrets(secrets), m_reporter(std::move(reporter)),
      m_id(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmsszzz")) + QLatin1Char('-') +
           QString::number(QRandomGenerator::global()->generate() % 1000000))
{
    if (!m_plan.writesManifest()) {
        return;
    }
    const QString dir = m_plan.stateDirectory;
    m_stateDirectories.append(dir);
    for (const PlannedFile* f : PlanDrift::copiesToWrite(m_plan)) {
        const QString copy = DeployManifest::deployedCopyPath(dir, f->file.remotePath);
        const QString parent = copy.left(copy.lastIndexOf(QLatin1Char('/')));
        if (!m_stateDirectories.contains(parent)) {
            m_stateDirectories.append(parent);
        }
        m_state.append({copy, f->file.remotePath, QByteArray()});
    }
    // The manifest last (it names what the copies hold); it comes on the apply command's standard input.
    m_state.append({DeployManifest::manifestPath(dir), QString(), PlanDrift::next(m_plan).toJson()});
}

QStringList Transaction::stateTargets() const
{
    QStringList targets;
    for (const StateFile& f : m_state) {
        targets.append(f.target);
    }
    return targets;
}

DeployStepReport Transaction::execute(StepPhase phase, const QString& title, const QString& command,
                                      const QString& stdinSecret, const QString& shownCommand)
{
    QByteArray input;
    if (!stdinSecret.isEmpty()) {
        if (!m_secrets.contains(stdinSecret)) {
            DeployStepReport report;
            report.phase = phase;
            report.title = title;
            report.command = DeployLog::mask(shownCommand.isEmpty() ? command : shownCommand, m_secrets);
            report.error = tr("The secret %1 has no value.").arg(stdinSecret);
            if (m_reporter) {
                m_reporter(report);
            }
            return report;
        }
        input = m_secrets.value(stdinSecret).toUtf8() + '\n';
    }
    return run(phase, title, command, shownCommand, input);
}

DeployStepReport Transaction::run(StepPhase phase, const QString& title, const QString& command,
                                  const QString& shownCommand, QByteArray input)
{
    DeployStepReport report;
    report.phase = phase;
    report.title = title;
    report.command = DeployLog::mask(shownCommand.isEmpty() ? command : shownCommand, m_secrets);
    const CommandResult result = m_host.run(command, input, true);
    input.fill('\0');
    report.exitStatus = result.started ? result.exitStatus : -1;
    report.ok = result.ok();
    report.error = DeployLog::mask(result.error, m_secrets);
    m_connectionLost = !result.started;
    QString output = QString::fromUtf8(result.stdOut);
    if (!result.stdErr.isEmpty()) {
        output += (output.isEmpty() || output.endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral("\n")) +
                  QString::fromUtf8(result.stdErr);
    }
    report.output = DeployLog::mask(output, m_secrets);
    if (m_reporter) {
        m_reporter(report);
    }
    return report;
}

void Transaction::report(const DeployStepReport& report) const
{
    if (m_reporter) {
        m_reporter(report);
    }
}

bool Transaction::executeBatch(StepPhase phase, const QList<DeployStep>& steps, bool ownPhases)
{
    qsizetype next = 0;
    while (next < steps.size()) {
        if (!steps.at(next).stdinSecret.isEmpty()) {
            const DeployStep& step = steps.at(next++);
            if (!execute(ownPhases ? step.phase : phase, step.title, step.command, step.stdinSecret).ok) {
                return false;
            }
            continue;
        }
        QList<DeployStep> batch;
        while (next < steps.size() && steps.at(next).stdinSecret.isEmpty()) {
            batch.append(steps.at(next++));
        }
        const QByteArray marker = TransactionScript::batchMarker();
        const CommandResult result = m_host.run(TransactionScript::batch(marker, batch), QByteArray(), true);
        m_connectionLost = !result.started;
        const QList<TransactionScript::BatchResult> results = TransactionScript::parseBatch(marker, result.stdOut);
        for (qsizetype i = 0; i < batch.size(); ++i) {
            DeployStepReport step;
            step.phase = ownPhases ? batch.at(i).phase : phase;
            step.title = batch.at(i).title;
            step.command = DeployLog::mask(batch.at(i).command, m_secrets);
            if (i < results.size() && results.at(i).exitStatus >= 0) {
                step.exitStatus = results.at(i).exitStatus;
                step.ok = step.exitStatus == 0;
                step.output = DeployLog::mask(QString::fromUtf8(results.at(i).output), m_secrets);
            } else {
                // The batch ended inside this step (killed, or the connection broke): what it printed, and why.
                step.output = DeployLog::mask(QString::fromUtf8(results.value(i).output), m_secrets);
                step.exitStatus = result.started ? result.exitStatus : -1;
                step.error = DeployLog::mask(
                    result.error.isEmpty() ? QString::fromUtf8(result.stdErr).trimmed() : result.error, m_secrets);
                if (step.error.isEmpty()) {
                    step.error = tr("The step ended without reporting its exit status.");
                }
            }
            report(step);
            if (!step.ok) {
                return false;
            }
        }
    }
    return true;
}

QStringList Transaction::changedTargets() const
{
    QStringList targets;
    for (const PlannedFile* f : m_plan.uploads()) {
        targets.append(f->file.remotePath);
    }
    for (const PlannedLink& l : m_plan.links) {
        if (l.changed) {
            targets.append(l.path);
        }
    }
    return targets;
}

bool Transaction::recover()
{
    if (m_plan.recovery.isEmpty()) {
        return true;
    }
    QStringList back;
    QHash<QString, QStringList> forward;
    for (const PlannedRecovery& r : m_plan.recovery) {
        if (r.forward) {
            forward[r.transaction].append(r.path);
        } else {
            back.append(r.path);
        }
    }
    QString script;
    if (!back.isEmpty()) {
        script += QStringLiteral("(\n") + TransactionScript::rollback(back) + QStringLiteral(") || exit 1\n");
    }
    for (auto it = forward.cbegin(); it != forward.cend(); ++it) {
        script +=
            QStringLiteral("(\n") + TransactionScript::commit(it.key(), it.value()) + QStringLiteral(") || exit 1\n");
    }
    const QString shown = tr("restore %n path(s)", nullptr, int(back.size())) + QStringLiteral(", ") +
                          tr("keep %n committed path(s)", nullptr, int(m_plan.recovery.size() - back.size()));
    return execute(StepPhase::Recover, tr("Finish what an interrupted deploy left"), script, QString(), shown).ok;
}

bool Transaction::stage()
{
    const QString dir = m_host.stagingDirectory();
    if (dir.isEmpty()) {
        DeployStepReport report{StepPhase::Upload,
                                tr("Staging directory"),
                                QString(),
                                QString(),
                                -1,
                                false,
                                tr("The server gave no staging directory the login user can write.")};
        if (m_reporter) {
            m_reporter(report);
        }
        return false;
    }
    // Every file in one go (SshRemoteHost: one command), each still reported on its own.
    QList<RemoteFile> files;
    QStringList targets;
    for (const PlannedFile* f : m_plan.uploads()) {
        const QString staged = TransactionScript::stagedName(dir, m_id, int(files.size()) + 1, f->file.remotePath);
        files.append({staged, f->file.content.toUtf8(), 0600});
        targets.append(f->file.remotePath);
    }
    int written = 0;
    QString error;
    const bool ok = m_host.uploadAll(files, &written, &error);
    for (RemoteFile& f : files) {
        f.content.fill('\0');
    }
    for (qsizetype i = 0; i < files.size() && i <= written; ++i) {
        const bool done = i < written;
        if (!done && ok) {
            break;
        }
        DeployStepReport report{StepPhase::Upload,
                                targets.at(i),
                                tr("upload to %1").arg(files.at(i).path),
                                QString(),
                                -1,
                                done,
                                done ? QString() : DeployLog::mask(error, m_secrets)};
        ++m_uploaded;
        if (m_reporter) {
            m_reporter(report);
        }
        if (!done) {
            m_connectionLost = true;
            return false;
        }
        m_staged.insert(targets.at(i), files.at(i).path);
    }
    return true;
}

bool Transaction::discardStaged()
{
    if (m_staged.isEmpty()) {
        return true;
    }
    QStringList staged = m_staged.values();
    staged.sort();
    m_staged.clear();
    return execute(StepPhase::Upload, tr("Remove the uploaded copies"), TransactionScript::discard(staged)).ok;
}

bool Transaction::apply()
{
    QList<TransactionEntry> entries;
    for (const PlannedFile* f : m_plan.uploads()) {
        entries.append({f->file.remotePath, m_staged.value(f->file.remotePath), f->file.mode, f->file.owner,
                        f->file.group, QString()});
    }
    for (const PlannedLink& l : m_plan.links) {
        if (l.changed) {
            entries.append({l.path, QString(), 0777, QString(), QString(), l.target});
        }
    }
    QByteArray input;
    for (const StateFile& f : m_state) {
        // A copy is installed from the file's upload, or from the file itself when it is unchanged.
        TransactionEntry e{
            f.target, m_staged.value(f.copyOf, f.copyOf), 0600, QStringLiteral("root"), QStringLiteral("root"),
            QString()};
        if (f.copyOf.isEmpty()) {
            e.staged.clear();
            e.fromStdin = true;
            input = f.content;
        }
        entries.append(e);
    }
    if (entries.isEmpty()) {
        return true;
    }
    const QString shown = tr("install %n file(s) and link(s) beside their targets, back up, rename into place", nullptr,
                             int(entries.size()));
    return run(StepPhase::Files, tr("Put the new files in place"),
               TransactionScript::apply(m_id, entries, m_stateDirectories), shown, input)
        .ok;
}

bool Transaction::rollback(const QString& why)
{
    const QStringList targets = changedTargets() + stateTargets();
    return execute(StepPhase::Rollback, why, TransactionScript::rollback(targets), QString(),
                   tr("restore %n file(s) and link(s)", nullptr, int(targets.size())))
        .ok;
}

bool Transaction::validate()
{
    if (executeBatch(StepPhase::Validate, m_plan.validate)) {
        return true;
    }
    const bool lost = m_connectionLost;
    // Restore even when the connection broke: a new command may still get through.
    rollback(tr("Restore every file: validation failed"));
    m_connectionLost = lost || m_connectionLost;
    return false;
}

bool Transaction::commit()
{
    const QStringList targets = changedTargets();
    const QStringList state = stateTargets();
    if (targets.isEmpty() && state.isEmpty()) {
        return true;
    }
    return execute(StepPhase::Commit, tr("Keep the new files"),
                   TransactionScript::commit(m_id, targets, state, historyScript()), QString(),
                   tr("mark %n file(s) committed, keep the replaced ones in the history, remove backups", nullptr,
                      int(targets.size())))
        .ok;
}

QString Transaction::historyScript() const
{
    if (m_plan.stateDirectory.isEmpty() || m_plan.historyDepth <= 0) {
        return QString();
    }
    HistoryEntry entry;
    entry.id = m_id;
    entry.time = QDateTime::currentDateTimeUtc();
    const QString local = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
    entry.who =
        m_plan.host + QStringLiteral(" (") + local + QLatin1Char('@') + QSysInfo::machineHostName() + QLatin1Char(')');
    entry.project = m_plan.projectName;
    entry.toolVersion = QStringLiteral(SALTANT_VERSION);
    QHash<QString, QString> backups;
    for (const PlannedFile* f : m_plan.uploads()) {
        entry.files.append(
            {f->file.remotePath, f->change != PlannedFile::Change::New, f->file.mode, f->file.owner, f->file.group});
        backups.insert(f->file.remotePath, TransactionScript::backupOf(f->file.remotePath));
    }
    if (entry.files.isEmpty()) {
        return QString();
    }
    return DeployHistory::recordScript(m_plan.stateDirectory, entry, backups, m_plan.historyDepth);
}

bool Transaction::finish()
{
    // The manifest too: a recovery that rolled an interrupted deploy's manifest forward marked it pending.
    QStringList finished = m_plan.managedPaths();
    if (!m_plan.stateDirectory.isEmpty()) {
        finished.append(DeployManifest::manifestPath(m_plan.stateDirectory));
    }
    return execute(StepPhase::Finish, tr("Every handler ran"), TransactionScript::finish(finished), QString(),
                   tr("remove the pending markers"))
        .ok;
}

} // namespace saltant
