#include "preview/highlight/RsyslogHighlighter.h"

namespace saltant {

RsyslogHighlighter::RsyslogHighlighter(QTextDocument* document, const QPalette& palette)
    : FileHighlighter(document, palette)
{
    using R = Palette::Role;
    addRule(QStringLiteral("\\b(if|then|else|and|or|not|stop|action|module|template|global|input|ruleset)\\b"),
            R::Keyword);
    addRule(QStringLiteral("\\b([A-Za-z][A-Za-z0-9_.]*)\\s*(?==)"), R::Key, 1);
    addRule(QStringLiteral("\\$[A-Za-z!.][A-Za-z0-9_.-]*"), R::Variable);
    addNumbers();
    addQuotedStrings();
    addRule(QStringLiteral("(?:^|\\s)#.*$"), R::Comment);
}

} // namespace saltant
