#include "deploy/DeployHistory.h"

#include "generate/Quote.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace saltant {

using Quote::shell;

QByteArray HistoryEntry::toJson() const
{
    QJsonArray list;
    for (const File& f : files) {
        list.append(QJsonObject{{QStringLiteral("path"), f.path},
                                {QStringLiteral("existed"), f.existed},
                                {QStringLiteral("mode"), QStringLiteral("%1").arg(f.mode, 4, 8, QLatin1Char('0'))},
                                {QStringLiteral("owner"), f.owner},
                                {QStringLiteral("group"), f.group}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                     {QStringLiteral("time"), time.toUTC().toString(Qt::ISODate)},
                                     {QStringLiteral("who"), who},
                                     {QStringLiteral("project"), project},
                                     {QStringLiteral("toolVersion"), toolVersion},
                                     {QStringLiteral("files"), list}})
        .toJson(QJsonDocument::Compact);
}

bool HistoryEntry::fromJson(const QByteArray& json, HistoryEntry* entry, QString* error)
{
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    if (!doc.isObject()) {
        *error = DeployHistory::tr("a history entry is not JSON (%1)").arg(parse.errorString());
        return false;
    }
    const QJsonObject o = doc.object();
    entry->id = o.value(QStringLiteral("id")).toString();
    entry->time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODate);
    entry->who = o.value(QStringLiteral("who")).toString();
    entry->project = o.value(QStringLiteral("project")).toString();
    entry->toolVersion = o.value(QStringLiteral("toolVersion")).toString();
    entry->files.clear();
    for (const QJsonValue& v : o.value(QStringLiteral("files")).toArray()) {
        const QJsonObject f = v.toObject();
        bool ok = false;
        const int mode = f.value(QStringLiteral("mode")).toString().toInt(&ok, 8);
        entry->files.append({f.value(QStringLiteral("path")).toString(), f.value(QStringLiteral("existed")).toBool(),
                             ok ? mode : 0644, f.value(QStringLiteral("owner")).toString(),
                             f.value(QStringLiteral("group")).toString()});
    }
    static const QRegularExpression idForm(QStringLiteral("^[0-9]{17}-[0-9]{1,6}$"));
    if (!idForm.match(entry->id).hasMatch()) {
        *error = DeployHistory::tr("a history entry has no valid id (\"%1\")").arg(entry->id);
        return false;
    }
    for (const File& f : std::as_const(entry->files)) {
        if (!f.path.startsWith(QLatin1Char('/')) || f.path.contains(QStringLiteral("/../")) ||
            f.path.endsWith(QStringLiteral("/.."))) {
            *error =
                DeployHistory::tr("history entry %1 names a path that is not absolute: \"%2\"").arg(entry->id, f.path);
            return false;
        }
    }
    return true;
}

QString DeployHistory::keptPath(const QString& stateDirectory, const QString& id, const QString& path)
{
    return directory(stateDirectory) + QLatin1Char('/') + id + QStringLiteral("/files") + path;
}

QString DeployHistory::recordScript(const QString& stateDirectory, const HistoryEntry& entry,
                                    const QHash<QString, QString>& backups, int keep)
{
    const QString root = directory(stateDirectory);
    const QString here = root + QLatin1Char('/') + entry.id;
    QString s = QStringLiteral("history=0\n( umask 077 && mkdir -p -- %1 ) || history=1\n")
                    .arg(shell(here + QStringLiteral("/files")));
    for (const HistoryEntry::File& f : entry.files) {
        if (!f.existed) {
            continue;
        }
        const QString kept = keptPath(stateDirectory, entry.id, f.path);
        s += QStringLiteral("mkdir -p -- %1 && { ln -P -- %2 %3 2>/dev/null || cp -pP -- %2 %3; } || history=1\n")
                 .arg(shell(kept.left(kept.lastIndexOf(QLatin1Char('/')))), shell(backups.value(f.path)), shell(kept));
    }
    s += QStringLiteral("printf '%s' %1 > %2 || history=1\n")
             .arg(shell(QString::fromUtf8(entry.toJson())), shell(here + QStringLiteral("/meta.json")));
    // Only names of the id form are ever removed.
    s += QStringLiteral("ls -1 -- %1 | grep -E '^[0-9]{17}-[0-9]{1,6}$' | sort -r | tail -n +%2 | "
                        "while read -r old; do rm -rf -- %1/\"$old\"; done\n")
             .arg(shell(root))
             .arg(keep + 1);
    return s + QStringLiteral("[ $history = 0 ] || echo 'saltant-deploy: warning: the replaced files could not all be "
                              "kept in the deploy history' >&2\n");
}

QString DeployHistory::listScript(const QString& stateDirectory)
{
    const QString root = shell(directory(stateDirectory));
    return QStringLiteral("[ -d %1 ] || exit 0\n"
                          "ls -1 -- %1 | grep -E '^[0-9]{17}-[0-9]{1,6}$' | sort -r | while read -r id; do\n"
                          "  [ -f %1/\"$id\"/meta.json ] && head -c 1048576 -- %1/\"$id\"/meta.json && printf '\\0'\n"
                          "done\n")
        .arg(root);
}

QList<HistoryEntry> DeployHistory::parse(const QByteArray& output, QStringList* problems)
{
    QList<HistoryEntry> entries;
    for (const QByteArray& chunk : output.split('\0')) {
        if (chunk.trimmed().isEmpty()) {
            continue;
        }
        HistoryEntry entry;
        QString error;
        if (HistoryEntry::fromJson(chunk, &entry, &error)) {
            entries.append(entry);
        } else if (problems) {
            problems->append(error);
        }
    }
    return entries;
}

bool DeployHistory::restoresFor(const QList<HistoryEntry>& newestFirst, const QString& id, QList<Restore>* restores,
                                QString* error)
{
    qsizetype last = -1;
    for (qsizetype i = 0; i < newestFirst.size(); ++i) {
        if (newestFirst.at(i).id == id) {
            last = i;
        }
    }
    if (last < 0) {
        *error = tr("There is no deploy %1 in the server's history; `saltant-deploy-cli history` lists them.").arg(id);
        return false;
    }
    // From the newest down to id: an older deploy's replaced version wins (it is the state before id).
    QHash<QString, qsizetype> index;
    restores->clear();
    for (qsizetype i = 0; i <= last; ++i) {
        for (const HistoryEntry::File& f : newestFirst.at(i).files) {
            const Restore restore{f, newestFirst.at(i).id};
            const auto at = index.constFind(f.path);
            if (at == index.constEnd()) {
                index.insert(f.path, restores->size());
                restores->append(restore);
            } else {
                (*restores)[*at] = restore;
            }
        }
    }
    return true;
}

} // namespace saltant
