#include "panels/ProblemsPanel.h"

#include "common/Icons.h"
#include "document/WorkerHostKey.h"
#include "model/Schema.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace saltant {
namespace {

enum Column
{
    MessageColumn,
    FieldColumn,
};

QString severityText(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return ProblemsPanel::tr("Error");
    case Severity::Warning:
        return ProblemsPanel::tr("Warning");
    case Severity::Info:
        break;
    }
    return ProblemsPanel::tr("Information");
}

} // namespace

ProblemsPanel::ProblemsPanel(QWidget* parent)
    : QDockWidget(tr("Problems"), parent), m_list(new QTreeWidget(this)), m_fix(new QPushButton(tr("&Fix"), this))
{
    setObjectName(QStringLiteral("problemsDock"));
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 2, 4, 4);
    layout->setSpacing(4);

    m_list->setObjectName(QStringLiteral("problemsList"));
    m_list->setAccessibleName(tr("Problems"));
    m_list->setRootIsDecorated(false);
    m_list->setWordWrap(true);
    m_list->setUniformRowHeights(false);
    m_list->setHeaderLabels({tr("Problem"), tr("Setting")});
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(FieldColumn, QHeaderView::Interactive);
    m_list->header()->resizeSection(FieldColumn, 200);
    // Enter, or a double-click on styles that do not activate items by double-click: both jump to the setting.
    const auto jump = [this](QTreeWidgetItem* item) {
        emit activated(m_issues.value(item->data(MessageColumn, Qt::UserRole).toInt()).field);
    };
    connect(m_list, &QTreeWidget::itemActivated, this, jump);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, jump);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &ProblemsPanel::updateFixButton);
    layout->addWidget(m_list, 1);

    auto* buttons = new QHBoxLayout;
    auto* hint = new QLabel(tr("Double-click a problem to go to its setting."), content);
    hint->setEnabled(false);
    buttons->addWidget(hint, 1);
    m_fix->setObjectName(QStringLiteral("problemsFix"));
    m_fix->setEnabled(false);
    connect(m_fix, &QPushButton::clicked, this, [this] {
        if (const LintIssue* issue = currentIssue(); issue && issue->fix) {
            emit fixRequested(*issue->fix);
        }
    });
    buttons->addWidget(m_fix);
    layout->addLayout(buttons);
    setWidget(content);
}

QString ProblemsPanel::fieldLabel(const QString& field)
{
    if (const FieldSpec* spec = Schema::field(field)) {
        return spec->displayLabel();
    }
    if (const SecretSpec* secret = Schema::secret(field)) {
        return secret->displayLabel();
    }
    QString host;
    QString setting;
    if (WorkerHostKey::split(field, &host, &setting)) {
        const FieldSpec* spec = Schema::field(setting);
        return spec ? tr("%1 of %2").arg(spec->displayLabel(), host) : tr("Worker host %1").arg(host);
    }
    return field;
}

void ProblemsPanel::setIssues(const QList<LintIssue>& issues)
{
    QString selectedRule;
    QString selectedField;
    if (const LintIssue* issue = currentIssue()) {
        selectedRule = issue->ruleId;
        selectedField = issue->field;
    }
    m_issues = issues;
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (int i = 0; i < issues.size(); ++i) {
            const LintIssue& issue = issues[i];
            auto* item = new QTreeWidgetItem(m_list);
            item->setData(MessageColumn, Qt::UserRole, i);
            item->setIcon(MessageColumn, Icons::severity(issue.severity, style()));
            item->setText(MessageColumn, issue.message);
            item->setToolTip(MessageColumn, severityText(issue.severity) + QStringLiteral(" (") + issue.ruleId +
                                                QStringLiteral("): ") + issue.message);
            item->setText(FieldColumn, fieldLabel(issue.field));
            item->setToolTip(FieldColumn, issue.field);
        }
    }
    if (!selectedRule.isEmpty()) {
        selectIssue(selectedField, selectedRule);
    }
    updateFixButton();
}

bool ProblemsPanel::selectIssue(const QString& field, const QString& ruleId)
{
    for (int i = 0; i < m_issues.size(); ++i) {
        if (m_issues[i].field == field && (ruleId.isEmpty() || m_issues[i].ruleId == ruleId)) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
            return true;
        }
    }
    return false;
}

const LintIssue* ProblemsPanel::currentIssue() const
{
    const QTreeWidgetItem* item = m_list->currentItem();
    if (!item) {
        return nullptr;
    }
    const int index = item->data(MessageColumn, Qt::UserRole).toInt();
    return index >= 0 && index < m_issues.size() ? &m_issues[index] : nullptr;
}

void ProblemsPanel::updateFixButton()
{
    const LintIssue* issue = currentIssue();
    const bool fixable = issue && issue->fix.has_value();
    m_fix->setEnabled(fixable);
    m_fix->setToolTip(fixable ? issue->fix->description : tr("The selected problem has no automatic fix."));
    m_fix->setText(fixable ? tr("&Fix: %1").arg(issue->fix->description) : tr("&Fix"));
}

} // namespace saltant
