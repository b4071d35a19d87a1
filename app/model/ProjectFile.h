#pragma once

#include "model/Project.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace saltant {

// The *.saltant.json project file: schemaVersion, projectId, then one object per key group in schema order.
// Holds no secret. Loading is strict: wrong types, unknown keys, out-of-range values and newer schemas are
// errors naming the JSON path ($.nginx.clientMaxBodySize).
class ProjectFile
{
    Q_DECLARE_TR_FUNCTIONS(saltant::ProjectFile)

public:
    static constexpr qint64 MaximumSize = 1024 * 1024;

    static QByteArray toJson(const Project& project);
    static bool fromJson(const QByteArray& json, Project* project, QString* error);

    static bool load(const QString& path, Project* project, QString* error);
    // Atomic: written to a temporary file beside path, then renamed over it.
    static bool save(const QString& path, const Project& project, QString* error);

    // A fresh random project id for a new project (scopes its keychain entries).
    static QString newProjectId();
};

} // namespace saltant
