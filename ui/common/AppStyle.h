#pragma once

#include <QHash>
#include <QIcon>
#include <QPair>
#include <QProxyStyle>

namespace saltant {

// The window's style: the platform's own (or the one -style names), with one change. The overflow arrows of the
// menu bar and the tool bars load their pictures when first drawn, not when Qt builds the bars: the arrows show
// only when the window is too narrow for its menus, and loading them meant decoding six PNG sizes after loading
// every image-format plugin to find the PNG reader (2.7 M of the 97 M instructions before the first paint).
class AppStyle : public QProxyStyle
{
    Q_OBJECT

public:
    // Wraps STYLE and takes it over, like QProxyStyle.
    explicit AppStyle(QStyle* style);

    QIcon standardIcon(StandardPixmap standardIcon, const QStyleOption* option = nullptr,
                       const QWidget* widget = nullptr) const override;

    // Makes the application's current style the base of an AppStyle and installs that: call once, before the first
    // widget.
    static void install();

private:
    static bool isTitleBarButton(StandardPixmap icon);

    // The title-bar buttons' icons by (icon, layout direction): they depend on nothing else.
    mutable QHash<QPair<int, int>, QIcon> m_titleBarIcons;
};

} // namespace saltant
