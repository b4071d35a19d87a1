#pragma once

#include "preview/highlight/FileHighlighter.h"

namespace saltant {

// classic rabbitmq.config (Erlang terms): atoms, strings and binaries, numbers, Variables, % comments.
class ErlangHighlighter : public FileHighlighter
{
    Q_OBJECT

public:
    ErlangHighlighter(QTextDocument* document, const QPalette& palette);
};

} // namespace saltant
