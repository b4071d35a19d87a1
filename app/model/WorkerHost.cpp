#include "model/WorkerHost.h"

#include "model/SettingKeys.h"

#include <QRegularExpression>

namespace saltant {

bool WorkerHost::checkName(const QString& name, QString* error)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9-]{0,31}$"));
    if (pattern.match(name).hasMatch() && !name.endsWith(QLatin1Char('-'))) {
        return true;
    }
    if (error) {
        *error = tr("\"%1\" is not a worker name: use 1-32 lower-case letters, digits and hyphens, starting with a "
                    "letter and not ending with a hyphen (e.g. gpu-1).")
                     .arg(name.left(64));
    }
    return false;
}

bool WorkerHost::isOverridable(SettingKey key)
{
    if (key == Key::WorkersKnownQueues) {
        return false; // saltant's queue list: one per installation, read by the lint
    }
    const QString group = key.name().section(QLatin1Char('.'), 0, 0);
    return group == QLatin1String("ssh") || group == QLatin1String("workers") || group == QLatin1String("worker");
}

QString WorkerHost::taskSecretName(const QString& variable)
{
    return QStringLiteral("taskEnv.") + variable;
}

bool WorkerHost::isTaskSecretName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^taskEnv\\.[A-Za-z_][A-Za-z0-9_]{0,127}$"));
    return pattern.match(name).hasMatch();
}

const QStringList& WorkerHost::generatedEnvNames()
{
    static const QStringList names = {
        QStringLiteral("IM_A_CELERY_WORKER"),       QStringLiteral("DEBUG"),
        QStringLiteral("WORKER_LOGS_DIRECTORY"),    QStringLiteral("WORKER_RESULTS_DIRECTORY"),
        QStringLiteral("WORKER_TEMP_DIRECTORY"),    QStringLiteral("WORKER_SINGULARITY_IMAGES_DIRECTORY"),
        QStringLiteral("SINGULARITY_PULL_TIMEOUT"), QStringLiteral("SINGULARITY_PULL_RETRIES"),
        QStringLiteral("CELERY_BROKER_POOL_LIMIT"), QStringLiteral("CELERY_BROKER_URL"),
        QStringLiteral("CELERY_TIMEZONE"),          QStringLiteral("RABBITMQ_USES_SSL"),
        QStringLiteral("DJANGO_BASE_URL"),          QStringLiteral("API_AUTH_TOKEN"),
        QStringLiteral("PROJECT_USES_ROLLBAR"),     QStringLiteral("ROLLBAR_ACCESS_TOKEN"),
    };
    return names;
}

} // namespace saltant
