#pragma once

#include "deploy/DeployHistory.h"
#include "plan/Plan.h"

#include <QCoreApplication>

namespace saltant {

class Project;
class RemoteHost;
class SecretValues;

// Rolling a server back to how it was before one of its deploys: a normal deploy whose files are the versions the
// history kept (DeployHistory), so it is staged, validated (nginx -t & co.), committed or restored, and runs the
// handlers of the files it changes, exactly like any deploy; it records its own history entry, so it can be rolled
// back in turn.
class Rollback
{
    Q_DECLARE_TR_FUNCTIONS(saltant::Rollback)

public:
    // The server's history, newest first, in one command. problems: entries that could not be read.
    static bool readHistory(RemoteHost& host, const QString& stateDirectory, QList<HistoryEntry>* entries,
                            QStringList* problems, QString* error);

    // The plan that restores the state before deploy id: every file a deploy from id on replaced gets the version
    // the oldest of them replaced (read off the server), with that file's validation steps and handlers from the
    // project. Files those deploys created are left in place (notes says which). Secret values in the restored
    // files are masked in the plan's diffs.
    static bool makePlan(RemoteHost& host, const Project& project, const SecretValues& secrets, const QString& id,
                         Plan* plan, QStringList* notes, QString* error);

    // A kept copy as it is on the server: the bytes, mode and owner of the version it replaced.
    struct KeptFile
    {
        QByteArray content;
        int mode = 0644;
        QString owner;
        QString group;
    };
    // The kept copies, read in one command: path -> file (a missing copy is absent from the result).
    static bool readKept(RemoteHost& host, const QStringList& paths, QHash<QString, KeptFile>* files, QString* error);
};

} // namespace saltant
