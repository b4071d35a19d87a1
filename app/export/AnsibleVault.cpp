#include "export/AnsibleVault.h"

#include <QFileInfo>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace saltant {
namespace {

constexpr int TimeoutMs = 120000;

void closeFd(int* fd)
{
    if (*fd >= 0) {
        ::close(*fd);
        *fd = -1;
    }
}

} // namespace

AnsibleVault::AnsibleVault(const QString& program) : m_program(program) {}

bool AnsibleVault::checkPassword(const QString& password, QString* error)
{
    if (password.isEmpty()) {
        *error = tr("The vault password is empty. Store one with `saltant-deploy-cli secret set "
                    "ansible.vaultPassword`, or give --vault-password-file FILE.");
        return false;
    }
    if (password.contains(QLatin1Char('\n')) || password.contains(QLatin1Char('\r'))) {
        *error = tr("The vault password holds a line break; use a password of one line.");
        return false;
    }
    if (password.trimmed() != password) {
        *error = tr("The vault password begins or ends with white space, which Ansible drops from password files; "
                    "use a password without it.");
        return false;
    }
    return true;
}

QString AnsibleVault::locate(const QString& program, QString* error)
{
    const QString found = program.contains(QLatin1Char('/')) ? (QFileInfo(program).isExecutable() ? program : QString())
                                                             : QStandardPaths::findExecutable(program);
    if (found.isEmpty()) {
        *error = tr("%1 was not found. Install ansible-core (Debian and Ubuntu: apt-get install ansible-core; "
                    "elsewhere: pipx install ansible-core), then export again.")
                     .arg(program);
    }
    return found;
}

bool AnsibleVault::start(QProcess* process, const QString& program, const QStringList& arguments,
                         const QStringList& trailing, const QString& password, QString* error)
{
    const QString path = locate(program, error);
    if (path.isEmpty()) {
        return false;
    }
    int fds[2] = {-1, -1};
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        *error = tr("Could not create a pipe for the vault password: %1.").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    // A password of one line fits the pipe's buffer: written and closed before the child starts.
    const QByteArray bytes = password.toUtf8() + '\n';
    const bool written = ::write(fds[1], bytes.constData(), static_cast<size_t>(bytes.size())) == bytes.size();
    closeFd(&fds[1]);
    if (!written) {
        closeFd(&fds[0]);
        *error = tr("Could not hand the vault password to %1.").arg(program);
        return false;
    }
    const int readEnd = fds[0];
    // Only in the child, between fork and exec: the read end stays open across exec (async-signal-safe call).
    process->setChildProcessModifier([readEnd] { ::fcntl(readEnd, F_SETFD, 0); });
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // A password file or vault id of the admin's environment would be a second "default" vault secret.
    env.remove(QStringLiteral("ANSIBLE_VAULT_PASSWORD_FILE"));
    env.remove(QStringLiteral("ANSIBLE_VAULT_IDENTITY_LIST"));
    env.remove(QStringLiteral("ANSIBLE_VAULT_IDENTITY"));
    env.insert(QStringLiteral("ANSIBLE_NOCOLOR"), QStringLiteral("1"));
    process->setProcessEnvironment(env);
    QStringList args = arguments;
    args << QStringLiteral("--vault-password-file=/dev/fd/%1").arg(readEnd);
    args << trailing;
    process->start(path, args);
    const bool started = process->waitForStarted(TimeoutMs);
    closeFd(&fds[0]);
    if (!started) {
        *error = tr("%1 could not be started: %2").arg(path, process->errorString());
        return false;
    }
    return true;
}

bool AnsibleVault::encrypt(const QByteArray& plaintext, const QString& password, QByteArray* ciphertext,
                           QString* error) const
{
    QProcess process;
    if (!start(&process, m_program, {QStringLiteral("encrypt")}, {QStringLiteral("--output=-"), QStringLiteral("-")},
               password, error)) {
        return false;
    }
    process.write(plaintext);
    process.closeWriteChannel();
    if (!process.waitForFinished(TimeoutMs)) {
        process.kill();
        process.waitForFinished();
        *error = tr("%1 did not finish within %2 seconds.").arg(m_program).arg(TimeoutMs / 1000);
        return false;
    }
    const QByteArray out = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 || !out.startsWith("$ANSIBLE_VAULT;")) {
        *error = tr("%1 encrypt failed (exit code %2): %3")
                     .arg(m_program)
                     .arg(process.exitCode())
                     .arg(QString::fromUtf8(process.readAllStandardError()).trimmed());
        return false;
    }
    *ciphertext = out;
    return true;
}

} // namespace saltant
