#pragma once

#include "lint/Lint.h"

#include <QIcon>

class QStyle;

namespace saltant {

// The few icons the window needs, drawn in the palette's colours so they follow light and dark themes and stay
// sharp at any scale.
class Icons
{
public:
    static QIcon lock(const QPalette& palette);
    static QIcon severity(Severity severity, const QStyle* style);
    static QIcon application();
    // A transparent icon that keeps list rows without an icon aligned with those that have one.
    static QIcon blank();
};

} // namespace saltant
