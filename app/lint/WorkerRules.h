#pragma once

#include "lint/RuleKit.h"

namespace saltant {

// Worker hosts: the broker they are pointed at, hosts that share a machine, queues no worker serves, and what
// saltant's own settings.py does with the broker's certificate. A finding about one host names it, and its field is
// "workers.NAME.SETTING" (as validation names a host's problems) when the host holds that setting itself.
class WorkerRules
{
public:
    static void add(RuleKit::Rules& rules);
    // The field of a worker host's setting: "workers.NAME.SETTING" when the host overrides it, else the shared key.
    static QString hostField(const Project& project, const QString& name, SettingKey key);
    // localhost, *.localhost, 127.0.0.0/8, ::1 and the like: a name that is the worker itself on the worker.
    static bool isLoopbackHost(const QString& host);
};

} // namespace saltant
