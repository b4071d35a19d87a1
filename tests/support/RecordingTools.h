#pragma once

#include <QString>
#include <QStringList>

namespace saltant {

// Stand-ins for the commands a deploy runs that a container cannot (systemctl, systemd-analyze, rabbitmqctl,
// rabbitmq-plugins, certbot, usermod, groupadd, runuser, apt-get, pip3, setfacl), written into a bin directory that
// tests put first on the (remote) PATH. Each appends one line to the log: its name and arguments, separated by single
// spaces, and for commands that read standard input " <stdin:N bytes>" (never the data). rabbitmqctl keeps its
// users and vhosts in a state directory (starting with guest and /), so idempotent guards behave as on a server.
// An `nginx` wrapper runs the real /usr/sbin/nginx -t on a given nginx.conf and records any other use.
class RecordingTools
{
public:
    static bool install(const QString& binDir, const QString& logPath, QString* error);
    // nginx -t -> /usr/sbin/nginx -t -q -p prefix -c conf; a conf including sitesEnabledDir/* is written at conf.
    static bool installNginx(const QString& binDir, const QString& logPath, const QString& prefix,
                             const QString& sitesEnabledDir, QString* error);
    // The recorded calls, one per line.
    static QStringList calls(const QString& logPath);
    // The calls whose line starts with program (e.g. "systemctl").
    static QStringList callsOf(const QString& logPath, const QString& program);
    static bool writeScript(const QString& path, const QString& body, QString* error);
};

} // namespace saltant
