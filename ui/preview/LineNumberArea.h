#pragma once

#include <QWidget>

namespace saltant {

class LineNumberEditor;

// The gutter of a LineNumberEditor; the editor paints it.
class LineNumberArea : public QWidget
{
    Q_OBJECT

public:
    explicit LineNumberArea(LineNumberEditor* editor);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    LineNumberEditor* m_editor;
};

} // namespace saltant
