#pragma once

#include "parse/ParseError.h"

#include <QList>
#include <QString>

namespace saltant {

// uWSGI's INI dialect, read the way uWSGI itself reads it (core/ini.c): lines end at '\n'; spaces, tabs and '\r'
// are stripped at both ends; "[name]" starts a section (the last character is dropped whatever it is); lines
// starting with ';' or '#' are comments; everything else is "key = value" split at the first '=' (a line without
// '=' is a key with an empty value). No quoting, no inline comments, no continuation lines: "a = 1 ; x" has the
// value "1 ; x". Options repeat (every "plugins = ..." counts), so entries keep file order and duplicates.
class UwsgiIniParser
{
public:
    struct Entry
    {
        QString section;
        QString key;
        QString value;
        int line = 0;
    };
    struct Result
    {
        QList<Entry> entries;
        ParseError error; // too large (entries empty), or the first NUL character (the line ends there, as in uWSGI)

        // The value of the last key in section (uWSGI's own "last one wins" for single-valued options), or a null
        // QString when absent; line, when given, receives its line.
        QString value(const QString& section, const QString& key, int* line = nullptr) const;
        // Every value of a repeated key, in file order.
        QStringList values(const QString& section, const QString& key) const;
    };

    static Result parse(const QString& text);
};

} // namespace saltant
