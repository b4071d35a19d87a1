#include "forms/SectionPage.h"

#include "forms/BrandingPicker.h"
#include "forms/FieldEditor.h"
#include "forms/SectionExtension.h"
#include "model/Project.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace saltant {

SectionPage::SectionPage(const SectionSpec& section, const SecretWidgetFactory& secretFactory, QWidget* parent)
    : QScrollArea(parent), m_sectionId(section.id), m_section(section), m_secretFactory(secretFactory)
{
    setObjectName(QStringLiteral("page_") + section.id);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
}

template<typename Hint>
QSize SectionPage::keptHint(QSize& kept, const Hint& hint) const
{
    if (m_form) {
        return hint();
    }
    if (!kept.isValid()) {
        kept = hint();
    }
    return kept;
}

QSize SectionPage::sizeHint() const
{
    return keptHint(m_shellSizeHint, [this] { return QScrollArea::sizeHint(); });
}

QSize SectionPage::minimumSizeHint() const
{
    return keptHint(m_shellMinimumSizeHint, [this] { return QScrollArea::minimumSizeHint(); });
}

void SectionPage::changeEvent(QEvent* event)
{
    QScrollArea::changeEvent(event);
    if (event->type() == QEvent::StyleChange || event->type() == QEvent::FontChange) {
        m_shellSizeHint = QSize();
        m_shellMinimumSizeHint = QSize();
    }
}

void SectionPage::ensureBuilt()
{
    if (m_form) {
        return;
    }
    auto* content = new QWidget(this);
    m_form = content;
    content->setObjectName(QStringLiteral("pageContent_") + m_sectionId);
    auto* column = new QVBoxLayout(content);
    column->setContentsMargins(16, 12, 16, 16);

    auto* heading = new QLabel(title(), content);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.35);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    column->addWidget(heading);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    for (const FieldSpec* spec : Schema::fieldsOfSection(m_sectionId)) {
        auto* editor = new FieldEditor(*spec, content);
        m_editors << editor;
        m_byKey.insert(spec->key, editor);
        connect(editor, &FieldEditor::edited, this, &SectionPage::edited);
        connect(editor, &FieldEditor::editingFinished, this, &SectionPage::editingFinished);
        if (editor->usesOwnLabel()) {
            form->addRow(QString(), editor);
        } else {
            auto* label = new QLabel(editor->label() + QLatin1Char(':'), content);
            label->setBuddy(editor->input());
            label->setToolTip(editor->input()->toolTip());
            form->addRow(label, editor);
        }
        if (spec->preview != ImagePreview::None) {
            auto* picker = new BrandingPicker(spec->key, spec->preview == ImagePreview::SquarePng, content);
            m_pickers.insert(spec->key, picker);
            form->addRow(QString(), picker);
        }
    }
    column->addLayout(form);

    if (!Schema::secretsOfSection(m_sectionId).isEmpty()) {
        auto* box = new QGroupBox(tr("Secrets (kept in the keychain, never in the project file)"), content);
        box->setObjectName(QStringLiteral("secrets_") + m_sectionId);
        new QVBoxLayout(box);
        m_secretsBox = box;
        buildSecrets(m_secretFactory);
        column->addWidget(box);
    }
    if (m_extensionFactory) {
        m_extension = m_extensionFactory(content);
        column->addWidget(m_extension);
    }
    column->addStretch(1);
    setWidget(content);

    if (m_loaded) {
        load(m_project);
        m_project = Project();
    }
    setIssues(m_issues);
    setSecretStates(m_secretStateValues);
    emit built();
}

QString SectionPage::title() const
{
    return m_section.displayTitle();
}

void SectionPage::setSecretWidgetFactory(const SecretWidgetFactory& factory)
{
    m_secretFactory = factory;
    if (m_secretsBox) {
        buildSecrets(factory);
    }
}

void SectionPage::buildSecrets(const SecretWidgetFactory& factory)
{
    qDeleteAll(m_secretWidgets);
    m_secretWidgets.clear();
    m_secretStates.clear();
    for (const SecretSpec* secret : Schema::secretsOfSection(m_sectionId)) {
        QWidget* widget = factory ? factory(*secret, m_secretsBox) : defaultSecretRow(*secret, m_secretsBox);
        m_secretWidgets.insert(secret->name, widget);
        m_secretsBox->layout()->addWidget(widget);
    }
}

QWidget* SectionPage::defaultSecretRow(const SecretSpec& secret, QWidget* parent)
{
    auto* row = new QWidget(parent);
    QString name = secret.name;
    row->setObjectName(QStringLiteral("secret_") + name.replace(QLatin1Char('.'), QLatin1Char('_')));
    row->setFocusPolicy(Qt::StrongFocus);
    const QString label = secret.displayLabel();
    row->setAccessibleName(label);
    row->setToolTip(secret.displayHelp());
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(label, row), 1);
    auto* state = new QLabel(row);
    m_secretStates.insert(secret.name, state);
    layout->addWidget(state);
    return row;
}

void SectionPage::setSecretStates(const QHash<QString, int>& states)
{
    m_secretStateValues = states;
    for (auto it = m_secretStates.constBegin(); it != m_secretStates.constEnd(); ++it) {
        const int state = states.value(it.key(), -1);
        it.value()->setText(state == 1   ? tr("Stored")
                            : state == 0 ? tr("Not stored")
                                         : tr("Unknown (keychain unavailable)"));
    }
}

void SectionPage::load(const Project& project)
{
    if (!m_form) {
        m_project = project;
        m_loaded = true;
        return;
    }
    for (FieldEditor* editor : std::as_const(m_editors)) {
        editor->load(project);
    }
    for (auto it = m_pickers.constBegin(); it != m_pickers.constEnd(); ++it) {
        if (const std::optional<SettingKey> setting = SettingKey::parse(it.key())) {
            it.value()->setPath(project.text(*setting));
        }
    }
}

void SectionPage::reload(const Project& project, const QString& key)
{
    if (!m_form) {
        m_project = project;
        m_loaded = true;
        return;
    }
    for (FieldEditor* editor : std::as_const(m_editors)) {
        if (editor->key() == key || editor->followsChangedSetting(project)) {
            editor->load(project);
        }
    }
    if (BrandingPicker* picker = m_pickers.value(key)) {
        if (const std::optional<SettingKey> setting = SettingKey::parse(key)) {
            picker->setPath(project.text(*setting));
        }
    }
}

void SectionPage::setIssues(const QList<LintIssue>& issues)
{
    m_issues = issues;
    QHash<QString, const LintIssue*> first;
    for (const LintIssue& issue : issues) {
        if (m_byKey.contains(issue.field) && !first.contains(issue.field)) {
            first.insert(issue.field, &issue);
        }
    }
    for (FieldEditor* editor : std::as_const(m_editors)) {
        const LintIssue* issue = first.value(editor->key());
        editor->setIssue(issue ? issue->message : QString(), issue ? issue->severity : Severity::Info);
    }
    if (m_extension) {
        m_extension->setIssues(issues);
    }
}

bool SectionPage::focusField(const QString& keyOrSecret)
{
    ensureBuilt();
    QWidget* target = nullptr;
    if (FieldEditor* editor = m_byKey.value(keyOrSecret)) {
        target = editor->input();
    } else {
        target = m_secretWidgets.value(keyOrSecret);
    }
    if (!target && m_extension) {
        target = m_extension->focusTarget(keyOrSecret);
    }
    if (!target) {
        return false;
    }
    ensureWidgetVisible(target);
    target->setFocus(Qt::OtherFocusReason);
    return true;
}

} // namespace saltant
