#pragma once

#include "generate/Generator.h"

namespace saltant {

// rabbitmq.conf (new format): listeners, TLS options, management path prefix.
class RabbitConfGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("rabbitmq-conf"); }
    bool isEnabled(const Project& project) const override;
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
