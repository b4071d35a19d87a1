#include "secrets/SecretPlaceholder.h"

#include <QRegularExpression>

namespace saltant {

QString SecretPlaceholder::placeholder(const QString& name)
{
    return QStringLiteral("<secret:") + name + QLatin1Char('>');
}

QList<SecretPlaceholder::Match> SecretPlaceholder::find(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("<secret:([A-Za-z0-9_.]+)>"));
    QList<Match> out;
    auto it = pattern.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out.append({match.capturedStart(), match.capturedLength(), match.captured(1)});
    }
    return out;
}

QStringList SecretPlaceholder::names(const QString& text)
{
    QStringList out;
    for (const Match& match : find(text)) {
        if (!out.contains(match.name)) {
            out.append(match.name);
        }
    }
    return out;
}

QString SecretPlaceholder::mask(const QString& text, const QString& maskText)
{
    QString out;
    qsizetype from = 0;
    for (const Match& match : find(text)) {
        out += QStringView(text).mid(from, match.start - from);
        out += maskText;
        from = match.start + match.length;
    }
    out += QStringView(text).mid(from);
    return out;
}

} // namespace saltant
