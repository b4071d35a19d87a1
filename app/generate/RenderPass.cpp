#include "generate/RenderPass.h"

#include <QCoreApplication>
#include <algorithm>

namespace saltant {
namespace {

// A message of the steps preview every catalogue translates: when it reads differently, the language changed
// and every kept text is stale.
QString languageProbe()
{
    return QCoreApplication::translate("DeploySteps", "Check required programs");
}

// Everything a piece may read besides the settings.
bool sameOutsideSettings(const Project& a, const Project& b)
{
    return a.workers() == b.workers() && a.hostName() == b.hostName() && a.projectId() == b.projectId();
}

} // namespace

RenderPass::RenderPass(RenderCache* cache, const Project& project) : m_cache(cache)
{
    if (!m_cache) {
        return;
    }
    m_cache->m_recomputed = 0;
    ++m_cache->m_pass;
    const QString language = languageProbe();
    if (!m_cache->m_hasProject || language != m_cache->m_language ||
        !sameOutsideSettings(project, m_cache->m_project)) {
        m_cache->clear();
    } else {
        // Outside any ReadLog: comparing reads every setting.
        for (const FieldSpec& field : Schema::fields()) {
            if (project.stored(field.key) != m_cache->m_project.stored(field.key)) {
                m_changed.append(field.key);
            }
        }
    }
    m_cache->m_hasProject = true;
    m_cache->m_project = project;
    m_cache->m_language = language;
}

RenderPass::~RenderPass() = default;

bool RenderPass::readsChanged(const ReadLog::Keys& reads) const
{
    for (const SettingKey& key : m_changed) {
        if (std::find(reads.cbegin(), reads.cend(), key) != reads.cend()) {
            return true;
        }
    }
    return false;
}

template<typename T, typename F>
const T& RenderPass::remember(RenderCache::Entry<T>& entry, bool inputsChanged, F compute)
{
    const quint64 pass = m_cache->m_pass;
    if (entry.seen != 0 && entry.seen + 1 == pass && !inputsChanged && !readsChanged(entry.reads)) {
        entry.seen = pass;
        return entry.value;
    }
    ++m_cache->m_recomputed;
    ReadLog log;
    entry.value = compute();
    entry.reads = log.keys();
    entry.seen = pass;
    return entry.value;
}

QString RenderPass::fieldProblem(const Project& project, SettingKey key)
{
    if (!m_cache) {
        return project.validateField(key);
    }
    return remember(m_cache->m_fields[key], false, [&] { return project.validateField(key); });
}

bool RenderPass::generate(int index, const std::function<bool()>& enabled,
                          const std::function<GeneratedFile()>& generate, GeneratedFile* file)
{
    if (!m_cache) {
        if (!enabled()) {
            return false;
        }
        *file = generate();
        return true;
    }
    if (m_cache->m_generators.size() <= static_cast<size_t>(index)) {
        m_cache->m_generators.resize(static_cast<size_t>(index) + 1);
    }
    const RenderCache::GeneratorOutput& output =
        remember(m_cache->m_generators[static_cast<size_t>(index)], false, [&] {
            RenderCache::GeneratorOutput out;
            out.enabled = enabled();
            if (out.enabled) {
                out.file = generate();
            }
            return out;
        });
    if (output.enabled) {
        *file = output.file;
    }
    return output.enabled;
}

void RenderPass::setFiles(const QList<GeneratedFile>& files)
{
    if (!m_cache) {
        return;
    }
    QList<RenderCache::FileShape> shapes;
    shapes.reserve(files.size());
    for (const GeneratedFile& f : files) {
        shapes.append({f.id, f.remotePath, f.mode, f.owner, f.group, f.previewOnly, f.symlinks});
    }
    m_filesChanged = shapes != m_cache->m_fileShapes;
    if (m_filesChanged) {
        m_cache->m_fileShapes = shapes;
    }
}

QList<DeployStep> RenderPass::section(RenderCache::StepSection section, const std::function<QList<DeployStep>()>& build)
{
    if (!m_cache) {
        return build();
    }
    const bool dependsOnFiles = section == RenderCache::StepSection::Directories ||
                                section == RenderCache::StepSection::Files ||
                                section == RenderCache::StepSection::WorkerSteps;
    const int before = m_cache->m_recomputed;
    const QList<DeployStep>& steps =
        remember(m_cache->m_sections[static_cast<size_t>(section)], dependsOnFiles && m_filesChanged, build);
    m_stepsChanged = m_stepsChanged || m_cache->m_recomputed != before;
    return steps;
}

GeneratedFile RenderPass::stepsPreview(const std::function<GeneratedFile()>& generate)
{
    if (!m_cache) {
        return generate();
    }
    return remember(m_cache->m_stepsPreview, m_stepsChanged, generate);
}

} // namespace saltant
