#include "plan/Plan.h"

#include "generate/Quote.h"
#include "plan/Differ.h"
#include "plan/PlanDrift.h"
#include "secrets/SecretPlaceholder.h"

#include <QCoreApplication>
#include <QSet>

namespace saltant {
namespace {

QString dirOf(const QString& path)
{
    const int slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

QString modeText(int mode)
{
    return QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'));
}

bool intersects(const QStringList& a, const QSet<QString>& b)
{
    for (const QString& x : a) {
        if (b.contains(x)) {
            return true;
        }
    }
    return false;
}

QList<GeneratedFile> deployable(const QList<GeneratedFile>& files)
{
    QList<GeneratedFile> out;
    for (const GeneratedFile& file : files) {
        if (!file.previewOnly) {
            out.append(file);
        }
    }
    return out;
}

} // namespace

QStringList Plan::managedPaths() const
{
    QStringList out;
    for (const PlannedFile& f : files) {
        out.append(f.file.remotePath);
    }
    for (const PlannedLink& l : links) {
        out.append(l.path);
    }
    return out;
}

QList<const PlannedFile*> Plan::uploads() const
{
    QList<const PlannedFile*> out;
    for (const PlannedFile& f : files) {
        if (f.change != PlannedFile::Change::Unchanged) {
            out.append(&f);
        }
    }
    return out;
}

QStringList Plan::triggeredFileIds() const
{
    QStringList ids;
    for (const PlannedFile& f : files) {
        if (f.change != PlannedFile::Change::Unchanged || f.handlersOwed) {
            ids.append(f.file.id);
        }
    }
    for (const PlannedLink& l : links) {
        if (l.changed && !ids.contains(l.fileId)) {
            ids.append(l.fileId);
        }
    }
    return ids;
}

bool Plan::writesFiles() const
{
    for (const PlannedLink& l : links) {
        if (l.changed) {
            return true;
        }
    }
    return !uploads().isEmpty();
}

QList<const PlannedFile*> Plan::drifted() const
{
    QList<const PlannedFile*> out;
    for (const PlannedFile& f : files) {
        if (f.drift == PlannedFile::Drift::ChangedOnServer) {
            out.append(&f);
        }
    }
    return out;
}

QList<const PlannedFile*> Plan::driftOverwritten() const
{
    QList<const PlannedFile*> out;
    for (const PlannedFile* f : drifted()) {
        if (!f->driftKept && f->change != PlannedFile::Change::Unchanged) {
            out.append(f);
        }
    }
    return out;
}

bool Plan::writesManifest() const
{
    if (manifestState == ManifestState::NotTracked) {
        return false;
    }
    // A file changed on the server into exactly what this deploy installs: recording it ends the drift.
    for (const PlannedFile* f : drifted()) {
        if (!f->driftKept && f->change == PlannedFile::Change::Unchanged) {
            return true;
        }
    }
    return writesFiles() || manifestState != ManifestState::Found;
}

bool Plan::hasWork() const
{
    return writesFiles() || writesManifest() || !recovery.isEmpty() || !prepare.isEmpty() || !validate.isEmpty() ||
           !provision.isEmpty() || !handlers.isEmpty();
}

QStringList Plan::refusals(bool installMissing) const
{
    QStringList out = blockers;
    for (const MissingProgram& m : missingPrograms) {
        const QString advice = m.remedy.isEmpty() ? QString() : QLatin1Char(' ') + m.remedy;
        if (m.installCommand.isEmpty()) {
            out << (m.remedy.isEmpty() ? tr("%1 is missing; install it by hand.").arg(m.title)
                                       : tr("%1: no. %2").arg(m.title, m.remedy));
        } else if (!installMissing) {
            out << tr("%1 is missing (install: %2)").arg(m.title, m.installCommand) + advice;
        }
    }
    return out;
}

QStringList Plan::installs() const
{
    QStringList out;
    for (const MissingProgram& m : missingPrograms) {
        if (!m.installCommand.isEmpty()) {
            out << tr("%1 will be installed: %2").arg(m.title, m.installCommand) +
                       (m.remedy.isEmpty() ? QString() : QLatin1Char(' ') + m.remedy);
        }
    }
    return out;
}

SnapshotRequest Plan::request(const QList<GeneratedFile>& allFiles, const QList<DeployStep>& steps,
                              const QString& stateDirectory)
{
    SnapshotRequest request;
    request.stateDirectory = stateDirectory;
    for (const GeneratedFile& file : deployable(allFiles)) {
        if (!stateDirectory.isEmpty()) {
            request.trackedFiles.append(file.remotePath);
        }
        request.paths.append(file.remotePath);
        request.paths.append(file.symlinks);
        if (!request.users.contains(file.owner)) {
            request.users.append(file.owner);
        }
        if (!request.groups.contains(file.group)) {
            request.groups.append(file.group);
        }
    }
    if (!stateDirectory.isEmpty()) {
        // Read like a target (markers included), so an interrupted deploy's manifest is recovered with its files.
        request.paths.append(DeployManifest::manifestPath(stateDirectory));
    }
    for (const DeployStep& step : steps) {
        if (step.phase == StepPhase::Check) {
            request.commands.append(step.command);
            if (!step.alternativeProbe.isEmpty()) {
                request.commands.append(step.alternativeProbe);
            }
        } else if (!step.satisfiedWhen.isEmpty()) {
            request.commands.append(step.satisfiedWhen);
        }
    }
    return request;
}

Plan Plan::build(const QList<GeneratedFile>& allFiles, const QList<GeneratedFile>& allMasked,
                 const QList<DeployStep>& steps, const RemoteSnapshot& snapshot, bool keepDrift)
{
    Plan plan;
    const QList<GeneratedFile> files = deployable(allFiles);
    const QList<GeneratedFile> masked = deployable(allMasked);
    const SnapshotRequest request = Plan::request(allFiles, steps, snapshot.stateDirectory);

    // An unfinished transaction committed when any managed path carries its id as pending: roll it forward.
    // Otherwise it never passed validation (or never finished renaming): restore what it replaced.
    QSet<QString> committed;
    for (const QString& path : request.paths) {
        const QString pending = snapshot.paths.value(path).pending;
        if (!pending.isEmpty()) {
            committed.insert(pending);
        }
    }
    QHash<QString, RemoteEntry> effective;
    QHash<QString, bool> owed;
    for (const QString& path : request.paths) {
        const RemotePathState state = snapshot.paths.value(path);
        RemoteEntry entry = state.current;
        bool handlersOwed = !state.pending.isEmpty();
        if (state.interrupted()) {
            const bool forward = !state.transaction.isEmpty() && committed.contains(state.transaction);
            plan.recovery.append({path, state.transaction, forward});
            if (forward) {
                handlersOwed = true;
            } else if (state.backup.exists()) {
                entry = state.backup;
            } else if (!state.transaction.isEmpty()) {
                entry = RemoteEntry();
            }
        }
        effective.insert(path, entry);
        owed.insert(path, handlersOwed);
    }

    plan.stateDirectory = snapshot.stateDirectory;
    if (!plan.stateDirectory.isEmpty()) {
        const RemoteEntry manifest = effective.value(DeployManifest::manifestPath(plan.stateDirectory));
        if (!manifest.exists()) {
            plan.manifestState = ManifestState::Missing;
        } else if (manifest.kind != RemoteEntry::Kind::File) {
            plan.manifestState = ManifestState::Unreadable;
            plan.manifestError = tr("%1 is not a regular file.").arg(DeployManifest::manifestPath(plan.stateDirectory));
            plan.blockers.append(plan.manifestError + tr(" Remove it so the deploy can write its manifest."));
        } else if (DeployManifest::fromJson(manifest.content, &plan.manifest, &plan.manifestError)) {
            plan.manifestState = ManifestState::Found;
        } else {
            plan.manifestState = ManifestState::Unreadable;
        }
    }

    QSet<QString> preparedDirs;
    for (const DeployStep& step : steps) {
        if (step.phase == StepPhase::Prepare) {
            preparedDirs.insert(step.command);
        }
    }
    const auto checkParent = [&](const QString& path) {
        const QString dir = dirOf(path);
        const RemoteEntry::Kind kind = snapshot.paths.value(path).parent;
        if (kind == RemoteEntry::Kind::Missing) {
            bool created = false;
            for (const QString& command : preparedDirs) {
                created = created || command.endsWith(QLatin1Char(' ') + Quote::shell(dir));
            }
            if (!created) {
                plan.blockers.append(tr("The directory %1 does not exist on the server, and the deploy does not "
                                        "create it (for %2). Create it, or correct the setting.")
                                         .arg(dir, path));
            }
        } else if (kind != RemoteEntry::Kind::Directory) {
            plan.blockers.append(tr("%1 on the server is not a directory; %2 cannot be written.").arg(dir, path));
        }
    };

    for (qsizetype i = 0; i < files.size(); ++i) {
        const GeneratedFile& file = files.at(i);
        PlannedFile planned;
        planned.file = file;
        planned.handlersOwed = owed.value(file.remotePath);
        const RemoteEntry old = effective.value(file.remotePath);
        checkParent(file.remotePath);
        if (old.kind == RemoteEntry::Kind::Directory || old.kind == RemoteEntry::Kind::Other) {
            plan.blockers.append(tr("%1 on the server is not a regular file (a directory or device?); it cannot be "
                                    "replaced.")
                                     .arg(file.remotePath));
        }
        const QByteArray content = file.content.toUtf8();
        const QString oldText = old.kind == RemoteEntry::Kind::File ? QString::fromUtf8(old.content) : QString();
        if (!old.exists()) {
            planned.change = PlannedFile::Change::New;
            planned.contentChanged = true;
        } else {
            QStringList attributes;
            if (old.kind != RemoteEntry::Kind::File || old.content != content) {
                planned.contentChanged = true;
            }
            if (old.kind == RemoteEntry::Kind::Link) {
                attributes << tr("symbolic link to %1 -> regular file").arg(old.linkTarget);
            } else if (old.kind == RemoteEntry::Kind::File) {
                if (old.mode != file.mode) {
                    attributes << tr("mode %1 -> %2").arg(modeText(old.mode), file.modeString());
                }
                if (old.owner != file.owner || old.group != file.group) {
                    attributes << tr("owner %1:%2 -> %3:%4").arg(old.owner, old.group, file.owner, file.group);
                }
            }
            planned.attributes = attributes.join(QStringLiteral(", "));
            if (planned.contentChanged || !attributes.isEmpty()) {
                planned.change = PlannedFile::Change::Changed;
            }
        }
        const QString maskedText = i < masked.size() ? masked.at(i).content : QString();
        if (plan.manifestState == ManifestState::Found) {
            const ManifestFile* entry = plan.manifest.find(file.remotePath);
            const RemoteEntry copy = snapshot.deployed.value(file.remotePath);
            planned.deployedCopyPresent =
                entry && copy.kind == RemoteEntry::Kind::File && DeployManifest::sha256(copy.content) == entry->sha256;
            PlanDrift::classify(&planned, entry, old, copy, maskedText);
            if (keepDrift && planned.drift == PlannedFile::Drift::ChangedOnServer &&
                planned.change != PlannedFile::Change::Unchanged) {
                planned.driftKept = true;
                planned.change = PlannedFile::Change::Unchanged;
                planned.contentChanged = false;
                planned.attributes.clear();
            }
        }
        if (planned.contentChanged) {
            planned.diff = file.holdsSecrets ? Differ::unifiedMasked(oldText, file.content, maskedText, file.remotePath)
                                             : Differ::unified(oldText, file.content, file.remotePath);
        }
        if (planned.change != PlannedFile::Change::Unchanged) {
            for (const QString& name : SecretPlaceholder::names(file.content)) {
                if (!plan.missingSecrets.contains(name)) {
                    plan.missingSecrets.append(name);
                }
            }
        }
        for (const QString& linkPath : file.symlinks) {
            checkParent(linkPath);
            const RemoteEntry current = effective.value(linkPath);
            PlannedLink link{linkPath, file.remotePath, file.id, current.linkTarget, false};
            if (current.kind == RemoteEntry::Kind::Link) {
                link.changed = current.linkTarget != file.remotePath;
            } else if (!current.exists()) {
                link.changed = true;
            } else {
                plan.blockers.append(tr("%1 on the server is not a symbolic link; remove it so the deploy can link it "
                                        "to %2.")
                                         .arg(linkPath, file.remotePath));
            }
            if (owed.value(linkPath)) {
                planned.handlersOwed = true;
            }
            plan.links.append(link);
        }
        plan.files.append(planned);
    }
    for (const QString& name : plan.missingSecrets) {
        plan.blockers.append(tr("The secret %1 has no value (store it in the keychain first).").arg(name));
    }
    for (const QString& user : snapshot.missingUsers) {
        plan.blockers.append(tr("The user %1 does not exist on the server.").arg(user));
    }
    for (const QString& group : snapshot.missingGroups) {
        plan.blockers.append(tr("The group %1 does not exist on the server.").arg(group));
    }

    const QStringList triggered = plan.triggeredFileIds();
    const QSet<QString> ids(triggered.begin(), triggered.end());
    const bool changed = !ids.isEmpty();
    qsizetype command = 0;
    for (const DeployStep& step : steps) {
        const bool hasProbe = step.phase != StepPhase::Check && !step.satisfiedWhen.isEmpty();
        const bool probeFailed = hasProbe && !snapshot.commandOk.value(command, false);
        if (step.phase == StepPhase::Check) {
            const bool present = snapshot.commandOk.value(command++, false);
            bool alternative = false;
            if (!step.alternativeProbe.isEmpty()) {
                alternative = snapshot.commandOk.value(command++, false);
            }
            if (!present) {
                plan.missingPrograms.append({step.title, step.command, step.installCommand,
                                             alternative ? step.alternativeRemedy : step.remedy});
            }
            continue;
        }
        if (hasProbe) {
            ++command;
        }
        // A step runs when one of its files changed, or (without triggers) when anything changed; a step with a
        // probe also runs when the probe reports drift (e.g. RabbitMQ must restart after joining a group).
        const bool needed = (step.triggeredBy.isEmpty() ? changed : intersects(step.triggeredBy, ids)) || probeFailed;
        if (!needed) {
            continue;
        }
        switch (step.phase) {
        case StepPhase::Prepare:
            plan.prepare.append(step);
            break;
        case StepPhase::Validate:
            plan.validate.append(step);
            break;
        case StepPhase::Provision:
            plan.provision.append(step);
            break;
        case StepPhase::Handlers:
            plan.handlers.append(step);
            break;
        default:
            break;
        }
    }
    return plan;
}

} // namespace saltant
