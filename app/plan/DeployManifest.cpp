#include "plan/DeployManifest.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace saltant {
namespace {

QString modeText(int mode)
{
    return QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'));
}

bool isHex64(const QString& text)
{
    if (text.size() != 64) {
        return false;
    }
    for (const QChar c : text) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')))) {
            return false;
        }
    }
    return true;
}

} // namespace

QByteArray DeployManifest::toJson() const
{
    QJsonArray list;
    for (const ManifestFile& f : files) {
        list.append(QJsonObject{{QStringLiteral("path"), f.path},
                                {QStringLiteral("sha256"), f.sha256},
                                {QStringLiteral("mode"), modeText(f.mode)},
                                {QStringLiteral("owner"), f.owner},
                                {QStringLiteral("group"), f.group}});
    }
    const QJsonObject root{{QStringLiteral("project"), project},
                           {QStringLiteral("toolVersion"), toolVersion},
                           {QStringLiteral("time"), time.toUTC().toString(Qt::ISODate)},
                           {QStringLiteral("files"), list}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool DeployManifest::fromJson(const QByteArray& json, DeployManifest* manifest, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = tr("The deploy manifest is not valid JSON (%1).").arg(parseError.errorString());
        return false;
    }
    const QJsonObject root = doc.object();
    DeployManifest result;
    result.project = root.value(QStringLiteral("project")).toString();
    result.toolVersion = root.value(QStringLiteral("toolVersion")).toString();
    result.time = QDateTime::fromString(root.value(QStringLiteral("time")).toString(), Qt::ISODate);
    if (!root.value(QStringLiteral("files")).isArray()) {
        *error = tr("The deploy manifest has no list of files.");
        return false;
    }
    for (const QJsonValue& value : root.value(QStringLiteral("files")).toArray()) {
        const QJsonObject o = value.toObject();
        ManifestFile f;
        f.path = o.value(QStringLiteral("path")).toString();
        f.sha256 = o.value(QStringLiteral("sha256")).toString();
        bool modeOk = false;
        f.mode = o.value(QStringLiteral("mode")).toString().toInt(&modeOk, 8);
        f.owner = o.value(QStringLiteral("owner")).toString();
        f.group = o.value(QStringLiteral("group")).toString();
        if (!f.path.startsWith(QLatin1Char('/')) || !isHex64(f.sha256) || !modeOk || f.owner.isEmpty() ||
            f.group.isEmpty()) {
            *error = tr("The deploy manifest has an incomplete file entry (%1).")
                         .arg(f.path.isEmpty() ? QStringLiteral("?") : f.path);
            return false;
        }
        result.files.append(f);
    }
    *manifest = result;
    return true;
}

const ManifestFile* DeployManifest::find(const QString& path) const
{
    for (const ManifestFile& f : files) {
        if (f.path == path) {
            return &f;
        }
    }
    return nullptr;
}

QString DeployManifest::sha256(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString DeployManifest::manifestPath(const QString& stateDirectory)
{
    return stateDirectory + QStringLiteral("/manifest.json");
}

QString DeployManifest::deployedCopyPath(const QString& stateDirectory, const QString& path)
{
    return stateDirectory + QStringLiteral("/deployed") + path;
}

} // namespace saltant
