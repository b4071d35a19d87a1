#pragma once

#include "lint/RuleKit.h"

namespace saltant {

// Web-facing settings: HTTPS, the uWSGI socket, nginx locations, local ports, log forwarding.
class NetworkRules
{
public:
    static void add(RuleKit::Rules& rules);
};

} // namespace saltant
