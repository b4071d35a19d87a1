#pragma once

#include <QList>
#include <QPlainTextEdit>
#include <QTimer>

namespace saltant {

class LineNumberArea;

// A read-only code view with line numbers, a brief highlight of the lines the last edit changed (it fades out
// within about two seconds) and tooltips on spans of text (masked secrets name themselves).
class LineNumberEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    struct Span
    {
        int line;
        int column;
        int length;
        QString toolTip;
    };

    explicit LineNumberEditor(QWidget* parent = nullptr);

    // Shows this text in the fixed-pitch font (chosen with the first text).
    void setCode(const QString& text);

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent* event);

    // Highlights these 0-based lines, then fades them out.
    void flashLines(const QList<int>& lines);
    // The lines still highlighted.
    QList<int> flashedLines() const { return m_flashed; }
    void setToolTipSpans(const QList<Span>& spans) { m_spans = spans; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateMargins();
    void updateArea(const QRect& rect, int dy);
    void fadeStep();
    void applyFlash();

    LineNumberArea* m_area;
    QTimer m_fadeTimer;
    QList<int> m_flashed;
    int m_fadeTicks = 0;
    bool m_fixedFont = false;
    QList<Span> m_spans;
};

} // namespace saltant
