#pragma once

#include "deploy/RemoteHost.h"

#include <QStringList>
#include <functional>

namespace saltant {

// A RemoteHost in front of another (SshRemoteHost, LocalRemoteHost) that counts and records uploads and lets a test
// act before an upload or rewrite a command before it runs (to cut a script short, as a lost connection would).
// Everything else is forwarded unchanged.
class InterceptingHost : public RemoteHost
{
public:
    explicit InterceptingHost(RemoteHost& inner) : m_inner(inner) {}

    // Called with the 1-based number of the upload, before it is forwarded.
    std::function<void(int)> beforeUpload;
    // Returns the command to run instead of the given one.
    std::function<QString(const QString&)> rewrite;
    int uploads = 0;
    QStringList uploadedPaths;

    bool upload(const QString& path, const QByteArray& content, int mode, QString* error) override;
    // With beforeUpload set: one upload() per file (the hook acts between them); without: the inner host's
    // uploadAll (SshRemoteHost: one command), every file counted and recorded.
    bool uploadAll(const QList<RemoteFile>& files, int* written, QString* error) override;
    CommandResult run(const QString& command, const QByteArray& stdinData, bool privileged) override;
    QString stagingDirectory() const override { return m_inner.stagingDirectory(); }

private:
    RemoteHost& m_inner;
};

} // namespace saltant
