#include "plan/PlanDrift.h"

#include "plan/Differ.h"
#include "plan/Plan.h"

#include <QDateTime>

namespace saltant {
namespace {

QString modeText(int mode)
{
    return QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'));
}

} // namespace

void PlanDrift::classify(PlannedFile* file, const ManifestFile* entry, const RemoteEntry& current,
                         const RemoteEntry& deployed, const QString& maskedNext)
{
    if (!entry) {
        file->drift = PlannedFile::Drift::None;
        return;
    }
    QStringList what;
    if (!current.exists()) {
        what << tr("deleted on the server");
    } else if (current.kind != RemoteEntry::Kind::File) {
        what << tr("no longer a regular file");
    } else {
        if (DeployManifest::sha256(current.content) != entry->sha256) {
            what << tr("content changed");
        }
        if (current.mode != entry->mode) {
            what << tr("mode %1 -> %2").arg(modeText(entry->mode), modeText(current.mode));
        }
        if (current.owner != entry->owner || current.group != entry->group) {
            what << tr("owner %1:%2 -> %3:%4").arg(entry->owner, entry->group, current.owner, current.group);
        }
    }
    if (what.isEmpty()) {
        file->drift = PlannedFile::Drift::None;
        return;
    }
    file->drift = PlannedFile::Drift::ChangedOnServer;
    file->driftWhat = what.join(QStringLiteral(", "));
    const QString next = file->file.content;
    const auto shown = [&](const QString& text) {
        return file->file.holdsSecrets ? Differ::maskLike(text, next, maskedNext) : text;
    };
    const bool haveCopy =
        deployed.kind == RemoteEntry::Kind::File && DeployManifest::sha256(deployed.content) == entry->sha256;
    file->lastDeployedText =
        haveCopy ? shown(QString::fromUtf8(deployed.content)) : tr("(no copy of the last deployed version)\n");
    file->serverText = current.kind == RemoteEntry::Kind::File ? shown(QString::fromUtf8(current.content)) : QString();
    file->nextText = file->file.holdsSecrets ? maskedNext : next;
    const QString path = file->file.remotePath;
    file->driftDiffServer = haveCopy ? Differ::between(file->lastDeployedText, file->serverText, path,
                                                       tr("last deployed"), tr("now on the server"))
                                     : QString();
    file->driftDiffNext =
        Differ::between(file->serverText, file->nextText, path, tr("now on the server"), tr("this deploy"));
}

DeployManifest PlanDrift::next(const Plan& plan)
{
    DeployManifest manifest;
    manifest.project = plan.projectName;
    manifest.toolVersion = QStringLiteral(SALTANT_VERSION);
    manifest.time = QDateTime::currentDateTimeUtc();
    for (const PlannedFile& f : plan.files) {
        const ManifestFile* old = plan.manifest.find(f.file.remotePath);
        if (f.driftKept && old) {
            manifest.files.append(*old);
            continue;
        }
        manifest.files.append({f.file.remotePath, DeployManifest::sha256(f.file.content.toUtf8()), f.file.mode,
                               f.file.owner, f.file.group});
    }
    return manifest;
}

QList<const PlannedFile*> PlanDrift::copiesToWrite(const Plan& plan)
{
    QList<const PlannedFile*> out;
    for (const PlannedFile& f : plan.files) {
        if (f.driftKept) {
            continue;
        }
        const QByteArray content = f.file.content.toUtf8();
        const ManifestFile* old = plan.manifest.find(f.file.remotePath);
        const bool copyOk = plan.manifestState == Plan::ManifestState::Found && old &&
                            old->sha256 == DeployManifest::sha256(content) && f.deployedCopyPresent;
        if (!copyOk) {
            out.append(&f);
        }
    }
    return out;
}

DriftStatus PlanDrift::status(const Plan& plan)
{
    DriftStatus status;
    switch (plan.manifestState) {
    case Plan::ManifestState::NotTracked:
    case Plan::ManifestState::Missing:
        status.state = DriftStatus::State::Unknown;
        status.summary = tr("unknown: never deployed by Saltant Deploy (no manifest in %1); the next deploy records "
                            "one.")
                             .arg(plan.stateDirectory);
        return status;
    case Plan::ManifestState::Unreadable:
        status.state = DriftStatus::State::Error;
        status.summary = plan.manifestError;
        return status;
    case Plan::ManifestState::Found:
        break;
    }
    const QList<const PlannedFile*> drifted = plan.drifted();
    const QString since = plan.manifest.time.toUTC().toString(Qt::ISODate);
    if (drifted.isEmpty()) {
        status.state = DriftStatus::State::None;
        status.summary =
            tr("no drift: %n file(s) as the last deploy (%1) left them.", nullptr, int(plan.files.size())).arg(since);
        return status;
    }
    status.state = DriftStatus::State::Drifted;
    for (const PlannedFile* f : drifted) {
        status.files << f->file.remotePath + QStringLiteral(": ") + f->driftWhat;
    }
    status.summary = tr("%n file(s) changed on the server since the last deploy (%1); `plan` shows the changes.",
                        nullptr, int(drifted.size()))
                         .arg(since);
    return status;
}

} // namespace saltant
