#pragma once

#include "generate/Generator.h"

namespace saltant {

// certbot deploy hook: reloads nginx and restarts RabbitMQ after a renewal.
class RenewalHookGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("renewal-hook"); }
    bool isEnabled(const Project& project) const override;
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
