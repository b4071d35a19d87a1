#pragma once

#include "parse/ParseError.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace saltant {

// One directive of an nginx configuration: its name and arguments (unquoted and unescaped as nginx does), where it
// is, and its block when it has one ("server { ... }").
struct NginxDirective
{
    QString name;
    QStringList args;
    QString file;
    int line = 0;
    bool hasBlock = false;
    QList<NginxDirective> block;
};

// nginx's configuration syntax, tokenised the way nginx's own ngx_conf_read_token does: words separated by spaces,
// tabs and line breaks; ';' ends a directive, '{' opens a block, '}' closes it; '#' at the start of a word comments
// to the end of the line; "..." and '...' quote a whole word (after the closing quote only space, ';', '{' or ')'
// may follow); a backslash protects the next character, and in the word \" \' \\ become the character, \t \r \n
// the control character, any other \X stays as written; "${name}" inside a word does not open a block.
// Errors are nginx's own ("unexpected \"}\"", "unexpected end of file, expecting \";\" or \"}\""), with the line.
class NginxConfigParser
{
    Q_DECLARE_TR_FUNCTIONS(NginxConfigParser)

public:
    struct Result
    {
        QList<NginxDirective> directives;
        ParseError error; // where parsing stopped; directives holds what was complete before
        QString errorFile;
    };

    // Parses one file's text; directives are tagged with file.
    static Result parse(const QString& text, const QString& file = QString());

    // What an include loads: every file matching pattern (a path or a glob, relative names against the
    // configuration prefix, resolved by the caller) with its text. False with error when it cannot be read.
    struct IncludedFile
    {
        QString path;
        QString text;
    };
    using IncludeLoader = std::function<bool(const QString& pattern, QList<IncludedFile>* files, QString* error)>;

    // Parses file and replaces every "include PATTERN;" by the directives of the files it loads, recursively (at most
    // ParseLimits::MaxDepth files deep; a file that includes itself, directly or not, is an error).
    static Result parseWithIncludes(const QString& text, const QString& file, const IncludeLoader& loader);
};

} // namespace saltant
