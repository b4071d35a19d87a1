#include "preview/highlight/DotenvHighlighter.h"

namespace saltant {

DotenvHighlighter::DotenvHighlighter(QTextDocument* document, const QPalette& palette)
    : FileHighlighter(document, palette)
{
    using R = Palette::Role;
    addRule(QStringLiteral("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)(?==)"), R::Key, 1);
    addRule(QStringLiteral("=\\s*(\\d+)\\s*$"), R::Number, 1);
    addRule(QStringLiteral("=\\s*(True|False)\\s*$"), R::Keyword, 1);
    addRule(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\""), R::String);
    addRule(QStringLiteral("\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?"), R::Variable);
    addRule(QStringLiteral("'[^']*'"), R::String);
    addHashComments();
}

} // namespace saltant
