#include "ssh/SshFileTransfer.h"

#include "ssh/SshSession.h"

#include <fcntl.h>
#include <libssh/libssh.h>
#include <libssh/sftp.h>

namespace saltant {

namespace {

constexpr int chunkSize = 32 * 1024;

struct SftpFileClose
{
    void operator()(sftp_file file) const { sftp_close(file); }
};
using SftpFile = std::unique_ptr<sftp_file_struct, SftpFileClose>;

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

} // namespace

void SshFileTransfer::SftpDeleter::operator()(sftp_session sftp) const
{
    sftp_free(sftp);
}

SshFileTransfer::SshFileTransfer(SshSession& session) : m_session(session)
{
    m_session.addDisconnectHandler(this, [this]() { m_sftp.reset(); });
}

SshFileTransfer::~SshFileTransfer()
{
    m_sftp.reset();
    m_session.removeDisconnectHandlers(this);
}

bool SshFileTransfer::ensureOpen(QString* error)
{
    ssh_session session = m_session.handle();
    if (m_session.isCancelled()) {
        return fail(error, tr("Cancelled."));
    }
    if (!session || !m_session.isAuthenticated() || !ssh_is_connected(session)) {
        return fail(error, tr("Not connected to %1.").arg(m_session.target().host));
    }
    if (m_sftp) {
        return true;
    }
    ++m_session.roundTrips().sftpOperations; // the subsystem channel and SFTP's version exchange
    m_sftp.reset(sftp_new(session));
    if (!m_sftp || sftp_init(m_sftp.get()) != SSH_OK) {
        const QString reason = QString::fromUtf8(ssh_get_error(session));
        m_sftp.reset();
        return fail(error, tr("%1 did not start an SFTP session (is the sftp subsystem enabled in its "
                              "sshd_config?): %2")
                               .arg(m_session.target().host, reason));
    }
    return true;
}

QString SshFileTransfer::failure(const QString& action, const QString& path)
{
    ssh_session session = m_session.handle();
    if (!session || !ssh_is_connected(session)) {
        const QString message =
            tr("The connection to %1 was lost while %2 %3.").arg(m_session.target().host, action, path);
        m_session.setFailure(SshSession::Failure::ConnectionFailed, message);
        return message;
    }
    QString reason;
    switch (m_sftp ? sftp_get_error(m_sftp.get()) : SSH_FX_CONNECTION_LOST) {
    case SSH_FX_NO_SUCH_FILE:
    case SSH_FX_NO_SUCH_PATH:
        reason = tr("the directory does not exist");
        break;
    case SSH_FX_PERMISSION_DENIED:
        reason = tr("permission denied for %1").arg(m_session.target().user);
        break;
    case SSH_FX_FILE_ALREADY_EXISTS:
        reason = tr("a file of that name already exists");
        break;
    case SSH_FX_WRITE_PROTECT:
        reason = tr("the file system is read-only");
        break;
    case SSH_FX_NO_MEDIA:
        reason = tr("no medium");
        break;
    case SSH_FX_CONNECTION_LOST:
    case SSH_FX_NO_CONNECTION:
        reason = tr("the SFTP session was lost");
        break;
    default:
        reason = QString::fromUtf8(ssh_get_error(session));
        if (reason.isEmpty()) {
            reason = tr("the server reported a failure (a full disk? a directory in the way?)");
        }
        break;
    }
    return tr("Error %1 %2 on %3: %4.").arg(action, path, m_session.target().host, reason);
}

bool SshFileTransfer::upload(const QString& path, const QByteArray& content, int mode, QString* error)
{
    if (!ensureOpen(error)) {
        return false;
    }
    const QByteArray remotePath = path.toUtf8();
    const mode_t permissions = mode_t(mode) & 07777;
    ++m_session.roundTrips().sftpOperations;
    SftpFile file(sftp_open(m_sftp.get(), remotePath.constData(), O_WRONLY | O_CREAT | O_TRUNC, permissions));
    if (!file) {
        return fail(error, failure(tr("creating"), path));
    }
    // Restrict the permissions before any content is written (the file may have existed with wider ones).
    ++m_session.roundTrips().sftpOperations;
    if (sftp_chmod(m_sftp.get(), remotePath.constData(), permissions) != SSH_OK) {
        return fail(error, failure(tr("setting the permissions of"), path));
    }
    for (int offset = 0; offset < content.size();) {
        ++m_session.roundTrips().sftpOperations;
        const ssize_t written =
            sftp_write(file.get(), content.constData() + offset, size_t(qMin(chunkSize, int(content.size()) - offset)));
        if (written <= 0) {
            return fail(error, failure(tr("writing"), path));
        }
        offset += int(written);
        if (m_session.isCancelled()) {
            return fail(error, tr("Cancelled while writing %1.").arg(path));
        }
    }
    ++m_session.roundTrips().sftpOperations;
    if (sftp_close(file.release()) != SSH_OK) {
        return fail(error, failure(tr("closing"), path));
    }
    return true;
}

bool SshFileTransfer::download(const QString& path, QByteArray* content, bool* exists, QString* error)
{
    content->clear();
    *exists = false;
    if (!ensureOpen(error)) {
        return false;
    }
    ++m_session.roundTrips().sftpOperations;
    SftpFile file(sftp_open(m_sftp.get(), path.toUtf8().constData(), O_RDONLY, 0));
    if (!file) {
        const int status = sftp_get_error(m_sftp.get());
        if (ssh_is_connected(m_session.handle()) && (status == SSH_FX_NO_SUCH_FILE || status == SSH_FX_NO_SUCH_PATH)) {
            return true;
        }
        return fail(error, failure(tr("opening"), path));
    }
    char buffer[chunkSize];
    while (true) {
        ++m_session.roundTrips().sftpOperations;
        const ssize_t read = sftp_read(file.get(), buffer, sizeof(buffer));
        if (read < 0) {
            return fail(error, failure(tr("reading"), path));
        }
        if (read == 0) {
            break;
        }
        content->append(buffer, int(read));
        if (m_session.isCancelled()) {
            return fail(error, tr("Cancelled while reading %1.").arg(path));
        }
    }
    ++m_session.roundTrips().sftpOperations; // the close (SftpFile's deleter)
    *exists = true;
    return true;
}

} // namespace saltant
