#include "import/SshImport.h"

#include "import/RabbitmqAccounts.h"
#include "import/RemoteServerFiles.h"
#include "ssh/SshRemoteHost.h"

#include <QRegularExpression>

namespace saltant {
namespace {

Project targetProject(const SshImportTarget& target)
{
    Project project = Project::example();
    project.setValue(Key::SshHost, target.host);
    project.setValue(Key::SshPort, target.port);
    project.setValue(Key::SshUser, target.user);
    if (!target.identityFile.isEmpty()) {
        project.setValue(Key::SshIdentityFile, target.identityFile);
    }
    if (!target.knownHostsFile.isEmpty()) {
        project.setValue(Key::SshKnownHostsFile, target.knownHostsFile);
    }
    return project;
}

} // namespace

bool SshImportTarget::parse(const QString& url, SshImportTarget* target, QString* error)
{
    static const QRegularExpression form(QStringLiteral(
        "^ssh://([A-Za-z_][A-Za-z0-9_.-]{0,31})@(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?/?$"));
    const QRegularExpressionMatch match = form.match(url);
    const int port = match.captured(3).isEmpty() ? 22 : match.captured(3).toInt();
    if (!match.hasMatch() || port < 1 || port > 65535) {
        *error = SshImport::tr("\"%1\" is not an SSH address: write ssh://USER@HOST or ssh://USER@HOST:PORT, e.g. "
                               "ssh://ubuntu@www.example.com:22.")
                     .arg(url);
        return false;
    }
    target->user = match.captured(1);
    target->host = match.captured(2);
    if (target->host.startsWith(QLatin1Char('['))) {
        target->host = target->host.mid(1, target->host.size() - 2);
    }
    target->port = port;
    return true;
}

QString SshImportTarget::url() const
{
    const QString h = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return QStringLiteral("ssh://%1@%2:%3").arg(user, h).arg(port);
}

SshImport::SshImport(const SshImportTarget& target, const SecretValues& authSecrets)
    : m_target(target), m_connection(std::make_unique<DeployConnection>(targetProject(target), authSecrets))
{}

bool SshImport::connectToHost()
{
    return m_connection->connectToHost();
}

bool SshImport::run(bool acceptUnknownHostKey, ImportResult* result)
{
    if (!m_connection->authenticate(acceptUnknownHostKey)) {
        return false;
    }
    RemoteServerFiles files(*m_connection->host(), m_target.url());
    *result = ServerImporter(files).run();
    m_commands = files.commands();
    if (!result->ok()) {
        return true;
    }
    m_commands += RabbitmqAccounts::check(*m_connection->host(), result);
    // The project reaches the server the way this import did.
    const Project target = targetProject(m_target);
    for (SettingKey key : {Key::SshHost, Key::SshPort, Key::SshUser, Key::SshIdentityFile, Key::SshKnownHostsFile}) {
        result->project.setValue(key, target.stored(key));
    }
    return true;
}

} // namespace saltant
