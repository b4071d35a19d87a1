#pragma once

#include "generate/DeployStep.h"
#include "generate/GeneratedFile.h"
#include "model/Project.h"
#include "model/ReadLog.h"

#include <QList>
#include <array>
#include <functional>
#include <optional>
#include <vector>

namespace saltant {

// What the last render of one host computed, kept piece by piece with the settings each piece read (ReadLog), so
// the next render after an edit recomputes only the pieces that read a changed setting: a field's validation, a
// generator's file and the parts of it the generator names (GenerateContext::part()), a section of the deploy steps
// and its text in the steps preview. Renderer::render(project, cache) uses it; the GUI keeps one per host and
// renders through it after every keystroke. Anything else a piece may depend on (the worker hosts, the host's name,
// the project id, the language) clears the whole cache when it changes.
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
        CertificateAccess, // the reader group's steps: they name the certificate's paths (the domain)
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
        quint64 readsFilter = 0; // ReadLog::filter() of reads
        T value;
    };
    struct GeneratorOutput
    {
        bool enabled = false;
        GeneratedFile file;
    };
    // A named part of a generator's text: its reads are also the generator's, so it is valid while the generator's
    // file is kept.
    struct Part
    {
        const char* id;
        Entry<QString> text;
    };
    // A section's steps as the preview lists them; written again when the steps were computed again or the phase
    // of the step before them changed (a phase's title goes before its first step).
    struct SectionText
    {
        quint64 written = 0; // the pass that last wrote or kept it; 0: never
        std::optional<StepPhase> before;
        QString text;
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
    std::vector<Entry<QString>> m_fields; // by index in Schema::fields()
    std::vector<Entry<GeneratorOutput>> m_generators;
    std::vector<std::vector<Part>> m_generatorParts; // by generator, as m_generators
    std::array<Entry<QList<DeployStep>>, static_cast<int>(StepSection::Count)> m_sections;
    QList<FileShape> m_fileShapes;
    std::array<SectionText, static_cast<int>(StepSection::Count)> m_sectionTexts;
    int m_recomputed = 0;
};

} // namespace saltant
