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

CommandResult InterceptingHost::run(const QString& command, const QByteArray& stdinData, bool privileged)
{
    return m_inner.run(rewrite ? rewrite(command) : command, stdinData, privileged);
}

} // namespace saltant
