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
};

} // namespace saltant
