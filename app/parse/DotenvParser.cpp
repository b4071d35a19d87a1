#include "parse/DotenvParser.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace saltant {
namespace {

// Characters str.replace may scan for one line's $VAR expansions before the line is refused.
constexpr qsizetype WorkBudget = 4 * ParseLimits::MaxValueChars;

// Python's str.isspace() set, which its Unicode regex \s also uses.
const char16_t PythonSpaceClass[] = u"[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\x{1680}\\x{2000}-\\x{200a}"
                                    u"\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}]";

QString withPythonClasses(QString pattern)
{
    const QString space = QString::fromUtf16(PythonSpaceClass);
    pattern.replace(QLatin1String("\\s"), space);
    // Python's Unicode \w is exactly str.isalnum() plus '_': letters and numbers of every script.
    pattern.replace(QLatin1String("\\w"), QLatin1String("\\p{L}\\p{N}_"));
    return pattern;
}

const QRegularExpression& lineExpression()
{
    // django-dotenv's line_re without VERBOSE; \w appears only inside a class, \s never does.
    static const QRegularExpression re(
        withPythonClasses(QStringLiteral("^(?:export\\s+)?([\\w.]+)(?:\\s*=\\s*|:\\s+?)"
                                         "('(?:'|[^'])*'|\"(?:\"|[^\"])*\"|[^#\\n]+)?(?:\\s*#.*)?$")));
    return re;
}

const QRegularExpression& blankOrCommentExpression()
{
    static const QRegularExpression re(withPythonClasses(QStringLiteral("^\\s*(?:#.*)?$")));
    return re;
}

const QRegularExpression& variableExpression()
{
    // [A-Z0-9_] under Python's re.IGNORECASE also matches U+0130, U+0131, U+017F and the Kelvin sign U+212A.
    static const QRegularExpression re(
        QStringLiteral("(\\\\)?(\\$)(\\{?([A-Za-z0-9_\\x{0130}\\x{0131}\\x{017f}\\x{212a}]+)\\}?)"));
    return re;
}

bool isLineBreak(QChar c)
{
    const char16_t u = c.unicode();
    return u == 0x0a || u == 0x0b || u == 0x0c || u == 0x0d || u == 0x1c || u == 0x1d || u == 0x1e || u == 0x85 ||
           u == 0x2028 || u == 0x2029;
}

// re.sub(r'\\([^$])', r'\1', value): scans left to right, each match consumed whole.
QString unescapeDoubleQuoted(const QString& value)
{
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value.at(i) == QLatin1Char('\\') && i + 1 < value.size() && value.at(i + 1) != QLatin1Char('$')) {
            ++i;
        }
        out += value.at(i);
    }
    return out;
}

} // namespace

bool DotenvParser::isPythonSpace(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x09 && u <= 0x0d) || (u >= 0x1c && u <= 0x20) || u == 0x85 || u == 0xa0 || u == 0x1680 ||
           (u >= 0x2000 && u <= 0x200a) || u == 0x2028 || u == 0x2029 || u == 0x202f || u == 0x205f || u == 0x3000;
}

QStringList DotenvParser::pythonSplitLines(const QString& text)
{
    QStringList lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!isLineBreak(text.at(i))) {
            continue;
        }
        lines << text.mid(start, i - start);
        if (text.at(i) == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
            ++i;
        }
        start = i + 1;
    }
    if (start < text.size()) {
        lines << text.mid(start);
    }
    return lines;
}

QString DotenvParser::pythonStrip(const QString& text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isPythonSpace(text.at(begin))) {
        ++begin;
    }
    while (end > begin && isPythonSpace(text.at(end - 1))) {
        --end;
    }
    return text.mid(begin, end - begin);
}

DotenvParser::Result DotenvParser::parse(const QString& content, const QHash<QString, QString>& environment)
{
    Result result;
    if (!checkInputSize(content, &result.error)) {
        return result;
    }
    int lineNumber = 0;
    for (const QString& line : pythonSplitLines(content)) {
        ++lineNumber;
        const QRegularExpressionMatch m1 = lineExpression().match(line);
        if (!m1.hasMatch()) {
            if (!blankOrCommentExpression().match(line).hasMatch()) {
                result.rejectedLines << line;
                result.rejectedLineNumbers << lineNumber;
            }
            continue;
        }
        const QString key = m1.captured(1);
        QString value = pythonStrip(m1.captured(2));

        QChar quote;
        if (value.size() >= 2 && (value.front() == QLatin1Char('\'') || value.front() == QLatin1Char('"')) &&
            value.back() == value.front()) {
            quote = value.front();
            value = value.mid(1, value.size() - 2);
        }
        if (quote == QLatin1Char('"')) {
            value = unescapeDoubleQuoted(value);
        }
        if (quote != QLatin1Char('\'')) {
            // findall() runs once on the value before any replacement; each replacement then rewrites every
            // occurrence of its text in the value as it is by then.
            QList<QStringList> found;
            auto it = variableExpression().globalMatch(value);
            while (it.hasNext()) {
                const QRegularExpressionMatch m = it.next();
                found.append({m.captured(1), m.captured(2), m.captured(3), m.captured(4)});
            }
            // str.replace scans the whole value each time: bound the total work so a hostile line (a million
            // references, or a value that contains its own reference) fails clearly instead of hanging.
            qsizetype work = 0;
            for (const QStringList& parts : found) {
                QString replacement;
                if (parts.at(0) == QLatin1String("\\")) {
                    replacement = parts.at(1) + parts.at(2);
                } else if (result.values.contains(parts.at(3))) {
                    replacement = result.values.value(parts.at(3));
                } else {
                    replacement = environment.value(parts.at(3));
                }
                const QString needle = parts.at(0) + parts.at(1) + parts.at(2);
                // The size after the replacement, known before it: one replace of many references to a large value
                // would otherwise allocate gigabytes before any check could refuse it.
                const qsizetype grown = value.size() + value.count(needle) * (replacement.size() - needle.size());
                if (grown <= ParseLimits::MaxValueChars) {
                    value.replace(needle, replacement);
                }
                work += grown;
                if (grown > ParseLimits::MaxValueChars || work > WorkBudget) {
                    result.error.line = lineNumber;
                    result.error.message =
                        QCoreApplication::translate("saltant::DotenvParser",
                                                    "The value of %1 grows beyond what a .env value may be by $VAR "
                                                    "expansion (%2 characters). Remove the self-reference or the "
                                                    "repeated references from the .env file.")
                            .arg(key)
                            .arg(grown);
                    return result;
                }
            }
        }
        result.values.insert(key, value);
        result.keys << key;
        result.keyLines << lineNumber;
    }
    return result;
}

} // namespace saltant
