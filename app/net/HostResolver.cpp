#include "net/HostResolver.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QTimer>

namespace saltant {
namespace {

bool isUnder(const QString& host, QLatin1String tld)
{
    return host.compare(tld, Qt::CaseInsensitive) == 0 ||
           host.endsWith(QLatin1Char('.') + QString(tld), Qt::CaseInsensitive);
}

QString notFound(const QString& host)
{
    return QCoreApplication::translate("Checks", "%1 does not resolve (no A or AAAA record)").arg(host);
}

} // namespace

int HostResolver::lookup(const QString& host, const CheckOptions& options, QObject* context, const Callback& callback)
{
    QString name = host;
    if (name.endsWith(QLatin1Char('.'))) {
        name.chop(1);
    }
    const auto later = [context, callback](const QList<QHostAddress>& addresses, const QString& error) {
        QTimer::singleShot(0, context, [callback, addresses, error] { callback(addresses, error); });
    };
    const auto override = options.hostAddresses.constFind(name);
    if (override != options.hostAddresses.constEnd()) {
        later(*override, override->isEmpty() ? notFound(name) : QString());
        return -1;
    }
    const QHostAddress literal(name);
    if (!literal.isNull()) {
        later({literal}, QString());
        return -1;
    }
    if (name.isEmpty() || isUnder(name, QLatin1String("invalid"))) {
        later({}, notFound(name.isEmpty() ? host : name));
        return -1;
    }
    const QString query = isUnder(name, QLatin1String("localhost")) ? QStringLiteral("localhost") : name;
    return QHostInfo::lookupHost(query, context, [callback, name](const QHostInfo& info) {
        if (info.error() == QHostInfo::NoError && !info.addresses().isEmpty()) {
            callback(info.addresses(), QString());
        } else if (info.error() == QHostInfo::UnknownError) {
            callback(
                {},
                QCoreApplication::translate("Checks", "%1 could not be resolved: %2").arg(name, info.errorString()));
        } else {
            callback({}, notFound(name));
        }
    });
}

void HostResolver::abort(int id)
{
    if (id >= 0) {
        QHostInfo::abortHostLookup(id);
    }
}

} // namespace saltant
