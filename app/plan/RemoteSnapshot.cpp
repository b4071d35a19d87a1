#include "plan/RemoteSnapshot.h"

#include "generate/Quote.h"
#include "plan/DeployManifest.h"

#include <QCoreApplication>

namespace saltant {
namespace {

// Kinds are found with shell built-ins; regular files are only collected here (in "$@", at the top level of the
// script), and read at the end by one stat, one cat and one base64 for all of them: a handful of processes on the
// server instead of two per file.
const char* const kFunctions =
    "mark() { if [ -e \"$2\" ] || [ -L \"$2\" ]; then echo \"$1 E\"; else echo \"$1 N\"; fi; }\n"
    "dirkind() { if [ -d \"$2\" ]; then echo \"$1 D\"; elif [ -e \"$2\" ]; then echo \"$1 O\"; else echo \"$1 N\"; fi; "
    "}\n"
    "set --\n";

// One path's kind; a regular file joins "$@" (top-level code: a function has its own positional parameters).
QString probe(const char* role, const QString& quotedPath)
{
    return QStringLiteral("if [ -L %2 ]; then printf '%s L %s\\n' %1 \"$(printf %s \"$(readlink -- %2)\" | base64 "
                          "-w0)\"\nelif [ -f %2 ]; then echo '%1 F'; set -- \"$@\" %2\n"
                          "elif [ -d %2 ]; then echo '%1 D'\nelif [ -e %2 ]; then echo '%1 O'\n"
                          "else echo '%1 N'; fi\n")
        .arg(QString::fromLatin1(role), quotedPath);
}

// After every probe: "files N", then per file "mode owner group size", then all contents in one base64 line.
const char* const kReadFiles = "echo \"files $#\"\n"
                               "if [ $# -gt 0 ]; then stat -c '%a %U %G %s' -- \"$@\" && { cat -- \"$@\" | base64 "
                               "-w0; echo; }; fi\n";

QString parentOf(const QString& path)
{
    const int slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

RemoteEntry::Kind kindOf(const QString& letter)
{
    if (letter == QLatin1String("F")) {
        return RemoteEntry::Kind::File;
    }
    if (letter == QLatin1String("L")) {
        return RemoteEntry::Kind::Link;
    }
    if (letter == QLatin1String("D")) {
        return RemoteEntry::Kind::Directory;
    }
    if (letter == QLatin1String("O") || letter == QLatin1String("E")) {
        return RemoteEntry::Kind::Other;
    }
    return RemoteEntry::Kind::Missing;
}

class Reader
{
public:
    explicit Reader(const QByteArray& output) : m_lines(output.split('\n')) {}
    bool atEnd() const { return m_next >= m_lines.size(); }
    QStringList fields(const char* role)
    {
        if (atEnd()) {
            return {};
        }
        const QStringList f = QString::fromUtf8(m_lines.at(m_next++)).split(QLatin1Char(' '));
        return f.value(0) == QLatin1String(role) ? f : QStringList();
    }
    QByteArray raw() { return atEnd() ? QByteArray() : m_lines.at(m_next++); }
    // The next line's fields without consuming it (empty when it is not of that role).
    QStringList peek(const char* role) const
    {
        if (atEnd()) {
            return {};
        }
        const QStringList f = QString::fromUtf8(m_lines.at(m_next)).split(QLatin1Char(' '));
        return f.value(0) == QLatin1String(role) ? f : QStringList();
    }

private:
    QList<QByteArray> m_lines;
    qsizetype m_next = 0;
};

// Reads one probe line; a File's mode, owner, group and content come later (readFiles()), so it is remembered.
bool readEntry(Reader& reader, const char* role, RemoteEntry* entry, QList<RemoteEntry*>* files)
{
    const QStringList f = reader.fields(role);
    if (f.size() < 2) {
        return false;
    }
    entry->kind = kindOf(f.at(1));
    if (entry->kind == RemoteEntry::Kind::Link) {
        entry->linkTarget = QString::fromUtf8(QByteArray::fromBase64(f.value(2).toLatin1()));
    } else if (entry->kind == RemoteEntry::Kind::File) {
        files->append(entry);
    }
    return true;
}

// "files N", N lines "mode owner group size", one line with every content in base64: fills the remembered files.
bool readFiles(Reader& reader, const QList<RemoteEntry*>& files)
{
    const QStringList header = reader.fields("files");
    bool ok = false;
    if (header.size() != 2 || header.at(1).toInt(&ok) != files.size() || !ok) {
        return false;
    }
    if (files.isEmpty()) {
        return true;
    }
    QList<qsizetype> sizes;
    for (RemoteEntry* entry : files) {
        const QStringList f = QString::fromUtf8(reader.raw()).split(QLatin1Char(' '));
        bool modeOk = false;
        bool sizeOk = false;
        entry->mode = f.value(0).toInt(&modeOk, 8) & 07777;
        entry->owner = f.value(1);
        entry->group = f.value(2);
        sizes.append(f.value(3).toLongLong(&sizeOk));
        if (f.size() != 4 || !modeOk || !sizeOk) {
            return false;
        }
    }
    const QByteArray data = QByteArray::fromBase64(reader.raw());
    qsizetype offset = 0;
    for (qsizetype i = 0; i < files.size(); ++i) {
        files.at(i)->content = data.mid(offset, sizes.at(i));
        offset += sizes.at(i);
    }
    // A file that could not be read (or changed while it was read) shows as a length that does not add up.
    return offset == data.size();
}

// A marker's content (a transaction id); a marker that exists but is empty or unreadable still counts.
QString markerText(const RemoteEntry& entry)
{
    if (!entry.exists()) {
        return QString();
    }
    const QString text = QString::fromUtf8(entry.content).trimmed();
    return text.isEmpty() ? QStringLiteral("?") : text;
}

bool readFlag(Reader& reader, const char* role, bool* flag)
{
    const QStringList f = reader.fields(role);
    *flag = f.value(1) == QLatin1String("E");
    return f.size() == 2;
}

} // namespace

QString RemoteSnapshot::marker(const QString& path, const QString& suffix)
{
    const int slash = path.lastIndexOf(QLatin1Char('/'));
    return path.left(slash + 1) + QLatin1Char('.') + path.mid(slash + 1) + QStringLiteral(".saltant-") + suffix;
}

QString RemoteSnapshot::script(const SnapshotRequest& request)
{
    using Quote::shell;
    QString s = QString::fromLatin1(kFunctions);
    for (const QString& path : request.paths) {
        s += probe("cur", shell(path)) + probe("bak", shell(marker(path, QStringLiteral("bak")))) +
             QStringLiteral("mark new %1\n").arg(shell(marker(path, QStringLiteral("new")))) +
             probe("txn", shell(marker(path, QStringLiteral("txn")))) +
             probe("pending", shell(marker(path, QStringLiteral("pending")))) +
             QStringLiteral("dirkind parent %1\n").arg(shell(parentOf(path)));
    }
    // A last deployed copy is only sent when the file differs from it ("dep S": the same bytes; "dep N": no copy).
    for (const QString& path : request.trackedFiles) {
        const QString copy = shell(DeployManifest::deployedCopyPath(request.stateDirectory, path));
        s += QStringLiteral("if [ ! -f %1 ]; then echo 'dep N'\nelif cmp -s -- %2 %1 2>/dev/null; then echo 'dep S'\n"
                            "else\n")
                 .arg(copy, shell(path)) +
             probe("dep", copy) + QStringLiteral("fi\n");
    }
    s += QString::fromLatin1(kReadFiles);
    // The same check asked twice (two steps with one condition) runs once; its answer is printed for each.
    QHash<QString, int> firstOf;
    for (qsizetype i = 0; i < request.commands.size(); ++i) {
        const QString& command = request.commands.at(i);
        if (firstOf.contains(command)) {
            s += QStringLiteral("echo \"cmd $c%1\"\n").arg(firstOf.value(command));
            continue;
        }
        firstOf.insert(command, static_cast<int>(i));
        s += QStringLiteral("if (%1) </dev/null >/dev/null 2>&1; then c%2=0; else c%2=1; fi; echo \"cmd $c%2\"\n")
                 .arg(command)
                 .arg(i);
    }
    for (const QString& user : request.users) {
        s += QStringLiteral("if getent passwd %1 >/dev/null; then echo 'user 0'; else echo 'user 1'; fi\n")
                 .arg(shell(user));
    }
    for (const QString& group : request.groups) {
        s += QStringLiteral("if getent group %1 >/dev/null; then echo 'group 0'; else echo 'group 1'; fi\n")
                 .arg(shell(group));
    }
    s += QStringLiteral("echo end\n");
    return s;
}

bool RemoteSnapshot::parse(const QByteArray& output, const SnapshotRequest& request, RemoteSnapshot* snapshot,
                           QString* error)
{
    Reader reader(output);
    RemoteSnapshot result;
    bool ok = true;
    // Reserved up front: readEntry() keeps pointers into these lists for readFiles().
    QList<RemotePathState> states;
    QList<RemoteEntry> transactions;
    QList<RemoteEntry> pendings;
    QList<RemoteEntry> parents;
    states.reserve(request.paths.size());
    transactions.reserve(request.paths.size());
    pendings.reserve(request.paths.size());
    parents.reserve(request.paths.size());
    QList<RemoteEntry*> files;
    for (qsizetype i = 0; i < request.paths.size(); ++i) {
        states.append(RemotePathState());
        transactions.append(RemoteEntry());
        pendings.append(RemoteEntry());
        parents.append(RemoteEntry());
        RemotePathState& state = states.last();
        ok = ok && readEntry(reader, "cur", &state.current, &files) &&
             readEntry(reader, "bak", &state.backup, &files) && readFlag(reader, "new", &state.staged) &&
             readEntry(reader, "txn", &transactions.last(), &files) &&
             readEntry(reader, "pending", &pendings.last(), &files) &&
             readEntry(reader, "parent", &parents.last(), &files);
        state.parent = parents.last().kind;
    }
    QList<RemoteEntry> deployed;
    QList<bool> same;
    deployed.reserve(request.trackedFiles.size());
    for (qsizetype i = 0; ok && i < request.trackedFiles.size(); ++i) {
        deployed.append(RemoteEntry());
        const bool isSame = reader.peek("dep").value(1) == QLatin1String("S");
        same.append(isSame);
        if (isSame) {
            ok = !reader.fields("dep").isEmpty();
        } else {
            ok = readEntry(reader, "dep", &deployed.last(), &files);
        }
    }
    // The files' details fill the entries in place (the lists were reserved: no element has moved).
    ok = ok && readFiles(reader, files);
    for (qsizetype i = 0; ok && i < request.paths.size(); ++i) {
        RemotePathState& state = states[i];
        state.transaction = markerText(transactions.at(i));
        state.pending = markerText(pendings.at(i));
        result.paths.insert(request.paths.at(i), state);
    }
    for (qsizetype i = 0; ok && i < request.trackedFiles.size(); ++i) {
        const QString& path = request.trackedFiles.at(i);
        result.deployed.insert(path, same.at(i) ? result.paths.value(path).current : deployed.at(i));
    }
    result.stateDirectory = request.stateDirectory;
    for (qsizetype i = 0; ok && i < request.commands.size(); ++i) {
        const QStringList f = reader.fields("cmd");
        ok = f.size() == 2;
        result.commandOk.append(f.value(1) == QLatin1String("0"));
    }
    for (qsizetype i = 0; ok && i < request.users.size(); ++i) {
        const QStringList f = reader.fields("user");
        ok = f.size() == 2;
        if (f.value(1) != QLatin1String("0")) {
            result.missingUsers.append(request.users.at(i));
        }
    }
    for (qsizetype i = 0; ok && i < request.groups.size(); ++i) {
        const QStringList f = reader.fields("group");
        ok = f.size() == 2;
        if (f.value(1) != QLatin1String("0")) {
            result.missingGroups.append(request.groups.at(i));
        }
    }
    if (!ok || reader.fields("end").isEmpty()) {
        *error = QCoreApplication::translate("Deploy", "The server's answer to the state query was incomplete or "
                                                       "unreadable (a file could not be read, or the connection "
                                                       "was cut).");
        return false;
    }
    *snapshot = result;
    return true;
}

bool RemoteSnapshot::read(RemoteHost& host, const SnapshotRequest& request, RemoteSnapshot* snapshot, QString* error)
{
    const CommandResult result = host.run(script(request));
    if (!result.started) {
        *error = QCoreApplication::translate("Deploy", "Cannot read the server's state: %1").arg(result.error);
        return false;
    }
    if (result.exitStatus != 0) {
        *error = QCoreApplication::translate("Deploy", "Cannot read the server's state (exit status %1): %2")
                     .arg(result.exitStatus)
                     .arg(QString::fromUtf8(result.stdErr).trimmed());
        return false;
    }
    return parse(result.stdOut, request, snapshot, error);
}

} // namespace saltant
