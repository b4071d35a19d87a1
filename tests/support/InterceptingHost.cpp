#include "InterceptingHost.h"

namespace saltant {

bool InterceptingHost::upload(const QString& path, const QByteArray& content, int mode, QString* error)
{
    ++uploads;
    uploadedPaths << path;
    if (beforeUpload) {
        beforeUpload(uploads);
    }
    return m_inner.upload(path, content, mode, error);
}

bool InterceptingHost::uploadAll(const QList<RemoteFile>& files, int* written, QString* error)
{
    if (beforeUpload) {
        return RemoteHost::uploadAll(files, written, error);
    }
    for (const RemoteFile& f : files) {
        ++uploads;
        uploadedPaths << f.path;
    }
    return m_inner.uploadAll(files, written, error);
}

CommandResult InterceptingHost::run(const QString& command, const QByteArray& stdinData, bool privileged)
{
    return m_inner.run(rewrite ? rewrite(command) : command, stdinData, privileged);
}

} // namespace saltant
