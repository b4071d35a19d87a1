#pragma once

#include "generate/DeployStep.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace saltant {

// One path the transaction writes: a file staged by upload, or a symbolic link.
struct TransactionEntry
{
    QString target;
    QString staged; // the uploaded file in the staging directory; empty for a link
    int mode = 0644;
    QString owner;
    QString group;
    QString linkTarget;     // for a link
    bool fromStdin = false; // the content comes on the apply script's standard input (one entry at most)

    bool isLink() const { return staged.isEmpty() && !fromStdin; }
};

// The shell scripts of the transaction. Beside each target T the scripts keep hidden markers (see
// RemoteSnapshot::marker): .T.saltant-new (the new version, not yet in place), .T.saltant-bak (a hard link to
// the old T), .T.saltant-txn (the transaction id; without a backup it means T did not exist), and, once
// validated, .T.saltant-pending (the id of a committed transaction whose handlers have not all run).
// Every state a cut connection can leave is one the next deploy recognises and resolves (see Plan::build):
// - apply:    install every staged file as .new with its mode and owner; then for every target hard-link the old
//             one to .bak and write .txn; then rename every .new over its target. Any failure restores all.
// - rollback: rename each .bak back (or remove a target that did not exist) and remove .txn and .new.
// - commit:   write .pending (the id) beside every target, then remove .bak and .txn. A commit cut half-way is
//             finished by the next deploy (its id in a .pending marks it committed).
// - finish:   after every handler succeeded, remove the .pending markers.
class TransactionScript
{
public:
    // Where the index-th upload of transaction id goes. apply() removes every "*.saltant-stage" file there when it
    // ends, so uploads of an interrupted deploy (they may hold secrets) do not stay behind.
    static QString stagedName(const QString& stagingDirectory, const QString& id, int index, const QString& target);
    // directories: created first (install -d -m 0700, root's: the deploy's state directory and its copies).
    static QString apply(const QString& id, const QList<TransactionEntry>& entries,
                         const QStringList& directories = QStringList());
    static QString rollback(const QStringList& targets);
    // unmarked: targets committed without a .pending marker (the deploy manifest and its copies: no handler
    // belongs to them).
    // beforeCleanup: shell lines run once the new files are marked committed, while the backups still exist (the
    // deploy history links them; see DeployHistory::recordScript).
    static QString commit(const QString& id, const QStringList& targets, const QStringList& unmarked = QStringList(),
                          const QString& beforeCleanup = QString());
    // The backup marker of target (.T.saltant-bak): the replaced version, until commit removes it.
    static QString backupOf(const QString& target);
    static QString finish(const QStringList& targets);
    // Steps run in one command: each in a subshell with its output (stdout and stderr) followed by a line
    // "<marker> <exit status>"; the first failing step ends the batch.
    struct BatchResult
    {
        QByteArray output;
        int exitStatus = -1;
    };
    static QByteArray batchMarker(); // random per batch, so no step's output can fake it
    static QString batch(const QByteArray& marker, const QList<DeployStep>& steps);
    // One result per step that finished, plus (when the batch ended inside a step) one with that step's partial
    // output and exitStatus -1.
    static QList<BatchResult> parseBatch(const QByteArray& marker, const QByteArray& output);

    // Removes uploaded copies that will not be applied (a deploy cancelled after its upload).
    static QString discard(const QStringList& staged);
};

} // namespace saltant
