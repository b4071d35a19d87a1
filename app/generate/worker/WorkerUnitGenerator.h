#pragma once

#include "generate/Generator.h"

namespace saltant {

// The systemd unit that runs a worker host's Celery worker on its queues.
class WorkerUnitGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("worker-unit"); }
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
