#pragma once

#include "generate/DeployStep.h"
#include "generate/GenerateContext.h"
#include "generate/GeneratedFile.h"

#include <QList>
#include <optional>

namespace saltant {

// The deploy-steps preview: the exact, ordered shell commands a deploy runs on the server (install checks,
// directories, uploads, certbot, RabbitMQ provisioning, collectstatic, systemctl), shown like any other file
// and never uploaded. Secrets never appear in it: commands that need one read it from standard input.
class DeployStepsGenerator
{
public:
    // steps: DeploySteps::build() of the same context and files. The same as preview(header() + body(steps)).
    static GeneratedFile generate(const GenerateContext& context, const QList<DeployStep>& steps);

    // The parts, so RenderPass can keep the text of each step section:
    // the lines before the first step (what host, how the deploy runs the steps);
    static QString header(const GenerateContext& context);
    // steps as the preview lists them, each phase's title before its first step; before: the phase of the step
    // listed just before these (none: they come first);
    static QString body(const QList<DeployStep>& steps, std::optional<StepPhase> before = std::nullopt);
    // the preview file holding text.
    static GeneratedFile preview(const QString& text);
};

} // namespace saltant
