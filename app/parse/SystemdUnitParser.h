#pragma once

#include "parse/ParseError.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace saltant {

// systemd unit files as systemd reads them (systemd.syntax(7), conf-parser.c): lines end at "\n" ("\r\n" too);
// leading and trailing whitespace is ignored; lines starting with '#' or ';' are comments; "[Section]" starts a
// section; a line ending in an unescaped backslash continues on the next (the backslash becomes a space, comment
// lines in between are skipped); every other line is "Key=Value", both sides stripped. An assignment before the
// first section or a line without '=' is an error (systemd logs and ignores it): it is kept in problems, and
// parsing goes on. Keys repeat (Environment=, ExecStartPre=; an empty value resets a list), so entries keep order.
class SystemdUnitParser
{
    Q_DECLARE_TR_FUNCTIONS(SystemdUnitParser)

public:
    struct Entry
    {
        QString section;
        QString key;
        QString value;
        int line = 0; // where the assignment starts (its first line when continued)
    };
    struct Result
    {
        QList<Entry> entries;
        QList<ParseError> problems; // lines systemd would ignore, with why
        ParseError error;           // the input was refused (too large): entries is empty

        // The last assignment of key in section (systemd: a later one overrides), or a null QString.
        QString value(const QString& section, const QString& key, int* line = nullptr) const;
        // Every value of a list-valued key in file order, honouring "Key=" (empty) as a reset.
        QStringList values(const QString& section, const QString& key) const;
    };

    // One command line of ExecStart= and friends, split like systemd does (extract_first_word with unquoting and C
    // escapes): words separated by whitespace; "..." and '...' quote (also inside a word); \a \b \f \n \r \t \v,
    // a doubled backslash, \" \' \s, \xHH, \OOO (octal), \uHHHH, \UHHHHHHHH; a backslash before whitespace keeps it.
    // Leading prefixes
    // ("-", "@", ":", "+", "!", "!!") are returned separately. A lone ";" word separates commands (only the first is
    // returned; more is reported as an error, as none of our units has it). Specifiers (%h, %i, ...) and $VARS are
    // left as written: expandSpecifiers() resolves the former.
    struct Command
    {
        QString prefixes;
        QStringList argv;
        QString error; // empty when the line splits; else what is wrong (unterminated quote, bad escape, ...)
    };
    static Command splitCommand(const QString& value);

    // Replaces "%%" with "%" and each "%X" with specifiers[X]; an unknown specifier is an error naming it.
    static bool expandSpecifiers(const QString& text, const QHash<QChar, QString>& specifiers, QString* expanded,
                                 QString* error);

    static Result parse(const QString& text);
};

} // namespace saltant
