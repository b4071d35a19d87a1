#pragma once

#include "generate/Renderer.h"
#include "lint/Lint.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace saltant {

class ProjectDocument;

// Regenerates every file and re-runs the lints after each change of the document. Changes are coalesced with a
// 0-ms single-shot timer, so a burst of keystrokes renders once, after the event loop has caught up; rendering
// takes well under a millisecond, so it never blocks typing. Only what changed renders again: the server's files
// after a change of its settings (or a new project), a worker host's files when the settings in effect on it
// changed; a change of worker hosts alone validates the project again but keeps the server's files.
class ProjectAnalyzer : public QObject
{
    Q_OBJECT

public:
    // One worker host's files (Renderer::render(project.forWorker(name))), kept from its last good render while
    // the settings in effect on it are invalid (problems then says why).
    struct WorkerFiles
    {
        QString name;
        QList<GeneratedFile> files;
        QList<FieldProblem> problems;
        Project effective; // what files were rendered from
    };

    explicit ProjectAnalyzer(ProjectDocument* document, QObject* parent = nullptr);

    // Which secrets the keychain holds (for the missing-secret lints).
    void setSecretsSet(const QSet<QString>& names);

    // Runs now rather than on the next turn of the event loop.
    void refreshNow();
    // While held, changes are only noted; release() analyses once if anything changed meanwhile. The window holds
    // the first analysis until it has been painted, so the forms show before the preview is shaped.
    void hold();
    void release();

    // The server's files and every problem of the project (worker hosts' included: a problem of a host alone does
    // not keep the server's files from being generated).
    const RenderResult& lastResult() const { return m_result; }
    // The problems that keep the server's own files from being generated (those of no worker host).
    const QList<FieldProblem>& serverProblems() const { return m_serverProblems; }
    // The server's files of the last render that succeeded (kept while the project is invalid).
    const QList<GeneratedFile>& lastGoodFiles() const { return m_goodFiles; }
    // Every worker host's files, in the project's order.
    const QList<WorkerFiles>& workerFiles() const { return m_workers; }
    const QList<LintIssue>& issues() const { return m_issues; }
    int count(Severity severity) const;

signals:
    void updated();

private:
    void schedule();
    void renderServer(const Project& project);
    void renderWorkers(const Project& project);

    ProjectDocument* m_document;
    QTimer m_timer;
    QSet<QString> m_secretsSet;
    RenderResult m_result;
    QList<FieldProblem> m_serverProblems;
    QList<GeneratedFile> m_goodFiles;
    QList<WorkerFiles> m_workers;
    // What the last render of each host computed: a keystroke recomputes only the pieces that read the edited
    // setting. The server's own files (without its worker hosts) have a cache of their own.
    RenderCache m_serverCache;
    RenderCache m_ownCache;
    QHash<QString, RenderCache> m_workerCaches;
    bool m_serverChanged = true;
    bool m_held = false;
    bool m_pending = false;
    QList<LintIssue> m_issues;
};

} // namespace saltant
