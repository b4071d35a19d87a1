#include "preview/highlight/NginxHighlighter.h"

namespace saltant {

NginxHighlighter::NginxHighlighter(QTextDocument* document, const QPalette& palette)
    : FileHighlighter(document, palette)
{
    using R = Palette::Role;
    addRule(QStringLiteral("^\\s*([a-z_][a-z0-9_]*)"), R::Keyword, 1);
    addRule(QStringLiteral("^\\s*(server|location|upstream|http|events|map|if)\\b"), R::Section, 1);
    addNumbers();
    addRule(QStringLiteral("\\$[A-Za-z_][A-Za-z0-9_]*"), R::Variable);
    addQuotedStrings();
    addRule(QStringLiteral("(?:^|\\s)#.*$"), R::Comment);
}

} // namespace saltant
