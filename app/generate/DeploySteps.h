#pragma once

#include "DeployStep.h"
#include "GenerateContext.h"
#include "GeneratedFile.h"

#include <QList>

namespace saltant {

// The ordered commands of a deploy. The deploy-steps preview prints them; the deploy runs them.
class DeploySteps
{
public:
    static QList<DeployStep> build(const GenerateContext& context, const QList<GeneratedFile>& files);
    static QString phaseTitle(StepPhase phase);
};

} // namespace saltant
