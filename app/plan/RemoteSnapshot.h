#pragma once

#include "deploy/RemoteHost.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace saltant {

// One path on the server as the snapshot saw it.
struct RemoteEntry
{
    enum class Kind
    {
        Missing,
        File,
        Link,
        Directory,
        Other,
    };
    Kind kind = Kind::Missing;
    int mode = 0;       // permission bits (File)
    QString owner;      // File
    QString group;      // File
    QByteArray content; // File
    QString linkTarget; // Link

    bool exists() const { return kind != Kind::Missing; }
};

// A target path (file or link) with the transaction's markers beside it (see TransactionScript).
struct RemotePathState
{
    RemoteEntry current;
    RemoteEntry backup;  // .NAME.saltant-bak: the target before a transaction that has not finished
    bool staged = false; // .NAME.saltant-new: the new target, not yet renamed into place
    QString transaction; // .NAME.saltant-txn: id of the unfinished transaction that backed the target up
    QString pending;     // .NAME.saltant-pending: id of the committed transaction whose handlers have not all run
    RemoteEntry::Kind parent = RemoteEntry::Kind::Missing;

    // Left over by a transaction that was cut before it committed or rolled back.
    bool interrupted() const { return backup.exists() || staged || !transaction.isEmpty(); }
};

// What the snapshot asks for.
struct SnapshotRequest
{
    QStringList paths;    // generated files and their links
    QStringList commands; // checks and probes: each reports whether it exited 0 (run with no output, no input)
    QStringList users;    // owners that must exist
    QStringList groups;   // groups that must exist
    // The deploy's state directory (DeployManifest; empty: no drift tracking) and the files whose last deployed
    // copy (STATE/deployed/PATH) is read when the file on the server differs from it.
    QString stateDirectory;
    QStringList trackedFiles;
};

// The state of the server read in one privileged command: for every path its kind, mode, owner, group, link
// target and content (base64, so secrets stay inside the SSH channel and never reach a log), the markers of an
// interrupted transaction, whether each parent directory exists, and the outcome of each check.
class RemoteSnapshot
{
public:
    static bool read(RemoteHost& host, const SnapshotRequest& request, RemoteSnapshot* snapshot, QString* error);
    static QString script(const SnapshotRequest& request);
    static bool parse(const QByteArray& output, const SnapshotRequest& request, RemoteSnapshot* snapshot,
                      QString* error);

    // ".NAME.saltant-SUFFIX" beside path: hidden, so globs like nginx's sites-enabled/* never include it.
    static QString marker(const QString& path, const QString& suffix);

    QHash<QString, RemotePathState> paths;
    QList<bool> commandOk; // by index of request.commands
    QStringList missingUsers;
    QStringList missingGroups;
    QString stateDirectory; // of the request
    // Per tracked file: its last deployed copy (Missing when there is none; the current entry when the two are
    // the same bytes, so the copy was not sent again).
    QHash<QString, RemoteEntry> deployed;
};

} // namespace saltant
