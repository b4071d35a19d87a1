#include "export/LocalFile.h"

#include <QDir>
#include <QFile>
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

bool LocalFile::link(const QString& path, const QString& target, QString* error)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = tr("Cannot create the directory of %1; check that you may write there.").arg(path);
        return false;
    }
    if (QFileInfo(path).isSymLink() || QFileInfo::exists(path)) {
        QFile::remove(path);
    }
    if (!QFile::link(target, path)) {
        *error = tr("Cannot create the link %1 -> %2.").arg(path, target);
        return false;
    }
    return true;
}

bool LocalFile::writeTree(const QString& root, const QList<GeneratedFile>& files, QStringList* written, QString* error)
{
    const QDir out(root);
    // Remote paths are validated absolute paths without "." or "..", so everything stays inside root.
    const auto local = [&](const QString& remote) {
        return QDir::cleanPath(out.filePath(remote.startsWith(QLatin1Char('/')) ? remote.mid(1) : remote));
    };
    for (const GeneratedFile& file : files) {
        const QString path = local(file.remotePath);
        if (!write(path, file.content.toUtf8(), file.holdsSecrets ? Access::Private : Access::Shared,
                   (file.mode & 0100) != 0, error)) {
            return false;
        }
        written->append(path);
        if (file.previewOnly) {
            continue;
        }
        for (const QString& symlink : file.symlinks) {
            if (!link(local(symlink), file.remotePath, error)) {
                return false;
            }
            written->append(local(symlink) + QStringLiteral(" -> ") + file.remotePath);
        }
    }
    return true;
}

} // namespace saltant
