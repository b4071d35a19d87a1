#include "preview/highlight/IniHighlighter.h"

namespace saltant {

IniHighlighter::IniHighlighter(QTextDocument* document, const QPalette& palette) : FileHighlighter(document, palette)
{
    using R = Palette::Role;
    addRule(QStringLiteral("^\\s*([A-Za-z0-9_.-]+)\\s*="), R::Key, 1);
    addRule(QStringLiteral("=\\s*(\\d+)\\s*$"), R::Number, 1);
    addRule(QStringLiteral("=\\s*(true|false|yes|no|on|off|always|on-failure)\\s*$"), R::Keyword, 1);
    addRule(QStringLiteral("%\\([A-Za-z0-9_]+\\)|%[A-Za-z%]|\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?"), R::Variable);
    addQuotedStrings();
    addRule(QStringLiteral("^\\s*\\[[^\\]]+\\]"), R::Section);
    addRule(QStringLiteral("^\\s*[#;].*$"), R::Comment);
}

} // namespace saltant
