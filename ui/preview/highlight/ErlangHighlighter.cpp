#include "preview/highlight/ErlangHighlighter.h"

namespace saltant {

ErlangHighlighter::ErlangHighlighter(QTextDocument* document, const QPalette& palette)
    : FileHighlighter(document, palette)
{
    using R = Palette::Role;
    addRule(QStringLiteral("\\b[a-z][A-Za-z0-9_@]*\\b"), R::Key);
    addRule(QStringLiteral("\\b(true|false)\\b"), R::Keyword);
    addRule(QStringLiteral("\\b[A-Z_][A-Za-z0-9_]*\\b"), R::Variable);
    addNumbers();
    addRule(QStringLiteral("<<\"[^\"]*\">>|\"[^\"]*\""), R::String);
    addRule(QStringLiteral("[{}\\[\\]]"), R::Section);
    addRule(QStringLiteral("%.*$"), R::Comment);
}

} // namespace saltant
