#pragma once

#include <QString>

namespace saltant {

// The keys Project::validate() gives a worker host's problems: "workers.NAME" (its name) and "workers.NAME.SETTING"
// (one of its settings). The shared worker settings ("workers.queues") are schema keys, never host keys.
class WorkerHostKey
{
public:
    // Whether key names a host's problem; host and setting (empty for the name itself) receive its parts.
    static bool split(const QString& key, QString* host, QString* setting = nullptr);
    static QString join(const QString& host, const QString& setting);
};

} // namespace saltant
