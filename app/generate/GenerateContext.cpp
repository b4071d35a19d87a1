#include "generate/GenerateContext.h"

#include "generate/Quote.h"
#include "generate/RenderPass.h"

namespace saltant {

QString GenerateContext::secretForUrl(const QString& name) const
{
    return hasSecret(name) ? Quote::urlComponent(m_secrets->value(name)) : SecretPlaceholder::placeholder(name);
}

QString GenerateContext::part(const char* id, const std::function<QString()>& compute) const
{
    return m_pass ? m_pass->part(id, compute) : compute();
}

} // namespace saltant
