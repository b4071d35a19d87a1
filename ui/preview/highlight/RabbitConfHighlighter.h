#pragma once

#include "preview/highlight/FileHighlighter.h"

namespace saltant {

// rabbitmq.conf (sysctl style): dotted keys, numbers, true/false/none, # comments.
class RabbitConfHighlighter : public FileHighlighter
{
    Q_OBJECT

public:
    RabbitConfHighlighter(QTextDocument* document, const QPalette& palette);
};

} // namespace saltant
