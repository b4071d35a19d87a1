#include "model/ProjectFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUuid>
#include <functional>

namespace saltant {
namespace {

QString groupOf(const QString& key)
{
    return key.section(QLatin1Char('.'), 0, 0);
}

QByteArray jsonScalar(const QJsonValue& value)
{
    // Let Qt escape the value, then drop the surrounding array brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QJsonValue toJsonValue(const FieldSpec& spec, const QVariant& value)
{
    switch (spec.type) {
    case FieldType::Integer:
        return value.toInt();
    case FieldType::Boolean:
        return value.toBool();
    case FieldType::List:
        return QJsonArray::fromStringList(value.toStringList());
    case FieldType::Text:
    case FieldType::Choice:
        break;
    }
    return value.toString();
}

QString typeName(FieldType type)
{
    switch (type) {
    case FieldType::Integer:
        return QCoreApplication::translate("saltant", "a whole number");
    case FieldType::Boolean:
        return QCoreApplication::translate("saltant", "true or false");
    case FieldType::List:
        return QCoreApplication::translate("saltant", "an array of strings");
    case FieldType::Text:
    case FieldType::Choice:
        break;
    }
    return QCoreApplication::translate("saltant", "a string");
}

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

// Reads one group object ("nginx": {...}) of settings at path into set(); false with error naming the JSON path.
bool readGroup(const QString& group, const QJsonValue& groupValue, const QString& path,
               const std::function<bool(SettingKey, const QVariant&, QString*)>& set, QString* error)
{
    bool known = false;
    for (const FieldSpec& f : Schema::fields()) {
        known = known || groupOf(f.key) == group;
    }
    if (!known) {
        return fail(error, QCoreApplication::translate("saltant::ProjectFile", "%1: unknown key.").arg(path));
    }
    if (!groupValue.isObject()) {
        return fail(
            error, QCoreApplication::translate("saltant::ProjectFile", "%1: must be an object of settings.").arg(path));
    }
    const QJsonObject members = groupValue.toObject();
    for (auto m = members.begin(); m != members.end(); ++m) {
        const QString key = group + QLatin1Char('.') + m.key();
        const QString memberPath = path + QLatin1Char('.') + m.key();
        const FieldSpec* spec = Schema::field(key);
        if (!spec) {
            return fail(error, QCoreApplication::translate("saltant::ProjectFile", "%1: unknown key.").arg(memberPath));
        }
        const QJsonValue v = m.value();
        QVariant value;
        switch (spec->type) {
        case FieldType::Text:
        case FieldType::Choice:
            if (v.isString()) {
                value = v.toString();
            }
            break;
        case FieldType::Integer:
            if (v.isDouble() && v.toDouble() == static_cast<double>(static_cast<qint64>(v.toDouble()))) {
                value = static_cast<qint64>(v.toDouble());
            }
            break;
        case FieldType::Boolean:
            if (v.isBool()) {
                value = v.toBool();
            }
            break;
        case FieldType::List:
            if (v.isArray()) {
                QStringList items;
                bool allStrings = true;
                const QJsonArray array = v.toArray();
                for (const QJsonValue& item : array) {
                    allStrings = allStrings && item.isString();
                    items << item.toString();
                }
                if (allStrings) {
                    value = items;
                }
            }
            break;
        }
        if (!value.isValid()) {
            return fail(error, QCoreApplication::translate("saltant::ProjectFile", "%1: must be %2.")
                                   .arg(memberPath, typeName(spec->type)));
        }
        QString setError;
        if (!set(spec->key, value, &setError)) {
            return fail(error, memberPath + QStringLiteral(": ") + setError);
        }
    }
    return true;
}

// Reads "workerHosts": [{"name": "gpu-1", "ssh": {...}, "workers": {...}}, ...] into project.
bool readWorkerHosts(const QJsonValue& value, const QString& path, Project* project, QString* error)
{
    if (!value.isArray()) {
        return fail(
            error,
            QCoreApplication::translate("saltant::ProjectFile", "%1: must be an array of worker hosts.").arg(path));
    }
    const QJsonArray hosts = value.toArray();
    for (qsizetype i = 0; i < hosts.size(); ++i) {
        const QString hostPath = QStringLiteral("%1[%2]").arg(path).arg(i);
        if (!hosts.at(i).isObject()) {
            return fail(error, QCoreApplication::translate("saltant::ProjectFile",
                                                           "%1: must be an object with the host's name and settings.")
                                   .arg(hostPath));
        }
        const QJsonObject host = hosts.at(i).toObject();
        const QJsonValue name = host.value(QLatin1String("name"));
        QString nameError;
        if (!name.isString() || !project->addWorker(name.toString(), &nameError)) {
            return fail(error, hostPath + QStringLiteral(".name: ") +
                                   (name.isString()
                                        ? nameError
                                        : QCoreApplication::translate("saltant::ProjectFile", "must be a string.")));
        }
        const auto set = [&](SettingKey key, const QVariant& v, QString* setError) {
            return project->setWorkerValue(name.toString(), key, v, setError);
        };
        for (auto it = host.begin(); it != host.end(); ++it) {
            if (it.key() != QLatin1String("name") &&
                !readGroup(it.key(), it.value(), hostPath + QLatin1Char('.') + it.key(), set, error)) {
                return false;
            }
        }
    }
    return true;
}

} // namespace

namespace {

// The groups of settings in schema order, each with the settings wanted() selects, as JSON objects indented by
// indent; groups with no selected setting are left out.
QByteArray writeGroups(const QByteArray& indent, const std::function<bool(const FieldSpec&)>& wanted,
                       const std::function<QVariant(const FieldSpec&)>& valueOf)
{
    QStringList groups;
    for (const FieldSpec& f : Schema::fields()) {
        if (wanted(f) && !groups.contains(groupOf(f.key))) {
            groups << groupOf(f.key);
        }
    }
    QByteArray out;
    for (int g = 0; g < groups.size(); ++g) {
        out += indent + jsonScalar(groups[g]) + ": {\n";
        QList<const FieldSpec*> members;
        for (const FieldSpec& f : Schema::fields()) {
            if (wanted(f) && groupOf(f.key) == groups[g]) {
                members << &f;
            }
        }
        for (int m = 0; m < members.size(); ++m) {
            const FieldSpec& f = *members[m];
            out += indent + "    " + jsonScalar(f.key.name().section(QLatin1Char('.'), 1)) + ": " +
                   jsonScalar(toJsonValue(f, valueOf(f)));
            out += m + 1 < members.size() ? ",\n" : "\n";
        }
        out += indent + (g + 1 < groups.size() ? "},\n" : "}\n");
    }
    return out;
}

} // namespace

QByteArray ProjectFile::toJson(const Project& project)
{
    QByteArray out = "{\n    \"schemaVersion\": " + QByteArray::number(Schema::CurrentVersion) + ",\n";
    out += "    \"projectId\": " + jsonScalar(project.projectId()) + ",\n";
    out += writeGroups(
        "    ", [](const FieldSpec&) { return true; }, [&](const FieldSpec& f) { return project.stored(f.key); });
    if (!project.workers().isEmpty()) {
        out.chop(1); // the last group's newline: a comma goes first
        out += ",\n    \"workerHosts\": [\n";
        for (qsizetype i = 0; i < project.workers().size(); ++i) {
            const WorkerHost& host = project.workers().at(i);
            out += "        {\n            \"name\": " + jsonScalar(host.name);
            const QByteArray groups = writeGroups(
                "            ", [&](const FieldSpec& f) { return host.overrides.contains(f.key); },
                [&](const FieldSpec& f) { return host.overrides.value(f.key); });
            out += groups.isEmpty() ? QByteArray("\n") : ",\n" + groups;
            out += i + 1 < project.workers().size() ? "        },\n" : "        }\n";
        }
        out += "    ]\n";
    }
    out += "}\n";
    return out;
}

bool ProjectFile::fromJson(const QByteArray& json, Project* project, QString* error)
{
    if (json.size() > MaximumSize) {
        return fail(error, tr("$: the file is %1 bytes; a project file is a few kilobytes (at most %2 bytes).")
                               .arg(json.size())
                               .arg(MaximumSize));
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(error,
                    tr("$: not valid JSON at byte %1: %2.").arg(parseError.offset).arg(parseError.errorString()));
    }
    if (!doc.isObject()) {
        return fail(error, tr("$: the project file must be a JSON object."));
    }
    const QJsonObject root = doc.object();

    const QJsonValue version = root.value(QLatin1String("schemaVersion"));
    if (version.isUndefined()) {
        return fail(error, tr("$.schemaVersion: missing; this does not look like a Saltant Deploy project."));
    }
    if (!version.isDouble() || version.toDouble() != static_cast<double>(version.toInt())) {
        return fail(error, tr("$.schemaVersion: must be a whole number."));
    }
    if (version.toInt() > Schema::CurrentVersion) {
        return fail(error, tr("$.schemaVersion: the file uses schema %1, written by a newer Saltant Deploy; this "
                              "version reads schema %2. Update Saltant Deploy to open it.")
                               .arg(version.toInt())
                               .arg(Schema::CurrentVersion));
    }
    if (version.toInt() < 1) {
        return fail(error, tr("$.schemaVersion: %1 is not a valid schema version.").arg(version.toInt()));
    }

    Project result = Project::example();
    result.setProjectId(QString());
    for (auto it = root.begin(); it != root.end(); ++it) {
        const QString group = it.key();
        const QString path = QStringLiteral("$.") + group;
        if (group == QLatin1String("schemaVersion")) {
            continue;
        }
        if (group == QLatin1String("projectId")) {
            static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9-]{1,64}$"));
            if (!it.value().isString() || !idPattern.match(it.value().toString()).hasMatch()) {
                return fail(error, tr("%1: must be a string of 1-64 letters, digits or hyphens.").arg(path));
            }
            result.setProjectId(it.value().toString());
            continue;
        }
        if (group == QLatin1String("workerHosts")) {
            if (!readWorkerHosts(it.value(), path, &result, error)) {
                return false;
            }
            continue;
        }
        const auto set = [&](SettingKey key, const QVariant& value, QString* setError) {
            return result.setValue(key, value, setError);
        };
        if (!readGroup(group, it.value(), path, set, error)) {
            return false;
        }
    }
    if (result.projectId().isEmpty()) {
        result.setProjectId(newProjectId());
    }
    *project = result;
    return true;
}

bool ProjectFile::load(const QString& path, Project* project, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(error, tr("Cannot open %1: %2.").arg(path, file.errorString()));
    }
    if (file.size() > MaximumSize) {
        return fail(
            error,
            tr("%1 is %2 bytes; a project file is a few kilobytes. Is it the right file?").arg(path).arg(file.size()));
    }
    QString parseError;
    if (!fromJson(file.readAll(), project, &parseError)) {
        return fail(error, path + QStringLiteral(": ") + parseError);
    }
    return true;
}

bool ProjectFile::save(const QString& path, const Project& project, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(error, tr("Cannot write %1: %2.").arg(path, file.errorString()));
    }
    file.write(toJson(project));
    if (!file.commit()) {
        return fail(error, tr("Cannot write %1: %2.").arg(path, file.errorString()));
    }
    return true;
}

QString ProjectFile::newProjectId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace saltant
