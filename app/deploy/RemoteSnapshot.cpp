#include "RemoteSnapshot.h"

#include "generate/Quote.h"

#include <QCoreApplication>

namespace saltant {
namespace {

const char* const kFunctions =
    "probe() {\n"
    "  if [ -L \"$2\" ]; then printf '%s L %s\\n' \"$1\" \"$(printf %s \"$(readlink -- \"$2\")\" | base64 -w0)\"\n"
    "  elif [ -f \"$2\" ]; then\n"
    "    printf '%s F %s\\n' \"$1\" \"$(stat -c '%a %U %G' -- \"$2\")\"\n"
    "    if c=$(base64 -w0 -- \"$2\"); then printf '%s\\n' \"$c\"; else echo '!'; fi\n"
    "  elif [ -d \"$2\" ]; then printf '%s D\\n' \"$1\"\n"
    "  elif [ -e \"$2\" ]; then printf '%s O\\n' \"$1\"\n"
    "  else printf '%s N\\n' \"$1\"; fi\n"
    "}\n"
    "mark() { if [ -e \"$2\" ] || [ -L \"$2\" ]; then echo \"$1 E\"; else echo \"$1 N\"; fi; }\n"
    "dirkind() { if [ -d \"$2\" ]; then echo \"$1 D\"; elif [ -e \"$2\" ]; then echo \"$1 O\"; else echo \"$1 N\"; fi; "
    "}\n";

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

private:
    QList<QByteArray> m_lines;
    qsizetype m_next = 0;
};

bool readEntry(Reader& reader, const char* role, RemoteEntry* entry)
{
    const QStringList f = reader.fields(role);
    if (f.size() < 2) {
        return false;
    }
    entry->kind = kindOf(f.at(1));
    if (entry->kind == RemoteEntry::Kind::Link) {
        entry->linkTarget = QString::fromUtf8(QByteArray::fromBase64(f.value(2).toLatin1()));
    } else if (entry->kind == RemoteEntry::Kind::File) {
        if (f.size() < 5) {
            return false;
        }
        bool ok = false;
        entry->mode = f.at(2).toInt(&ok, 8) & 07777;
        entry->owner = f.at(3);
        entry->group = f.at(4);
        const QByteArray data = reader.raw();
        if (!ok || data == "!") {
            return false;
        }
        entry->content = QByteArray::fromBase64(data);
    }
    return true;
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
        s += QStringLiteral("probe cur %1\nprobe bak %2\nmark new %3\nprobe txn %4\nprobe pending %5\n"
                            "dirkind parent %6\n")
                 .arg(shell(path), shell(marker(path, QStringLiteral("bak"))),
                      shell(marker(path, QStringLiteral("new"))), shell(marker(path, QStringLiteral("txn"))),
                      shell(marker(path, QStringLiteral("pending"))), shell(parentOf(path)));
    }
    for (const QString& command : request.commands) {
        s += QStringLiteral("if (%1) </dev/null >/dev/null 2>&1; then echo 'cmd 0'; else echo 'cmd 1'; fi\n")
                 .arg(command);
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
    for (const QString& path : request.paths) {
        RemotePathState state;
        RemoteEntry parent;
        RemoteEntry transaction;
        RemoteEntry pending;
        ok = ok && readEntry(reader, "cur", &state.current) && readEntry(reader, "bak", &state.backup) &&
             readFlag(reader, "new", &state.staged) && readEntry(reader, "txn", &transaction) &&
             readEntry(reader, "pending", &pending) && readEntry(reader, "parent", &parent);
        state.parent = parent.kind;
        state.transaction = markerText(transaction);
        state.pending = markerText(pending);
        result.paths.insert(path, state);
    }
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
