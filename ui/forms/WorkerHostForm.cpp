#include "forms/WorkerHostForm.h"

#include "document/WorkerHostKey.h"
#include "forms/FieldEditor.h"
#include "model/Schema.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace saltant {

WorkerHostForm::WorkerHostForm(QWidget* parent) : QWidget(parent), m_title(new QLabel(this))
{
    setObjectName(QStringLiteral("workerHostForm"));
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    m_title->setObjectName(QStringLiteral("workerHostTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    column->addWidget(m_title);
    auto* hint = new QLabel(tr("Greyed values are shared (the web server's SSH settings, the worker settings above, "
                               "the worker directories of Django settings); type to give this host its own."),
                            this);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    column->addWidget(hint);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    for (const FieldSpec* spec : hostFields()) {
        auto* row = new QWidget(this);
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        auto* editor = new FieldEditor(*spec, row, QStringLiteral("host_"));
        rowLayout->addWidget(editor, 1);
        auto* useShared = new QToolButton(row);
        useShared->setObjectName(QStringLiteral("host_useShared_") + FieldEditor::objectNameFor(spec->key).mid(6));
        useShared->setText(tr("Use shared value"));
        useShared->setAccessibleName(tr("Use the shared %1").arg(editor->label()));
        useShared->setToolTip(tr("This host follows the shared value again"));
        rowLayout->addWidget(useShared, 0, Qt::AlignTop);
        m_editors << editor;
        m_byKey.insert(spec->key, editor);
        m_useShared.insert(spec->key, useShared);
        connect(editor, &FieldEditor::edited, this, &WorkerHostForm::edited);
        connect(editor, &FieldEditor::editingFinished, this, &WorkerHostForm::editingFinished);
        connect(useShared, &QToolButton::clicked, this,
                [this, key = QString(spec->key)] { emit useSharedRequested(key); });
        if (editor->usesOwnLabel()) {
            form->addRow(QString(), row);
        } else {
            auto* label = new QLabel(editor->label() + QLatin1Char(':'), this);
            label->setBuddy(editor->input());
            form->addRow(label, row);
        }
    }
    column->addLayout(form);
}

QList<const FieldSpec*> WorkerHostForm::hostFields()
{
    // Where to reach the host first, then how its worker runs, then its directories.
    QList<const FieldSpec*> fields;
    for (const char* group : {"ssh.", "workers.", "worker."}) {
        for (const FieldSpec& spec : Schema::fields()) {
            if (WorkerHost::isOverridable(spec.key) && spec.key.name().startsWith(QLatin1String(group))) {
                fields << &spec;
            }
        }
    }
    return fields;
}

void WorkerHostForm::loadEditor(FieldEditor* editor, const Project& effective, const WorkerHost& host)
{
    const bool own = host.overrides.contains(editor->key());
    editor->load(effective);
    const QString section = editor->spec().section;
    const QString hint = own ? tr("%1's own value.").arg(host.name)
                         : section == QLatin1String("workers")
                             ? tr("Shared by every worker host; type to set %1's own.").arg(host.name)
                             : tr("Same as the web server's; type to set %1's own.").arg(host.name);
    editor->setShared(!own, hint);
    m_useShared.value(editor->key())->setVisible(own);
}

void WorkerHostForm::load(const Project& project, const QString& host)
{
    m_host = host;
    const WorkerHost* worker = project.worker(host);
    setVisible(worker != nullptr);
    if (!worker) {
        return;
    }
    m_title->setText(tr("Settings of %1").arg(host));
    const Project effective = project.forWorker(host);
    for (FieldEditor* editor : std::as_const(m_editors)) {
        loadEditor(editor, effective, *worker);
    }
    setIssues(m_issues);
}

void WorkerHostForm::reload(const Project& project, const QString& key)
{
    const WorkerHost* worker = project.worker(m_host);
    if (!worker) {
        return;
    }
    const Project effective = project.forWorker(m_host);
    for (FieldEditor* editor : std::as_const(m_editors)) {
        if (editor->key() == key || editor->followsChangedSetting(effective)) {
            loadEditor(editor, effective, *worker);
        }
    }
}

void WorkerHostForm::setIssues(const QList<LintIssue>& issues)
{
    m_issues = issues;
    QHash<QString, const LintIssue*> first;
    for (const LintIssue& issue : issues) {
        QString host;
        QString setting;
        if (WorkerHostKey::split(issue.field, &host, &setting) && host == m_host && !first.contains(setting)) {
            first.insert(setting, &issue);
        }
    }
    for (FieldEditor* editor : std::as_const(m_editors)) {
        const LintIssue* issue = first.value(editor->key());
        editor->setIssue(issue ? issue->message : QString(), issue ? issue->severity : Severity::Info);
    }
}

} // namespace saltant
