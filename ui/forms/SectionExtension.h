#pragma once

#include "lint/Lint.h"

#include <QWidget>

namespace saltant {

// What a section shows below the fields the schema gives it (the Worker hosts section: its list of hosts). The page
// passes on the issues and the jumps to settings it does not have itself.
class SectionExtension : public QWidget
{
public:
    using QWidget::QWidget;

    // Every issue of the project, most severe first; the extension shows those about what it edits.
    virtual void setIssues(const QList<LintIssue>& issues) = 0;
    // Shows what key (a key none of the section's fields has) names and returns the widget to focus; nullptr when
    // it names nothing here.
    virtual QWidget* focusTarget(const QString& key) = 0;
};

} // namespace saltant
