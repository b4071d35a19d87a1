#include "forms/SecretEditor.h"

#include "common/MessageBox.h"

#include <QColor>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QRandomGenerator>
#include <QVBoxLayout>

namespace saltant {

SecretEditor::SecretEditor(const SecretSpec& spec, SecretStore* store, QWidget* parent)
    : QWidget(parent), m_spec(spec), m_store(store)
{
    const QString label = spec.displayLabel();
    setObjectName(objectNameFor(spec.name));
    setAccessibleName(label);

    // Which secret this is, visibly: a section can hold several (Deploy target: passphrase, password, sudo).
    auto* title = new QLabel(label, this);
    title->setObjectName(part("_title"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    title->setToolTip(spec.displayHelp());

    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(part("_state"));
    m_stateLabel->setWordWrap(true);
    m_stateLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stateLabel->setAccessibleName(tr("%1: state").arg(label));

    m_value = new QLineEdit(this);
    m_value->setObjectName(part("_value"));
    m_value->setEchoMode(QLineEdit::Password);
    m_value->setClearButtonEnabled(true);
    m_value->setPlaceholderText(tr("New value"));
    m_value->setAccessibleName(tr("%1: new value").arg(label));
    m_value->setToolTip(spec.displayHelp());

    m_save = new QPushButton(this);
    m_save->setObjectName(part("_save"));
    m_clear = new QPushButton(tr("Clear…"), this);
    m_clear->setObjectName(part("_clear"));
    m_clear->setAccessibleName(tr("Clear %1").arg(label));
    m_generate = new QPushButton(tr("Generate"), this);
    m_generate->setObjectName(part("_generate"));
    m_generate->setAccessibleName(tr("Generate %1").arg(label));
    m_generate->setToolTip(tr("Fill in %1 random characters from %2.").arg(GeneratedLength).arg(generatorAlphabet()));

    m_generated = new QLabel(this);
    m_generated->setObjectName(part("_generated"));
    m_generated->setWordWrap(true);
    m_generated->hide();

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_value, 1);
    row->addWidget(m_save);
    row->addWidget(m_generate);
    row->addWidget(m_clear);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* heading = new QHBoxLayout;
    heading->setContentsMargins(0, 0, 0, 0);
    heading->addWidget(title);
    heading->addWidget(m_stateLabel, 1);
    layout->addLayout(heading);
    layout->addLayout(row);
    layout->addWidget(m_generated);

    connect(m_save, &QPushButton::clicked, this, &SecretEditor::save);
    connect(m_value, &QLineEdit::returnPressed, this, &SecretEditor::save);
    connect(m_value, &QLineEdit::textEdited, this, [this]() {
        m_generated->hide();
        updateButtons();
    });
    connect(m_clear, &QPushButton::clicked, this, &SecretEditor::clear);
    connect(m_generate, &QPushButton::clicked, this, &SecretEditor::generate);
    if (m_store) {
        connect(m_store, &SecretStore::finished, this, &SecretEditor::onFinished);
        connect(m_store, &SecretStore::stateChanged, this, [this](const QString& changed, bool isStored) {
            // Another editor of the same store (or a second window) changed it.
            if (changed == m_spec.name && m_pending == 0) {
                setState(isStored ? State::Stored : State::NotStored);
            }
        });
    }
    setState(State::Unknown);
}

QString SecretEditor::objectNameFor(const QString& name)
{
    QString id = name;
    id.replace(QLatin1Char('.'), QLatin1Char('_'));
    return QStringLiteral("secret_") + id;
}

QString SecretEditor::generatorAlphabet()
{
    return QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~");
}

QString SecretEditor::generateValue(int length)
{
    const QString alphabet = generatorAlphabet();
    QString value;
    value.reserve(length);
    QRandomGenerator* random = QRandomGenerator::system();
    for (int i = 0; i < length; ++i) {
        value += alphabet.at(int(random->bounded(quint32(alphabet.size()))));
    }
    return value;
}

void SecretEditor::refresh()
{
    if (!m_store) {
        return;
    }
    setState(State::Busy);
    m_pending = m_store->probe(m_spec.name);
}

void SecretEditor::save()
{
    if (!m_store || m_value->text().isEmpty() || m_pending != 0) {
        return;
    }
    // Refused values stay in the field with the reason, so the admin can correct them.
    QString problem;
    if (!SecretStore::checkValue(m_spec.name, m_value->text(), &problem)) {
        m_error = problem;
        setState(State::Failed);
        emit failed(m_spec.name, m_error);
        return;
    }
    QString value = m_value->text();
    m_value->clear();
    m_generated->hide();
    setState(State::Busy);
    m_pending = m_store->write(m_spec.name, value);
    value.fill(QChar(0));
}

void SecretEditor::clear()
{
    if (!m_store || m_pending != 0) {
        return;
    }
    const QString label = m_spec.displayLabel();
    const QMessageBox::StandardButton answer = MessageBox::question(
        this, tr("Clear %1").arg(label),
        tr("Remove the %1 of this project from the keychain? Deploys that need it will ask for it again.").arg(label),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
        return;
    }
    setState(State::Busy);
    m_pending = m_store->remove(m_spec.name);
}

void SecretEditor::generate()
{
    m_value->setText(generateValue());
    m_generated->setText(tr("Generated %1 random characters from %2 (safe in URLs and every generated file). "
                            "Not stored yet: press %3.")
                             .arg(GeneratedLength)
                             .arg(generatorAlphabet(), m_save->text()));
    m_generated->show();
    updateButtons();
}

void SecretEditor::onFinished(const SecretResult& result)
{
    if (result.requestId != m_pending || m_pending == 0) {
        return;
    }
    m_pending = 0;
    if (!result.ok) {
        m_error = result.errorMessage;
        setState(State::Failed);
        emit failed(m_spec.name, m_error);
        return;
    }
    m_error.clear();
    setState(result.stored ? State::Stored : State::NotStored);
    if (result.operation == SecretOperation::Write || result.operation == SecretOperation::Remove) {
        emit stored(m_spec.name, result.stored);
    }
}

void SecretEditor::setState(State state)
{
    m_state = state;
    if (state == State::Stored || state == State::NotStored) {
        m_lastKnown = state;
    }
    switch (state) {
    case State::Unknown:
        m_stateLabel->setText(tr("Not checked yet"));
        break;
    case State::Busy:
        m_stateLabel->setText(tr("Talking to the keychain…"));
        break;
    case State::Stored:
        m_stateLabel->setText(tr("Stored in the keychain"));
        break;
    case State::NotStored:
        m_stateLabel->setText(tr("Not stored"));
        break;
    case State::Failed:
        m_stateLabel->setText(m_error);
        break;
    }
    QPalette palette = m_stateLabel->palette();
    palette.setColor(QPalette::WindowText,
                     state == State::Failed ? QColor(0xc0, 0x1c, 0x28) : this->palette().color(QPalette::WindowText));
    m_stateLabel->setPalette(palette);
    updateButtons();
}

void SecretEditor::updateButtons()
{
    const bool busy = m_state == State::Busy;
    const bool stored = m_lastKnown == State::Stored;
    const QString label = m_spec.displayLabel();
    m_save->setText(stored ? tr("Replace") : tr("Set"));
    m_save->setAccessibleName((stored ? tr("Replace %1") : tr("Set %1")).arg(label));
    m_save->setEnabled(!busy && m_store && !m_value->text().isEmpty());
    m_clear->setEnabled(!busy && m_store && m_lastKnown != State::NotStored);
    m_generate->setEnabled(!busy && m_store);
    m_value->setEnabled(!busy && m_store);
}

QString SecretEditor::part(const char* suffix) const
{
    return objectNameFor(m_spec.name) + QLatin1String(suffix);
}

} // namespace saltant
