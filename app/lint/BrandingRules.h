#pragma once

#include "lint/RuleKit.h"

namespace saltant {

// Branding files on this computer: the logo must be a square PNG, the favicon an ICO.
class BrandingRules
{
public:
    static void add(RuleKit::Rules& rules);
};

} // namespace saltant
