#pragma once

#include "generate/Generator.h"

namespace saltant {

// rsyslog rule forwarding uWSGI and nginx logs to Papertrail.
class PapertrailGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("papertrail"); }
    bool isEnabled(const Project& project) const override;
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
