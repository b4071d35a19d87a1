#pragma once

#include <QDialog>

namespace saltant {

// F1: how the app is meant to be used, step by step, and the command-line twin's commands.
class HelpDialog : public QDialog
{
    Q_OBJECT

public:
    explicit HelpDialog(QWidget* parent = nullptr);

    static QString helpHtml();
};

} // namespace saltant
