#pragma once

#include "lint/Lint.h"

#include <QDockWidget>
#include <QList>

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace saltant {

// The Problems dock: every lint issue with its severity, message and setting. Double-click (or Enter) jumps to the
// setting; "Fix" applies the selected issue's quick fix.
class ProblemsPanel : public QDockWidget
{
    Q_OBJECT

public:
    explicit ProblemsPanel(QWidget* parent = nullptr);

    void setIssues(const QList<LintIssue>& issues);
    QList<LintIssue> issues() const { return m_issues; }
    QTreeWidget* list() const { return m_list; }
    // Selects the first issue about field (or with ruleId when given); false when there is none.
    bool selectIssue(const QString& field, const QString& ruleId = QString());

    // The label of a setting or secret, as the panel shows it.
    static QString fieldLabel(const QString& field);

signals:
    void activated(const QString& field);
    void fixRequested(const LintFix& fix);

private:
    const LintIssue* currentIssue() const;
    void updateFixButton();

    QTreeWidget* m_list;
    QPushButton* m_fix;
    QList<LintIssue> m_issues;
};

} // namespace saltant
