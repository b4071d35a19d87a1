#pragma once

#include "model/Project.h"
#include "secrets/SecretValues.h"

#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QVariant>
#include <memory>
#include <optional>
#include <vector>

namespace saltant {

enum class Severity
{
    Info,
    Warning,
    Error,
};

// A one-click repair: setting key -> new stored value (a QVariant of the field's type; an empty QString clears a
// derived setting so it follows its source again). Plain data, so the GUI can wrap it in an undo command.
struct LintFix
{
    QString description; // translated, imperative: "Turn debug mode off"
    QList<QPair<QString, QVariant>> changes;
};

// One problem found in a project.
struct LintIssue
{
    QString ruleId; // kebab-case, stable: "debug-in-production"
    Severity severity = Severity::Warning;
    QString field;   // a setting key ("django.debug") or a secret name ("rabbitmq.password")
    QString message; // translated: what goes wrong on the server and what to do
    std::optional<LintFix> fix;
};

// What a lint run looks at. secretsSet names the secrets that are stored; secretValues holds their values only when
// the caller has them (weak-secret checks run only then).
struct LintContext
{
    const Project& project;
    QSet<QString> secretsSet;
    const SecretValues* secretValues = nullptr;
};

// One check. Rules are stateless; each lives in a themed file under app/lint/ and is listed by Linter::rules().
class LintRule
{
public:
    virtual ~LintRule();
    virtual QString id() const = 0;
    virtual QList<LintIssue> check(const LintContext& context) const = 0;
};

class Linter
{
public:
    // Every rule, in a stable order.
    static const std::vector<std::unique_ptr<LintRule>>& rules();
    // Every Project::validate() problem (rule id "invalid-value", Error, no fix) followed by the issues of every
    // rule; sorted errors first, then warnings, then infos, otherwise in rule order.
    static QList<LintIssue> run(const LintContext& context);
    // The same with the project's validate() problems already at hand (RenderResult::problems of a render without
    // secrets), so one analysis validates once.
    static QList<LintIssue> run(const LintContext& context, const QList<FieldProblem>& validation);
    // Applies each change of fix to project (all or nothing). On failure, error says which setting was refused.
    static bool applyFix(Project& project, const LintFix& fix, QString* error = nullptr);
    // "error", "warning" or "info": the stable, untranslated token the CLI prints.
    static QString severityName(Severity severity);
};

} // namespace saltant
