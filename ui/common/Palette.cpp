#include "common/Palette.h"

namespace saltant {
namespace {

QColor hsl(int hue, int saturation, bool dark, int lightOnLight = 95, int lightOnDark = 175)
{
    return QColor::fromHsl(hue, saturation, dark ? lightOnDark : lightOnLight);
}

QColor blend(const QColor& a, const QColor& b, qreal ratio)
{
    return QColor::fromRgbF(a.redF() * (1 - ratio) + b.redF() * ratio, a.greenF() * (1 - ratio) + b.greenF() * ratio,
                            a.blueF() * (1 - ratio) + b.blueF() * ratio);
}

} // namespace

bool Palette::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor Palette::color(Role role, const QPalette& palette)
{
    const bool dark = isDark(palette);
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    switch (role) {
    case Role::Comment:
        return blend(text, base, 0.45);
    case Role::Keyword:
        return hsl(215, 160, dark);
    case Role::Key:
        return hsl(265, 110, dark, 105, 185);
    case Role::String:
        return hsl(120, 150, dark, 75, 160);
    case Role::Number:
        return hsl(25, 200, dark, 100, 170);
    case Role::Variable:
        return hsl(185, 200, dark, 70, 160);
    case Role::Section:
        return hsl(330, 130, dark, 100, 185);
    case Role::Secret:
        return blend(base, hsl(45, 230, dark, 150, 90), 0.55);
    case Role::Error:
        return hsl(0, 180, dark, 110, 165);
    case Role::Warning:
        return hsl(35, 230, dark, 95, 150);
    case Role::Info:
        return hsl(210, 150, dark, 110, 170);
    case Role::ChangedLine: {
        QColor c = palette.color(QPalette::Highlight);
        c.setAlpha(dark ? 110 : 80);
        return c;
    }
    }
    return text;
}

} // namespace saltant
