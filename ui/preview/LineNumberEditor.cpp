#include "preview/LineNumberEditor.h"

#include "common/Palette.h"
#include "preview/LineNumberArea.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

namespace saltant {
namespace {

constexpr int FadeInterval = 40;                 // ms per step
constexpr int FadeTicks = 2000 / FadeInterval;   // the highlight is gone after 2 s
constexpr int FullStrengthTicks = FadeTicks / 2; // full strength for the first second

} // namespace

LineNumberEditor::LineNumberEditor(QWidget* parent) : QPlainTextEdit(parent), m_area(new LineNumberArea(this))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &LineNumberEditor::updateMargins);
    connect(this, &QPlainTextEdit::updateRequest, this, &LineNumberEditor::updateArea);
    m_fadeTimer.setInterval(FadeInterval);
    connect(&m_fadeTimer, &QTimer::timeout, this, &LineNumberEditor::fadeStep);
    updateMargins();
}

void LineNumberEditor::setCode(const QString& text)
{
    // The fixed-pitch font comes with the first text, not in the constructor: finding it costs about 3 M
    // instructions, and the editor stays empty until the first analysis, which runs after the window's first paint.
    if (!m_fixedFont) {
        m_fixedFont = true;
        setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    }
    setPlainText(text);
}

int LineNumberEditor::lineNumberAreaWidth() const
{
    int digits = 2;
    for (int max = qMax(1, blockCount()); max >= 100; max /= 10) {
        ++digits;
    }
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void LineNumberEditor::updateMargins()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void LineNumberEditor::updateArea(const QRect& rect, int dy)
{
    if (dy != 0) {
        m_area->scroll(0, dy);
    } else {
        m_area->update(0, rect.y(), m_area->width(), rect.height());
    }
    if (rect.contains(viewport()->rect())) {
        updateMargins();
    }
}

void LineNumberEditor::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect r = contentsRect();
    m_area->setGeometry(QRect(r.left(), r.top(), lineNumberAreaWidth(), r.height()));
}

void LineNumberEditor::paintLineNumbers(QPaintEvent* event)
{
    QPainter painter(m_area);
    const QPalette& pal = palette();
    painter.fillRect(event->rect(), pal.color(QPalette::AlternateBase));
    painter.setFont(font());
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const bool flashed = m_flashed.contains(block.blockNumber());
            painter.setPen(flashed ? pal.color(QPalette::Text) : Palette::color(Palette::Role::Comment, pal));
            painter.drawText(0, top, m_area->width() - 6, fontMetrics().height(), Qt::AlignRight,
                             QString::number(block.blockNumber() + 1));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}

void LineNumberEditor::flashLines(const QList<int>& lines)
{
    m_flashed = lines;
    m_fadeTicks = lines.isEmpty() ? 0 : FadeTicks;
    applyFlash();
    if (m_fadeTicks > 0) {
        m_fadeTimer.start();
    } else {
        m_fadeTimer.stop();
    }
}

void LineNumberEditor::fadeStep()
{
    if (--m_fadeTicks <= 0) {
        m_fadeTimer.stop();
        m_flashed.clear();
    }
    applyFlash();
}

void LineNumberEditor::applyFlash()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (!m_flashed.isEmpty()) {
        QColor colour = Palette::color(Palette::Role::ChangedLine, palette());
        colour.setAlpha(colour.alpha() * qMin(m_fadeTicks, FullStrengthTicks) / FullStrengthTicks);
        for (int line : std::as_const(m_flashed)) {
            const QTextBlock block = document()->findBlockByNumber(line);
            if (!block.isValid()) {
                continue;
            }
            QTextEdit::ExtraSelection selection;
            selection.cursor = QTextCursor(block);
            selection.format.setBackground(colour);
            selection.format.setProperty(QTextFormat::FullWidthSelection, true);
            selections << selection;
        }
    }
    setExtraSelections(selections);
    m_area->update();
}

bool LineNumberEditor::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QTextCursor cursor = cursorForPosition(help->pos());
        const int line = cursor.blockNumber();
        const int column = cursor.positionInBlock();
        for (const Span& span : std::as_const(m_spans)) {
            if (span.line == line && column >= span.column && column <= span.column + span.length) {
                QToolTip::showText(help->globalPos(), span.toolTip, viewport());
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

void LineNumberEditor::changeEvent(QEvent* event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        updateMargins();
    }
}

} // namespace saltant
