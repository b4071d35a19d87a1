#pragma once

#include "generate/Generator.h"

namespace saltant {

// flower.service: Flower as a Type=simple systemd service behind nginx.
class FlowerUnitGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("flower-unit"); }
    bool isEnabled(const Project& project) const override;
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
