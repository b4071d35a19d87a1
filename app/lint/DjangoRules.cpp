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
        if (K::flag(c.project, "django.debug")) {
            out << K::issue(
                "debug-in-production", Severity::Error, QStringLiteral("django.debug"),
                RuleKit::tr("DEBUG=True in .env: Django shows settings, file paths and stack traces to every "
                            "visitor who hits an error, and keeps every SQL query in memory. Turn debug mode "
                            "off on a production server."),
                K::fix(RuleKit::tr("Turn debug mode off"), "django.debug", false));
        }
        return out;
    });
    K::add(rules, "celery-worker-on-web", [](const LintContext& c) {
        QList<LintIssue> out;
        if (K::flag(c.project, "celery.imACeleryWorker")) {
            out << K::issue(
                "celery-worker-on-web", Severity::Warning, QStringLiteral("celery.imACeleryWorker"),
                RuleKit::tr("IM_A_CELERY_WORKER=True in .env tells saltant that this machine executes jobs, but "
                            "this project configures the web server, which runs no Celery worker. Turn it off "
                            "here and set it only in the .env of worker machines."),
                K::fix(RuleKit::tr("Mark this host as not a Celery worker"), "celery.imACeleryWorker", false));
        }
        return out;
    });
    K::add(rules, "allowed-hosts-wildcard", [](const LintContext& c) {
        QList<LintIssue> out;
        QStringList hosts = c.project.list(QStringLiteral("server.extraAllowedHosts"));
        if (hosts.contains(QStringLiteral("*"))) {
            hosts.removeAll(QStringLiteral("*"));
            out << K::issue(
                "allowed-hosts-wildcard", Severity::Warning, QStringLiteral("server.extraAllowedHosts"),
                RuleKit::tr("ALLOWED_HOSTS contains '*': Django answers any Host header, so password-reset "
                            "links and absolute URLs can be made to point at another site. Remove '*'; %1 is "
                            "already allowed.")
                    .arg(K::text(c.project, "server.domain")),
                K::fix(RuleKit::tr("Remove '*' from the extra allowed hosts"), "server.extraAllowedHosts", hosts));
        }
        return out;
    });
}

void addPathsAndTokens(K::Rules& rules)
{
    K::add(rules, "static-dir-outside-project", [](const LintContext& c) {
        QList<LintIssue> out;
        const QString stored = c.project.stored(QStringLiteral("django.staticDir")).toString();
        const QString expected = QDir::cleanPath(K::text(c.project, "django.projectDir") + QStringLiteral("/static"));
        if (!stored.isEmpty() && QDir::cleanPath(stored) != expected) {
            out << K::issue(
                "static-dir-outside-project", Severity::Warning, QStringLiteral("django.staticDir"),
                RuleKit::tr("saltant's STATIC_ROOT is %1, where collectstatic writes, but nginx serves /static/ "
                            "from %2: stylesheets, scripts and the logo return 404. Clear the setting so it "
                            "follows the project directory.")
                    .arg(expected, stored),
                K::fix(RuleKit::tr("Serve static files from %1").arg(expected), "django.staticDir", QString()));
        }
        return out;
    });
    K::add(rules, "jwt-refresh-shorter-than-access", [](const LintContext& c) {
        QList<LintIssue> out;
        const int access = K::integer(c.project, "django.jwtAccessTokenLifetime");
        const int refresh = K::integer(c.project, "django.jwtRefreshTokenLifetime");
        if (refresh < access) {
            const int days =
                qMax(access, Schema::field(QStringLiteral("django.jwtRefreshTokenLifetime"))->defaultValue.toInt());
            out << K::issue(
                "jwt-refresh-shorter-than-access", Severity::Warning, QStringLiteral("django.jwtRefreshTokenLifetime"),
                RuleKit::tr("Refresh tokens expire %1 but access tokens only %2: a client can never renew an "
                            "access token, so API users must log in again each time theirs expires. Make the "
                            "refresh lifetime at least the access lifetime.")
                    .arg(RuleKit::tr("after %n day(s)", nullptr, refresh),
                         RuleKit::tr("after %n day(s)", nullptr, access)),
                K::fix(RuleKit::tr("Make refresh tokens last %n day(s)", nullptr, days),
                       "django.jwtRefreshTokenLifetime", days));
        }
        return out;
    });
}

void addEmail(K::Rules& rules)
{
    K::add(rules, "email-tls-port-465", [](const LintContext& c) {
        QList<LintIssue> out;
        if (K::flag(c.project, "email.useTls") && K::integer(c.project, "email.port") == 465) {
            out << K::issue(
                "email-tls-port-465", Severity::Error, QStringLiteral("email.port"),
                RuleKit::tr("EMAIL_USE_TLS=True makes Django connect in plain text and then send STARTTLS, but "
                            "port 465 expects TLS from the first byte: sending mail hangs until it times out "
                            "and password-reset e-mails never arrive. Use port 587 (STARTTLS)."),
                K::fix(RuleKit::tr("Send mail on port 587"), "email.port", 587));
        }
        return out;
    });
    K::add(rules, "email-without-tls", [](const LintContext& c) {
        QList<LintIssue> out;
        const QString user = K::text(c.project, "email.user");
        if (!K::flag(c.project, "email.useTls") && !user.isEmpty()) {
            LintFix fix = K::fix(RuleKit::tr("Use TLS for SMTP"), "email.useTls", true);
            if (K::integer(c.project, "email.port") == 465) {
                fix.changes << qMakePair(QStringLiteral("email.port"), QVariant(587));
            }
            out << K::issue(
                "email-without-tls", Severity::Warning, QStringLiteral("email.useTls"),
                RuleKit::tr("EMAIL_USE_TLS=False while logging in as %1: Django sends the SMTP password and "
                            "every e-mail to %2 in clear text. Turn SMTP TLS on (STARTTLS, port 587).")
                    .arg(user, K::text(c.project, "email.host")),
                fix);
        }
        return out;
    });
}

void addServing(K::Rules& rules)
{
    K::add(rules, "uwsgi-binary-other-kind", [](const LintContext& c) {
        QList<LintIssue> out;
        const QString stored = c.project.stored(QStringLiteral("uwsgi.binary")).toString();
        const FieldSpec* spec = Schema::field(QStringLiteral("uwsgi.binary"));
        const QString expected = spec->derive(c.project);
        if (!stored.isEmpty() && stored != expected) {
            out << K::issue(
                "uwsgi-binary-other-kind", Severity::Warning, QStringLiteral("uwsgi.binary"),
                RuleKit::tr("The uWSGI executable is set to %1, but the uWSGI installation \"%2\" puts it at %3: "
                            "the deploy checks and installs that one, while emperor.uwsgi.service would start %1 "
                            "(a system-wide pip3 install to /usr/local/bin is refused by Debian 12). Clear the "
                            "setting so it follows the installation, or keep it only if %1 really is installed.")
                    .arg(stored, K::text(c.project, "uwsgi.install"), expected),
                K::fix(RuleKit::tr("Use the uWSGI of the chosen installation"), "uwsgi.binary", QString()));
        }
        return out;
    });
    K::add(rules, "database-provision-remote", [](const LintContext& c) {
        QList<LintIssue> out;
        if (K::flag(c.project, "database.provision") && !SiteFacts(c.project).databaseIsLocal()) {
            out << K::issue(
                "database-provision-remote", Severity::Warning, QStringLiteral("database.provision"),
                RuleKit::tr("The database is on %1, but the deploy can create the PostgreSQL role and database only "
                            "on this server, so it will not. Create them on %1 yourself and turn \"Create the role "
                            "and database\" off, or set the database host to localhost.")
                    .arg(K::text(c.project, "database.host")),
                K::fix(RuleKit::tr("Do not create the role and database"), "database.provision", false));
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
