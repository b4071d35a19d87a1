#pragma once

#include <QString>
#include <QStringList>

namespace saltant {

// The syntax of a generated file; the preview's highlighter and the deploy's validator key on it.
enum class FileFormat
{
    Nginx,
    Ini,        // uWSGI ini
    Systemd,    // systemd unit
    Dotenv,     // saltant's .env as django-dotenv reads it
    EnvFile,    // systemd EnvironmentFile=
    Shell,      // POSIX sh
    RabbitConf, // rabbitmq.conf (sysctl-style)
    Erlang,     // classic rabbitmq.config
    Rsyslog,
};

// One file a deploy puts on the server (or, for the deploy-steps preview, only shows).
struct GeneratedFile
{
    QString id;          // stable id: "nginx-site", "dotenv", ...
    QString remotePath;  // absolute path on the server
    int mode = 0644;     // permission bits
    QString owner = QStringLiteral("root");
    QString group = QStringLiteral("root");
    FileFormat format = FileFormat::Ini;
    QString content;
    bool holdsSecrets = false;  // written 0600/0640, masked in previews
    bool previewOnly = false;   // the deploy-steps preview: shown, never uploaded
    QStringList symlinks;       // links that must point at remotePath (sites-enabled)

    QString modeString() const { return QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0')); }
};

} // namespace saltant

Q_DECLARE_TYPEINFO(saltant::GeneratedFile, Q_RELOCATABLE_TYPE); // lists of files grow by moving memory
