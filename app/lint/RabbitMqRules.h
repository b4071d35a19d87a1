#pragma once

#include "lint/RuleKit.h"

namespace saltant {

// RabbitMQ and the Celery broker URL: TLS listener, scheme, certificate, default user and vhost.
class RabbitMqRules
{
public:
    static void add(RuleKit::Rules& rules);
};

} // namespace saltant
