#include "model/FieldSpec.h"

#include <QCoreApplication>

namespace saltant {

QString FieldSpec::displayLabel() const
{
    return QCoreApplication::translate("Field", label);
}

QString FieldSpec::displayHelp() const
{
    return QCoreApplication::translate("Field", help);
}

QString FieldSpec::choiceLabel(const QString& value) const
{
    const qsizetype index = choices.indexOf(value);
    if (index < 0 || index >= choiceLabels.size()) {
        return value;
    }
    return QCoreApplication::translate("saltant::FieldEditor", choiceLabels[index]);
}

QString FieldSpec::fileDialogFilter() const
{
    return fileFilter ? QCoreApplication::translate("saltant::FieldEditor", fileFilter)
                      : QCoreApplication::translate("saltant::FieldEditor", "All files (*)");
}

EditorKind FieldSpec::editor() const
{
    switch (type) {
    case FieldType::Integer:
        return EditorKind::SpinBox;
    case FieldType::Boolean:
        return EditorKind::CheckBox;
    case FieldType::Choice:
        return EditorKind::ComboBox;
    case FieldType::List:
        return EditorKind::ListEdit;
    case FieldType::Text:
        break;
    }
    return kind == ValueKind::LocalPath ? EditorKind::LocalFile : EditorKind::LineEdit;
}

} // namespace saltant
