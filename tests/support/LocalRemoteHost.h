#pragma once

#include "deploy/RemoteHost.h"

#include <QProcessEnvironment>

namespace saltant {

// A RemoteHost that is this machine: run() is `sh -c` through QProcess, upload() writes the file. For fast unit
// tests of the plan and the transaction only; `privileged` is ignored (the commands run as the current user).
class LocalRemoteHost : public RemoteHost
{
public:
    explicit LocalRemoteHost(const QString& stagingDirectory);

    // Directories put first on PATH of every command (recording tools, the nginx wrapper).
    void setPathPrefix(const QStringList& directories);
    // Number of upload() calls so far.
    int uploadCount() const { return m_uploads; }

    bool upload(const QString& path, const QByteArray& content, int mode, QString* error) override;
    CommandResult run(const QString& command, const QByteArray& stdinData = QByteArray(),
                      bool privileged = true) override;
    QString stagingDirectory() const override { return m_staging; }

private:
    QString m_staging;
    QProcessEnvironment m_environment;
    int m_uploads = 0;
};

} // namespace saltant
