#pragma once

#include "generate/DeployStep.h"
#include "generate/GeneratedFile.h"
#include "model/Project.h"
#include "model/ReadLog.h"

#include <QHash>
#include <QList>
#include <array>
#include <functional>
#include <vector>

namespace saltant {

// What the last render of one host computed, kept piece by piece with the settings each piece read (ReadLog), so
// the next render after an edit recomputes only the pieces that read a changed setting: a field's validation, a
// generator's file, a section of the deploy steps, the steps preview. Renderer::render(project, cache) uses it;
// the GUI keeps one per host and renders through it after every keystroke. Anything else a piece may depend on
// (the worker hosts, the host's name, the project id, the language) clears the whole cache when it changes.
// Renders with secrets never use it. Not thread-safe: one cache per thread.
class RenderCache
{
public:
    // The parts of DeploySteps::build(), each kept on its own.
    enum class StepSection
    {
        Checks,
        Directories, // also depends on the files' paths
        Traverse,
        Acme,
        Files, // depends only on the files' paths, modes and owners
        Validate,
        Provision,
        Handlers,
        WorkerSteps, // a worker host's steps, one piece (also depends on its files)
        Count
    };

    // How many pieces the last render recomputed (tests and the benchmark check that an edit recomputes little).
    int recomputed() const { return m_recomputed; }
    void clear();

private:
    friend class RenderPass;

    template<typename T>
    struct Entry
    {
        quint64 seen = 0; // the pass that last computed or kept it; 0: never
        ReadLog::Keys reads;
        T value;
    };
    struct GeneratorOutput
    {
        bool enabled = false;
        GeneratedFile file;
    };
    // What the file-dependent step sections see of the files.
    struct FileShape
    {
        QString id;
        QString remotePath;
        int mode = 0;
        QString owner;
        QString group;
        bool previewOnly = false;
        QStringList symlinks;
        bool operator==(const FileShape& o) const
        {
            return id == o.id && remotePath == o.remotePath && mode == o.mode && owner == o.owner && group == o.group &&
                   previewOnly == o.previewOnly && symlinks == o.symlinks;
        }
    };

    // Render passes so far. A piece is kept only if the previous pass kept or computed it: the settings that changed
    // are known between two passes only (an invalid project skips the generators).
    quint64 m_pass = 0;
    bool m_hasProject = false;
    Project m_project;
    QString m_language;
    QHash<SettingKey, Entry<QString>> m_fields;
    std::vector<Entry<GeneratorOutput>> m_generators;
    std::array<Entry<QList<DeployStep>>, static_cast<int>(StepSection::Count)> m_sections;
    QList<FileShape> m_fileShapes;
    Entry<GeneratedFile> m_stepsPreview;
    int m_recomputed = 0;
};

} // namespace saltant
