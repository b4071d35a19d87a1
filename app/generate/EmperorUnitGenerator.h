#pragma once

#include "generate/Generator.h"

namespace saltant {

// emperor.uwsgi.service: the systemd unit of the uWSGI emperor (mode 0644, Type=notify).
class EmperorUnitGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("uwsgi-unit"); }
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
