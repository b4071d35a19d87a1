#pragma once

#include "preview/highlight/FileHighlighter.h"

namespace saltant {

// POSIX shell scripts (renewal hook, deploy steps): commands, keywords, options, strings, $variables, # comments.
class ShellHighlighter : public FileHighlighter
{
    Q_OBJECT

public:
    ShellHighlighter(QTextDocument* document, const QPalette& palette);
};

} // namespace saltant
