#pragma once

#include "generate/RenderCache.h"

namespace saltant {

class GenerateContext;

// One render through a cache (or none): what changed since the cache's last render, and the memo each piece goes
// through. Without a cache every piece is simply computed.
class RenderPass
{
public:
    RenderPass(RenderCache* cache, const Project& project);
    ~RenderPass();
    RenderPass(const RenderPass&) = delete;
    RenderPass& operator=(const RenderPass&) = delete;

    // Each field's problem (Project::validateField()), the non-empty ones in schema order, for Project::validate().
    QList<FieldProblem> fieldProblems(const Project& project);
    // Generator index among Renderer::generators() (or workerGenerators()).
    bool generate(int index, const std::function<bool()>& enabled, const std::function<GeneratedFile()>& generate,
                  GeneratedFile* file);
    // A part of the text of the generator generate() is running (GenerateContext::part()); outside a generator,
    // or without a cache, simply compute().
    QString part(const char* id, const std::function<QString()>& compute);
    // Tells the file-dependent sections what the files are now; call before the step sections.
    void setFiles(const QList<GeneratedFile>& files);
    QList<DeployStep> section(RenderCache::StepSection section, const std::function<QList<DeployStep>()>& build);
    // The steps preview (DeployStepsGenerator) of steps, the sections this pass returned in order: only the text of
    // a section computed again (or whose preceding phase changed) is written again.
    GeneratedFile stepsPreview(const GenerateContext& context, const QList<DeployStep>& steps);

private:
    template<typename T, typename F>
    const T& remember(RenderCache::Entry<T>& entry, bool inputsChanged, F compute);
    bool readsChanged(const ReadLog::Keys& reads) const;

    RenderCache* m_cache;
    QList<SettingKey> m_changed;
    quint64 m_changedFilter = 0; // ReadLog::filterOf() each of m_changed
    bool m_filesChanged = true;
    std::vector<RenderCache::Part>* m_parts = nullptr; // of the generator generate() is running
    std::vector<RenderCache::StepSection> m_sections;  // as section() was called
    std::vector<bool> m_sectionComputed;               // by section: computed again in this pass
};

} // namespace saltant
