#pragma once

#include "generate/DeployStep.h"
#include "generate/GenerateContext.h"
#include "generate/GeneratedFile.h"

#include <QList>

namespace saltant {

// The deploy-steps preview: the exact, ordered shell commands a deploy runs on the server (install checks,
// directories, uploads, certbot, RabbitMQ provisioning, collectstatic, systemctl), shown like any other file
// and never uploaded. Secrets never appear in it: commands that need one read it from standard input.
class DeployStepsGenerator
{
public:
    // steps: DeploySteps::build() of the same context and files.
    static GeneratedFile generate(const GenerateContext& context, const QList<DeployStep>& steps);
};

} // namespace saltant
