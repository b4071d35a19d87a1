#pragma once

#include "generate/Generator.h"

namespace saltant {

// /etc/<site>/flower.env (0600): FLOWER_BASIC_AUTH, read by systemd, never on a command line.
class FlowerEnvGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("flower-env"); }
    bool isEnabled(const Project& project) const override;
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
