#include "ssh/SshRemoteHost.h"

#include "ssh/SshSession.h"

#include <QElapsedTimer>
#include <libssh/libssh.h>
#include <memory>

namespace saltant {

namespace {

constexpr int chunkSize = 32 * 1024;

struct ChannelFree
{
    void operator()(ssh_channel channel) const { ssh_channel_free(channel); }
};
using Channel = std::unique_ptr<ssh_channel_struct, ChannelFree>;

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

CommandResult failed(const QString& error)
{
    CommandResult result;
    result.error = error;
    return result;
}

QString staging()
{
    return QStringLiteral("\"$HOME/.cache/saltant-deploy\"");
}

} // namespace

SshRemoteHost::SshRemoteHost(SshSession& session) : m_session(session), m_files(session) {}

SshRemoteHost::~SshRemoteHost() = default;

QString SshRemoteHost::shellQuote(const QString& text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QByteArray SshRemoteHost::sudoPromptMarker()
{
    return QByteArrayLiteral("[saltant-deploy sudo password]");
}

QString SshRemoteHost::hostName() const
{
    return m_session.target().host;
}

CommandResult SshRemoteHost::exec(const QString& commandLine, const QByteArray& stdinData) const
{
    ssh_session session = m_session.handle();
    if (m_session.isCancelled()) {
        return failed(tr("Cancelled."));
    }
    if (!session || !m_session.isAuthenticated() || !ssh_is_connected(session)) {
        return failed(tr("Not connected to %1.").arg(hostName()));
    }
    const auto lost = [this, session](const QString& activity) {
        const QString message = tr("The connection to %1 was lost %2: %3")
                                    .arg(hostName(), activity, QString::fromUtf8(ssh_get_error(session)));
        m_session.setFailure(SshSession::Failure::ConnectionFailed, message);
        return failed(message);
    };

    ++m_session.roundTrips().execChannels;
    if (commandLine.startsWith(QLatin1String("sudo "))) {
        ++m_session.roundTrips().sudo;
    }
    Channel channel(ssh_channel_new(session));
    if (!channel || ssh_channel_open_session(channel.get()) != SSH_OK) {
        if (!ssh_is_connected(session)) {
            return lost(tr("before the command could start"));
        }
        return failed(
            tr("%1 refused to open a session channel: %2").arg(hostName(), QString::fromUtf8(ssh_get_error(session))));
    }
    if (ssh_channel_request_exec(channel.get(), commandLine.toUtf8().constData()) != SSH_OK) {
        return lost(tr("before the command could start"));
    }
    for (int offset = 0; offset < stdinData.size();) {
        const int written = ssh_channel_write(channel.get(), stdinData.constData() + offset,
                                              uint32_t(qMin(chunkSize, int(stdinData.size()) - offset)));
        if (written == SSH_ERROR) {
            return lost(tr("while sending the command's input"));
        }
        offset += written;
    }
    if (ssh_channel_send_eof(channel.get()) != SSH_OK) {
        return lost(tr("while sending the command's input"));
    }

    CommandResult result;
    QElapsedTimer timer;
    timer.start();
    const qint64 limit = qint64(m_session.target().commandTimeoutSeconds) * 1000;
    char buffer[chunkSize];
    while (true) {
        if (m_session.isCancelled()) {
            return failed(tr("Cancelled while the command was running on %1.").arg(hostName()));
        }
        if (timer.elapsed() > limit) {
            return failed(tr("The command did not finish within %n second(s) on %1 and was abandoned.", nullptr,
                             m_session.target().commandTimeoutSeconds)
                              .arg(hostName()));
        }
        const int out = ssh_channel_poll_timeout(channel.get(), 100, 0);
        if (out == SSH_ERROR || !ssh_is_connected(session)) {
            return lost(tr("while the command was running"));
        }
        if (out > 0) {
            const int read = ssh_channel_read_nonblocking(channel.get(), buffer, uint32_t(qMin(out, chunkSize)), 0);
            if (read == SSH_ERROR) {
                return lost(tr("while the command was running"));
            }
            result.stdOut.append(buffer, qMax(read, 0));
        }
        const int err = ssh_channel_poll(channel.get(), 1);
        if (err == SSH_ERROR) {
            return lost(tr("while the command was running"));
        }
        if (err > 0) {
            const int read = ssh_channel_read_nonblocking(channel.get(), buffer, uint32_t(qMin(err, chunkSize)), 1);
            if (read == SSH_ERROR) {
                return lost(tr("while the command was running"));
            }
            result.stdErr.append(buffer, qMax(read, 0));
        }
        if (out == SSH_EOF && err == SSH_EOF) {
            break;
        }
    }
    const int status = ssh_channel_get_exit_status(channel.get());
    if (!ssh_is_connected(session)) {
        return lost(tr("before the command reported its exit status"));
    }
    if (status < 0) {
        result.error = tr("The command ended on %1 without an exit status (killed by a signal?).").arg(hostName());
        return result;
    }
    result.started = true;
    result.exitStatus = status;
    return result;
}

bool SshRemoteHost::ensureIdentity(QString* error) const
{
    if (m_uid >= 0) {
        return true;
    }
    // The user "root" is uid 0 everywhere: no round trip to ask. Any other name is asked (it may be uid 0 too).
    if (m_session.target().user == QLatin1String("root")) {
        m_uid = 0;
        m_loginUser = QStringLiteral("root");
        return true;
    }
    const CommandResult id = exec(QStringLiteral("id -u && id -un"), QByteArray());
    const QList<QByteArray> lines = id.stdOut.trimmed().split('\n');
    bool isNumber = false;
    const int uid = lines.value(0).trimmed().toInt(&isNumber);
    if (!id.ok() || lines.size() != 2 || !isNumber) {
        if (error) {
            *error = id.error.isEmpty() ? tr("Could not find out the login user on %1: %2")
                                              .arg(hostName(), QString::fromUtf8(id.stdErr.trimmed()))
                                        : id.error;
        }
        return false;
    }
    m_uid = uid;
    m_loginUser = QString::fromUtf8(lines.at(1).trimmed());
    return true;
}

QString SshRemoteHost::loginUser()
{
    return ensureIdentity(nullptr) ? m_loginUser : QString();
}

bool SshRemoteHost::isRoot()
{
    return ensureIdentity(nullptr) && m_uid == 0;
}

CommandResult SshRemoteHost::run(const QString& command, const QByteArray& stdinData, bool privileged)
{
    const QString shell = QStringLiteral("sh -c ") + shellQuote(command);
    if (!privileged) {
        return exec(shell, stdinData);
    }
    QString error;
    if (!ensureIdentity(&error)) {
        return failed(error);
    }
    if (m_uid == 0) {
        return exec(shell, stdinData);
    }
    return runWithSudo(command, stdinData);
}

bool SshRemoteHost::upload(const QString& path, const QByteArray& content, int mode, QString* error)
{
    return m_files.upload(path, content, mode, error);
}

bool SshRemoteHost::uploadAll(const QList<RemoteFile>& files, int* written, QString* error)
{
    *written = 0;
    if (files.isEmpty()) {
        return true;
    }
    // Each file: truncate (or create, 0600 at most under umask 077), restrict its mode before any byte is written
    // (as SFTP upload() does), copy exactly SIZE bytes, check the size; "ok N" after each. On a failure the rest of
    // the input is read and dropped, so the client's writes never meet a closed channel.
    QString script = QStringLiteral(
        "umask 077\n"
        "up() {\n"
        "  if : >\"$2\" && chmod \"$3\" \"$2\" && head -c \"$4\" >\"$2\" && [ \"$(wc -c <\"$2\")\" -eq \"$4\" ]; then\n"
        "    echo \"ok $1\"\n"
        "  else\n"
        "    echo \"could not write $2\" >&2\n"
        "    cat >/dev/null\n"
        "    exit 1\n"
        "  fi\n"
        "}\n");
    QByteArray input;
    qsizetype total = 0;
    for (const RemoteFile& f : files) {
        total += f.content.size();
    }
    input.reserve(total);
    for (qsizetype i = 0; i < files.size(); ++i) {
        const RemoteFile& f = files.at(i);
        script += QStringLiteral("up %1 %2 %3 %4\n")
                      .arg(QString::number(i + 1), shellQuote(f.path), QString::number(f.mode & 07777, 8),
                           QString::number(f.content.size()));
        input.append(f.content);
    }
    const CommandResult result = exec(QStringLiteral("sh -c ") + shellQuote(script), input);
    input.fill('\0');
    for (const QByteArray& line : result.stdOut.split('\n')) {
        if (line.startsWith("ok ")) {
            *written = qMax(*written, line.mid(3).toInt());
        }
    }
    if (result.ok() && *written == files.size()) {
        return true;
    }
    if (!result.error.isEmpty()) {
        return fail(error, result.error);
    }
    const QString reason = QString::fromUtf8(result.stdErr.trimmed());
    return fail(error, tr("Could not write %1 on %2 (%3): check the free space and the permissions of the staging "
                          "directory there, then deploy again.")
                           .arg(files.value(*written).path, hostName(),
                                reason.isEmpty() ? tr("the upload ended early") : reason));
}

bool SshRemoteHost::download(const QString& path, QByteArray* content, bool* exists, QString* error)
{
    return m_files.download(path, content, exists, error);
}

// Once per connection: does sudo want a password, and is the stored one right? Checked with commands that read
// nothing else from standard input, so a wrong password can never be mistaken for (or eat) a command's input.
bool SshRemoteHost::checkSudo(QString* error)
{
    if (m_sudoNeedsPassword >= 0) {
        return true;
    }
    const QString user = m_loginUser;
    const CommandResult probe = exec(QStringLiteral("sudo -n -k true"), QByteArray());
    if (!probe.error.isEmpty()) {
        return fail(error, probe.error);
    }
    if (probe.exitStatus == 127) {
        return fail(error, tr("%1 logs in as %2, who needs sudo to deploy, but sudo is not installed "
                              "there: install it or deploy as root.")
                               .arg(hostName(), user));
    }
    if (probe.exitStatus == 0) {
        m_sudoNeedsPassword = 0;
        return true;
    }
    QByteArray password = m_session.credentials().value(QStringLiteral("sudo.password")).toUtf8();
    if (password.isEmpty()) {
        return fail(error, tr("sudo on %1 asks %2 for a password, and none is stored: add the sudo "
                              "password to the keychain.")
                               .arg(hostName(), user));
    }
    password.append('\n');
    const CommandResult validate =
        exec(QStringLiteral("sudo -S -k -p %1 -v").arg(shellQuote(QString::fromUtf8(sudoPromptMarker()))), password);
    password.fill('\0');
    if (!validate.error.isEmpty()) {
        return fail(error, validate.error);
    }
    if (validate.exitStatus != 0) {
        if (validate.stdErr.count(sudoPromptMarker()) > 1) {
            return fail(error, tr("sudo rejected the password for %1 on %2: update the sudo password "
                                  "in the keychain.")
                                   .arg(user, hostName()));
        }
        QByteArray message = validate.stdErr;
        message.replace(sudoPromptMarker(), QByteArray());
        QString reason = QString::fromUtf8(message.trimmed());
        if (!reason.isEmpty() && !reason.endsWith(QLatin1Char('.'))) {
            reason += QLatin1Char('.');
        }
        // The password was right (sudo asked once), yet sudo said no: the user has no sudo rights there.
        return fail(error, tr("sudo refused %1 on %2: %3 The deploy writes its files and runs its commands "
                              "as root: give %1 sudo rights on %2 (for example `usermod -aG sudo %1`, "
                              "run as root) or log in as root.")
                               .arg(user, hostName(), reason));
    }
    m_sudoNeedsPassword = 1;
    return true;
}

CommandResult SshRemoteHost::runWithSudo(const QString& command, const QByteArray& stdinData)
{
    QString error;
    if (!checkSudo(&error)) {
        return failed(error);
    }
    const QString quoted = shellQuote(command);
    if (m_sudoNeedsPassword == 0) {
        return exec(QStringLiteral("sudo -n -- sh -c ") + quoted, stdinData);
    }
    // -k: ignore cached credentials, so sudo always reads the password line we send (and never passes it on).
    QByteArray input = m_session.credentials().value(QStringLiteral("sudo.password")).toUtf8();
    input.append('\n');
    input.append(stdinData);
    CommandResult result = exec(
        QStringLiteral("sudo -S -k -p %1 -- sh -c %2").arg(shellQuote(QString::fromUtf8(sudoPromptMarker())), quoted),
        input);
    input.fill('\0');
    const int prompts = int(result.stdErr.count(sudoPromptMarker()));
    result.stdErr.replace(sudoPromptMarker(), QByteArray());
    if (prompts > 1) {
        result.started = false;
        result.error = tr("sudo rejected the password for %1 on %2: update the sudo password in the "
                          "keychain.")
                           .arg(m_loginUser, hostName());
    }
    return result;
}

QString SshRemoteHost::stagingDirectory() const
{
    if (m_stagingDirectory.isEmpty()) {
        const QString script = QStringLiteral("mkdir -p %1 && chmod 700 %1 && cd %1 && pwd -P").arg(staging());
        const CommandResult made = exec(QStringLiteral("sh -c ") + shellQuote(script), QByteArray());
        if (made.ok()) {
            m_stagingDirectory = QString::fromUtf8(made.stdOut.trimmed());
        }
    }
    return m_stagingDirectory;
}

} // namespace saltant
