#pragma once

#include "parse/ParseError.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace saltant {

// A faithful re-implementation of django-dotenv 1.4.x `parse_dotenv`, the parser saltant's settings.py reads its
// .env through: the importer reads a server's .env with it, and tests check what saltant will actually see.
// - lines split like Python's str.splitlines (\n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, U+2028, U+2029);
// - each line matched against
//   ^(?:export\s+)?([\w\.]+)(?:\s*=\s*|:\s+?)('(?:\'|[^'])*'|"(?:\"|[^"])*"|[^#\n]+)?(?:\s*\#.*)?$
//   with Python's Unicode \s and \w (and Python's backtracking, which PCRE shares);
// - the value stripped of Python whitespace, then one pair of surrounding matching quotes removed;
// - inside double quotes, \X becomes X for every X but $;
// - unless single-quoted, $VAR / ${VAR} (ASCII letters, digits, _, matched case-insensitively like Python's
//   re.IGNORECASE) replaced by an earlier key's value, else the environment's, else ""; \$VAR stays $VAR.
//   The replacements run one after another with str.replace semantics, quirks included.
// Lines that do not match are skipped (django-dotenv warns); later keys override earlier ones.
class DotenvParser
{
public:
    struct Result
    {
        QHash<QString, QString> values; // what parse_dotenv returns
        QStringList keys;               // every matched key in file order, duplicates included
        QList<int> keyLines;            // the line (from 1) of each entry of keys
        QStringList rejectedLines;      // non-blank, non-comment lines that did not match (django-dotenv warns)
        QList<int> rejectedLineNumbers; // the line (from 1) of each entry of rejectedLines
        // Set when the input is refused (too large) or a value grows past ParseLimits::MaxValueChars by $VAR
        // expansion (django-dotenv would grow it without bound); values holds what was read before.
        ParseError error;
    };

    // environment stands in for os.environ, so tests do not depend on the process environment.
    static Result parse(const QString& content, const QHash<QString, QString>& environment = {});

    // Python's str.splitlines() and str.strip() with no arguments.
    static QStringList pythonSplitLines(const QString& text);
    static QString pythonStrip(const QString& text);
    static bool isPythonSpace(QChar c);
};

} // namespace saltant
