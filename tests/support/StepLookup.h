#pragma once

#include "generate/DeployStep.h"
#include "generate/Renderer.h"

#include <QList>

namespace saltant::StepLookup {

inline QList<GeneratedFile> renderFiles(const Project& project, const SecretValues* secrets)
{
    return Renderer::render(project, secrets).files;
}

// The first step whose command contains commandPart.
inline const DeployStep* findStep(const QList<DeployStep>& steps, const QString& commandPart)
{
    for (const DeployStep& step : steps) {
        if (step.command.contains(commandPart)) {
            return &step;
        }
    }
    return nullptr;
}

// The step whose command is exactly `command`, or starts with it followed by " && " (a handler that enables and
// restarts); the certificate bootstrap mentions nginx -t and reloads too, so substrings are ambiguous.
inline const DeployStep* findCommand(const QList<DeployStep>& steps, const QString& command)
{
    for (const DeployStep& step : steps) {
        if (step.command == command || step.command.startsWith(command + QStringLiteral(" && ")) ||
            step.command.endsWith(QStringLiteral(" && ") + command)) {
            return &step;
        }
    }
    return nullptr;
}

inline const DeployStep* findTitle(const QList<DeployStep>& steps, const QString& title)
{
    for (const DeployStep& step : steps) {
        if (step.title == title) {
            return &step;
        }
    }
    return nullptr;
}

} // namespace saltant::StepLookup
