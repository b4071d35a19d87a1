#include "common/MessageBox.h"

namespace saltant {
namespace {

QMessageBox::StandardButton& nextAnswer()
{
    static QMessageBox::StandardButton answer = QMessageBox::NoButton;
    return answer;
}

QString& lastText()
{
    static QString text;
    return text;
}

} // namespace

QMessageBox::StandardButton MessageBox::question(QWidget* parent, const QString& title, const QString& text,
                                                 QMessageBox::StandardButtons buttons,
                                                 QMessageBox::StandardButton defaultButton)
{
    lastText() = text;
    const QMessageBox::StandardButton answer = takeNextAnswer();
    if (answer != QMessageBox::NoButton) {
        return answer;
    }
    QMessageBox box(QMessageBox::Question, title, text, buttons, parent);
    box.setDefaultButton(defaultButton);
    return static_cast<QMessageBox::StandardButton>(box.exec());
}

void MessageBox::warning(QWidget* parent, const QString& title, const QString& text)
{
    lastText() = text;
    if (takeNextAnswer() != QMessageBox::NoButton) {
        return;
    }
    QMessageBox::warning(parent, title, text);
}

void MessageBox::setNextAnswer(QMessageBox::StandardButton answer)
{
    nextAnswer() = answer;
}

QString MessageBox::lastQuestion()
{
    return lastText();
}

QMessageBox::StandardButton MessageBox::takeNextAnswer()
{
    const QMessageBox::StandardButton answer = nextAnswer();
    nextAnswer() = QMessageBox::NoButton;
    return answer;
}

} // namespace saltant
