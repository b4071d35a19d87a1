#include "Icons.h"

#include "Palette.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QStyle>

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

QPixmap appPixmap(int size)
{
    QPixmap pixmap = canvas(size);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size / 64.0;
    QLinearGradient gradient(0, 0, 0, size);
    gradient.setColorAt(0, QColor(0x2e, 0x7d, 0xd2));
    gradient.setColorAt(1, QColor(0x1a, 0x4f, 0x96));
    p.setPen(Qt::NoPen);
    p.setBrush(gradient);
    p.drawRoundedRect(QRectF(2 * s, 2 * s, 60 * s, 60 * s), 12 * s, 12 * s);
    // Three stacked server bays and an upward arrow: configuration going to a server.
    p.setBrush(QColor(255, 255, 255, 230));
    for (int i = 0; i < 3; ++i) {
        p.drawRoundedRect(QRectF(12 * s, (16 + i * 12) * s, 40 * s, 8 * s), 2 * s, 2 * s);
    }
    p.setBrush(QColor(0x4c, 0xd9, 0x64));
    for (int i = 0; i < 3; ++i) {
        p.drawEllipse(QPointF(46 * s, (20 + i * 12) * s), 2 * s, 2 * s);
    }
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
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256}) {
        icon.addPixmap(appPixmap(size));
    }
    return icon;
}

} // namespace saltant
