#include "net/CheckOverrides.h"

#include <QRegularExpression>

namespace saltant {
namespace {

bool split(const QString& text, QString* left, QString* right)
{
    const int eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0 || eq == text.size() - 1) {
        return false;
    }
    *left = text.left(eq);
    *right = text.mid(eq + 1);
    return true;
}

} // namespace

bool CheckOverrides::addResolve(const QString& entry, CheckOptions* options, QString* error)
{
    QString host;
    QString address;
    if (!split(entry, &host, &address) || QHostAddress(address).isNull()) {
        *error = tr("expected HOST=ADDRESS, e.g. www.example.com=198.51.100.4.");
        return false;
    }
    options->hostAddresses[host] << QHostAddress(address);
    return true;
}

bool CheckOverrides::addPortMapping(const QString& entry, CheckOptions* options, QString* error)
{
    QString server;
    QString local;
    bool serverOk = false;
    bool localOk = false;
    const bool shaped = split(entry, &server, &local);
    const int from = server.toInt(&serverOk);
    const int to = local.toInt(&localOk);
    if (!shaped || !serverOk || !localOk || from < 1 || from > 65535 || to < 1 || to > 65535) {
        *error = tr("expected SERVER=LOCAL port numbers, e.g. 443=8443.");
        return false;
    }
    options->portMap[from] = to;
    return true;
}

bool CheckOverrides::addCaFile(const QString& path, CheckOptions* options, QString* error)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(path);
    if (certificates.isEmpty()) {
        *error = tr("no PEM certificate found.");
        return false;
    }
    options->extraCaCertificates << certificates;
    return true;
}

QStringList CheckOverrides::entries(const QString& text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

} // namespace saltant
