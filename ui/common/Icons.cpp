#include "common/Icons.h"

#include "common/Palette.h"

#include <QApplication>
#include <QIconEngine>
#include <QMap>
#include <QPainter>
#include <QPixmap>
#include <QStyle>
#include <QStyleOption>

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

// The application icon's PNGs, decoded only when a size is asked for (QIcon::addFile() decodes every file at
// once, about 13 M instructions at startup, and the offscreen and Wayland platforms never ask).
class PngFilesIconEngine : public QIconEngine
{
public:
    explicit PngFilesIconEngine(const QMap<int, QString>& files) : m_files(files) {}

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State) override
    {
        const int extent = qMax(size.width(), size.height());
        auto it = std::as_const(m_files).lowerBound(extent);
        if (it == m_files.constEnd()) {
            it = std::prev(m_files.constEnd());
        }
        QPixmap& decoded = m_decoded[it.key()];
        if (decoded.isNull()) {
            decoded.load(it.value());
        }
        QPixmap result =
            decoded.size() == size ? decoded : decoded.scaled(size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        if (mode != QIcon::Normal) {
            const QStyleOption option;
            result = QApplication::style()->generatedIconPixmap(mode, result, &option);
        }
        return result;
    }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override
    {
        painter->drawPixmap(rect, pixmap(rect.size(), mode, state));
    }

    QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override
    {
        const int extent = qMin(qMin(size.width(), size.height()), m_files.lastKey());
        return QSize(extent, extent);
    }

    QList<QSize> availableSizes(QIcon::Mode, QIcon::State) override
    {
        QList<QSize> sizes;
        for (int extent : m_files.keys()) {
            sizes << QSize(extent, extent);
        }
        return sizes;
    }

    QIconEngine* clone() const override { return new PngFilesIconEngine(*this); }
    QString key() const override { return QStringLiteral("saltant.PngFiles"); }

private:
    QMap<int, QString> m_files;   // edge length -> resource path
    QMap<int, QPixmap> m_decoded; // edge length -> decoded file
};

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
    QMap<int, QString> files;
    for (int size : {16, 32, 48, 64, 128, 256}) {
        files.insert(size, QStringLiteral(":/icons/saltant-deploy-%1.png").arg(size));
    }
    return QIcon(new PngFilesIconEngine(files));
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
