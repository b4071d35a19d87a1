#pragma once

#include "generate/DeployStep.h"
#include "secrets/SecretValues.h"

#include <QList>
#include <QString>

namespace saltant {

// What one command of a deploy did, as shown to the user and written to the log. Secret values are masked.
struct DeployStepReport
{
    StepPhase phase = StepPhase::Check; // shown as DeployLog::phaseLabel()
    QString title;
    QString command; // masked; scripts of the transaction are summarised, not quoted in full
    QString output;  // standard output and standard error, masked
    int exitStatus = -1;
    bool ok = false;
    QString error; // why it could not run (connection lost, ...)
};

// A local log of each deploy run (no secrets), under AppLocalDataLocation/logs/deploy-<time>.log.
class DeployLog
{
public:
    // Replaces every secret value held by secrets with "<secret>".
    static QString mask(const QString& text, const SecretValues& secrets);
    static QString directory();
    // Writes the log; returns its path, or an empty string and error.
    static QString write(const QString& planText, const QList<DeployStepReport>& steps, const QString& outcome,
                         QString* error);
    static QString formatStep(const DeployStepReport& step);
    // How a step report names its phase (log, CLI, progress dialog).
    static QString phaseLabel(StepPhase phase);
};

} // namespace saltant
