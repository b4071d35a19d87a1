#pragma once

#include "generate/RenderCache.h"

namespace saltant {

// One render through a cache (or none): what changed since the cache's last render, and the memo each piece goes
// through. Without a cache every piece is simply computed.
class RenderPass
{
public:
    RenderPass(RenderCache* cache, const Project& project);
    ~RenderPass();
    RenderPass(const RenderPass&) = delete;
    RenderPass& operator=(const RenderPass&) = delete;

    QString fieldProblem(const Project& project, SettingKey key);
    // Generator index among Renderer::generators() (or workerGenerators()).
    bool generate(int index, const std::function<bool()>& enabled, const std::function<GeneratedFile()>& generate,
                  GeneratedFile* file);
    // Tells the file-dependent sections what the files are now; call before the step sections.
    void setFiles(const QList<GeneratedFile>& files);
    QList<DeployStep> section(RenderCache::StepSection section, const std::function<QList<DeployStep>()>& build);
    GeneratedFile stepsPreview(const std::function<GeneratedFile()>& generate);

private:
    template<typename T, typename F>
    const T& remember(RenderCache::Entry<T>& entry, bool inputsChanged, F compute);
    bool readsChanged(const ReadLog::Keys& reads) const;

    RenderCache* m_cache;
    ReadLog::Keys m_changed;
    bool m_filesChanged = true;
    bool m_stepsChanged = false;
};

} // namespace saltant
