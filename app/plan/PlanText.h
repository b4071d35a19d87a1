#pragma once

#include "plan/Plan.h"

#include <QCoreApplication>

namespace saltant {

// The plan as the CLI prints it and the deploy log records it. Holds no secret: diffs of files holding secrets
// come masked from the plan, and commands never carry secret values.
class PlanText
{
    Q_DECLARE_TR_FUNCTIONS(saltant::PlanText)

public:
    static QString summary(const Plan& plan);
    static QString render(const Plan& plan, bool withDiffs = true);
    // What the plan knows about drift: the manifest's state, or "changed on the server since the last deploy" with
    // per file what changed and (withDiffs) the three-way view: last deployed -> now on the server -> this deploy.
    // Empty when drift is not tracked.
    static QString drift(const Plan& plan, bool withDiffs = true);
};

} // namespace saltant
