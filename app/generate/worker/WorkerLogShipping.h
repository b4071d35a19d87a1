#pragma once

#include "generate/Generator.h"

namespace saltant {

// Log shipping of a worker host (workers.logShipping = s3): a timer starts a one-shot service that runs
// `aws s3 sync` of the worker's logs directory to the bucket saltant reads job logs from (keys <job uuid>/...).
// The AWS keys are in a root-only environment file systemd reads; they are never on a command line.
namespace WorkerLogShipping {

bool enabled(const Project& project);
// Beside the worker unit: saltant-worker-logs.service and .timer.
QString servicePath(const Project& project);
QString timerPath(const Project& project);
// /etc/saltant-deploy/worker-logs.env, 0600 root.
QString envPath();
// The AWS command line interface, from the distribution's awscli package.
QString awsBinary();

} // namespace WorkerLogShipping

class WorkerLogsEnvGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("worker-logs-env"); }
    bool isEnabled(const Project& project) const override { return WorkerLogShipping::enabled(project); }
    GeneratedFile generate(const GenerateContext& context) const override;
};

class WorkerLogsServiceGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("worker-logs-service"); }
    bool isEnabled(const Project& project) const override { return WorkerLogShipping::enabled(project); }
    GeneratedFile generate(const GenerateContext& context) const override;
};

class WorkerLogsTimerGenerator : public Generator
{
public:
    QString id() const override { return QStringLiteral("worker-logs-timer"); }
    bool isEnabled(const Project& project) const override { return WorkerLogShipping::enabled(project); }
    GeneratedFile generate(const GenerateContext& context) const override;
};

} // namespace saltant
