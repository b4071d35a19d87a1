#include "generate/RenderCache.h"

namespace saltant {

void RenderCache::clear()
{
    m_hasProject = false;
    m_project = Project();
    m_fields.clear();
    m_generators.clear();
    m_generatorParts.clear();
    for (auto& section : m_sections) {
        section = {};
    }
    m_fileShapes.clear();
    for (auto& text : m_sectionTexts) {
        text = {};
    }
}

} // namespace saltant
