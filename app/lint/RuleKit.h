#pragma once

#include "lint/Lint.h"
#include "lint/SimpleRule.h"

#include <QCoreApplication>

namespace saltant {

// Small helpers shared by the themed rule files: translated text, setting access by Latin-1 key, issue building.
class RuleKit
{
    // tr() translates in context "Lint"; call it as RuleKit::tr so lupdate finds every message.
    Q_DECLARE_TR_FUNCTIONS(Lint)

public:
    using Rules = std::vector<std::unique_ptr<LintRule>>;

    static QString text(const Project& p, SettingKey key) { return p.text(key); }
    static bool flag(const Project& p, SettingKey key) { return p.flag(key); }
    static int integer(const Project& p, SettingKey key) { return p.integer(key); }
    // The translated label of a setting, e.g. "Flower port".
    static QString label(const QString& key);
    // The translated label of a secret, e.g. "RabbitMQ admin password".
    static QString secretLabel(const QString& name);

    static void add(Rules& rules, const char* id, SimpleRule::Check check)
    {
        rules.push_back(std::make_unique<SimpleRule>(QString::fromLatin1(id), std::move(check)));
    }
    static LintIssue issue(const char* id, Severity severity, const QString& field, const QString& message,
                           std::optional<LintFix> fix = std::nullopt)
    {
        return LintIssue{QString::fromLatin1(id), severity, field, message, std::move(fix)};
    }
    static LintFix fix(const QString& description, SettingKey key, const QVariant& value)
    {
        return LintFix{description, {qMakePair(key.name(), value)}};
    }
};

} // namespace saltant
