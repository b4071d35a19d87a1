#include "export/LocalFile.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace saltant {

bool LocalFile::write(const QString& path, const QByteArray& bytes, Access access, bool executable, QString* error)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = tr("Cannot create the directory of %1; check that you may write there.").arg(path);
        return false;
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2.").arg(path, out.errorString());
        return false;
    }
    QFileDevice::Permissions perms = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (access == Access::Shared) {
        perms |= QFileDevice::ReadGroup | QFileDevice::ReadOther;
    }
    if (executable) {
        perms |= QFileDevice::ExeOwner;
    }
    // Before the content: the temporary file must never hold a secret with wider permissions.
    if (!out.setPermissions(perms)) {
        *error = tr("Cannot set the permissions of %1.").arg(path);
        return false;
    }
    out.write(bytes);
    if (!out.commit()) {
        *error = tr("Cannot write %1: %2.").arg(path, out.errorString());
        return false;
    }
    return true;
}

} // namespace saltant
