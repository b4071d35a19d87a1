#include "lint/SecretRules.h"

#include "model/SettingKeys.h"

namespace saltant {
namespace {

using K = RuleKit;

constexpr int MinimumSecretLength = 12;

struct NeededSecret
{
    QString name;
    QString consequence; // translated: what fails on the server without it
};

// The secrets the generated files or the deploy need with these settings. The Rollbar token is left to
// rollbar-without-token, which can offer a fix.
QList<NeededSecret> neededSecrets(const Project& p)
{
    QList<NeededSecret> needed;
    needed << NeededSecret{QStringLiteral("django.secretKey"),
                           RuleKit::tr("SECRET_KEY in .env is empty and Django refuses to start")};
    QStringList workers;
    for (const WorkerHost& host : p.workers()) {
        workers << host.name;
    }
    needed << NeededSecret{
        QStringLiteral("django.apiToken"),
        workers.isEmpty()
            ? RuleKit::tr("API_AUTH_TOKEN in .env is empty and workers cannot authenticate to the API")
            : RuleKit::tr("API_AUTH_TOKEN is empty in the .env of the server and of worker hosts %1, whose jobs then "
                          "cannot authenticate to saltant's API to report their state")
                  .arg(workers.join(QStringLiteral(", ")))};
    needed << NeededSecret{
        QStringLiteral("database.password"),
        RuleKit::tr("DATABASE_USER_PASSWORD in .env is empty and Django cannot log in to PostgreSQL as %1")
            .arg(K::text(p, Key::DatabaseUser))};
    needed << NeededSecret{
        QStringLiteral("rabbitmq.password"),
        RuleKit::tr("the deploy cannot create RabbitMQ user %1 and CELERY_BROKER_URL has no password")
            .arg(K::text(p, Key::RabbitmqAdminUser))};
    if (K::flag(p, Key::FlowerEnabled)) {
        needed << NeededSecret{
            QStringLiteral("flower.password"),
            RuleKit::tr("Flower's basic auth for %1 has no password").arg(K::text(p, Key::FlowerUser))};
    }
    if (!K::text(p, Key::EmailUser).isEmpty()) {
        needed << NeededSecret{QStringLiteral("email.password"),
                               RuleKit::tr("Django cannot log in to %1 as %2 to send mail")
                                   .arg(K::text(p, Key::EmailHost), K::text(p, Key::EmailUser))};
    }
    if (!K::text(p, Key::AwsAccessKeyId).isEmpty()) {
        needed << NeededSecret{
            QStringLiteral("aws.secretKey"),
            RuleKit::tr("AWS_SECRET_ACCESS_KEY in .env is empty and job logs cannot be archived to S3")};
    }
    if (K::text(p, Key::SshUser) != QLatin1String("root")) {
        needed << NeededSecret{
            QStringLiteral("sudo.password"),
            RuleKit::tr("the deploy runs its commands through sudo as %1 and works only if sudo asks "
                        "that user for no password")
                .arg(K::text(p, Key::SshUser))};
    }
    return needed;
}

// The setting holding the user name a secret belongs to, or nullptr.
const SettingKey* userKeyOf(const QString& secret)
{
    static const QHash<QString, SettingKey> users = {
        {QStringLiteral("rabbitmq.password"), Key::RabbitmqAdminUser},
        {QStringLiteral("flower.password"), Key::FlowerUser},
        {QStringLiteral("database.password"), Key::DatabaseUser},
        {QStringLiteral("email.password"), Key::EmailUser},
        {QStringLiteral("ssh.password"), Key::SshUser},
        {QStringLiteral("sudo.password"), Key::SshUser},
    };
    const auto it = users.constFind(secret);
    return it == users.cend() ? nullptr : &it.value();
}

bool isKnownValue(const QString& value)
{
    static const QStringList known = {
        QStringLiteral("hunter2"),
        QStringLiteral("guest"),
        QStringLiteral("password"),
        QStringLiteral("changeme"),
        QStringLiteral("admin"),
        QStringLiteral("secret"),
        QStringLiteral("123456"),
        QStringLiteral("12345678"),
        QStringLiteral("qwerty"),
        QStringLiteral("letmein"),
        QStringLiteral("saltant"),
        QStringLiteral("password123"),
        QStringLiteral("u-!+0mf3xgpg2es=i9r5o!7grf!@gt!x^(ta9p=m&oz3+l-wi#"), // saltant's .env.example SECRET_KEY
    };
    return known.contains(value, Qt::CaseInsensitive);
}

// Why value is weak (translated), or an empty string. Never repeats the value.
QString weakness(const Project& p, const QString& name, const QString& value)
{
    if (isKnownValue(value)) {
        return RuleKit::tr(
            "it is a well-known default or example value (from the guide, saltant's .env.example or common "
            "password lists), the first thing an attacker tries");
    }
    if (const SettingKey* userKey = userKeyOf(name)) {
        const QString user = K::text(p, *userKey);
        if (!user.isEmpty() && value.compare(user, Qt::CaseInsensitive) == 0) {
            return RuleKit::tr("it equals its user name %1").arg(user);
        }
    }
    if (value.size() < MinimumSecretLength) {
        return RuleKit::tr("it has only %n character(s), few enough to guess by brute force", nullptr,
                           int(value.size()));
    }
    return QString();
}

void addSecrets(K::Rules& rules)
{
    K::add(rules, "missing-secret", [](const LintContext& c) {
        QList<LintIssue> out;
        for (const NeededSecret& s : neededSecrets(c.project)) {
            if (!c.secretsSet.contains(s.name)) {
                out << K::issue("missing-secret", Severity::Warning, s.name,
                                RuleKit::tr("%1 is not stored: %2. Store it before deploying.")
                                    .arg(K::secretLabel(s.name), s.consequence));
            }
        }
        return out;
    });
    K::add(rules, "weak-secret", [](const LintContext& c) {
        QList<LintIssue> out;
        if (!c.secretValues) {
            return out;
        }
        for (const SecretSpec& spec : Schema::secrets()) {
            if (!c.secretValues->contains(spec.name)) {
                continue;
            }
            const QString reason = weakness(c.project, spec.name, c.secretValues->value(spec.name));
            if (!reason.isEmpty()) {
                out << K::issue("weak-secret", Severity::Error, spec.name,
                                RuleKit::tr("%1 is weak: %2. Replace it with a random value of at least %3 characters "
                                            "and deploy again.")
                                    .arg(K::secretLabel(spec.name), reason)
                                    .arg(MinimumSecretLength));
            }
        }
        return out;
    });
}

void addAccess(K::Rules& rules)
{
    K::add(rules, "rollbar-without-token", [](const LintContext& c) {
        QList<LintIssue> out;
        if (K::flag(c.project, Key::RollbarEnabled) && !c.secretsSet.contains(QStringLiteral("rollbar.token"))) {
            out << K::issue(
                "rollbar-without-token", Severity::Warning, Key::RollbarEnabled,
                RuleKit::tr("PROJECT_USES_ROLLBAR=True but no Rollbar access token is stored: "
                            "ROLLBAR_ACCESS_TOKEN in .env is empty and Rollbar rejects every error report. Store "
                            "the token, or turn Rollbar off."),
                K::fix(RuleKit::tr("Turn Rollbar off"), Key::RollbarEnabled, false));
        }
        return out;
    });
    K::add(rules, "ssh-as-root", [](const LintContext& c) {
        QList<LintIssue> out;
        if (K::text(c.project, Key::SshUser) == QLatin1String("root")) {
            out << K::issue(
                "ssh-as-root", Severity::Info, Key::SshUser,
                RuleKit::tr("The deploy logs in to %1 as root: a stolen key gives full control of the server, "
                            "and many servers forbid root logins. Prefer an unprivileged user with sudo rights.")
                    .arg(K::text(c.project, Key::SshHost)));
        }
        return out;
    });
}

} // namespace

void SecretRules::add(RuleKit::Rules& rules)
{
    addSecrets(rules);
    addAccess(rules);
}

} // namespace saltant
