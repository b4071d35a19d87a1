#include "generate/ProvisionCommands.h"

#include "generate/Quote.h"
#include "model/SettingKeys.h"

namespace saltant {
namespace {

using Quote::shell;

// nginx's worker user on Debian and Ubuntu (user www-data; in /etc/nginx/nginx.conf).
const char* const kNginxUser = "www-data";

// "/", "/home", "/home/u", "/home/u/saltant" for /home/u/saltant.
QStringList pathAndAncestors(const QString& path)
{
    QStringList out{QStringLiteral("/")};
    QString current;
    for (const QString& part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        current += QLatin1Char('/') + part;
        out << current;
    }
    return out;
}

// The prefix that runs a command with the uWSGI service's identity (User= and Group= of the emperor unit), and
// the one for nginx's workers.
QString asUwsgi(const GenerateContext& c)
{
    return QStringLiteral("runuser -u %1 -g %2 -- ")
        .arg(shell(c.text(Key::UwsgiUser)), shell(c.text(Key::ServerWebGroup)));
}

QString asNginx()
{
    return QStringLiteral("runuser -u %1 -- ").arg(shell(QString::fromLatin1(kNginxUser)));
}

QString psql()
{
    return ProvisionCommands::asPostgres(QStringLiteral("psql -X -q -v ON_ERROR_STOP=1 -d postgres"));
}

} // namespace

// True on the server when uWSGI can enter the project directory and nginx the static directory (when it exists
// yet: collectstatic creates it) and the project directory. Ubuntu 21.04 and later create homes 0750.
QString ProvisionCommands::webCanTraverse(const GenerateContext& c)
{
    const QString project = shell(c.text(Key::DjangoProjectDir));
    const QString statics = shell(c.text(Key::DjangoStaticDir));
    return QStringLiteral("%1test -x %3 && %2test -x %3 && { ! test -d %4 || { %1test -x %4 && %2test -x %4; }; }")
        .arg(asUwsgi(c), asNginx(), project, statics);
}

// Grants the web group traverse (execute only, never read) with a POSIX ACL on each directory on the way to the
// project and static directories that uWSGI or nginx cannot enter, walking from / down so that only the
// directories that really block get an entry; then checks the result.
QString ProvisionCommands::grantTraverse(const GenerateContext& c)
{
    QStringList dirs = pathAndAncestors(c.text(Key::DjangoProjectDir));
    for (const QString& dir : pathAndAncestors(c.text(Key::DjangoStaticDir))) {
        if (!dirs.contains(dir)) {
            dirs << dir;
        }
    }
    QStringList quoted;
    for (const QString& dir : dirs) {
        quoted << shell(dir);
    }
    const QString group = c.text(Key::ServerWebGroup);
    const QString failed =
        tr("uWSGI (user %1, group %2) or nginx (user %3) still cannot enter %4 or %5. Make sure %3 is in the group "
           "%2, or give it access to these directories yourself.")
            .arg(c.text(Key::UwsgiUser), group, QString::fromLatin1(kNginxUser), c.text(Key::DjangoProjectDir),
                 c.text(Key::DjangoStaticDir));
    return QStringLiteral("for d in %1; do if [ -d \"$d\" ] && ! { %2test -x \"$d\" && %3test -x \"$d\"; }; then "
                          "setfacl -m %4 \"$d\" || exit 1; fi; done; %5 || { printf '%s\\n' %6 >&2; exit 1; }")
        .arg(quoted.join(QLatin1Char(' ')), asUwsgi(c), asNginx(),
             shell(QStringLiteral("g:") + group + QStringLiteral(":--x")), webCanTraverse(c), shell(failed));
}

// psql as the PostgreSQL superuser, from a directory it can enter, never reading a psqlrc.
QString ProvisionCommands::asPostgres(const QString& program)
{
    return QStringLiteral("runuser -u postgres -- ") + program;
}

// Creates the role when missing and (always) sets its password, read from standard input: only `read` sees the
// step's input; the password travels through printf and sed (builtins and pipes, never an argument of a process)
// into psql's standard input, with single quotes doubled for the SQL literal.
QString ProvisionCommands::databaseRole(const GenerateContext& c)
{
    const QString role = c.text(Key::DatabaseUser);
    const QString sql = QStringLiteral("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = %s) THEN "
                                       "CREATE ROLE %s LOGIN; END IF; END$$;\\nALTER ROLE %s WITH LOGIN PASSWORD "
                                       "'%s';\\n");
    const QString literal = shell(QLatin1Char('\'') + role + QLatin1Char('\''));
    const QString identifier = shell(QLatin1Char('"') + role + QLatin1Char('"'));
    return QStringLiteral("cd / && IFS= read -r pw && pw=$(printf '%s' \"$pw\" | sed \"s/'/''/g\") && "
                          "printf %1 %2 %3 %3 \"$pw\" | %4")
        .arg(shell(sql), literal, identifier, psql());
}

// True on the server when the database exists.
QString ProvisionCommands::databaseExists(const GenerateContext& c)
{
    const QString query =
        QStringLiteral("SELECT 1 FROM pg_database WHERE datname = '") + c.text(Key::DatabaseName) + QLatin1Char('\'');
    return QStringLiteral("cd / && %1 -tA -c %2 </dev/null | grep -qx 1").arg(psql(), shell(query));
}

// True on the server when Django starts, reaches its database and has no unapplied migration. showmigrations
// --plan works on every Django saltant runs on (migrate --check needs 3.1); a failing manage.py fails the probe.
QString ProvisionCommands::migrationsApplied(const QString& manage)
{
    return QStringLiteral("out=$(%1showmigrations --plan </dev/null) && ! printf '%s\\n' \"$out\" | grep -q '^\\[ \\]'")
        .arg(manage);
}

} // namespace saltant
