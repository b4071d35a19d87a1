#include "generate/RenderPass.h"

#include "generate/DeployStepsGenerator.h"

#include <QCoreApplication>
#include <algorithm>
#include <cstring>

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
        m_changed = project.changedSettings(m_cache->m_project);
        for (const SettingKey& key : std::as_const(m_changed)) {
            m_changedFilter |= ReadLog::filterOf(key);
        }
    }
    m_cache->m_hasProject = true;
    m_cache->m_project.follow(project);
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
    if (entry.seen != 0 && entry.seen + 1 == pass && !inputsChanged &&
        ((entry.readsFilter & m_changedFilter) == 0 || !readsChanged(entry.reads))) {
        entry.seen = pass;
        return entry.value;
    }
    ++m_cache->m_recomputed;
    ReadLog log;
    entry.value = compute();
    entry.reads = log.keys();
    entry.readsFilter = log.filter();
    entry.seen = pass;
    return entry.value;
}

QList<FieldProblem> RenderPass::fieldProblems(const Project& project)
{
    const QList<FieldSpec>& fields = Schema::fields();
    QList<FieldProblem> problems;
    if (m_cache && m_cache->m_fields.size() != static_cast<size_t>(fields.size())) {
        m_cache->m_fields.clear();
        m_cache->m_fields.resize(static_cast<size_t>(fields.size()));
    }
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const SettingKey key = fields.at(i).key;
        const QString message = m_cache ? remember(m_cache->m_fields[static_cast<size_t>(i)], false,
                                                   [&] { return project.validateField(key); })
                                        : project.validateField(key);
        if (!message.isEmpty()) {
            problems.append({key, message});
        }
    }
    return problems;
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
    const auto i = static_cast<size_t>(index);
    if (m_cache->m_generators.size() <= i) {
        m_cache->m_generators.resize(i + 1);
        m_cache->m_generatorParts.resize(i + 1);
    }
    std::vector<RenderCache::Part>& parts = m_cache->m_generatorParts[i];
    const int before = m_cache->m_recomputed;
    const RenderCache::GeneratorOutput& output = remember(m_cache->m_generators[i], false, [&] {
        m_parts = &parts;
        RenderCache::GeneratorOutput out;
        out.enabled = enabled();
        if (out.enabled) {
            out.file = generate();
        }
        m_parts = nullptr;
        return out;
    });
    const quint64 pass = m_cache->m_pass;
    for (RenderCache::Part& part : parts) {
        if (m_cache->m_recomputed == before) {
            // Kept: so are the parts its last run wrote, which read nothing it did not.
            if (part.text.seen != 0) {
                part.text.seen = pass;
            }
        } else if (part.text.seen != pass) {
            part.text.seen = 0; // this run did not ask for it: what it read is no longer followed
        }
    }
    if (output.enabled) {
        *file = output.file;
    }
    return output.enabled;
}

QString RenderPass::part(const char* id, const std::function<QString()>& compute)
{
    if (!m_cache || !m_parts) {
        return compute();
    }
    auto it = std::find_if(m_parts->begin(), m_parts->end(),
                           [&](const RenderCache::Part& part) { return std::strcmp(part.id, id) == 0; });
    if (it == m_parts->end()) {
        it = m_parts->insert(m_parts->end(), RenderCache::Part{id, {}});
    }
    std::vector<RenderCache::Part>* const parts = m_parts;
    m_parts = nullptr; // a part's own parts are simply computed
    const QString text = remember(it->text, false, compute);
    m_parts = parts;
    // The generator read what its part read, whether the part was kept or computed.
    ReadLog::noteAll(it->text.reads);
    return text;
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
    m_sections.push_back(section);
    m_sectionComputed.resize(static_cast<size_t>(RenderCache::StepSection::Count));
    m_sectionComputed[static_cast<size_t>(section)] = m_cache->m_recomputed != before;
    return steps;
}

GeneratedFile RenderPass::stepsPreview(const GenerateContext& context, const QList<DeployStep>& steps)
{
    if (!m_cache) {
        return DeployStepsGenerator::generate(context, steps);
    }
    const quint64 pass = m_cache->m_pass;
    QString text = DeployStepsGenerator::header(context);
    qsizetype size = text.size();
    std::optional<StepPhase> phase;
    for (const RenderCache::StepSection section : m_sections) {
        const auto i = static_cast<size_t>(section);
        const QList<DeployStep>& sectionSteps = m_cache->m_sections[i].value;
        RenderCache::SectionText& kept = m_cache->m_sectionTexts[i];
        if (m_sectionComputed[i] || kept.written == 0 || kept.written + 1 != pass || kept.before != phase) {
            ++m_cache->m_recomputed;
            kept.text = DeployStepsGenerator::body(sectionSteps, phase);
            kept.before = phase;
        }
        kept.written = pass;
        size += kept.text.size();
        if (!sectionSteps.isEmpty()) {
            phase = sectionSteps.constLast().phase;
        }
    }
    text.reserve(size);
    for (const RenderCache::StepSection section : m_sections) {
        text += m_cache->m_sectionTexts[static_cast<size_t>(section)].text;
    }
    return DeployStepsGenerator::preview(text);
}

} // namespace saltant
