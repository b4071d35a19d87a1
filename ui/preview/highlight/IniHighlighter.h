#pragma once

#include "preview/highlight/FileHighlighter.h"

namespace saltant {

// uWSGI ini files and systemd units: [sections], keys, %-specifiers and $variables, numbers, # and ; comments.
class IniHighlighter : public FileHighlighter
{
    Q_OBJECT

public:
    IniHighlighter(QTextDocument* document, const QPalette& palette);
};

} // namespace saltant
