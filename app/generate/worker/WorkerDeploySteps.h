#pragma once

#include "generate/DeployStep.h"
#include "generate/GenerateContext.h"
#include "generate/GeneratedFile.h"

#include <QCoreApplication>
#include <QList>

namespace saltant {

// The ordered commands of a worker host's deploy (the counterpart of DeploySteps for the web server): check the
// checkout, virtualenv and runtime, create the worker directories, validate the units and that saltant's Celery app
// loads with the new .env, then restart the worker (a warm shutdown: running jobs finish first).
class WorkerDeploySteps
{
    Q_DECLARE_TR_FUNCTIONS(saltant::WorkerDeploySteps)

public:
    static QList<DeployStep> build(const GenerateContext& context, const QList<GeneratedFile>& files);
    // The worker directories of the .env (logs, results, temp, Singularity images), in that order.
    static QStringList workerDirectories(const Project& project);
};

} // namespace saltant
