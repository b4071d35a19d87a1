#include "deploy/DiffMarks.h"

#include "common/Palette.h"

#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextCursor>

namespace saltant {

void DiffMarks::apply(QPlainTextEdit* view)
{
    const QColor added = Palette::color(Palette::Role::String, view->palette());
    const QColor removed = Palette::color(Palette::Role::Error, view->palette());
    QList<QTextEdit::ExtraSelection> marks;
    for (QTextBlock block = view->document()->begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        const bool header = text.startsWith(QLatin1String("+++")) || text.startsWith(QLatin1String("---"));
        if (header || !(text.startsWith(QLatin1Char('+')) || text.startsWith(QLatin1Char('-')))) {
            continue;
        }
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(block);
        mark.cursor.select(QTextCursor::LineUnderCursor);
        mark.format.setForeground(text.startsWith(QLatin1Char('+')) ? added : removed);
        marks << mark;
    }
    view->setExtraSelections(marks);
}

} // namespace saltant
