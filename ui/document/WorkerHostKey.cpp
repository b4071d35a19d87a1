#include "document/WorkerHostKey.h"

#include "model/Schema.h"

namespace saltant {

bool WorkerHostKey::split(const QString& key, QString* host, QString* setting)
{
    static const QString prefix = QStringLiteral("workers.");
    if (!key.startsWith(prefix) || Schema::field(key)) {
        return false;
    }
    const QString rest = key.mid(prefix.size());
    const qsizetype dot = rest.indexOf(QLatin1Char('.'));
    if (rest.isEmpty() || dot == 0) {
        return false;
    }
    if (host) {
        *host = dot < 0 ? rest : rest.left(dot);
    }
    if (setting) {
        *setting = dot < 0 ? QString() : rest.mid(dot + 1);
    }
    return true;
}

QString WorkerHostKey::join(const QString& host, const QString& setting)
{
    QString key = QStringLiteral("workers.") + host;
    if (!setting.isEmpty()) {
        key += QLatin1Char('.') + setting;
    }
    return key;
}

} // namespace saltant
