#include "lint/DjangoRules.h"

#include "generate/SiteFacts.h"
#include "model/Schema.h"

#include <QDir>

namespace saltant {
namespace {

using K = RuleKit;

void addDebugAndWorker(K::Rules& rules)
{
    K::add(rules, "debug-in-production", [](const LintContext& c) {
        QList<LintIssue> out;
        if (K::flag(c.project, Key::DjangoDebug)) {
            out << K::issue(
                "debug-in-production", Severity::Error, Key::DjangoDebug,
                RuleKit::tr("DEBUG=True in .env: Django shows settings, file paths and stack traces to every "
                            "visitor who hits an error, and keeps every SQL query in memory. Turn debug mode "
                            "off on a production server."),
                K::fix(RuleKit::tr("Turn debug mode off"), Key::DjangoDebug, false));
        }
        return out;
    });
    K::add(rules, "celery-worker-on-web", [](const LintContext& c) {
        QList<LintIssue> out;
        if (K::flag(c.project, Key::CeleryImACeleryWorker)) {
            out << K::issue(
                "celery-worker-on-web", Severity::Warning, Key::CeleryImACeleryWorker,
                RuleKit::tr("IM_A_CELERY_WORKER=True in .env tells saltant that this machine executes jobs, but "
                            "this project configures the web server, which runs no Celery worker. Turn it off "
                            "here and set it only in the .env of worker machines."),
                K::fix(RuleKit::tr("Mark this host as not a Celery worker"), Key::CeleryImACeleryWorker, false));
        }
        return out;
    });
    K::add(rules, "allowed-hosts-wildcard", [](const LintContext& c) {
        QList<LintIssue> out;
        QStringList hosts = c.project.list(Key::ServerExtraAllowedHosts);
        if (hosts.contains(QStringLiteral("*"))) {
            hosts.removeAll(QStringLiteral("*"));
            out << K::issue(
                "allowed-hosts-wildcard", Severity::Warning, Key::ServerExtraAllowedHosts,
                RuleKit::tr("ALLOWED_HOSTS contains '*': Django answers any Host header, so password-reset "
                            "links and absolute URLs can be made to point at another site. Remove '*'; %1 is "
                            "already allowed.")
                    .arg(K::text(c.project, Key::ServerDomain)),
                K::fix(RuleKit::tr("Remove '*' from the extra allowed hosts"), Key::ServerExtraAllowedHosts, hosts));
        }
        return out;
    });
}

void addPathsAndTokens(K::Rules& rules)
{
    K::add(rules, "static-dir-outside-project", [](const LintContext& c) {
        QList<LintIssue> out;
        const QString stored = c.project.stored(Key::DjangoStaticDir).toString();
        const QString expected = QDir::cleanPath(K::text(c.project, Key::DjangoProjectDir) + QStringLiteral("/static"));
        if (!stored.isEmpty() && QDir::cleanPath(stored) != expected) {
            out << K::issue(
                "static-dir-outside-project", Severity::Warning, Key::DjangoStaticDir,
                RuleKit::tr("saltant's STATIC_ROOT is %1, where collectstatic writes, but nginx serves /static/ "
                            "from %2: stylesheets, scripts and the logo return 404. Clear the setting so it "
                            "follows the project directory.")
                    .arg(expected, stored),
                K::fix(RuleKit::tr("Serve static files from %1").arg(expected), Key::DjangoStaticDir, QString()));
        }
        return out;
    });
    K::add(rules, "jwt-refresh-shorter-than-access", [](const LintContext& c) {
        QList<LintIssue> out;
        const int access = K::integer(c.project, Key::DjangoJwtAccessTokenLifetime);
        const int refresh = K::integer(c.project, Key::DjangoJwtRefreshTokenLifetime);
        if (refresh < access) {
            const int days = qMax(access, Schema::field(Key::DjangoJwtRefreshTokenLifetime)->defaultValue.toInt());
            out << K::issue(
                "jwt-refresh-shorter-than-access", Severity::Warning, Key::DjangoJwtRefreshTokenLifetime,
                RuleKit::tr("Refresh tokens expire %1 but access tokens only %2: a client can never renew an "
                            "access token, so API users must log in again each time theirs expires. Make the "
                            "refresh lifetime at least the access lifetime.")
                    .arg(RuleKit::tr("after %n day(s)", nullptr, refresh),
                         RuleKit::tr("after %n day(s)", nullptr, access)),
                K::fix(RuleKit::tr("Make refresh tokens last %n day(s)", nullptr, days),
                       Key::DjangoJwtRefreshTokenLifetime, days));
        }
        return out;
    });
}

void addEmail(K::Rules& rules)
{
    K::add(rules, "email-tls-port-465", [](const LintContext& c) {
        QList<LintIssue> out;
        if (K::flag(c.project, Key::EmailUseTls) && K::integer(c.project, Key::EmailPort) == 465) {
            out << K::issue(
                "email-tls-port-465", Severity::Error, Key::EmailPort,
                RuleKit::tr("EMAIL_USE_TLS=True makes Django connect in plain text and then send STARTTLS, but "
                            "port 465 expects TLS from the first byte: sending mail hangs until it times out "
                            "and password-reset e-mails never arrive. Use port 587 (STARTTLS)."),
                K::fix(RuleKit::tr("Send mail on port 587"), Key::EmailPort, 587));
        }
        return out;
    });
    K::add(rules, "email-without-tls", [](const LintContext& c) {
        QList<LintIssue> out;
        const QString user = K::text(c.project, Key::EmailUser);
        if (!K::flag(c.project, Key::EmailUseTls) && !user.isEmpty()) {
            LintFix fix = K::fix(RuleKit::tr("Use TLS for SMTP"), Key::EmailUseTls, true);
            if (K::integer(c.project, Key::EmailPort) == 465) {
                fix.changes << qMakePair(Key::EmailPort, QVariant(587));
            }
            out << K::issue(
                "email-without-tls", Severity::Warning, Key::EmailUseTls,
                RuleKit::tr("EMAIL_USE_TLS=False while logging in as %1: Django sends the SMTP password and "
                            "every e-mail to %2 in clear text. Turn SMTP TLS on (STARTTLS, port 587).")
                    .arg(user, K::text(c.project, Key::EmailHost)),
                fix);
        }
        return out;
    });
}

void addServing(K::Rules& rules)
{
    K::add(rules, "uwsgi-binary-other-kind", [](const LintContext& c) {
        QList<LintIssue> out;
        const QString stored = c.project.stored(Key::UwsgiBinary).toString();
        const FieldSpec* spec = Schema::field(Key::UwsgiBinary);
        const QString expected = spec->derive(c.project);
        if (!stored.isEmpty() && stored != expected) {
            out << K::issue(
                "uwsgi-binary-other-kind", Severity::Warning, Key::UwsgiBinary,
                RuleKit::tr("The uWSGI executable is set to %1, but the uWSGI installation \"%2\" puts it at %3: "
                            "the deploy checks and installs that one, while emperor.uwsgi.service would start %1 "
                            "(a system-wide pip3 install to /usr/local/bin is refused by Debian 12). Clear the "
                            "setting so it follows the installation, or keep it only if %1 really is installed.")
                    .arg(stored, K::text(c.project, Key::UwsgiInstall), expected),
                K::fix(RuleKit::tr("Use the uWSGI of the chosen installation"), Key::UwsgiBinary, QString()));
        }
        return out;
    });
    K::add(rules, "database-provision-remote", [](const LintContext& c) {
        QList<LintIssue> out;
        if (K::flag(c.project, Key::DatabaseProvision) && !SiteFacts(c.project).databaseIsLocal()) {
            out << K::issue(
                "database-provision-remote", Severity::Warning, Key::DatabaseProvision,
                RuleKit::tr("The database is on %1, but the deploy can create the PostgreSQL role and database only "
                            "on this server, so it will not. Create them on %1 yourself and turn \"Create the role "
                            "and database\" off, or set the database host to localhost.")
                    .arg(K::text(c.project, Key::DatabaseHost)),
                K::fix(RuleKit::tr("Do not create the role and database"), Key::DatabaseProvision, false));
        }
        return out;
    });
}

} // namespace

void DjangoRules::add(RuleKit::Rules& rules)
{
    addDebugAndWorker(rules);
    addPathsAndTokens(rules);
    addEmail(rules);
    addServing(rules);
}

} // namespace saltant
