#pragma once

#include "deploy/RemoteHost.h"
#include "ssh/SshFileTransfer.h"

#include <QCoreApplication>

namespace saltant {

class SshSession;

// RemoteHost over an authenticated SshSession (which must outlive it): uploads through one SFTP session opened on
// first use and reused, commands through one channel each (`sh -c '<command>'`). Privileged commands of a non-root
// login user run as `sudo -S -k -p <marker> -- sh -c '<command>'`, with the sudo password (credential
// "sudo.password") as the first line of the command's standard input. Once per connection, `sudo -n -k true` finds
// out whether sudo wants a password at all (NOPASSWD: none is sent) and `sudo -S -k -v` checks the stored one, so a
// rejected password is reported as such ("sudo rejected the password for USER on HOST: ...") and the command counts
// as not started. Blocking, like SshSession; a lost connection or SshSession::cancel() makes the
// current and every later call fail with an error instead of hanging.
class SshRemoteHost : public RemoteHost
{
    Q_DECLARE_TR_FUNCTIONS(saltant::SshRemoteHost)

public:
    explicit SshRemoteHost(SshSession& session);
    ~SshRemoteHost() override;
    SshRemoteHost(const SshRemoteHost&) = delete;
    SshRemoteHost& operator=(const SshRemoteHost&) = delete;

    bool upload(const QString& path, const QByteArray& content, int mode, QString* error) override;
    // Every file in ONE command as the login user (no SFTP): its contents one after the other on standard input
    // (never on the command line), each file created with umask 077, truncated, given its mode, then filled with
    // exactly its size (`head -c`, GNU: reads no byte more from the pipe) and its size checked, so a short input
    // fails that file. A failure drains the rest of the input and names the file.
    bool uploadAll(const QList<RemoteFile>& files, int* written, QString* error) override;
    CommandResult run(const QString& command, const QByteArray& stdinData = QByteArray(),
                      bool privileged = true) override;
    // ~/.cache/saltant-deploy of the login user, created (mode 0700) on first call. Empty if that failed.
    QString stagingDirectory() const override;

    // Reads a whole remote file through SFTP (for the plan's diff). False with an error if it cannot be read;
    // *exists tells a missing file (not an error: *exists = false, returns true) from an unreadable one.
    bool download(const QString& path, QByteArray* content, bool* exists, QString* error);

    // The login user (from the server: `id -un`), and whether commands need sudo to run as root.
    QString loginUser();
    bool isRoot();

    // `'...'` quoting for sh: the result is one word whatever text contains.
    static QString shellQuote(const QString& text);
    // The marker sudo -p prints as its password prompt (on standard error); removed from CommandResult::stdErr.
    static QByteArray sudoPromptMarker();

private:
    bool ensureIdentity(QString* error) const;
    CommandResult exec(const QString& commandLine, const QByteArray& stdinData) const;
    CommandResult runWithSudo(const QString& command, const QByteArray& stdinData);
    bool checkSudo(QString* error);
    QString hostName() const;

    SshSession& m_session;
    SshFileTransfer m_files;
    mutable QString m_loginUser;
    mutable int m_uid = -1;
    int m_sudoNeedsPassword = -1; // -1 unknown, 0 NOPASSWD, 1 asks for a password (checked once per connection)
    mutable QString m_stagingDirectory;
};

} // namespace saltant
