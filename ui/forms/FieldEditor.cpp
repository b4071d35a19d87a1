#include "forms/FieldEditor.h"

#include "common/FileDialog.h"
#include "common/Palette.h"
#include "model/Project.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
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

// Human names for choices whose stored value says little on its own.
QString choiceLabel(const QString& key, const QString& value)
{
    if (key == QLatin1String("flower.prefixMode")) {
        if (value == QLatin1String("native")) {
            return FieldEditor::tr("0.9.5 or newer");
        }
        if (value == QLatin1String("strip")) {
            return FieldEditor::tr("0.9.4 or older");
        }
    }
    if (key == QLatin1String("flower.launcher")) {
        if (value == QLatin1String("celery")) {
            return FieldEditor::tr("Flower 1.0 and newer: celery -A APP flower");
        }
        if (value == QLatin1String("flower")) {
            return FieldEditor::tr("Flower 0.9.x: flower -A APP");
        }
    }
    if (key == QLatin1String("rabbitmq.configFormat")) {
        if (value == QLatin1String("conf")) {
            return FieldEditor::tr("rabbitmq.conf (new format)");
        }
        if (value == QLatin1String("classic")) {
            return FieldEditor::tr("rabbitmq.config (classic Erlang terms)");
        }
    }
    if (key == QLatin1String("uwsgi.install")) {
        if (value == QLatin1String("distribution")) {
            return FieldEditor::tr("distribution (packages uwsgi and uwsgi-plugin-python3)");
        }
        if (value == QLatin1String("venv")) {
            return FieldEditor::tr("venv (pip install inside the project's virtualenv)");
        }
    }
    if (key == QLatin1String("rabbitmq.brokerScheme")) {
        if (value == QLatin1String("pyamqp")) {
            return FieldEditor::tr("pyamqp (py-amqp; TLS from RABBITMQ_USES_SSL)");
        }
        if (value == QLatin1String("amqps")) {
            return FieldEditor::tr("amqps (TLS in the URL)");
        }
        if (value == QLatin1String("amqp")) {
            return FieldEditor::tr("amqp (may use librabbitmq, no TLS)");
        }
    }
    return value;
}

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

FieldEditor::FieldEditor(const FieldSpec& spec, QWidget* parent) : QWidget(parent), m_spec(spec)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    m_input = createInput();
    m_input->setObjectName(objectNameFor(spec.key));
    m_input->setAccessibleName(label());
    m_input->setAccessibleDescription(QCoreApplication::translate("Field", spec.help));
    m_input->setToolTip(QCoreApplication::translate("Field", spec.help));
    row->addWidget(m_input, 1);
    if (spec.type == FieldType::Text && spec.kind == ValueKind::LocalPath) {
        m_browse = new QToolButton(this);
        m_browse->setObjectName(QStringLiteral("browse_") + objectNameFor(spec.key).mid(6));
        m_browse->setText(tr("Browse…"));
        m_browse->setAccessibleName(tr("Browse for %1").arg(label()));
        connect(m_browse, &QToolButton::clicked, this, &FieldEditor::browse);
        row->addWidget(m_browse);
    }
    if (spec.type == FieldType::Text && !spec.suggestions.isEmpty()) {
        // Common values one click away; the line edit still takes any valid value.
        auto* suggest = new QToolButton(this);
        suggest->setObjectName(QStringLiteral("suggest_") + objectNameFor(spec.key).mid(6));
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
    m_message->setObjectName(QStringLiteral("problem_") + objectNameFor(spec.key).mid(6));
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
    return QCoreApplication::translate("Field", m_spec.label);
}

QWidget* FieldEditor::createInput()
{
    switch (m_spec.type) {
    case FieldType::Integer: {
        auto* spin = new QSpinBox(this);
        spin->setRange(m_spec.minimum, m_spec.maximum);
        spin->setMinimumWidth(120);
        connect(spin, &QSpinBox::valueChanged, this, [this](int value) { emit edited(m_spec.key, value); });
        connect(spin, &QSpinBox::editingFinished, this, &FieldEditor::editingFinished);
        return spin;
    }
    case FieldType::Boolean: {
        auto* check = new QCheckBox(label(), this);
        connect(check, &QCheckBox::toggled, this, [this](bool on) {
            emit edited(m_spec.key, on);
            emit editingFinished();
        });
        return check;
    }
    case FieldType::Choice: {
        auto* combo = new QComboBox(this);
        // Long choice labels must not widen the whole form; the popup still shows them in full.
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(16);
        for (const QString& choice : m_spec.choices) {
            combo->addItem(choiceLabel(m_spec.key, choice), choice);
        }
        connect(combo, &QComboBox::currentIndexChanged, this, [this, combo](int index) {
            emit edited(m_spec.key, combo->itemData(index).toString());
            emit editingFinished();
        });
        return combo;
    }
    case FieldType::List:
    case FieldType::Text:
        break;
    }
    auto* line = new QLineEdit(this);
    line->setClearButtonEnabled(m_spec.optional);
    if (m_spec.type == FieldType::List) {
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

QString FieldEditor::fileFilter() const
{
    if (m_spec.key == QLatin1String("branding.logoFile")) {
        return tr("PNG images (*.png);;All files (*)");
    }
    if (m_spec.key == QLatin1String("branding.faviconFile")) {
        return tr("Icons (*.ico);;All files (*)");
    }
    return tr("All files (*)");
}

void FieldEditor::browse()
{
    auto* line = static_cast<QLineEdit*>(m_input);
    const QString path = FileDialog::getOpenFileName(this, tr("Choose %1").arg(label()), line->text(), fileFilter());
    if (path.isEmpty()) {
        return;
    }
    line->setText(path);
    emit edited(m_spec.key, path);
    emit editingFinished();
}

} // namespace saltant
