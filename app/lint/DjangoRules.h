#pragma once

#include "lint/RuleKit.h"

namespace saltant {

// Django and e-mail settings: debug mode, worker flag, allowed hosts, static files, JWT lifetimes, SMTP TLS.
class DjangoRules
{
public:
    static void add(RuleKit::Rules& rules);
};

} // namespace saltant
