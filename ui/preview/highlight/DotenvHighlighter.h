#pragma once

#include "preview/highlight/FileHighlighter.h"

namespace saltant {

// dotenv files (saltant .env, systemd EnvironmentFile=): VARIABLE names, quoted values, True/False, $expansions, #
// comments.
class DotenvHighlighter : public FileHighlighter
{
    Q_OBJECT

public:
    DotenvHighlighter(QTextDocument* document, const QPalette& palette);
};

} // namespace saltant
