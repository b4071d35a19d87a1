#include "document/ProjectAnalyzer.h"

#include "document/ProjectDocument.h"
#include "document/WorkerHostKey.h"

#include <algorithm>

namespace saltant {

ProjectAnalyzer::ProjectAnalyzer(ProjectDocument* document, QObject* parent) : QObject(parent), m_document(document)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &ProjectAnalyzer::refreshNow);
    const auto serverChanged = [this] {
        m_serverChanged = true;
        schedule();
    };
    connect(document, &ProjectDocument::changed, this, serverChanged);
    connect(document, &ProjectDocument::reset, this, serverChanged);
    connect(document, &ProjectDocument::workersChanged, this, &ProjectAnalyzer::schedule);
    connect(document, &ProjectDocument::workerChanged, this, &ProjectAnalyzer::schedule);
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
    if (m_held) {
        m_pending = true;
    } else if (!m_timer.isActive()) {
        m_timer.start();
    }
}

void ProjectAnalyzer::hold()
{
    m_held = true;
    if (m_timer.isActive()) {
        m_timer.stop();
        m_pending = true;
    }
}

void ProjectAnalyzer::release()
{
    m_held = false;
    if (m_pending) {
        refreshNow();
    }
}

void ProjectAnalyzer::refreshNow()
{
    m_timer.stop();
    m_pending = false;
    const Project& project = m_document->project();
    if (m_serverChanged) {
        renderServer(project);
    } else {
        // Only worker hosts (or the secrets known) changed: the server's files are the same, the problems may not be.
        m_result.problems = project.validate();
    }
    m_serverChanged = false;
    m_serverProblems.clear();
    for (const FieldProblem& problem : std::as_const(m_result.problems)) {
        if (!WorkerHostKey::split(problem.key, nullptr)) {
            m_serverProblems.append(problem);
        }
    }
    renderWorkers(project);
    // Rendered without secrets, so its problems are exactly the project's validate() problems: no second validation.
    m_issues = Linter::run(LintContext{project, m_secretsSet, nullptr}, m_result.problems);
    emit updated();
}

void ProjectAnalyzer::renderServer(const Project& project)
{
    m_result = Renderer::render(project, &m_serverCache); // validates the worker hosts too
    const bool hostProblemsOnly =
        !m_result.ok() && std::all_of(m_result.problems.cbegin(), m_result.problems.cend(),
                                      [](const FieldProblem& p) { return WorkerHostKey::split(p.key, nullptr); });
    if (hostProblemsOnly) {
        // A host's problem is shown at the host; the server's own files are valid. Only this case renders twice.
        const RenderResult own = Renderer::render(project.withoutWorkers(), &m_ownCache);
        m_result.files = own.files;
        m_result.masked = own.masked;
        m_result.steps = own.steps;
    }
    if (m_result.ok() || hostProblemsOnly) {
        m_goodFiles = m_result.files;
    }
}

void ProjectAnalyzer::renderWorkers(const Project& project)
{
    QList<WorkerFiles> next;
    for (const WorkerHost& host : project.workers()) {
        WorkerFiles worker;
        worker.name = host.name;
        worker.effective = project.forWorker(host.name);
        const auto previous = std::find_if(m_workers.cbegin(), m_workers.cend(),
                                           [&](const WorkerFiles& w) { return w.name == host.name; });
        if (previous != m_workers.cend() && previous->effective == worker.effective) {
            next.append(*previous); // nothing in effect on this host changed: no render
            continue;
        }
        const RenderResult result = Renderer::render(worker.effective, &m_workerCaches[host.name]);
        worker.problems = result.problems;
        if (result.ok()) {
            worker.files = result.files;
        } else if (previous != m_workers.cend()) {
            worker.files = previous->files;
        }
        next.append(worker);
    }
    m_workers = next;
    for (auto it = m_workerCaches.begin(); it != m_workerCaches.end();) {
        it = project.worker(it.key()) ? std::next(it) : m_workerCaches.erase(it);
    }
}

int ProjectAnalyzer::count(Severity severity) const
{
    return static_cast<int>(std::count_if(m_issues.cbegin(), m_issues.cend(),
                                          [severity](const LintIssue& i) { return i.severity == severity; }));
}

} // namespace saltant
