#include "model/ProjectFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUuid>

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

} // namespace

QByteArray ProjectFile::toJson(const Project& project)
{
    QByteArray out = "{\n    \"schemaVersion\": " + QByteArray::number(Schema::CurrentVersion) + ",\n";
    out += "    \"projectId\": " + jsonScalar(project.projectId()) + ",\n";

    QStringList groups;
    for (const FieldSpec& f : Schema::fields()) {
        if (!groups.contains(groupOf(f.key))) {
            groups << groupOf(f.key);
        }
    }
    for (int g = 0; g < groups.size(); ++g) {
        out += "    " + jsonScalar(groups[g]) + ": {\n";
        QList<const FieldSpec*> members;
        for (const FieldSpec& f : Schema::fields()) {
            if (groupOf(f.key) == groups[g]) {
                members << &f;
            }
        }
        for (int m = 0; m < members.size(); ++m) {
            const FieldSpec& f = *members[m];
            out += "        " + jsonScalar(f.key.name().section(QLatin1Char('.'), 1)) + ": " +
                   jsonScalar(toJsonValue(f, project.stored(f.key)));
            out += m + 1 < members.size() ? ",\n" : "\n";
        }
        out += g + 1 < groups.size() ? "    },\n" : "    }\n";
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
        bool known = false;
        for (const FieldSpec& f : Schema::fields()) {
            known = known || groupOf(f.key) == group;
        }
        if (!known) {
            return fail(error, tr("%1: unknown key.").arg(path));
        }
        if (!it.value().isObject()) {
            return fail(error, tr("%1: must be an object of settings.").arg(path));
        }
        const QJsonObject members = it.value().toObject();
        for (auto m = members.begin(); m != members.end(); ++m) {
            const QString key = group + QLatin1Char('.') + m.key();
            const QString memberPath = path + QLatin1Char('.') + m.key();
            const FieldSpec* spec = Schema::field(key);
            if (!spec) {
                return fail(error, tr("%1: unknown key.").arg(memberPath));
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
                return fail(error, tr("%1: must be %2.").arg(memberPath, typeName(spec->type)));
            }
            QString setError;
            if (!result.setValue(spec->key, value, &setError)) {
                return fail(error, memberPath + QStringLiteral(": ") + setError);
            }
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
