#pragma once

#include "generate/Generator.h"

namespace saltant {

// <project>/.env: every variable saltant's settings.py reads, as django-dotenv parses it.
class DotenvGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("dotenv"); }
    GeneratedFile generate(const GenerateContext& context) const override;

    // The "Celery worker environment" block both the server's and a worker host's .env start with (comment line
    // included); worker: IM_A_CELERY_WORKER=True whatever the server says.
    static QString celeryWorkerEnvironment(const GenerateContext& context, bool worker);
};

} // namespace saltant
