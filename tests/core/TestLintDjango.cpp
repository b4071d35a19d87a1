#include "TestLintSupport.h"

using namespace saltant;
using lintcheck::row;

class TestLintDjango : public QObject
{
    Q_OBJECT

private slots:
    void rule_firesQuietAndFixes_data();
    void rule_firesQuietAndFixes() { lintcheck::verifyRow(); }
    void jwtFix_coversAccessLongerThanDefault();
    void emailFix_onPort465_alsoMovesTo587();
};

void TestLintDjango::rule_firesQuietAndFixes_data()
{
    lintcheck::addColumns();
    const auto E = Severity::Error;
    const auto W = Severity::Warning;
    row("debug", "debug-in-production", {"django.debug=true"}, {"django.debug=false"}, E, Key::DjangoDebug, true);
    row("worker", "celery-worker-on-web", {"celery.imACeleryWorker=true"}, {}, W, Key::CeleryImACeleryWorker, true);
    row("wildcard", "allowed-hosts-wildcard", {"server.extraAllowedHosts=127.0.0.1,*"},
        {"server.extraAllowedHosts=127.0.0.1,.fictionaljobrunner.com"}, W, Key::ServerExtraAllowedHosts, true);
    row("static elsewhere", "static-dir-outside-project", {"django.staticDir=/var/www/static"},
        {"django.staticDir=/home/ubuntu/saltant/static/"}, W, Key::DjangoStaticDir, true);
    row("static after project move", "static-dir-outside-project",
        {"django.staticDir=/home/ubuntu/saltant/static", "django.projectDir=/srv/saltant"},
        {"django.staticDir=", "django.projectDir=/srv/saltant"}, W, Key::DjangoStaticDir, true);
    row("jwt", "jwt-refresh-shorter-than-access",
        {"django.jwtAccessTokenLifetime=30", "django.jwtRefreshTokenLifetime=7"},
        {"django.jwtAccessTokenLifetime=30", "django.jwtRefreshTokenLifetime=30"}, W,
        Key::DjangoJwtRefreshTokenLifetime, true);
    row("smtp 465 starttls", "email-tls-port-465", {"email.port=465"}, {"email.port=465", "email.useTls=false"}, E,
        Key::EmailPort, true);
    row("old pip uwsgi", "uwsgi-binary-other-kind", {"uwsgi.binary=/usr/local/bin/uwsgi"},
        {"uwsgi.binary=/usr/bin/uwsgi"}, W, Key::UwsgiBinary, true);
    row("venv uwsgi kept after switch", "uwsgi-binary-other-kind",
        {"uwsgi.install=distribution", "uwsgi.binary=/home/ubuntu/saltant/venv/bin/uwsgi"},
        {"uwsgi.install=venv", "uwsgi.binary=/home/ubuntu/saltant/venv/bin/uwsgi"}, W, Key::UwsgiBinary, true);
    row("remote database", "database-provision-remote", {"database.host=db.example.com"},
        {"database.host=db.example.com", "database.provision=false"}, W, Key::DatabaseProvision, true);
    row("local database by address", "database-provision-remote", {"database.host=10.0.0.5"}, {"database.host=::1"}, W,
        Key::DatabaseProvision, true);
    row("smtp plain login", "email-without-tls", {"email.useTls=false"}, {"email.useTls=false", "email.user="}, W,
        Key::EmailUseTls, true);
}

void TestLintDjango::jwtFix_coversAccessLongerThanDefault()
{
    Project p = Project::example();
    QVERIFY(lintcheck::apply(p, {"django.jwtAccessTokenLifetime=400", "django.jwtRefreshTokenLifetime=100"}));
    const auto s = lintcheck::secrets();
    const QList<LintIssue> found = lintcheck::lint(p, s, QStringLiteral("jwt-refresh-shorter-than-access"));
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.first().message.contains(QStringLiteral("after 100 day")), qPrintable(found.first().message));
    QVERIFY(Linter::applyFix(p, *found.first().fix, nullptr));
    QCOMPARE(p.integer(Key::DjangoJwtRefreshTokenLifetime), 400);
}

void TestLintDjango::emailFix_onPort465_alsoMovesTo587()
{
    Project p = Project::example();
    QVERIFY(lintcheck::apply(p, {"email.useTls=false", "email.port=465"}));
    const auto s = lintcheck::secrets();
    const QList<LintIssue> found = lintcheck::lint(p, s, QStringLiteral("email-without-tls"));
    QCOMPARE(found.size(), 1);
    QVERIFY(Linter::applyFix(p, *found.first().fix, nullptr));
    QCOMPARE(p.integer(Key::EmailPort), 587);
    QVERIFY(lintcheck::lint(p, s, QStringLiteral("email-tls-port-465")).isEmpty());
}

QTEST_GUILESS_MAIN(TestLintDjango)
#include "TestLintDjango.moc"
#include "model/SettingKeys.h"
