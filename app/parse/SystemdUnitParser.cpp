#include "parse/SystemdUnitParser.h"

#include "parse/Digits.h"

#include <QCoreApplication>

namespace saltant {
namespace {

bool isUnitSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r');
}

QStringView stripped(QStringView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isUnitSpace(text.at(begin))) {
        ++begin;
    }
    while (end > begin && isUnitSpace(text.at(end - 1))) {
        --end;
    }
    return text.mid(begin, end - begin);
}

// True when line ends in a backslash that is not itself escaped (an odd run of backslashes).
bool endsInContinuation(QStringView line)
{
    qsizetype run = 0;
    for (qsizetype i = line.size() - 1; i >= 0 && line.at(i) == QLatin1Char('\\'); --i) {
        ++run;
    }
    return run % 2 == 1;
}

// Reads `digits` digits of `base` at text[*i]; false when there are fewer or the code point is not valid.
bool readCodePoint(QStringView text, qsizetype* i, int digits, int base, char32_t* out)
{
    if (*i + digits > text.size()) {
        return false;
    }
    char32_t value = 0;
    for (int k = 0; k < digits; ++k) {
        const int d = digitValue(text.at(*i + k), base);
        if (d < 0) {
            return false;
        }
        value = value * char32_t(base) + char32_t(d);
    }
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return false; // systemd refuses NUL and what is not a character
    }
    *i += digits;
    *out = value;
    return true;
}

// One C escape after a backslash at text[*i] (which points past the backslash). False on an unknown escape.
bool unescape(QStringView text, qsizetype* i, QString* word)
{
    if (*i >= text.size()) {
        return false;
    }
    const QChar c = text.at((*i)++);
    switch (c.unicode()) {
    case 'a':
        *word += QChar(0x07);
        return true;
    case 'b':
        *word += QChar(0x08);
        return true;
    case 'f':
        *word += QChar(0x0c);
        return true;
    case 'n':
        *word += QChar(0x0a);
        return true;
    case 'r':
        *word += QChar(0x0d);
        return true;
    case 't':
        *word += QChar(0x09);
        return true;
    case 'v':
        *word += QChar(0x0b);
        return true;
    case 's':
        *word += QLatin1Char(' ');
        return true;
    case '\\':
    case '"':
    case '\'':
    case ' ':
    case '\t':
    case ';':
        *word += c;
        return true;
    default:
        break;
    }
    char32_t code = 0;
    bool ok = false;
    if (c == QLatin1Char('x')) {
        ok = readCodePoint(text, i, 2, 16, &code);
    } else if (c == QLatin1Char('u')) {
        ok = readCodePoint(text, i, 4, 16, &code);
    } else if (c == QLatin1Char('U')) {
        ok = readCodePoint(text, i, 8, 16, &code);
    } else if (c.unicode() >= '0' && c.unicode() <= '7') {
        --*i;
        ok = readCodePoint(text, i, 3, 8, &code);
    }
    if (ok) {
        *word += QString::fromUcs4(&code, 1);
    }
    return ok;
}

} // namespace

SystemdUnitParser::Result SystemdUnitParser::parse(const QString& text)
{
    Result result;
    if (!checkInputSize(text, &result.error)) {
        return result;
    }
    QString section;
    QString pending; // a continued line, joined so far
    int pendingLine = 0;
    int lineNumber = 0;
    qsizetype start = 0;
    const QStringView input(text);
    while (start <= input.size()) {
        qsizetype end = input.indexOf(QLatin1Char('\n'), start);
        const bool last = end < 0;
        if (last) {
            end = input.size();
        }
        ++lineNumber;
        QStringView raw = input.mid(start, end - start);
        start = end + 1;
        if (raw.endsWith(QLatin1Char('\r'))) {
            raw.chop(1);
        }
        const QStringView lead = stripped(raw);
        const bool comment = !lead.isEmpty() && (lead.front() == QLatin1Char('#') || lead.front() == QLatin1Char(';'));
        if (!pending.isNull() && comment) {
            if (!last) {
                continue; // comments inside a continued line are skipped
            }
        }
        QString line;
        if (pending.isNull()) {
            pendingLine = lineNumber;
            line = raw.toString();
        } else if (!comment) {
            line = pending + raw.toString();
        } else {
            line = pending;
        }
        if (!last && !comment && endsInContinuation(line)) {
            line.chop(1);
            pending = line + QLatin1Char(' ');
            continue;
        }
        pending = QString();
        const QStringView l = stripped(line);
        if (l.isEmpty() || l.front() == QLatin1Char('#') || l.front() == QLatin1Char(';')) {
            if (last) {
                break;
            }
            continue;
        }
        if (l.front() == QLatin1Char('[')) {
            if (!l.endsWith(QLatin1Char(']')) || l.size() < 3) {
                result.problems.append({pendingLine, 0, tr("Invalid section header; systemd ignores this line.")});
                section = QString();
            } else {
                section = l.mid(1, l.size() - 2).toString();
            }
        } else if (section.isEmpty()) {
            result.problems.append({pendingLine, 0, tr("Assignment outside of a section; systemd ignores it.")});
        } else {
            const qsizetype equals = l.indexOf(QLatin1Char('='));
            if (equals < 0) {
                result.problems.append({pendingLine, 0, tr("Missing \"=\"; systemd ignores this line.")});
            } else {
                result.entries.append({section, stripped(l.left(equals)).toString(),
                                       stripped(l.mid(equals + 1)).toString(), pendingLine});
            }
        }
        if (last) {
            break;
        }
    }
    return result;
}

QString SystemdUnitParser::Result::value(const QString& section, const QString& key, int* line) const
{
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (it->section == section && it->key == key) {
            if (line) {
                *line = it->line;
            }
            return it->value.isNull() ? QStringLiteral("") : it->value;
        }
    }
    return QString();
}

QStringList SystemdUnitParser::Result::values(const QString& section, const QString& key) const
{
    QStringList out;
    for (const Entry& entry : entries) {
        if (entry.section == section && entry.key == key) {
            if (entry.value.isEmpty()) {
                out.clear();
            } else {
                out << entry.value;
            }
        }
    }
    return out;
}

SystemdUnitParser::Command SystemdUnitParser::splitCommand(const QString& value)
{
    Command command;
    const QStringView text(value);
    qsizetype i = 0;
    while (i < text.size() && isUnitSpace(text.at(i))) {
        ++i;
    }
    while (i < text.size() && QStringLiteral("-@:+!").contains(text.at(i))) {
        command.prefixes += text.at(i++);
    }
    while (true) {
        while (i < text.size() && isUnitSpace(text.at(i))) {
            ++i;
        }
        if (i >= text.size()) {
            break;
        }
        QString word;
        QChar quote;
        bool any = false;
        while (i < text.size()) {
            const QChar c = text.at(i);
            if (quote.isNull() && isUnitSpace(c)) {
                break;
            }
            ++i;
            any = true;
            if (c == QLatin1Char('\\')) {
                if (!unescape(text, &i, &word)) {
                    command.error = tr("Unknown or incomplete escape after a backslash.");
                    return command;
                }
            } else if (!quote.isNull() && c == quote) {
                quote = QChar();
            } else if (quote.isNull() && (c == QLatin1Char('"') || c == QLatin1Char('\''))) {
                quote = c;
            } else {
                word += c;
            }
        }
        if (!quote.isNull()) {
            command.error = tr("A quote is not closed.");
            return command;
        }
        if (any && word == QLatin1String(";")) {
            command.error = tr("Several commands separated by \";\" on one line are not supported here.");
            return command;
        }
        command.argv << word;
    }
    if (command.argv.isEmpty()) {
        command.error = tr("The command line is empty.");
    }
    return command;
}

bool SystemdUnitParser::expandSpecifiers(const QString& text, const QHash<QChar, QString>& specifiers,
                                         QString* expanded, QString* error)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('%')) {
            out += text.at(i);
            continue;
        }
        if (i + 1 >= text.size()) {
            *error = tr("A lone \"%\" ends the value; write \"%%\" for a percent sign.");
            return false;
        }
        const QChar specifier = text.at(++i);
        if (specifier == QLatin1Char('%')) {
            out += specifier;
        } else if (specifiers.contains(specifier)) {
            out += specifiers.value(specifier);
        } else {
            *error = tr("The specifier \"%%1\" is not known here.").arg(specifier);
            return false;
        }
    }
    *expanded = out;
    return true;
}

} // namespace saltant
