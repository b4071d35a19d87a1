#pragma once

#include "generate/DeployStep.h"

#include <QList>

namespace saltant {

// The list a steps builder (DeploySteps, WorkerDeploySteps) appends to, one add() per step.
class StepList
{
public:
    void add(StepPhase phase, const QString& title, const QString& command, const QStringList& triggeredBy = {},
             const QString& stdinSecret = QString())
    {
        DeployStep step;
        step.phase = phase;
        step.title = title;
        step.command = command;
        step.stdinSecret = stdinSecret;
        step.triggeredBy = triggeredBy;
        m_steps.append(step);
    }
    DeployStep& last() { return m_steps.last(); }
    QList<DeployStep> take() { return m_steps; }

private:
    QList<DeployStep> m_steps;
};

} // namespace saltant
