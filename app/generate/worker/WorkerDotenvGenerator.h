#pragma once

#include "generate/Generator.h"

namespace saltant {

// A worker host's <checkout>/.env: only what a Celery worker reads (saltant's "Celery worker environment"), then
// the task types' own variables. No SECRET_KEY, no database password: a worker never needs them.
class WorkerDotenvGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("worker-dotenv"); }
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
