#pragma once

#include "generate/Generator.h"

namespace saltant {

// rabbitmq-env.conf: the Erlang distribution (epmd and the inter-node port 25672) on loopback only.
class RabbitEnvGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("rabbitmq-env"); }
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
