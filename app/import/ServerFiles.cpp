#include "import/ServerFiles.h"

namespace saltant {

ServerFile ServerFiles::fromBytes(const QString& path, const QByteArray& bytes)
{
    if (bytes.size() > MaxFileBytes) {
        return tooLarge(path, bytes.size());
    }
    ServerFile file;
    file.path = path;
    file.exists = true;
    if (bytes.contains('\0')) {
        file.error = tr("%1 holds NUL bytes (a binary file, not a configuration file): it was not read.").arg(path);
        return file;
    }
    file.text = QString::fromUtf8(bytes);
    return file;
}

ServerFile ServerFiles::tooLarge(const QString& path, qint64 bytes)
{
    ServerFile file;
    file.path = path;
    file.exists = true;
    file.error = tr("%1 is %2 bytes, more than any configuration file this tool writes (at most %3): it was not "
                    "read. Import the other files, then compare this one by hand.")
                     .arg(path)
                     .arg(bytes)
                     .arg(MaxFileBytes);
    return file;
}

} // namespace saltant
