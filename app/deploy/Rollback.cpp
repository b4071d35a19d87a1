#include "deploy/Rollback.h"

#include "deploy/DeployRunner.h"
#include "deploy/RemoteHost.h"
#include "generate/Quote.h"
#include "generate/Renderer.h"
#include "model/Project.h"
#include "plan/Differ.h"
#include "secrets/SecretPlaceholder.h"
#include "secrets/SecretValues.h"

namespace saltant {

bool Rollback::readHistory(RemoteHost& host, const QString& stateDirectory, QList<HistoryEntry>* entries,
                           QStringList* problems, QString* error)
{
    const CommandResult result = host.run(DeployHistory::listScript(stateDirectory));
    if (!result.ok()) {
        *error = tr("The deploy history in %1 could not be read: %2")
                     .arg(DeployHistory::directory(stateDirectory),
                          result.error.isEmpty() ? QString::fromUtf8(result.stdErr).trimmed() : result.error);
        return false;
    }
    *entries = DeployHistory::parse(result.stdOut, problems);
    return true;
}

bool Rollback::readKept(RemoteHost& host, const QStringList& paths, QHash<QString, KeptFile>* files, QString* error)
{
    // Per file: "SIZE MODE OWNER GROUP\n" and the bytes, or "-\n" when it is not there.
    QString script = QStringLiteral("set -u\n");
    for (const QString& path : paths) {
        script += QStringLiteral("if [ -f %1 ] && [ ! -L %1 ]; then stat -c '%s %a %U %G' -- %1 && cat -- %1; "
                                 "else echo -; fi\n")
                      .arg(Quote::shell(path));
    }
    const CommandResult result = host.run(script);
    if (!result.ok()) {
        *error = tr("The kept files could not be read: %1")
                     .arg(result.error.isEmpty() ? QString::fromUtf8(result.stdErr).trimmed() : result.error);
        return false;
    }
    const QByteArray& out = result.stdOut;
    qsizetype at = 0;
    for (const QString& path : paths) {
        const qsizetype newline = out.indexOf('\n', at);
        if (newline < 0) {
            *error = tr("The kept files were read only in part.");
            return false;
        }
        const QList<QByteArray> head = out.mid(at, newline - at).split(' ');
        at = newline + 1;
        if (head.size() == 1 && head.first() == "-") {
            continue;
        }
        bool sizeOk = false;
        bool modeOk = false;
        const qsizetype size = head.value(0).toLongLong(&sizeOk);
        KeptFile file;
        file.mode = head.value(1).toInt(&modeOk, 8);
        if (head.size() != 4 || !sizeOk || !modeOk || size < 0 || at + size > out.size()) {
            *error = tr("The kept files were read only in part.");
            return false;
        }
        file.owner = QString::fromUtf8(head.at(2));
        file.group = QString::fromUtf8(head.at(3));
        file.content = out.mid(at, size);
        files->insert(path, file);
        at += size;
    }
    return true;
}

bool Rollback::makePlan(RemoteHost& host, const Project& project, const SecretValues& secrets, const QString& id,
                        Plan* plan, QStringList* notes, QString* error)
{
    const Project target = project.isWorker() ? project : project.withoutWorkers();
    const RenderResult rendered = Renderer::render(target, &secrets);
    if (!rendered.ok()) {
        *error = tr("The project does not render; fix it first (its steps validate the restored files).");
        return false;
    }
    const QString state = DeployRunner::stateDirectory(project);
    QList<HistoryEntry> entries;
    QStringList problems;
    if (!readHistory(host, state, &entries, &problems, error)) {
        return false;
    }
    QList<DeployHistory::Restore> restores;
    if (!DeployHistory::restoresFor(entries, id, &restores, error)) {
        return false;
    }
    QStringList kept;
    for (const DeployHistory::Restore& r : std::as_const(restores)) {
        if (r.file.existed) {
            kept << DeployHistory::keptPath(state, r.entryId, r.file.path);
        }
    }
    QHash<QString, KeptFile> contents;
    if (!readKept(host, kept, &contents, error)) {
        return false;
    }

    QList<GeneratedFile> files;
    QList<GeneratedFile> masked;
    for (const DeployHistory::Restore& r : std::as_const(restores)) {
        if (!r.file.existed) {
            notes->append(tr("%1 did not exist before deploy %2; the rollback leaves it in place (remove it by hand "
                             "if it must go).")
                              .arg(r.file.path, r.entryId));
            continue;
        }
        const QString keptPath = DeployHistory::keptPath(state, r.entryId, r.file.path);
        if (!contents.contains(keptPath)) {
            *error = tr("The kept version of %1 (%2) is missing on the server; the history cannot restore it.")
                         .arg(r.file.path, keptPath);
            return false;
        }
        GeneratedFile file;
        file.id = QStringLiteral("restored:") + r.file.path;
        file.holdsSecrets = true; // unless the project says otherwise below: mask what cannot be told apart
        QString current;          // the project's version of the file now, and the same without secret values
        QString currentMasked;
        for (qsizetype i = 0; i < rendered.files.size(); ++i) {
            const GeneratedFile& g = rendered.files.at(i);
            if (g.remotePath == r.file.path && !g.previewOnly) {
                file = g; // its id triggers its validation and handlers; its links stay as the project has them
                current = g.content;
                currentMasked = rendered.masked.value(i).content;
            }
        }
        const KeptFile& keptFile = contents[keptPath];
        file.remotePath = r.file.path;
        file.mode = keptFile.mode;
        file.owner = keptFile.owner;
        file.group = keptFile.group;
        file.content = QString::fromUtf8(keptFile.content);
        GeneratedFile hidden = file;
        if (file.holdsSecrets) {
            // The kept version holds the secret values of its time, which may not be today's: every line that is not
            // one of the project's lines now and whose key may hold a secret is masked (KEY=<secret>), as the plan's
            // diffs mask a server's version.
            hidden.content = Differ::maskLike(file.content, current, currentMasked);
            for (const QString& name : secrets.names()) {
                const QString value = secrets.value(name);
                if (value.size() >= 4) {
                    hidden.content.replace(value, SecretPlaceholder::placeholder(name));
                }
            }
        }
        files.append(file);
        masked.append(hidden);
    }
    // Only what checks and reloads the restored files: no provisioning, no directories, no programs.
    QList<DeployStep> steps;
    for (const DeployStep& step : rendered.steps) {
        if (step.phase == StepPhase::Validate || step.phase == StepPhase::Handlers) {
            steps.append(step);
        }
    }
    RemoteSnapshot snapshot;
    if (!RemoteSnapshot::read(host, Plan::request(files, steps, state), &snapshot, error)) {
        return false;
    }
    *plan = Plan::build(files, masked, steps, snapshot);
    plan->stateDirectory = state;
    DeployRunner::describe(project, plan);
    for (const QString& p : std::as_const(problems)) {
        notes->append(tr("A history entry was skipped: %1").arg(p));
    }
    return true;
}

} // namespace saltant
