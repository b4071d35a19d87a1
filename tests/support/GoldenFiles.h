#pragma once

#include "generate/Renderer.h"
#include "model/Project.h"

#include <QString>
#include <QStringList>

namespace saltant {

// Golden-file cases under tests/data/golden/<case>/: a project.saltant.json, one expected file per generated file
// (named by file id plus an extension for its format: dotenv.env, nginx-site.conf, deploy-steps.sh, ...) and a
// manifest.txt (id, remote path, mode, owner:group, symlinks of every file). Cases render without secrets, so
// every secret shows as its <secret:NAME> placeholder and no golden file ever holds one.
//
// To accept a deliberate change of a generator, run the tests with SALTANT_UPDATE_GOLDEN=1 in the environment:
// every comparison then rewrites its expected file (and removes the files a case no longer produces) instead of
// failing. Review the resulting `git diff tests/data/golden` by eye before committing it: a snapshot of a bug is
// worthless.
class GoldenFiles
{
public:
    explicit GoldenFiles(const QString& root);

    static bool updateRequested();
    // The golden project with worker hosts (tests/data/golden-workers/fleet); aborts the test when it does not load.
    static Project fleetProject();
    // The expected file's name for a generated file: its id plus the format's extension.
    static QString expectedFileName(const GeneratedFile& file);
    static QString manifest(const QList<GeneratedFile>& files);
    // A line diff of expected against actual (lines prefixed "-", "+" or " "), with up to `context` unchanged
    // lines around each change; empty when they are equal.
    static QString lineDiff(const QString& expected, const QString& actual, int context = 3);

    QString root() const { return m_root; }
    QStringList cases() const;
    QString casePath(const QString& caseName) const;

    bool loadProject(const QString& caseName, Project* project, QString* error) const;
    // Loads and renders the case without secrets.
    bool render(const QString& caseName, RenderResult* result, QString* error) const;
    // The rendered file with that id; false (and error) when the case does not render or lacks the file.
    bool renderedFile(const QString& caseName, const QString& id, GeneratedFile* file, QString* error) const;

    // Compares actual with the case's expected file `fileName`; in update mode writes it instead. On a mismatch
    // returns false with a message holding the diff.
    bool compare(const QString& caseName, const QString& fileName, const QString& actual, QString* message) const;
    // The whole golden check of one generated file in one case: the file is rendered exactly when the case has
    // an expected file for it, and then equals it. In update mode it writes or removes the expected file.
    bool verifyFile(const QString& caseName, const QString& id, QString* message) const;

    // Adds a "caseName" QString column and one row per case (for a test's _data() function); with an id, only
    // the cases that have an expected file for it (verifyFile() checks that this is exactly where it is rendered).
    void addCaseRows(const QString& id = QString()) const;

private:
    QString m_root;
};

} // namespace saltant
