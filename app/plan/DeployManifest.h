#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace saltant {

// One file a deploy installed, as the manifest records it.
struct ManifestFile
{
    QString path;
    QString sha256; // lower-case hex of the bytes installed (with secret values)
    int mode = 0;
    QString owner;
    QString group;

    bool operator==(const ManifestFile& o) const
    {
        return path == o.path && sha256 == o.sha256 && mode == o.mode && owner == o.owner && group == o.group;
    }
};

// What the last deploy installed on a server: STATE/manifest.json, written inside the deploy's transaction beside
// a copy of every deployed file (STATE/deployed/PATH), so the plan can tell a file changed on the server by hand.
class DeployManifest
{
    Q_DECLARE_TR_FUNCTIONS(saltant::DeployManifest)

public:
    QString project;
    QString toolVersion;
    QDateTime time; // UTC
    QList<ManifestFile> files;

    // Indented JSON: {project, toolVersion, time (ISO 8601, UTC), files: [{path, sha256, mode ("0644"), owner,
    // group}]}, files in the order given.
    QByteArray toJson() const;
    // False with error when the text is not a manifest (not JSON, a field missing or of the wrong type).
    static bool fromJson(const QByteArray& json, DeployManifest* manifest, QString* error);

    const ManifestFile* find(const QString& path) const;

    static QString sha256(const QByteArray& bytes);
    static QString manifestPath(const QString& stateDirectory);
    // STATE/deployed/PATH (the slashes of PATH kept).
    static QString deployedCopyPath(const QString& stateDirectory, const QString& path);
};

} // namespace saltant
