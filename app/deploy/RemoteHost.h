#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace saltant {

// What one command on the server did.
struct CommandResult
{
    bool started = false; // the command ran to completion and reported an exit status
    int exitStatus = -1;
    QByteArray stdOut;
    QByteArray stdErr;
    QString error; // why it could not run (connection lost, channel refused, ...), human-readable

    bool ok() const { return started && exitStatus == 0; }
};

// One file for RemoteHost::uploadAll().
struct RemoteFile
{
    QString path;
    QByteArray content;
    int mode = 0600;
};

// The server a deploy talks to. Two operations are enough for the whole transaction: put bytes into a file
// the login user may write (SFTP), and run a shell command line (with optional standard input). Privileged
// commands are wrapped in sudo by the implementation when the login user is not root; the sudo password goes
// to sudo's standard input, never onto a command line.
//
// Implementations: SshRemoteHost (libssh; the real one) and, for unit tests of plan/transaction logic only,
// LocalRemoteHost (runs sh -c locally). Integration tests always use SshRemoteHost against a real sshd.
class RemoteHost
{
public:
    virtual ~RemoteHost() = default;

    // Writes content to path (created or truncated) with the given permission bits, as the login user.
    virtual bool upload(const QString& path, const QByteArray& content, int mode, QString* error) = 0;

    // Writes every file as upload() does, in order, stopping at the first failure; *written: how many were written
    // completely. This implementation calls upload() for each; SshRemoteHost sends them all in one command.
    virtual bool uploadAll(const QList<RemoteFile>& files, int* written, QString* error)
    {
        *written = 0;
        for (const RemoteFile& f : files) {
            if (!upload(f.path, f.content, f.mode, error)) {
                return false;
            }
            ++*written;
        }
        return true;
    }

    // Runs `sh -c command` on the server; stdinData is written to its standard input, then closed.
    // privileged: run as root (through sudo -S when the login user is not root).
    virtual CommandResult run(const QString& command, const QByteArray& stdinData = QByteArray(),
                              bool privileged = true) = 0;

    // A directory the login user can write, for staging uploads before they are moved into place as root.
    virtual QString stagingDirectory() const = 0;
};

} // namespace saltant
