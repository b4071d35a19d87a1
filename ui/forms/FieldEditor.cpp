#include "forms/FieldEditor.h"

#include "common/FileDialog.h"
#include "common/Palette.h"
#include "model/Project.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace saltant {
namespace {

QStringList parseList(const QString& text)
{
    QStringList items;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString& part : parts) {
        if (!part.trimmed().isEmpty()) {
            items << part.trimmed();
        }
    }
    return items;
}

} // namespace

FieldEditor::FieldEditor(const FieldSpec& spec, QWidget* parent, const QString& namePrefix)
    : QWidget(parent), m_spec(spec)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    m_input = createInput();
    m_input->setObjectName(namePrefix + objectNameFor(spec.key));
    m_input->setAccessibleName(label());
    m_input->setAccessibleDescription(spec.displayHelp());
    m_input->setToolTip(spec.displayHelp());
    row->addWidget(m_input, 1);
    if (spec.editor() == EditorKind::LocalFile) {
        m_browse = new QToolButton(this);
        m_browse->setObjectName(namePrefix + QStringLiteral("browse_") + objectNameFor(spec.key).mid(6));
        m_browse->setText(tr("Browse…"));
        m_browse->setAccessibleName(tr("Browse for %1").arg(label()));
        connect(m_browse, &QToolButton::clicked, this, &FieldEditor::browse);
        row->addWidget(m_browse);
    }
    if (spec.type == FieldType::Text && !spec.suggestions.isEmpty()) {
        // Common values one click away; the line edit still takes any valid value.
        auto* suggest = new QToolButton(this);
        suggest->setObjectName(namePrefix + QStringLiteral("suggest_") + objectNameFor(spec.key).mid(6));
        suggest->setText(tr("Choose…"));
        suggest->setAccessibleName(tr("Choose a common value for %1").arg(label()));
        suggest->setPopupMode(QToolButton::InstantPopup);
        auto* menu = new QMenu(suggest);
        for (const QString& value : spec.suggestions) {
            menu->addAction(value, this, [this, value] {
                static_cast<QLineEdit*>(m_input)->setText(value);
                emit edited(m_spec.key, value);
                emit editingFinished();
            });
        }
        suggest->setMenu(menu);
        row->addWidget(suggest);
    }
    column->addLayout(row);
    m_message = new QLabel(this);
    m_message->setObjectName(namePrefix + QStringLiteral("problem_") + objectNameFor(spec.key).mid(6));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    column->addWidget(m_message);
    setFocusProxy(m_input);
}

QString FieldEditor::objectNameFor(const QString& key)
{
    QString name = key;
    name.replace(QLatin1Char('.'), QLatin1Char('_'));
    return QStringLiteral("field_") + name;
}

QString FieldEditor::label() const
{
    return m_spec.displayLabel();
}

QWidget* FieldEditor::createInput()
{
    switch (m_spec.editor()) {
    case EditorKind::SpinBox: {
        auto* spin = new QSpinBox(this);
        spin->setRange(m_spec.minimum, m_spec.maximum);
        spin->setMinimumWidth(120);
        connect(spin, &QSpinBox::valueChanged, this, [this](int value) { emit edited(m_spec.key, value); });
        connect(spin, &QSpinBox::editingFinished, this, &FieldEditor::editingFinished);
        return spin;
    }
    case EditorKind::CheckBox: {
        auto* check = new QCheckBox(label(), this);
        connect(check, &QCheckBox::toggled, this, [this](bool on) {
            emit edited(m_spec.key, on);
            emit editingFinished();
        });
        return check;
    }
    case EditorKind::ComboBox: {
        auto* combo = new QComboBox(this);
        // Long choice labels must not widen the whole form; the popup still shows them in full.
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(16);
        for (const QString& choice : m_spec.choices) {
            combo->addItem(m_spec.choiceLabel(choice), choice);
        }
        connect(combo, &QComboBox::currentIndexChanged, this, [this, combo](int index) {
            emit edited(m_spec.key, combo->itemData(index).toString());
            emit editingFinished();
        });
        return combo;
    }
    case EditorKind::ListEdit:
    case EditorKind::LineEdit:
    case EditorKind::LocalFile:
        break;
    }
    auto* line = new QLineEdit(this);
    line->setClearButtonEnabled(m_spec.optional);
    if (m_spec.editor() == EditorKind::ListEdit) {
        line->setPlaceholderText(tr("Comma-separated; empty for none"));
    } else if (m_spec.optional && !m_spec.derive) {
        line->setPlaceholderText(tr("Not set"));
    }
    connect(line, &QLineEdit::textEdited, this, [this] { emit edited(m_spec.key, currentValue()); });
    connect(line, &QLineEdit::editingFinished, this, &FieldEditor::editingFinished);
    return line;
}

QVariant FieldEditor::currentValue() const
{
    switch (m_spec.type) {
    case FieldType::Integer:
        return static_cast<QSpinBox*>(m_input)->value();
    case FieldType::Boolean:
        return static_cast<QCheckBox*>(m_input)->isChecked();
    case FieldType::Choice: {
        auto* combo = static_cast<QComboBox*>(m_input);
        return combo->currentData().toString();
    }
    case FieldType::List:
        return parseList(static_cast<QLineEdit*>(m_input)->text());
    case FieldType::Text:
        break;
    }
    return static_cast<QLineEdit*>(m_input)->text();
}

bool FieldEditor::followsChangedSetting(const Project& project) const
{
    return m_spec.derive && m_spec.type == FieldType::Text &&
           static_cast<QLineEdit*>(m_input)->placeholderText() != m_spec.derive(project);
}

void FieldEditor::load(const Project& project)
{
    ++m_loads;
    const QVariant stored = project.stored(m_spec.key);
    const QSignalBlocker blocker(m_input);
    switch (m_spec.type) {
    case FieldType::Integer:
        static_cast<QSpinBox*>(m_input)->setValue(stored.toInt());
        break;
    case FieldType::Boolean:
        static_cast<QCheckBox*>(m_input)->setChecked(stored.toBool());
        break;
    case FieldType::Choice: {
        auto* combo = static_cast<QComboBox*>(m_input);
        combo->setCurrentIndex(combo->findData(stored.toString()));
        break;
    }
    case FieldType::List:
        // Leave what the user is typing ("a, b,") alone while it means the stored list.
        if (currentValue().toStringList() != stored.toStringList()) {
            static_cast<QLineEdit*>(m_input)->setText(stored.toStringList().join(QStringLiteral(", ")));
        }
        break;
    case FieldType::Text: {
        auto* line = static_cast<QLineEdit*>(m_input);
        if (line->text() != stored.toString()) {
            line->setText(stored.toString());
        }
        if (m_spec.derive) {
            line->setPlaceholderText(m_spec.derive(project));
        }
        break;
    }
    }
}

void FieldEditor::setIssue(const QString& message, Severity severity)
{
    if (message == m_issue && severity == m_severity) {
        return;
    }
    m_issue = message;
    m_severity = severity;
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_input->setProperty("invalid", isInvalid());
    updateFrame();
}

void FieldEditor::setShared(bool shared, const QString& hint)
{
    m_input->setToolTip(hint.isEmpty() ? m_spec.displayHelp() : m_spec.displayHelp() + QLatin1Char('\n') + hint);
    if (shared == m_shared) {
        return;
    }
    m_shared = shared;
    m_input->setProperty("shared", shared);
    QFont font = m_input->font();
    font.setItalic(shared);
    m_input->setFont(font);
    QPalette pal = palette();
    if (shared) {
        const QColor grey = pal.color(QPalette::PlaceholderText);
        pal.setColor(QPalette::Text, grey);
        pal.setColor(QPalette::WindowText, grey);
        pal.setColor(QPalette::ButtonText, grey);
    }
    m_input->setPalette(pal);
}

void FieldEditor::updateFrame()
{
    if (m_issue.isEmpty() || m_severity == Severity::Info) {
        m_input->setStyleSheet(QString());
        m_message->setStyleSheet(QString());
        return;
    }
    const auto role = m_severity == Severity::Error ? Palette::Role::Error : Palette::Role::Warning;
    const QString colour = Palette::color(role, palette()).name();
    const QString type = QString::fromLatin1(m_input->metaObject()->className());
    if (m_spec.type != FieldType::Boolean) {
        m_input->setStyleSheet(type + QStringLiteral(" { border: 2px solid ") + colour +
                               QStringLiteral("; border-radius: 3px; padding: 1px 3px; }"));
    }
    m_message->setStyleSheet(QStringLiteral("color: ") + colour + QLatin1Char(';'));
}

void FieldEditor::browse()
{
    auto* line = static_cast<QLineEdit*>(m_input);
    const QString path =
        FileDialog::getOpenFileName(this, tr("Choose %1").arg(label()), line->text(), m_spec.fileDialogFilter());
    if (path.isEmpty()) {
        return;
    }
    line->setText(path);
    emit edited(m_spec.key, path);
    emit editingFinished();
}

} // namespace saltant
