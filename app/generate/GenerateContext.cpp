#include "generate/GenerateContext.h"

#include "generate/Quote.h"

namespace saltant {

QString GenerateContext::secretForUrl(const QString& name) const
{
    return hasSecret(name) ? Quote::urlComponent(m_secrets->value(name)) : SecretPlaceholder::placeholder(name);
}

} // namespace saltant
