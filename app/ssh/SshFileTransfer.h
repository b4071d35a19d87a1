#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <memory>

struct sftp_session_struct;

namespace saltant {

class SshSession;

// Whole-file SFTP transfers over an authenticated SshSession (which must outlive it). One SFTP session, opened on
// first use and reused; released before the SSH session goes away.
class SshFileTransfer
{
    Q_DECLARE_TR_FUNCTIONS(saltant::SshFileTransfer)

public:
    explicit SshFileTransfer(SshSession& session);
    ~SshFileTransfer();
    SshFileTransfer(const SshFileTransfer&) = delete;
    SshFileTransfer& operator=(const SshFileTransfer&) = delete;

    // Creates or truncates path, sets its permission bits to mode before writing, writes content.
    bool upload(const QString& path, const QByteArray& content, int mode, QString* error);
    // Reads path; a missing file is not an error (*exists = false).
    bool download(const QString& path, QByteArray* content, bool* exists, QString* error);

private:
    bool ensureOpen(QString* error);
    // A sentence for a failed SFTP request, from the SFTP status or the lost connection.
    QString failure(const QString& action, const QString& path);

    struct SftpDeleter
    {
        void operator()(sftp_session_struct* sftp) const;
    };

    SshSession& m_session;
    std::unique_ptr<sftp_session_struct, SftpDeleter> m_sftp;
};

} // namespace saltant
