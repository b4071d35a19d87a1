#include "document/ProjectAnalyzer.h"

#include "document/ProjectDocument.h"

namespace saltant {

ProjectAnalyzer::ProjectAnalyzer(ProjectDocument* document, QObject* parent) : QObject(parent), m_document(document)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &ProjectAnalyzer::refreshNow);
    connect(document, &ProjectDocument::changed, this, &ProjectAnalyzer::schedule);
    connect(document, &ProjectDocument::reset, this, &ProjectAnalyzer::schedule);
    schedule(); // the first analysis, unless refreshNow() comes first
}

void ProjectAnalyzer::setSecretsSet(const QSet<QString>& names)
{
    if (names != m_secretsSet) {
        m_secretsSet = names;
        schedule();
    }
}

void ProjectAnalyzer::schedule()
{
    if (!m_timer.isActive()) {
        m_timer.start();
    }
}

void ProjectAnalyzer::refreshNow()
{
    m_timer.stop();
    const Project& project = m_document->project();
    m_result = Renderer::render(project);
    if (m_result.ok()) {
        m_goodFiles = m_result.files;
    }
    // Rendered without secrets, so its problems are exactly the project's validate() problems: no second validation.
    m_issues = Linter::run(LintContext{project, m_secretsSet, nullptr}, m_result.problems);
    emit updated();
}

int ProjectAnalyzer::count(Severity severity) const
{
    return static_cast<int>(std::count_if(m_issues.cbegin(), m_issues.cend(),
                                          [severity](const LintIssue& i) { return i.severity == severity; }));
}

} // namespace saltant
