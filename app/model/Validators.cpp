#include "model/Validators.h"

#include "model/IpAddress.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QUrl>

namespace saltant {
namespace {

bool matches(const QString& value, const char* pattern)
{
    // Compiled once per pattern (a literal of this file): the GUI validates on every keystroke.
    static thread_local QHash<const char*, QRegularExpression> compiled;
    auto it = compiled.find(pattern);
    if (it == compiled.end()) {
        it = compiled.insert(pattern, QRegularExpression(QString::fromLatin1(pattern)));
    }
    return it->match(value).hasMatch();
}

bool isPortableName(const QString& value)
{
    return value != QLatin1String(".") && value != QLatin1String("..") && !value.startsWith(QLatin1Char('-')) &&
           matches(value, "^[A-Za-z0-9._+@-]{1,255}$");
}

} // namespace

bool Validators::isPrintableLine(const QString& value)
{
    for (const QChar c : value) {
        const ushort u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u <= 0x9f) || u == 0x2028 || u == 0x2029 || u == 0xfeff) {
            return false;
        }
    }
    // Surrogates must come in valid pairs.
    return value.isValidUtf16();
}

bool Validators::isHostname(const QString& value)
{
    if (value.isEmpty() || value.size() > 253) {
        return false;
    }
    const QStringList labels = value.split(QLatin1Char('.'));
    for (const QString& label : labels) {
        if (!matches(label, "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")) {
            return false;
        }
    }
    // An all-numeric last label would be read as an IPv4 address.
    return !matches(labels.last(), "^[0-9]+$");
}

bool Validators::isIpAddress(const QString& value)
{
    return IpAddress::isValid(value);
}

bool Validators::isAbsolutePath(const QString& value)
{
    if (!value.startsWith(QLatin1Char('/')) || value.size() < 2 || value.size() > 1024 ||
        value.endsWith(QLatin1Char('/'))) {
        return false;
    }
    // Each name between slashes: 1 to 255 of [A-Za-z0-9._+@-] (255 bytes is NAME_MAX: a longer name cannot be
    // created on the server), neither "." nor "..".
    qsizetype start = 1;
    for (qsizetype i = 1; i <= value.size(); ++i) {
        if (i < value.size() && value.at(i) != QLatin1Char('/')) {
            const char16_t c = value.at(i).unicode();
            const bool allowedChar = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
                                     c == u'.' || c == u'_' || c == u'+' || c == u'@' || c == u'-';
            if (!allowedChar) {
                return false;
            }
            continue;
        }
        const QStringView name = QStringView(value).mid(start, i - start);
        if (name.isEmpty() || name.size() > 255 || name == u"." || name == u"..") {
            return false;
        }
        start = i + 1;
    }
    return true;
}

bool Validators::check(ValueKind kind, const QString& value, QString* error)
{
    const QString why = reason(kind, value);
    if (!why.isEmpty() && error) {
        *error = why;
    }
    return why.isEmpty();
}

QString Validators::reason(ValueKind kind, const QString& value)
{
    // The GUI validates every field after each keystroke, and all but one value are the same as the time before.
    // The answer depends only on kind and value, so the values found allowed are remembered (per thread, one bit per
    // kind; only "allowed" is kept, never a translated sentence), at most MaxRemembered of them.
    constexpr qsizetype MaxRemembered = 4096;
    static_assert(int(ValueKind::EnvName) < 64, "one bit per kind");
    static thread_local QHash<QString, quint64> allowed;
    const quint64 bit = quint64(1) << int(kind);
    const auto it = allowed.constFind(value);
    if (it != allowed.constEnd() && (*it & bit)) {
        return QString();
    }
    QString why = firstReason(kind, value);
    if (why.isEmpty()) {
        if (allowed.size() >= MaxRemembered) {
            allowed.clear();
        }
        allowed[value] |= bit;
    }
    return why;
}

QString Validators::firstReason(ValueKind kind, const QString& value)
{
    if (!isPrintableLine(value)) {
        return tr("must be one line without control characters.");
    }
    switch (kind) {
    case ValueKind::FreeText:
        return value.size() <= 200 ? QString() : tr("must be at most 200 characters.");
    case ValueKind::Hostname:
        return isHostname(value) ? QString()
                                 : tr("must be a DNS name: dot-separated labels of letters, digits and inner "
                                      "hyphens, e.g. example.com.");
    case ValueKind::HostOrIp:
        return isHostname(value) || isIpAddress(value)
                   ? QString()
                   : tr("must be a DNS name such as example.com or an IP address such as 192.0.2.10.");
    case ValueKind::AllowedHost: {
        // Django matches entries against the Host header, where an IPv6 address is in brackets ("[::1]", as in
        // Django's own defaults); a bare IPv6 address would never match.
        const bool bracketed = value.startsWith(QLatin1Char('[')) && value.endsWith(QLatin1Char(']'));
        const QString inner = bracketed ? value.mid(1, value.size() - 2) : value;
        if (value == QLatin1String("*") || (isIpAddress(inner) && bracketed == inner.contains(QLatin1Char(':')))) {
            return QString();
        }
        const QString host = value.startsWith(QLatin1Char('.')) ? value.mid(1) : value;
        return isHostname(host) ? QString()
                                : tr("each entry must be a host name, an IPv4 address, an IPv6 address in brackets "
                                     "such as [::1], \".suffix\" or \"*\".");
    }
    case ValueKind::AbsolutePath:
        return isAbsolutePath(value)
                   ? QString()
                   : tr("must be an absolute path such as /etc/nginx/site.conf: no trailing slash, no \".\" or "
                        "\"..\", names of at most 255 letters, digits and . _ + @ -.");
    case ValueKind::FileName:
        return isPortableName(value)
                   ? QString()
                   : tr("must be a file name of letters, digits and . _ + @ - (no slash, not starting with -).");
    case ValueKind::LocalPath:
        return value.size() <= 4096 ? QString() : tr("must be at most 4096 characters.");
    case ValueKind::Identifier:
        return !value.startsWith(QLatin1Char('-')) && matches(value, "^[A-Za-z0-9_.-]{1,128}$")
                   ? QString()
                   : tr("must be 1-128 letters, digits, _ . or - and must not start with -.");
    case ValueKind::UnixName:
        return matches(value, "^[a-z_][a-z0-9_-]{0,31}$")
                   ? QString()
                   : tr("must be a Unix user or group name: lower-case letters, digits, _ and -, starting with a "
                        "letter or _, at most 32 characters.");
    case ValueKind::PythonModule:
        return value.size() <= 255 && matches(value, "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$")
                   ? QString()
                   : tr("must be a dotted Python module path such as saltant.wsgi, at most 255 characters.");
    case ValueKind::Url: {
        const QUrl url(value, QUrl::StrictMode);
        const bool ascii = matches(value, "^[A-Za-z0-9._~:/?#\\[\\]@!&()*+,;=%-]+$");
        const bool ok = ascii && value.size() <= 2048 && url.isValid() &&
                        (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")) &&
                        (isHostname(url.host()) || isIpAddress(url.host()));
        return ok ? QString()
                  : tr("must be an http:// or https:// URL in plain ASCII without quotes or spaces, at most 2048 "
                       "characters.");
    }
    case ValueKind::HttpsUrl: {
        const QUrl url(value, QUrl::StrictMode);
        const bool ascii = matches(value, "^[A-Za-z0-9._~:/?#\\[\\]@!&()*+,;=%-]+$");
        const bool ok = ascii && value.size() <= 2048 && url.isValid() && url.scheme() == QLatin1String("https") &&
                        (isHostname(url.host()) || isIpAddress(url.host()));
        return ok ? QString()
                  : tr("must be an https:// URL in plain ASCII without quotes or spaces, at most 2048 characters, "
                       "e.g. https://acme-v02.api.letsencrypt.org/directory.");
    }
    case ValueKind::Email: {
        const int at = value.lastIndexOf(QLatin1Char('@'));
        const bool ok = at > 0 && matches(value.left(at), "^[A-Za-z0-9._%+-]{1,64}$") &&
                        !value.startsWith(QLatin1Char('-')) && isHostname(value.mid(at + 1));
        return ok ? QString() : tr("must be an e-mail address such as admin@example.com.");
    }
    case ValueKind::NginxSize:
        return matches(value, "^[0-9]{1,9}[kKmMgG]?$")
                   ? QString()
                   : tr("must be a size such as 10M: digits with an optional k, m or g suffix.");
    case ValueKind::TimeZone:
        return matches(value, "^[A-Za-z][A-Za-z0-9_+-]{0,30}(/[A-Za-z0-9_+-]{1,30}){0,2}$")
                   ? QString()
                   : tr("must be an IANA time zone name such as UTC or Europe/Berlin.");
    case ValueKind::UrlPathSegment:
        return value != QLatin1String(".") && value != QLatin1String("..") && matches(value, "^[A-Za-z0-9._-]{1,64}$")
                   ? QString()
                   : tr("must be one URL path segment of letters, digits, . _ or - (no slash).");
    case ValueKind::SystemdUnitPath:
        return isAbsolutePath(value) && value.endsWith(QLatin1String(".service")) &&
                       value.size() > static_cast<int>(value.lastIndexOf(QLatin1Char('/')) + 1 + 8)
                   ? QString()
                   : tr("must be the absolute path of a systemd unit file ending in .service, e.g. "
                        "/etc/systemd/system/flower.service.");
    case ValueKind::AwsKeyId:
        return matches(value, "^[A-Z0-9]{16,128}$") ? QString()
                                                    : tr("must be an AWS access key id (16-128 capital letters "
                                                         "and digits).");
    case ValueKind::BucketName:
        return matches(value, "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
                   ? QString()
                   : tr("must be an S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens.");
    case ValueKind::EnvName:
        return matches(value, "^[A-Za-z_][A-Za-z0-9_]{0,127}$")
                   ? QString()
                   : tr("must be a variable name of letters, digits and underscores, not starting with a digit, e.g. "
                        "MY_TASK_TOKEN.");
    case ValueKind::EnvAssignment:
        return matches(value, "^[A-Za-z_][A-Za-z0-9_]{0,127}=")
                   ? QString()
                   : tr("must be NAME=value, NAME made of letters, digits and underscores (not starting with a "
                        "digit), e.g. MY_TASK_SETTING=42.");
    }
    return QString();
}

} // namespace saltant
