#pragma once

#include "generate/Generator.h"

namespace saltant {

// rabbitmq.config (classic Erlang terms), the guide's format, as an option.
class RabbitClassicConfigGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("rabbitmq-config"); }
    bool isEnabled(const Project& project) const override;
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
