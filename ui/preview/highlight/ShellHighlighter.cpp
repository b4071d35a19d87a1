#include "preview/highlight/ShellHighlighter.h"

namespace saltant {

ShellHighlighter::ShellHighlighter(QTextDocument* document, const QPalette& palette)
    : FileHighlighter(document, palette)
{
    using R = Palette::Role;
    addRule(QStringLiteral("^\\s*(?:sudo\\s+)?([A-Za-z_][A-Za-z0-9_.-]*)"), R::Keyword, 1);
    addRule(QStringLiteral("\\b(if|then|else|elif|fi|for|do|done|case|esac|while|until|in|set|exit|return|trap)\\b"),
            R::Section);
    addRule(QStringLiteral("(?<=\\s)--?[A-Za-z][A-Za-z0-9-]*"), R::Key);
    addNumbers();
    addQuotedStrings();
    addRule(QStringLiteral("\\$\\{?[A-Za-z_@#?*!0-9][A-Za-z0-9_]*\\}?"), R::Variable);
    addRule(QStringLiteral("(?:^|\\s)#.*$"), R::Comment);
}

} // namespace saltant
