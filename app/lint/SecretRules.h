#pragma once

#include "lint/RuleKit.h"

namespace saltant {

// Secrets and access: missing or weak secrets, Rollbar without a token, deploying as root.
class SecretRules
{
public:
    static void add(RuleKit::Rules& rules);
};

} // namespace saltant
