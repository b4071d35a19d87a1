#pragma once

#include <QMessageBox>
#include <QString>

namespace saltant {

// Modal questions with one seam for tests (as KeePassXC's MessageBox): setNextAnswer() makes the next question
// return that button without showing anything. lastQuestion() tells a test what was asked.
class MessageBox
{
public:
    static QMessageBox::StandardButton question(QWidget* parent, const QString& title, const QString& text,
                                                QMessageBox::StandardButtons buttons,
                                                QMessageBox::StandardButton defaultButton);
    static void warning(QWidget* parent, const QString& title, const QString& text);

    static void setNextAnswer(QMessageBox::StandardButton answer);
    static QString lastQuestion();

private:
    static QMessageBox::StandardButton takeNextAnswer();
};

} // namespace saltant
