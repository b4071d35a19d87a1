#include "lint/BrandingRules.h"

#include "model/SettingKeys.h"

#include <QDir>
#include <QFile>
#include <QtEndian>

namespace saltant {
namespace {

using K = RuleKit;

// "~/x" on the admin's machine, as the LocalPath settings allow.
QString expandHome(const QString& path)
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/"))) {
        return QDir::homePath() + path.mid(1);
    }
    return path;
}

// Reads up to size leading bytes; on failure error holds the reason.
bool readHead(const QString& path, qint64 size, QByteArray* head, QString* error)
{
    QFile file(expandHome(path));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    *head = file.read(size);
    return true;
}

// Why the logo cannot be used (translated), or an empty string. Parses the PNG signature and IHDR chunk itself.
QString logoProblem(const QString& path)
{
    QByteArray head;
    QString error;
    if (!readHead(path, 24, &head, &error)) {
        return RuleKit::tr(
                   "The logo %1 cannot be read (%2): the deploy cannot upload it. Choose an existing PNG file or "
                   "clear the setting.")
            .arg(path, error);
    }
    static const QByteArray signature("\x89PNG\r\n\x1a\n", 8);
    if (!head.startsWith(signature)) {
        return RuleKit::tr("The logo %1 is not a PNG file (it lacks the PNG signature): saltant's pages load it as "
                           "logo.png and browsers show a broken image. Convert it to PNG.")
            .arg(path);
    }
    if (head.size() < 24 || head.mid(12, 4) != QByteArrayLiteral("IHDR")) {
        return RuleKit::tr(
                   "The logo %1 is a damaged PNG (its image header is missing or cut off): browsers show a broken "
                   "image. Export it again as PNG.")
            .arg(path);
    }
    const quint32 width = qFromBigEndian<quint32>(head.constData() + 16);
    const quint32 height = qFromBigEndian<quint32>(head.constData() + 20);
    if (width == 0 || height == 0) {
        return RuleKit::tr(
                   "The logo %1 is a damaged PNG (its header gives a size of %2x%3 pixels): browsers show a broken "
                   "image. Export it again as PNG.")
            .arg(path)
            .arg(width)
            .arg(height);
    }
    if (width != height) {
        return RuleKit::tr(
                   "The logo %1 is %2x%3 pixels, but saltant shows it in a square box, so it appears stretched. "
                   "Use a square (1:1) PNG.")
            .arg(path)
            .arg(width)
            .arg(height);
    }
    return QString();
}

QString faviconProblem(const QString& path)
{
    QByteArray head;
    QString error;
    if (!readHead(path, 6, &head, &error)) {
        return RuleKit::tr(
                   "The favicon %1 cannot be read (%2): the deploy cannot upload it. Choose an existing .ico file "
                   "or clear the setting.")
            .arg(path, error);
    }
    // ICONDIR: reserved 0, type 1 (icon), then the number of images (little-endian, at least one).
    const bool ico = head.size() == 6 && head.startsWith(QByteArray("\x00\x00\x01\x00", 4)) &&
                     qFromLittleEndian<quint16>(head.constData() + 4) > 0;
    if (!ico) {
        return RuleKit::tr(
                   "The favicon %1 is not an ICO file (it lacks the 00 00 01 00 icon header and an image count): "
                   "browsers request favicon.ico and ignore it. Convert it to .ico.")
            .arg(path);
    }
    return QString();
}

} // namespace

void BrandingRules::add(RuleKit::Rules& rules)
{
    K::add(rules, "logo-not-square-png", [](const LintContext& c) {
        QList<LintIssue> out;
        const QString path = K::text(c.project, Key::BrandingLogoFile);
        const QString problem = path.isEmpty() ? QString() : logoProblem(path);
        if (!problem.isEmpty()) {
            out << K::issue("logo-not-square-png", Severity::Error, Key::BrandingLogoFile, problem);
        }
        return out;
    });
    K::add(rules, "favicon-not-ico", [](const LintContext& c) {
        QList<LintIssue> out;
        const QString path = K::text(c.project, Key::BrandingFaviconFile);
        const QString problem = path.isEmpty() ? QString() : faviconProblem(path);
        if (!problem.isEmpty()) {
            out << K::issue("favicon-not-ico", Severity::Error, Key::BrandingFaviconFile, problem);
        }
        return out;
    });
}

} // namespace saltant
