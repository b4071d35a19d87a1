#pragma once

#include "generate/Generator.h"

namespace saltant {

// <project>/.env: every variable saltant's settings.py reads, as django-dotenv parses it.
class DotenvGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("dotenv"); }
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
