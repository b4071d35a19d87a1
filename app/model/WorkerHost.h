#pragma once

#include "model/SettingKeys.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace saltant {

// One machine that runs saltant's Celery workers: its name and the settings it holds differently from what all
// worker hosts share (its SSH target above all). Project keeps the list; Project::forWorker() gives the settings
// in effect on one host.
struct WorkerHost
{
    Q_DECLARE_TR_FUNCTIONS(saltant::WorkerHost)

public:
    QString name;
    // Setting name -> value, only for overridable settings (isOverridable()), of the setting's type.
    QHash<QString, QVariant> overrides;

    bool operator==(const WorkerHost& other) const { return name == other.name && overrides == other.overrides; }

    // A worker's name: 1-32 lower-case letters, digits and hyphens, starting with a letter. It becomes Celery's
    // --hostname NAME@%h, the preview's group and the CLI's --host NAME.
    static bool checkName(const QString& name, QString* error);
    // The settings a host may set for itself: its SSH target (ssh.*), what all workers share (workers.*) and the
    // worker directories of the .env (worker.*). Everything else is the server's and the same for all.
    // workers.knownQueues (saltant's queue list, read by the lint) is the installation's, not a host's.
    static bool isOverridable(SettingKey key);
    // The variables the worker's .env writes itself; workers.extraEnv may not set them again.
    static const QStringList& generatedEnvNames();
    // The keychain name of the secret task variable `variable` (workers.secretEnv): "taskEnv.VARIABLE".
    static QString taskSecretName(const QString& variable);
    // Whether name is such a keychain name (taskEnv. and a variable name).
    static bool isTaskSecretName(const QString& name);
};

} // namespace saltant
