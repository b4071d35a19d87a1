#pragma once

#include "plan/DeployManifest.h"
#include "plan/RemoteSnapshot.h"

#include <QCoreApplication>

namespace saltant {

struct Plan;
struct PlannedFile;

// What `drift` and the Server Checks panel's "Drift" report: whether files changed on the server since the last
// deploy, one line per drifted file, and a sentence to end with.
struct DriftStatus
{
    enum class State
    {
        Unknown, // never deployed by Saltant Deploy (no manifest, or no state directory)
        None,
        Drifted,
        Error, // the manifest cannot be read: summary says why
    };
    State state = State::Unknown;
    QStringList files; // "PATH: what changed", one per drifted file
    QString summary;
};

// Drift: a managed file changed on the server since the last deploy, found by comparing the server with the
// deploy manifest (DeployManifest) the last deploy wrote.
class PlanDrift
{
    Q_DECLARE_TR_FUNCTIONS(saltant::PlanDrift)

public:
    // Sets file->drift (and, when it changed on the server, what changed and the three versions, masked like the
    // plan's diffs when the file holds secrets). entry: the manifest's record of the file (null: the last deploy
    // did not install it: no drift); current: the file on the server now; deployed: its last deployed copy;
    // maskedNext: the file rendered without secret values.
    static void classify(PlannedFile* file, const ManifestFile* entry, const RemoteEntry& current,
                         const RemoteEntry& deployed, const QString& maskedNext);

    // The manifest a deploy of plan writes (files: what it installs; a file whose drift it keeps keeps its old
    // record), and the files whose last deployed copy it (re)writes.
    static DeployManifest next(const Plan& plan);
    static QList<const PlannedFile*> copiesToWrite(const Plan& plan);

    // The plan's drift as `drift` prints it (one implementation for the CLI and the window).
    static DriftStatus status(const Plan& plan);
};

} // namespace saltant
