#include "UiTestMain.h"
#include "common/AppStyle.h"

#include <QImage>
#include <QLineEdit>
#include <QPixmap>
#include <QStyleFactory>
#include <QStyleOption>
#include <memory>

using namespace saltant;

// The window's style draws every standard icon exactly like the style it wraps; the overflow arrows and the line
// edits' clear button load their pictures when first drawn, the title-bar buttons' are made once.
class TestAppStyle : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void deferredIcons_drawLikeTheBaseStyle_data();
    void deferredIcons_drawLikeTheBaseStyle();
    void deferredIcons_followTheLayoutDirection();
    void titleBarIcons_drawLikeTheBaseStyleAndAreKept();
    void otherIcons_areTheBaseStyles();
    void lineEditClearButton_drawsWhenShown();
    void install_wrapsTheApplicationsStyle();

private:
    static QImage image(const QIcon& icon, int size = 16, QIcon::Mode mode = QIcon::Normal)
    {
        return icon.pixmap(size, mode).toImage();
    }

    QStyle* m_base = nullptr; // owned by m_style
    std::unique_ptr<AppStyle> m_style;
};

void TestAppStyle::init()
{
    m_base = QStyleFactory::create(QStringLiteral("Fusion"));
    QVERIFY(m_base);
    m_style = std::make_unique<AppStyle>(m_base);
}

void TestAppStyle::deferredIcons_drawLikeTheBaseStyle_data()
{
    QTest::addColumn<int>("icon");
    QTest::newRow("menu bar overflow") << static_cast<int>(QStyle::SP_ToolBarHorizontalExtensionButton);
    QTest::newRow("tool bar overflow") << static_cast<int>(QStyle::SP_ToolBarVerticalExtensionButton);
    QTest::newRow("line edit clear") << static_cast<int>(QStyle::SP_LineEditClearButton);
}

void TestAppStyle::deferredIcons_drawLikeTheBaseStyle()
{
    QFETCH(int, icon);
    const auto which = static_cast<QStyle::StandardPixmap>(icon);
    const QIcon ours = m_style->standardIcon(which);
    const QIcon base = m_base->standardIcon(which);
    QVERIFY(!base.isNull());
    QVERIFY(!ours.isNull());
    QCOMPARE(ours.availableSizes(), base.availableSizes());
    QCOMPARE(ours.actualSize(QSize(32, 32)), base.actualSize(QSize(32, 32)));
    for (int size : {16, 24, 32}) {
        QCOMPARE(image(ours, size), image(base, size));
    }
    QCOMPARE(image(ours, 16, QIcon::Disabled), image(base, 16, QIcon::Disabled));
    // A copy draws the same picture.
    const QIcon copy = ours;
    QCOMPARE(image(copy), image(base));
}

void TestAppStyle::deferredIcons_followTheLayoutDirection()
{
    QStyleOption rightToLeft;
    rightToLeft.direction = Qt::RightToLeft;
    QStyleOption leftToRight;
    leftToRight.direction = Qt::LeftToRight;
    const auto which = QStyle::SP_ToolBarHorizontalExtensionButton;
    const QImage rtl = image(m_base->standardIcon(which, &rightToLeft));
    const QImage ltr = image(m_base->standardIcon(which, &leftToRight));
    QVERIFY2(rtl != ltr, "the base style draws the arrow the same way in both directions: the check is blind");
    QCOMPARE(image(m_style->standardIcon(which, &rightToLeft)), rtl);
    QCOMPARE(image(m_style->standardIcon(which, &leftToRight)), ltr);
}

void TestAppStyle::titleBarIcons_drawLikeTheBaseStyleAndAreKept()
{
    for (const auto which : {QStyle::SP_TitleBarNormalButton, QStyle::SP_TitleBarCloseButton,
                             QStyle::SP_DockWidgetCloseButton, QStyle::SP_TitleBarMaxButton}) {
        const QIcon first = m_style->standardIcon(which);
        QCOMPARE(image(first), image(m_base->standardIcon(which)));
        QCOMPARE(m_style->standardIcon(which).cacheKey(), first.cacheKey());
    }
    QVERIFY(m_style->standardIcon(QStyle::SP_TitleBarCloseButton).cacheKey() !=
            m_style->standardIcon(QStyle::SP_TitleBarNormalButton).cacheKey());
}

void TestAppStyle::otherIcons_areTheBaseStyles()
{
    for (const auto which : {QStyle::SP_MessageBoxWarning, QStyle::SP_DialogOkButton, QStyle::SP_ArrowBack}) {
        QCOMPARE(image(m_style->standardIcon(which)), image(m_base->standardIcon(which)));
    }
}

// A line edit with text shows its clear button: the deferred picture is drawn, not an empty one.
void TestAppStyle::lineEditClearButton_drawsWhenShown()
{
    QLineEdit withText;
    withText.setStyle(m_style.get());
    withText.setClearButtonEnabled(true);
    withText.setText(QStringLiteral("fictionaljobrunner.com"));
    withText.resize(240, 30);
    QLineEdit empty;
    empty.setStyle(m_style.get());
    empty.setClearButtonEnabled(true);
    empty.resize(240, 30);
    empty.setText(QStringLiteral("fictionaljobrunner.com"));
    empty.clear();
    withText.show();
    empty.show();
    QVERIFY(QTest::qWaitForWindowExposed(&withText));
    QVERIFY(QTest::qWaitForWindowExposed(&empty));
    // The button fades in; once it has, the right end differs from the empty line edit's.
    const QRect end(200, 0, 40, 30);
    QTRY_VERIFY(withText.grab(end).toImage() != empty.grab(end).toImage());
}

void TestAppStyle::install_wrapsTheApplicationsStyle()
{
    const QString before = QApplication::style()->name();
    AppStyle::install();
    auto* installed = qobject_cast<AppStyle*>(QApplication::style());
    QVERIFY(installed);
    QVERIFY(installed->baseStyle());
    QCOMPARE(installed->baseStyle()->name(), before);
    // The wrapped style is alive and draws.
    QVERIFY(!installed->standardIcon(QStyle::SP_MessageBoxWarning).isNull());
}

SALTANT_UI_TEST_MAIN(TestAppStyle)
#include "TestAppStyle.moc"
