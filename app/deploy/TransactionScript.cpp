#include "deploy/TransactionScript.h"

#include "generate/Quote.h"
#include "plan/RemoteSnapshot.h"

#include <QRandomGenerator>

namespace saltant {
namespace {

using Quote::shell;

const char* const kStagedSuffix = ".saltant-stage";

QString markerArg(const QString& target, const char* suffix)
{
    return shell(RemoteSnapshot::marker(target, QString::fromLatin1(suffix)));
}

// restore TARGET BAK TXN NEW: safe in every state the apply script can leave. A backup that is still the
// target itself (cut before the rename) is only removed: mv refuses to rename a hard link onto its twin.
const char* const kRestore =
    "restore() {\n"
    "  if [ -e \"$2\" ] || [ -L \"$2\" ]; then\n"
    "    if [ \"$(stat -c %d:%i -- \"$1\" 2>/dev/null)\" = \"$(stat -c %d:%i -- \"$2\")\" ]; then rm -f -- \"$2\"\n"
    "    else mv -fT -- \"$2\" \"$1\" || { echo \"cannot restore $1\" >&2; return 1; }; fi\n"
    "  elif [ -e \"$3\" ]; then rm -f -- \"$1\" || { echo \"cannot remove $1\" >&2; return 1; }\n"
    "  fi\n"
    "  rm -f -- \"$3\" \"$4\"\n"
    "}\n";

QString restoreCall(const QString& target)
{
    return QStringLiteral("restore %1 %2 %3 %4")
        .arg(shell(target), markerArg(target, "bak"), markerArg(target, "txn"), markerArg(target, "new"));
}

QString rollbackFunction(const QStringList& targets)
{
    QString s = QString::fromLatin1(kRestore) + QStringLiteral("rollback() {\n  status=0\n");
    for (const QString& target : targets) {
        s += QStringLiteral("  ") + restoreCall(target) + QStringLiteral(" || status=1\n");
    }
    return s + QStringLiteral("  return $status\n}\n");
}

} // namespace

QString TransactionScript::apply(const QString& id, const QList<TransactionEntry>& entries,
                                 const QStringList& directories)
{
    QStringList targets;
    // Staged files of this and of earlier, interrupted transactions (uploads cut short leave them behind).
    QString removeStaged = QStringLiteral(":");
    for (const TransactionEntry& e : entries) {
        targets.append(e.target);
        if (e.staged.endsWith(QString::fromLatin1(kStagedSuffix))) {
            removeStaged = QStringLiteral("rm -f -- ") + shell(e.staged.left(e.staged.lastIndexOf(QLatin1Char('/')))) +
                           QStringLiteral("/*") + QString::fromLatin1(kStagedSuffix);
        }
    }
    QString s = QStringLiteral("set -u\numask 077\n") + rollbackFunction(targets) +
                QStringLiteral("fail() {\n  echo \"saltant-deploy: $*; every file was restored\" >&2\n"
                               "  rollback\n  ") +
                removeStaged + QStringLiteral("\n  exit 1\n}\n");
    for (const QString& dir : directories) {
        s += QStringLiteral("install -d -m 0700 -- %1 || fail %2\n")
                 .arg(shell(dir), shell(QStringLiteral("cannot create ") + dir));
    }
    // 1. The new versions beside their targets, with their final mode and owner.
    for (const TransactionEntry& e : entries) {
        const QString next = markerArg(e.target, "new");
        if (e.isLink()) {
            s += QStringLiteral("ln -sfn -- %1 %2 || fail %3\n")
                     .arg(shell(e.linkTarget), next, shell(QStringLiteral("cannot create the link ") + e.target));
        } else if (e.fromStdin) {
            // umask 077 and root: a new file is root's and 0600; chown/chmod cover an old leftover.
            s +=
                QStringLiteral("rm -f -- %1 && cat > %1 && chown %2:%3 -- %1 && chmod %4 -- %1 || fail %5\n")
                    .arg(next, shell(e.owner), shell(e.group), QStringLiteral("%1").arg(e.mode, 4, 8, QLatin1Char('0')),
                         shell(QStringLiteral("cannot write ") + e.target));
        } else {
            s += QStringLiteral("install -m %1 -o %2 -g %3 -- %4 %5 || fail %6\n")
                     .arg(QStringLiteral("%1").arg(e.mode, 4, 8, QLatin1Char('0')), shell(e.owner), shell(e.group),
                          shell(e.staged), next, shell(QStringLiteral("cannot write ") + e.target));
        }
    }
    // 2. A backup of every target (a hard link: same bytes, mode and owner; a copy where links are not possible),
    // then the transaction id.
    for (const TransactionEntry& e : entries) {
        const QString target = shell(e.target);
        s += QStringLiteral(
                 "if [ -e %1 ] || [ -L %1 ]; then ln -fP -- %1 %2 2>/dev/null || cp -pP -- %1 %2 || fail %4; fi\n"
                 "printf '%s\\n' %3 > %5 || fail %4\n")
                 .arg(target, markerArg(e.target, "bak"), shell(id),
                      shell(QStringLiteral("cannot back up ") + e.target), markerArg(e.target, "txn"));
    }
    // 3. Atomic renames into place.
    for (const TransactionEntry& e : entries) {
        s += QStringLiteral("mv -fT -- %1 %2 || fail %3\n")
                 .arg(markerArg(e.target, "new"), shell(e.target), shell(QStringLiteral("cannot replace ") + e.target));
    }
    return s + removeStaged + QStringLiteral("\nexit 0\n");
}

QString TransactionScript::stagedName(const QString& stagingDirectory, const QString& id, int index,
                                      const QString& target)
{
    return stagingDirectory + QLatin1Char('/') + id + QStringLiteral("-%1-").arg(index) +
           target.mid(target.lastIndexOf(QLatin1Char('/')) + 1) + QString::fromLatin1(kStagedSuffix);
}

QString TransactionScript::rollback(const QStringList& targets)
{
    return QStringLiteral("set -u\n") + rollbackFunction(targets) + QStringLiteral("rollback\n");
}

QString TransactionScript::backupOf(const QString& target)
{
    return RemoteSnapshot::marker(target, QStringLiteral("bak"));
}

QString TransactionScript::commit(const QString& id, const QStringList& targets, const QStringList& unmarked,
                                  const QString& beforeCleanup)
{
    QString s = QStringLiteral("set -u\nstatus=0\n");
    for (const QString& target : targets) {
        s += QStringLiteral("printf '%s\\n' %1 > %2 || status=1\n").arg(shell(id), markerArg(target, "pending"));
    }
    s += QStringLiteral("[ $status = 0 ] || { echo 'cannot mark the new files committed' >&2; exit 1; }\n");
    s += beforeCleanup;
    for (const QString& target : targets + unmarked) {
        s += QStringLiteral("rm -f -- %1 %2 %3 || status=1\n")
                 .arg(markerArg(target, "bak"), markerArg(target, "txn"), markerArg(target, "new"));
    }
    return s + QStringLiteral("exit $status\n");
}

QString TransactionScript::finish(const QStringList& targets)
{
    QString s = QStringLiteral("rm -f --");
    for (const QString& target : targets) {
        s += QLatin1Char(' ') + markerArg(target, "pending");
    }
    return s + QLatin1Char('\n');
}

QString TransactionScript::discard(const QStringList& staged)
{
    QString s = QStringLiteral("rm -f --");
    for (const QString& path : staged) {
        s += QLatin1Char(' ') + shell(path);
    }
    return s + QLatin1Char('\n');
}

QByteArray TransactionScript::batchMarker()
{
    QByteArray marker("saltant-step-");
    for (int i = 0; i < 4; ++i) {
        marker += QByteArray::number(QRandomGenerator::system()->generate(), 16);
    }
    return marker;
}

QString TransactionScript::batch(const QByteArray& marker, const QList<DeployStep>& steps)
{
    // The marker goes on a line of its own even after output without a final newline; parseBatch() removes the
    // newline it added.
    QString s;
    for (const DeployStep& step : steps) {
        s += QStringLiteral("( %1\n) </dev/null 2>&1\ns=$?\nprintf '\\n%s %s\\n' %2 \"$s\"\n"
                            "[ \"$s\" -eq 0 ] || exit 0\n")
                 .arg(step.command, QString::fromLatin1(marker));
    }
    return s;
}

QList<TransactionScript::BatchResult> TransactionScript::parseBatch(const QByteArray& marker, const QByteArray& output)
{
    QList<BatchResult> results;
    const QByteArray separator = '\n' + marker + ' ';
    qsizetype from = 0;
    while (from <= output.size()) {
        const qsizetype at = output.indexOf(separator, from);
        if (at < 0) {
            if (from < output.size()) {
                results.append({output.mid(from), -1}); // the batch ended inside this step
            }
            break;
        }
        const qsizetype statusStart = at + separator.size();
        const qsizetype lineEnd = output.indexOf('\n', statusStart);
        bool ok = false;
        const int status = output.mid(statusStart, lineEnd < 0 ? -1 : lineEnd - statusStart).toInt(&ok);
        results.append({output.mid(from, at - from), ok ? status : -1});
        if (lineEnd < 0 || !ok) {
            break;
        }
        from = lineEnd + 1;
    }
    return results;
}

} // namespace saltant
