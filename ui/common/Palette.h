#pragma once

#include <QColor>
#include <QPalette>

namespace saltant {

// Colours derived from the system palette, so light and dark themes both read well. Nothing here hard-codes
// black on white: hues are fixed, lightness follows the palette's base colour.
class Palette
{
public:
    enum class Role
    {
        Comment,
        Keyword,
        Key,
        String,
        Number,
        Variable,
        Section,
        Secret,
        Error,
        Warning,
        Info,
        ChangedLine,
    };

    static bool isDark(const QPalette& palette);
    static QColor color(Role role, const QPalette& palette);
};

} // namespace saltant
