#pragma once

#include "generate/GenerateContext.h"
#include "generate/GeneratedFile.h"

namespace saltant {

// One generated file of the server: a pure function of the project (and secrets, when given).
class Generator
{
public:
    virtual ~Generator() = default;
    virtual QString id() const = 0;
    // Whether the project needs this file at all (e.g. no Flower unit when Flower is off).
    virtual bool isEnabled(const Project& project) const
    {
        Q_UNUSED(project);
        return true;
    }
    virtual GeneratedFile generate(const GenerateContext& context) const = 0;
};

} // namespace saltant
