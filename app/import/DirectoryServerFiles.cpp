#include "import/DirectoryServerFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <sys/stat.h>
#include <unistd.h>

namespace saltant {
namespace {

constexpr int MaxLinks = 40; // the kernel's own limit (ELOOP)

QString readLink(const QString& local)
{
    const QByteArray name = QFile::encodeName(local);
    QByteArray target(4096, '\0');
    const ssize_t size = ::readlink(name.constData(), target.data(), static_cast<size_t>(target.size()));
    if (size <= 0) {
        return QString();
    }
    target.truncate(size);
    return QFile::decodeName(target);
}

bool isLink(const QString& local)
{
    struct stat info = {};
    return ::lstat(QFile::encodeName(local).constData(), &info) == 0 && S_ISLNK(info.st_mode);
}

} // namespace

DirectoryServerFiles::DirectoryServerFiles(const QString& root) : m_root(QDir(root).absolutePath()) {}

QString DirectoryServerFiles::origin() const
{
    return tr("the directory %1").arg(m_root);
}

bool DirectoryServerFiles::resolve(const QString& serverPath, QString* local, QString* error) const
{
    QStringList pending = serverPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList done;
    int links = 0;
    while (!pending.isEmpty()) {
        const QString part = pending.takeFirst();
        if (part == QLatin1String(".")) {
            continue;
        }
        if (part == QLatin1String("..")) {
            if (done.isEmpty()) {
                *error = tr("%1 leads out of the copied tree (through \"..\" above its root): it was not read.")
                             .arg(serverPath);
                return false;
            }
            done.removeLast();
            continue;
        }
        done << part;
        const QString here = m_root + QLatin1Char('/') + done.join(QLatin1Char('/'));
        if (!isLink(here)) {
            continue;
        }
        if (++links > MaxLinks) {
            *error = tr("%1: too many symbolic links (a loop?): it was not read.").arg(serverPath);
            return false;
        }
        const QString target = readLink(here);
        done.removeLast();
        if (target.startsWith(QLatin1Char('/'))) {
            done.clear();
        }
        pending = target.split(QLatin1Char('/'), Qt::SkipEmptyParts) + pending;
    }
    *local = m_root + QLatin1Char('/') + done.join(QLatin1Char('/'));
    return true;
}

ServerFile DirectoryServerFiles::read(const QString& path)
{
    ServerFile file;
    file.path = path;
    QString local;
    if (!resolve(path, &local, &file.error)) {
        file.exists = true;
        return file;
    }
    struct stat info = {};
    if (::stat(QFile::encodeName(local).constData(), &info) != 0) {
        return file; // missing
    }
    file.exists = true;
    if (!S_ISREG(info.st_mode)) {
        file.error = tr("%1 is not a regular file (a directory, FIFO or device): it was not read.").arg(path);
        return file;
    }
    if (info.st_size > MaxFileBytes) {
        return tooLarge(path, info.st_size);
    }
    QFile f(local);
    if (!f.open(QIODevice::ReadOnly)) {
        file.error = tr("%1 could not be read (%2).").arg(path, f.errorString());
        return file;
    }
    return fromBytes(path, f.read(MaxFileBytes + 1));
}

QStringList DirectoryServerFiles::list(const QString& directory)
{
    QString local;
    QString error;
    if (!resolve(directory, &local, &error)) {
        return {};
    }
    QDir dir(local);
    return dir.entryList(QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

QStringList DirectoryServerFiles::subdirectories(const QString& directory)
{
    QString local;
    QString error;
    if (!resolve(directory, &local, &error)) {
        return {};
    }
    return QDir(local).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
}

QString DirectoryServerFiles::linkTarget(const QString& path)
{
    const int slash = path.lastIndexOf(QLatin1Char('/'));
    QString parent;
    QString error;
    if (slash < 0 || !resolve(path.left(slash), &parent, &error)) {
        return QString();
    }
    const QString local = parent + path.mid(slash);
    return isLink(local) ? readLink(local) : QString();
}

} // namespace saltant
