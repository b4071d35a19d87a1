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
// takes well under a millisecond, so it never blocks typing.
class ProjectAnalyzer : public QObject
{
    Q_OBJECT

public:
    explicit ProjectAnalyzer(ProjectDocument* document, QObject* parent = nullptr);

    // Which secrets the keychain holds (for the missing-secret lints).
    void setSecretsSet(const QSet<QString>& names);

    // Runs now rather than on the next turn of the event loop.
    void refreshNow();

    const RenderResult& lastResult() const { return m_result; }
    // The files of the last render that succeeded (kept while the project is invalid).
    const QList<GeneratedFile>& lastGoodFiles() const { return m_goodFiles; }
    const QList<LintIssue>& issues() const { return m_issues; }
    int count(Severity severity) const;

signals:
    void updated();

private:
    void schedule();

    ProjectDocument* m_document;
    QTimer m_timer;
    QSet<QString> m_secretsSet;
    RenderResult m_result;
    QList<GeneratedFile> m_goodFiles;
    QList<LintIssue> m_issues;
};

} // namespace saltant
