#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace saltant {

// The deploy history kept on the server: for each deploy that replaced files, the versions it replaced, under
// STATE/history/<transaction id>/ (root only; outside every directory nginx, systemd or uWSGI read, so a kept
// copy is never loaded as configuration). The last N deploys are kept; older ones are pruned by the deploy that
// records a new one. Transaction ids start with the UTC time with milliseconds (yyyyMMddHHmmsszzz), so they sort by
// age.
struct HistoryEntry
{
    struct File
    {
        QString path;
        bool existed = false; // false: the deploy created it (nothing to restore but its absence)
        int mode = 0644;
        QString owner;
        QString group;
    };
    QString id;
    QDateTime time;
    QString who;     // "login@server (local-user@local-host)"
    QString project; // the project's name
    QString toolVersion;
    QList<File> files;

    QByteArray toJson() const;
    static bool fromJson(const QByteArray& json, HistoryEntry* entry, QString* error);
};

class DeployHistory
{
    Q_DECLARE_TR_FUNCTIONS(saltant::DeployHistory)

public:
    static QString directory(const QString& stateDirectory) { return stateDirectory + QStringLiteral("/history"); }
    // Where entry id keeps the version of path it replaced.
    static QString keptPath(const QString& stateDirectory, const QString& id, const QString& path);

    // A shell fragment for the commit script, run while each target's backup (.T.saltant-bak, the replaced
    // version) still exists: links (or copies) every backup into the history with its mode and owner, writes
    // meta.json, then removes all but the newest keep entries. backups: target -> its backup marker. A failure
    // prints a warning and leaves the exit status alone: the deploy is not undone for it (the history is a
    // convenience, not a transaction log).
    static QString recordScript(const QString& stateDirectory, const HistoryEntry& entry,
                                const QHash<QString, QString>& backups, int keep);

    // A command printing every entry's meta.json, newest first, each followed by a NUL byte; parse() reads it.
    static QString listScript(const QString& stateDirectory);
    static QList<HistoryEntry> parse(const QByteArray& output, QStringList* problems);

    // What rolling back to the state before deploy id restores: for every path a deploy from id on (entries newest
    // first) replaced, the version the OLDEST of those deploys replaced. False with error when id is not there.
    struct Restore
    {
        HistoryEntry::File file;
        QString entryId; // whose kept copy holds it
    };
    static bool restoresFor(const QList<HistoryEntry>& newestFirst, const QString& id, QList<Restore>* restores,
                            QString* error);
};

} // namespace saltant
