#pragma once

#include "preview/highlight/FileHighlighter.h"

namespace saltant {

// rsyslog rules: statements, parameter names, $properties, strings, numbers, # comments.
class RsyslogHighlighter : public FileHighlighter
{
    Q_OBJECT

public:
    RsyslogHighlighter(QTextDocument* document, const QPalette& palette);
};

} // namespace saltant
