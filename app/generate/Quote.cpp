#include "generate/Quote.h"

#include <QUrl>
#include <algorithm>

namespace saltant::Quote {
namespace {

QString backslashEscaped(const QString& value, const QString& specials)
{
    QString out;
    out.reserve(value.size() + 2);
    for (const QChar c : value) {
        if (c == QLatin1Char('\\') || specials.contains(c)) {
            out += QLatin1Char('\\');
        }
        out += c;
    }
    return out;
}

// ASCII letters, digits and the given punctuation, as a bit per character: a test per character of a path.
class SafeChars
{
public:
    constexpr explicit SafeChars(const char* extra)
    {
        for (char c = 'a'; c <= 'z'; ++c) {
            add(c);
            add(char(c - 'a' + 'A'));
        }
        for (char c = '0'; c <= '9'; ++c) {
            add(c);
        }
        for (; *extra; ++extra) {
            add(*extra);
        }
    }
    bool contains(char16_t u) const { return u < 128 && ((m_bits[u / 64] >> (u % 64)) & 1) != 0; }

private:
    constexpr void add(char c) { m_bits[static_cast<unsigned char>(c) / 64] |= quint64(1) << (c % 64); }
    quint64 m_bits[2] = {0, 0};
};

constexpr SafeChars shellSafe("._/:@%+=,-");
constexpr SafeChars nginxSafe("._/:@+-");
constexpr SafeChars systemdSafe("._/:@+=,-");

bool onlySafe(const QString& value, const SafeChars& safe)
{
    if (value.isEmpty()) {
        return false;
    }
    return std::all_of(value.cbegin(), value.cend(), [&](QChar c) { return safe.contains(c.unicode()); });
}

bool isLineBreakOrControl(char16_t u)
{
    if (u >= 0x20 && u < 0x7f) {
        return false; // printable ASCII, nearly every character of a value: one range test
    }
    return u < 0x20 || u == 0x7f || u == 0x85 || u == 0x2028 || u == 0x2029;
}

QString withoutLineBreaks(const QString& value)
{
    // Most values hold none: then the value is shared, not copied (writing through a QChar& would detach it).
    const auto bad =
        std::find_if(value.cbegin(), value.cend(), [](QChar c) { return isLineBreakOrControl(c.unicode()); });
    if (bad == value.cend()) {
        return value;
    }
    QString out = value;
    for (QChar& c : out) {
        if (isLineBreakOrControl(c.unicode())) {
            c = QChar(0xfffd);
        }
    }
    return out;
}

} // namespace

QString shell(const QString& value)
{
    if (onlySafe(value, shellSafe)) {
        return value;
    }
    QString out = value;
    out.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

QString nginx(const QString& value)
{
    if (onlySafe(value, nginxSafe)) {
        return value;
    }
    // nginx has no escape for '$' ("\$x" is a backslash and then the variable $x), so it cannot be written
    // literally in a directive that expands variables; like a line break it becomes U+FFFD.
    QString clean = withoutLineBreaks(value);
    clean.replace(QLatin1Char('$'), QChar(0xfffd));
    return QLatin1Char('"') + backslashEscaped(clean, QStringLiteral("\"")) + QLatin1Char('"');
}

QString dotenv(const QString& value)
{
    return QLatin1Char('\'') + withoutLineBreaks(value) + QLatin1Char('\'');
}

QString envFile(const QString& value)
{
    const QString clean = withoutLineBreaks(value);
    if (!clean.contains(QLatin1Char('\''))) {
        return QLatin1Char('\'') + clean + QLatin1Char('\'');
    }
    return QLatin1Char('"') + backslashEscaped(clean, QStringLiteral("\"$`")) + QLatin1Char('"');
}

QString systemdArgument(const QString& value)
{
    QString out = backslashEscaped(withoutLineBreaks(value), QStringLiteral("\""));
    out.replace(QLatin1Char('%'), QLatin1String("%%"));
    out.replace(QLatin1Char('$'), QLatin1String("$$"));
    if (onlySafe(value, systemdSafe)) {
        return out;
    }
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QString erlangString(const QString& value)
{
    return QLatin1Char('"') + backslashEscaped(withoutLineBreaks(value), QStringLiteral("\"")) + QLatin1Char('"');
}

QString rsyslogString(const QString& value)
{
    return QLatin1Char('"') + backslashEscaped(withoutLineBreaks(value), QStringLiteral("\"")) + QLatin1Char('"');
}

QString urlComponent(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

} // namespace saltant::Quote
