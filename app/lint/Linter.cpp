#include "lint/BrandingRules.h"
#include "lint/DjangoRules.h"
#include "lint/Lint.h"
#include "lint/NetworkRules.h"
#include "lint/RabbitMqRules.h"
#include "lint/RuleKit.h"
#include "lint/SecretRules.h"
#include "lint/WorkerRules.h"
#include "model/SettingKeys.h"

#include <algorithm>

namespace saltant {

LintRule::~LintRule() = default;

const std::vector<std::unique_ptr<LintRule>>& Linter::rules()
{
    static const RuleKit::Rules all = [] {
        RuleKit::Rules r;
        DjangoRules::add(r);
        RabbitMqRules::add(r);
        NetworkRules::add(r);
        SecretRules::add(r);
        WorkerRules::add(r);
        BrandingRules::add(r);
        return r;
    }();
    return all;
}

QList<LintIssue> Linter::run(const LintContext& context)
{
    return run(context, context.project.validate());
}

QList<LintIssue> Linter::run(const LintContext& context, const QList<FieldProblem>& validation)
{
    QList<LintIssue> issues;
    for (const FieldProblem& problem : validation) {
        issues << LintIssue{QStringLiteral("invalid-value"), Severity::Error, problem.key, problem.message,
                            std::nullopt};
    }
    for (const auto& rule : rules()) {
        issues << rule->check(context);
    }
    std::stable_sort(issues.begin(), issues.end(), [](const LintIssue& a, const LintIssue& b) {
        return static_cast<int>(a.severity) > static_cast<int>(b.severity);
    });
    return issues;
}

bool Linter::applyFix(Project& project, const LintFix& fix, QString* error)
{
    Project changed = project;
    for (const auto& change : fix.changes) {
        QString reason;
        const std::optional<SettingKey> key = SettingKey::parse(change.first, &reason);
        if (!key || !changed.setValue(*key, change.second, &reason)) {
            if (error) {
                *error = RuleKit::tr("The fix \"%1\" could not change %2: %3 Edit the setting by hand.")
                             .arg(fix.description, change.first, reason);
            }
            return false;
        }
    }
    project = changed;
    return true;
}

QString Linter::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        break;
    }
    return QStringLiteral("error");
}

} // namespace saltant
