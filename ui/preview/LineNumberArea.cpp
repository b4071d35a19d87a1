#include "preview/LineNumberArea.h"

#include "preview/LineNumberEditor.h"

namespace saltant {

LineNumberArea::LineNumberArea(LineNumberEditor* editor) : QWidget(editor), m_editor(editor) {}

QSize LineNumberArea::sizeHint() const
{
    return QSize(m_editor->lineNumberAreaWidth(), 0);
}

void LineNumberArea::paintEvent(QPaintEvent* event)
{
    m_editor->paintLineNumbers(event);
}

} // namespace saltant
