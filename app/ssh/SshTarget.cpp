#include "ssh/SshTarget.h"

#include "model/Project.h"

#include <QDir>
#include <QFileInfo>
#include <libssh/libssh.h>
#include <memory>

namespace saltant {

namespace {

struct SessionFree
{
    void operator()(ssh_session session) const { ssh_free(session); }
};

struct StringFree
{
    void operator()(char* text) const { ssh_string_free_char(text); }
};

QString option(ssh_session session, ssh_options_e which)
{
    char* raw = nullptr;
    if (ssh_options_get(session, which, &raw) != SSH_OK || !raw) {
        return QString();
    }
    const std::unique_ptr<char, StringFree> value(raw);
    return QString::fromUtf8(value.get());
}

// The IdentityFile tokens libssh and ssh(1) know that matter here: %d (home), %u (local user), %r (remote user),
// %h (host name), %%.
QString expandTokens(const QString& path, const SshTarget& target)
{
    QString result;
    for (int i = 0; i < path.size(); ++i) {
        if (path.at(i) != QLatin1Char('%') || i + 1 == path.size()) {
            result += path.at(i);
            continue;
        }
        const QChar token = path.at(++i);
        if (token == QLatin1Char('d')) {
            result += QDir::homePath();
        } else if (token == QLatin1Char('u')) {
            result += qEnvironmentVariable("USER");
        } else if (token == QLatin1Char('r')) {
            result += target.user;
        } else if (token == QLatin1Char('h')) {
            result += target.host;
        } else {
            result += token; // %% and unknown tokens
        }
    }
    return SshTarget::expandHome(result);
}

bool isLibsshDefaultIdentity(const QString& identity)
{
    return identity.startsWith(QLatin1String("%d/id_"));
}

} // namespace

SshTarget SshTarget::fromProject(const Project& project)
{
    SshTarget target;
    target.host = project.text(Key::SshHost);
    target.port = project.integer(Key::SshPort);
    target.user = project.text(Key::SshUser);
    target.identityFile = project.text(Key::SshIdentityFile);
    target.knownHostsFile = project.text(Key::SshKnownHostsFile);
    return target;
}

QString SshTarget::expandHome(const QString& path)
{
    if (path == QLatin1String("~")) {
        return QDir::homePath();
    }
    if (path.startsWith(QLatin1String("~/"))) {
        return QDir::homePath() + path.mid(1);
    }
    return path;
}

bool SshTarget::resolve(SshTarget* resolved, QString* error) const
{
    SshTarget result = *this;
    result.identityFile = expandHome(identityFile);
    result.knownHostsFile = expandHome(knownHostsFile);
    result.globalKnownHostsFile = expandHome(globalKnownHostsFile);
    result.sshConfigFile = expandHome(sshConfigFile.isEmpty() ? QStringLiteral("~/.ssh/config") : sshConfigFile);
    if (!useSshConfig) {
        *resolved = result;
        return true;
    }

    // A probe session holding only the host name: whatever the config files set shows up in it.
    const std::unique_ptr<ssh_session_struct, SessionFree> probe(ssh_new());
    if (!probe) {
        if (error) {
            *error = tr("Could not initialise libssh.");
        }
        return false;
    }
    const QByteArray hostBytes = host.toUtf8();
    const QByteArray sshDir = QDir::homePath().toUtf8() + "/.ssh";
    ssh_options_set(probe.get(), SSH_OPTIONS_HOST, hostBytes.constData());
    ssh_options_set(probe.get(), SSH_OPTIONS_SSH_DIR, sshDir.constData());
    for (const QString& file : {result.sshConfigFile, QStringLiteral("/etc/ssh/ssh_config")}) {
        if (!QFileInfo::exists(file)) {
            continue;
        }
        if (ssh_options_parse_config(probe.get(), QFile::encodeName(file).constData()) != SSH_OK) {
            if (error) {
                *error = tr("The SSH configuration file %1 could not be read: %2")
                             .arg(file, QString::fromUtf8(ssh_get_error(probe.get())));
            }
            return false;
        }
    }

    const QString configHost = option(probe.get(), SSH_OPTIONS_HOST);
    if (!configHost.isEmpty()) {
        result.host = configHost;
    }
    unsigned int configPort = 0;
    if (ssh_options_get_port(probe.get(), &configPort) == SSH_OK && configPort != 0 && configPort != 22) {
        result.port = static_cast<int>(configPort);
    }
    const QString configUser = option(probe.get(), SSH_OPTIONS_USER);
    if (!configUser.isEmpty()) {
        result.user = configUser;
    }
    const QString configIdentity = option(probe.get(), SSH_OPTIONS_IDENTITY);
    if (!configIdentity.isEmpty() && !isLibsshDefaultIdentity(configIdentity)) {
        result.identityFile = expandTokens(configIdentity, result);
    }
    *resolved = result;
    return true;
}

QString SshTarget::displayName() const
{
    return QStringLiteral("%1@%2:%3").arg(user, host).arg(port);
}

QString SshTarget::knownHostsName() const
{
    if (port == 22) {
        return host;
    }
    return QStringLiteral("[%1]:%2").arg(host).arg(port);
}

} // namespace saltant
