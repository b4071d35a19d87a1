#pragma once

#include "generate/DeployStep.h"
#include "generate/GeneratedFile.h"
#include "plan/DeployManifest.h"
#include "plan/RemoteSnapshot.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace saltant {

// One generated file compared with the server.
struct PlannedFile
{
    enum class Change
    {
        New,
        Changed,
        Unchanged,
    };
    GeneratedFile file; // with secret values: what is uploaded
    Change change = Change::Unchanged;
    bool contentChanged = false;
    QString attributes;        // "mode 0644 -> 0640, owner root:root -> ubuntu:www-data", or empty
    QString diff;              // unified diff; masked for files holding secrets
    bool handlersOwed = false; // written by an earlier deploy whose handlers did not all run

    // Compared with the deploy manifest: Unknown without one (or without a state directory), ChangedOnServer when
    // the file's bytes, mode or owner differ from what the last deploy installed, or it was deleted.
    enum class Drift
    {
        Unknown,
        None,
        ChangedOnServer,
    };
    Drift drift = Drift::Unknown;
    QString driftWhat;        // "content changed, mode 0640 -> 0644"
    QString lastDeployedText; // the three versions (masked for files holding secrets)
    QString serverText;
    QString nextText;
    QString driftDiffServer;          // last deployed -> now on the server (empty without the last deployed copy)
    QString driftDiffNext;            // now on the server -> this deploy
    bool driftKept = false;           // --keep-drift: left as the server has it, not uploaded, not recorded as deployed
    bool deployedCopyPresent = false; // STATE/deployed/PATH holds what the manifest records
};

// A symbolic link that must point at a generated file.
struct PlannedLink
{
    QString path;
    QString target;
    QString fileId;
    QString current; // the link's target now (empty: missing)
    bool changed = false;
};

// A program the Check phase found missing, with the command that would install it and what else the admin can do.
struct MissingProgram
{
    QString title;
    QString check;
    QString installCommand;
    QString remedy; // what the admin can do (with installCommand), or must do (without one: the deploy is refused)
};

// What an unfinished earlier transaction left at a path and what the deploy does about it first.
struct PlannedRecovery
{
    QString path;
    QString transaction;
    bool forward = false; // true: that transaction had committed; keep the new file. false: restore the old one.
};

// The plan of a deploy: per file new/changed/unchanged with diffs, the links, the commands the changes need, the
// programs to install and what blocks the deploy. Built from the generated files and one snapshot of the server.
struct Plan
{
    Q_DECLARE_TR_FUNCTIONS(saltant::Plan)

public:
    QString host;
    QString projectName; // recorded in the manifest
    QList<PlannedFile> files;
    QList<PlannedLink> links;
    QList<PlannedRecovery> recovery;
    QList<DeployStep> prepare;
    QList<DeployStep> validate;
    QList<DeployStep> provision;
    QList<DeployStep> handlers;
    QList<MissingProgram> missingPrograms;
    QStringList blockers; // why the deploy cannot run as planned (the server is left untouched)
    QStringList missingSecrets;

    // The deploy manifest the last deploy wrote (DeployManifest) in stateDirectory.
    enum class ManifestState
    {
        NotTracked, // no state directory: drift is not tracked, no manifest is written
        Missing,    // never deployed by this tool (or before drift tracking): drift unknown
        Unreadable, // manifestError says why; drift unknown, the deploy writes a new one
        Found,
    };
    QString stateDirectory;
    int historyDepth = 10; // deploys whose replaced files the server keeps (DeployHistory); 0: none
    ManifestState manifestState = ManifestState::NotTracked;
    QString manifestError;
    DeployManifest manifest;

    // Paths of every file and link the project manages (the transaction's markers sit beside them).
    QStringList managedPaths() const;
    QList<const PlannedFile*> uploads() const;
    QStringList triggeredFileIds() const;
    bool writesFiles() const;
    // Files changed on the server since the last deploy (kept ones too: see PlannedFile::driftKept).
    QList<const PlannedFile*> drifted() const;
    // Drifted files this deploy would overwrite (a deploy without --overwrite-drift refuses them).
    QList<const PlannedFile*> driftOverwritten() const;
    // The deploy writes the manifest: it writes any file, or the server has no readable manifest yet, or a file
    // changed on the server is already what this deploy would install.
    bool writesManifest() const;
    bool hasWork() const;
    // Why this plan may not be applied, one sentence each; empty: it may. The one rule the CLI's deploy and the
    // window's plan dialog both follow: blockers (missing secrets among them), and missing programs, except those
    // with an install command when installMissing (a check that no install fixes always refuses).
    QStringList refusals(bool installMissing) const;
    // What installMissing will run first: "TITLE will be installed: COMMAND", one each.
    QStringList installs() const;

    // The snapshot request for these files and steps.
    // The snapshot request for these files and steps; with a state directory also the manifest and the last
    // deployed copies.
    static SnapshotRequest request(const QList<GeneratedFile>& files, const QList<DeployStep>& steps,
                                   const QString& stateDirectory = QString());
    // files: rendered with secrets; masked: the same rendered without (placeholders), in the same order.
    // keepDrift: files changed on the server are left as they are (not uploaded, their steps not triggered).
    static Plan build(const QList<GeneratedFile>& files, const QList<GeneratedFile>& masked,
                      const QList<DeployStep>& steps, const RemoteSnapshot& snapshot, bool keepDrift = false);
};

} // namespace saltant
