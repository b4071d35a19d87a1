#include "common/AppStyle.h"

#include <QApplication>
#include <QIconEngine>
#include <QPointer>
#include <QStyleOption>
#include <QWidget>

namespace saltant {
namespace {

// One of the base style's standard icons, asked for when it is first drawn or measured.
class DeferredStandardIconEngine : public QIconEngine
{
public:
    DeferredStandardIconEngine(const QStyle* style, QStyle::StandardPixmap which, Qt::LayoutDirection direction)
        : m_style(style), m_which(which), m_direction(direction)
    {}

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().pixmap(size, mode, state);
    }
    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override
    {
        icon().paint(painter, rect, Qt::AlignCenter, mode, state);
    }
    QSize actualSize(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().actualSize(size, mode, state);
    }
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override
    {
        return icon().availableSizes(mode, state);
    }
    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        return icon().pixmap(size, scale, mode, state);
    }
    // Without loading: Qt asks while it lays out the bars. The styles Qt ships draw all three pictures.
    bool isNull() override { return !m_style; }
    QIconEngine* clone() const override { return new DeferredStandardIconEngine(*this); }
    QString key() const override { return QStringLiteral("saltant.DeferredStandardIcon"); }

private:
    const QIcon& icon()
    {
        if (!m_loaded && m_style) {
            QStyleOption option;
            option.direction = m_direction;
            m_icon = m_style->standardIcon(m_which, &option);
            m_loaded = true;
        }
        return m_icon;
    }

    QPointer<const QStyle> m_style;
    QStyle::StandardPixmap m_which;
    Qt::LayoutDirection m_direction;
    bool m_loaded = false;
    QIcon m_icon;
};

} // namespace

AppStyle::AppStyle(QStyle* style) : QProxyStyle(style) {}

QIcon AppStyle::standardIcon(StandardPixmap standardIcon, const QStyleOption* option, const QWidget* widget) const
{
    if (standardIcon == SP_ToolBarHorizontalExtensionButton || standardIcon == SP_ToolBarVerticalExtensionButton ||
        standardIcon == SP_LineEditClearButton) {
        const Qt::LayoutDirection direction =
            option ? option->direction : (widget ? widget->layoutDirection() : QGuiApplication::layoutDirection());
        return QIcon(new DeferredStandardIconEngine(baseStyle(), standardIcon, direction));
    }
    if (isTitleBarButton(standardIcon)) {
        // Asked for whenever a dock's title bar is measured (17 times before the first paint); Fusion draws the
        // icon from its picture anew on each call.
        const QPair<int, int> key(standardIcon, option ? option->direction : QGuiApplication::layoutDirection());
        auto it = m_titleBarIcons.constFind(key);
        if (it == m_titleBarIcons.constEnd()) {
            it = m_titleBarIcons.insert(key, QProxyStyle::standardIcon(standardIcon, option, widget));
        }
        return *it;
    }
    return QProxyStyle::standardIcon(standardIcon, option, widget);
}

bool AppStyle::isTitleBarButton(StandardPixmap icon)
{
    switch (icon) {
    case SP_TitleBarMenuButton:
    case SP_TitleBarMinButton:
    case SP_TitleBarMaxButton:
    case SP_TitleBarCloseButton:
    case SP_TitleBarNormalButton:
    case SP_TitleBarShadeButton:
    case SP_TitleBarUnshadeButton:
    case SP_TitleBarContextHelpButton:
    case SP_DockWidgetCloseButton:
        return true;
    default:
        return false;
    }
}

void AppStyle::install()
{
    // QProxyStyle takes the current style over (it becomes the proxy's child), so setStyle() does not delete it.
    QApplication::setStyle(new AppStyle(QApplication::style()));
}

} // namespace saltant
