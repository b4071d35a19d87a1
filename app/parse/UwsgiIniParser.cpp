#include "parse/UwsgiIniParser.h"

#include <QCoreApplication>
#include <QStringList>

namespace saltant {
namespace {

bool isIniSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r');
}

QStringView stripped(QStringView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isIniSpace(text.at(begin))) {
        ++begin;
    }
    while (end > begin && isIniSpace(text.at(end - 1))) {
        --end;
    }
    return text.mid(begin, end - begin);
}

} // namespace

UwsgiIniParser::Result UwsgiIniParser::parse(const QString& text)
{
    Result result;
    if (!checkInputSize(text, &result.error)) {
        return result;
    }
    const QStringView input(text);
    QString section;
    int lineNumber = 0;
    qsizetype start = 0;
    while (start < input.size()) {
        qsizetype end = input.indexOf(QLatin1Char('\n'), start);
        if (end < 0) {
            end = input.size();
        }
        ++lineNumber;
        QStringView raw = input.mid(start, end - start);
        start = end + 1;
        // uWSGI handles each line as a C string: a NUL ends it.
        const qsizetype nul = raw.indexOf(QChar(0));
        if (nul >= 0) {
            raw = raw.left(nul);
            if (result.error.isNull()) {
                result.error.line = lineNumber;
                result.error.column = int(nul + 1);
                result.error.message = QCoreApplication::translate(
                    "saltant::UwsgiIniParser", "The line contains a NUL character; uWSGI ignores the rest of the "
                                               "line. Is it a uWSGI configuration file?");
            }
        }
        const QStringView line = stripped(raw);
        if (line.isEmpty() || line.front() == QLatin1Char(';') || line.front() == QLatin1Char('#')) {
            continue;
        }
        if (line.front() == QLatin1Char('[')) {
            section = line.mid(1, line.size() - 2).toString();
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        Entry entry;
        entry.section = section;
        entry.line = lineNumber;
        if (equals < 0) {
            entry.key = line.toString();
        } else {
            entry.key = stripped(line.left(equals)).toString();
            entry.value = stripped(line.mid(equals + 1)).toString();
        }
        result.entries.append(entry);
    }
    return result;
}

QString UwsgiIniParser::Result::value(const QString& section, const QString& key, int* line) const
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

QStringList UwsgiIniParser::Result::values(const QString& section, const QString& key) const
{
    QStringList out;
    for (const Entry& entry : entries) {
        if (entry.section == section && entry.key == key) {
            out << entry.value;
        }
    }
    return out;
}

} // namespace saltant
