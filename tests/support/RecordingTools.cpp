#include "RecordingTools.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace saltant {
namespace {

QString quoted(const QString& text)
{
    QString out = text;
    out.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

// Appends "NAME ARG..." (and the stdin size when READS_STDIN=1) to the log.
QString recorder(const QString& name, const QString& log, bool readsStdin)
{
    QString s = QStringLiteral("#!/bin/sh\nline=%1\nfor a in \"$@\"; do line=\"$line $a\"; done\n").arg(quoted(name));
    if (readsStdin) {
        s += QStringLiteral("n=$(cat | wc -c)\nline=\"$line <stdin:$n bytes>\"\n");
    }
    return s + QStringLiteral("printf '%s\\n' \"$line\" >> %1\n").arg(quoted(log));
}

} // namespace

bool RecordingTools::writeScript(const QString& path, const QString& body, QString* error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(body.toUtf8()) < 0) {
        *error = QStringLiteral("cannot write ") + path + QStringLiteral(": ") + file.errorString();
        return false;
    }
    file.close();
    return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                               QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
                               QFileDevice::ExeOther);
}

bool RecordingTools::install(const QString& binDir, const QString& logPath, QString* error)
{
    const QString state = binDir + QStringLiteral("/.rabbitmq");
    QDir().mkpath(state);
    QFile users(state + QStringLiteral("/users"));
    QFile vhosts(state + QStringLiteral("/vhosts"));
    if (!users.open(QIODevice::WriteOnly) || users.write("guest\n") < 0 || !vhosts.open(QIODevice::WriteOnly) ||
        vhosts.write("/\n") < 0) {
        *error = QStringLiteral("cannot write the rabbitmqctl state in ") + state;
        return false;
    }
    users.close();
    vhosts.close();
    const QStringList plain = {
        QStringLiteral("systemctl"), QStringLiteral("systemd-analyze"), QStringLiteral("rabbitmq-plugins"),
        QStringLiteral("certbot"),   QStringLiteral("groupadd"),        QStringLiteral("apt-get"),
        QStringLiteral("pip3"),      QStringLiteral("setfacl")};
    for (const QString& name : plain) {
        if (!writeScript(binDir + QLatin1Char('/') + name, recorder(name, logPath, false), error)) {
            return false;
        }
    }
    // runuser: the read-only probes a plan asks (`test` as the web users, `manage.py showmigrations`) are answered
    // without a record, so a plan or a no-op deploy leaves the log empty as on a server: `test` runs as the
    // calling user, showmigrations reports nothing pending. Everything else is recorded and not run.
    const QString runuser = QStringLiteral("#!/bin/sh\n"
                                           "for a in \"$@\"; do [ \"$a\" = showmigrations ] && exit 0; done\n"
                                           "n=0\nfor a in \"$@\"; do n=$((n + 1)); [ \"$a\" = -- ] && break; done\n"
                                           "eval \"first=\\${$((n + 1))}\"\n"
                                           "if [ \"$first\" = test ]; then shift $n; exec \"$@\"; fi\n") +
                            recorder(QStringLiteral("runuser"), logPath, false).mid(10);
    if (!writeScript(binDir + QStringLiteral("/runuser"), runuser, error)) {
        return false;
    }
    const QString u = quoted(state + QStringLiteral("/users"));
    const QString v = quoted(state + QStringLiteral("/vhosts"));
    // Records every call; reads standard input only where the real one does (add_user/change_password without a
    // password argument); list and change its state like the real one.
    const QString rabbit =
        QStringLiteral(
            "#!/bin/sh\nline=rabbitmqctl\nfor a in \"$@\"; do line=\"$line $a\"; done\n"
            "[ \"$1\" = -q ] && shift\n"
            "case \"$1\" in add_user|change_password) n=$(cat | wc -c); line=\"$line <stdin:$n bytes>\";; esac\n"
            "printf '%s\\n' \"$line\" >> %1\n"
            "case \"$1\" in\n"
            "  list_users) while read -r x; do printf '%s\\t[]\\n' \"$x\"; done < %2 ;;\n"
            "  list_vhosts) cat %3 ;;\n"
            "  add_user) grep -qxF \"$2\" %2 || printf '%s\\n' \"$2\" >> %2 ;;\n"
            "  add_vhost) printf '%s\\n' \"$2\" >> %3 ;;\n"
            "  delete_user) grep -vxF \"$2\" %2 > %2.t; mv %2.t %2 ;;\n"
            "  delete_vhost) grep -vxF \"$2\" %3 > %3.t; mv %3.t %3 ;;\n"
            "esac\nexit 0\n")
            .arg(quoted(logPath), u, v);
    if (!writeScript(binDir + QStringLiteral("/rabbitmqctl"), rabbit, error)) {
        return false;
    }
    // Group membership like a real server: `usermod -a -G GROUP USER` is recorded and remembered, and
    // `id -nG USER` answers from that memory for the users it knows (the rabbitmq user exists, in no extra group
    // yet); every other `id` call goes to the real program.
    const QString groups = quoted(state + QStringLiteral("/groups-"));
    const QString usermod =
        recorder(QStringLiteral("usermod"), logPath, false) +
        QStringLiteral("if [ \"$1\" = -a ] && [ \"$2\" = -G ]; then\n"
                       "  f=%1\"$4\"; grep -qxF \"$3\" \"$f\" 2>/dev/null || printf '%s\\n' \"$3\" >> \"$f\"\n"
                       "fi\n")
            .arg(groups);
    const QString id =
        QStringLiteral("#!/bin/sh\n"
                       "if [ \"$1\" = -nG ] && [ \"$2\" = rabbitmq ]; then\n"
                       "  printf 'rabbitmq'; [ -f %1rabbitmq ] && while read -r g; do printf ' %s' \"$g\"; "
                       "done < %1rabbitmq; printf '\\n'; exit 0\n"
                       "fi\nexec /usr/bin/id \"$@\"\n")
            .arg(groups);
    return writeScript(binDir + QStringLiteral("/usermod"), usermod, error) &&
           writeScript(binDir + QStringLiteral("/id"), id, error);
}

bool RecordingTools::installNginx(const QString& binDir, const QString& logPath, const QString& prefix,
                                  const QString& sitesEnabledDir, QString* error)
{
    QDir().mkpath(prefix + QStringLiteral("/logs"));
    const QString conf = prefix + QStringLiteral("/deploy-nginx.conf");
    const QString text = QStringLiteral("pid %1/nginx.pid;\nerror_log %1/logs/error.log;\nevents {}\nhttp {\n"
                                        "    include /etc/nginx/mime.types;\n"
                                        "    client_body_temp_path %1/tmp-body;\n    proxy_temp_path %1/tmp-proxy;\n"
                                        "    fastcgi_temp_path %1/tmp-fastcgi;\n    uwsgi_temp_path %1/tmp-uwsgi;\n"
                                        "    scgi_temp_path %1/tmp-scgi;\n    access_log off;\n"
                                        "    include %2/*;\n}\n")
                             .arg(prefix, sitesEnabledDir);
    QFile file(conf);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0) {
        *error = QStringLiteral("cannot write ") + conf;
        return false;
    }
    file.close();
    const QString wrapper = QStringLiteral("#!/bin/sh\nif [ \"$1\" = -t ]; then\n  printf 'nginx -t\\n' >> %1\n"
                                           "  exec /usr/sbin/nginx -t -q -p %2/ -e %2/logs/error.log -c %3\nfi\n")
                                .arg(quoted(logPath), quoted(prefix), quoted(conf)) +
                            recorder(QStringLiteral("nginx"), logPath, false).mid(10);
    return writeScript(binDir + QStringLiteral("/nginx"), wrapper, error);
}

QStringList RecordingTools::calls(const QString& logPath)
{
    QFile file(logPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QStringList RecordingTools::callsOf(const QString& logPath, const QString& program)
{
    QStringList out;
    for (const QString& line : calls(logPath)) {
        if (line == program || line.startsWith(program + QLatin1Char(' '))) {
            out.append(line);
        }
    }
    return out;
}

} // namespace saltant
