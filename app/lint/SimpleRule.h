#pragma once

#include "lint/Lint.h"

#include <functional>

namespace saltant {

// A rule made of an id and a check function, so a themed rule file lists its rules as data.
class SimpleRule : public LintRule
{
public:
    using Check = std::function<QList<LintIssue>(const LintContext&)>;

    SimpleRule(QString id, Check check) : m_id(std::move(id)), m_check(std::move(check)) {}
    QString id() const override { return m_id; }
    QList<LintIssue> check(const LintContext& context) const override { return m_check(context); }

private:
    QString m_id;
    Check m_check;
};

} // namespace saltant
