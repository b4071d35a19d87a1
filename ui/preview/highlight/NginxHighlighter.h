#pragma once

#include "preview/highlight/FileHighlighter.h"

namespace saltant {

// nginx configuration: directives, block names, $variables, strings, sizes and numbers, # comments.
class NginxHighlighter : public FileHighlighter
{
    Q_OBJECT

public:
    NginxHighlighter(QTextDocument* document, const QPalette& palette);
};

} // namespace saltant
