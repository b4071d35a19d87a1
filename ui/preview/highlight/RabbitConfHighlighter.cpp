#include "preview/highlight/RabbitConfHighlighter.h"

namespace saltant {

RabbitConfHighlighter::RabbitConfHighlighter(QTextDocument* document, const QPalette& palette)
    : FileHighlighter(document, palette)
{
    using R = Palette::Role;
    addRule(QStringLiteral("^\\s*([A-Za-z0-9_.$-]+)\\s*="), R::Key, 1);
    addRule(QStringLiteral("=\\s*(\\d+)\\s*$"), R::Number, 1);
    addRule(QStringLiteral("=\\s*(true|false|none|verify_peer|verify_none)\\s*$"), R::Keyword, 1);
    addRule(QStringLiteral("=\\s*(/\\S*)"), R::String, 1);
    addHashComments();
}

} // namespace saltant
