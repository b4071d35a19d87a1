#include "parse/RabbitConfParser.h"

namespace saltant {
namespace {

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

bool isWordChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u == '-';
}

QStringView trimmedBlanks(QStringView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isBlank(text.at(begin))) {
        ++begin;
    }
    while (end > begin && isBlank(text.at(end - 1))) {
        --end;
    }
    return text.mid(begin, end - begin);
}

// Reads a key at line[*i]: words of isWordChar (or "\.") separated by single dots. False when there is none or a
// dot is not followed by a word.
bool readKey(QStringView line, qsizetype* i, QString* key)
{
    const qsizetype start = *i;
    bool inWord = false;
    while (*i < line.size()) {
        const QChar c = line.at(*i);
        if (c == QLatin1Char('\\') && *i + 1 < line.size() && line.at(*i + 1) == QLatin1Char('.')) {
            *i += 2;
            inWord = true;
        } else if (isWordChar(c)) {
            ++*i;
            inWord = true;
        } else if (c == QLatin1Char('.') && inWord) {
            ++*i;
            inWord = false;
        } else {
            break;
        }
    }
    *key = line.mid(start, *i - start).toString();
    return inWord;
}

} // namespace

RabbitConfParser::Result RabbitConfParser::parse(const QString& text)
{
    Result result;
    if (!checkInputSize(text, &result.error)) {
        return result;
    }
    int lineNumber = 0;
    qsizetype start = 0;
    const QStringView input(text);
    while (start < input.size()) {
        qsizetype end = input.indexOf(QLatin1Char('\n'), start);
        if (end < 0) {
            end = input.size();
        }
        ++lineNumber;
        QStringView line = input.mid(start, end - start);
        start = end + 1;
        if (line.endsWith(QLatin1Char('\r'))) {
            line.chop(1);
        }
        const qsizetype hash = line.indexOf(QLatin1Char('#'));
        const QStringView content = trimmedBlanks(hash < 0 ? line : line.left(hash));
        if (content.isEmpty()) {
            continue;
        }
        Entry entry;
        entry.line = lineNumber;
        if (content.startsWith(QLatin1String("include")) && content.size() > 7 && isBlank(content.at(7))) {
            entry.include = true;
            entry.key = QStringLiteral("include");
            entry.value = trimmedBlanks(content.mid(7)).toString();
            result.entries.append(entry);
            continue;
        }
        qsizetype i = 0;
        if (!readKey(content, &i, &entry.key)) {
            result.error = {lineNumber, int(i + 1),
                            tr("Expected a setting name (letters, digits, \"_\", \"-\" and dots); RabbitMQ refuses "
                               "the file at this line.")};
            return result;
        }
        while (i < content.size() && isBlank(content.at(i))) {
            ++i;
        }
        if (i >= content.size() || content.at(i) != QLatin1Char('=')) {
            result.error = {lineNumber, int(i + 1),
                            tr("Expected \"=\" after %1; RabbitMQ refuses the file at this line.").arg(entry.key)};
            return result;
        }
        entry.value = trimmedBlanks(content.mid(i + 1)).toString();
        if (entry.value.isEmpty()) {
            result.error = {lineNumber, int(i + 2),
                            tr("%1 has no value; RabbitMQ refuses the file at this line.").arg(entry.key)};
            return result;
        }
        result.entries.append(entry);
    }
    return result;
}

QString RabbitConfParser::Result::value(const QString& key, int* line) const
{
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (!it->include && it->key == key) {
            if (line) {
                *line = it->line;
            }
            return it->value;
        }
    }
    return QString();
}

} // namespace saltant
