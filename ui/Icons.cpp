#include "Icons.h"

#include "Palette.h"

#include <QPainter>
#include <QPixmap>
#include <QStyle>

// The resources live in the static saltant_ui library: make sure the linker keeps them.
static void initResources()
{
    Q_INIT_RESOURCE(saltant_ui);
}

namespace saltant {
namespace {

QPixmap canvas(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    return pixmap;
}

QPixmap lockPixmap(int size, const QColor& colour)
{
    QPixmap pixmap = canvas(size);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size / 16.0;
    QPen pen(colour, 1.6 * s);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawArc(QRectF(4.5 * s, 1.5 * s, 7 * s, 9 * s), 0, 180 * 16);
    p.drawLine(QPointF(4.5 * s, 6 * s), QPointF(4.5 * s, 7.5 * s));
    p.drawLine(QPointF(11.5 * s, 6 * s), QPointF(11.5 * s, 7.5 * s));
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawRoundedRect(QRectF(2.5 * s, 7 * s, 11 * s, 8 * s), 1.5 * s, 1.5 * s);
    return pixmap;
}

} // namespace

QIcon Icons::lock(const QPalette& palette)
{
    QIcon icon;
    const QColor colour = Palette::color(Palette::Role::Warning, palette);
    for (int size : {16, 24, 32, 48}) {
        icon.addPixmap(lockPixmap(size, colour));
    }
    return icon;
}

QIcon Icons::severity(Severity severity, const QStyle* style)
{
    switch (severity) {
    case Severity::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Severity::Info:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

QIcon Icons::application()
{
    initResources();
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256}) {
        icon.addFile(QStringLiteral(":/icons/saltant-deploy-%1.png").arg(size), QSize(size, size));
    }
    return icon;
}

QIcon Icons::blank()
{
    QIcon icon;
    for (int size : {16, 24, 32, 48}) {
        icon.addPixmap(canvas(size));
    }
    return icon;
}

} // namespace saltant
