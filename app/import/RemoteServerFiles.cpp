#include "import/RemoteServerFiles.h"

#include "deploy/RemoteHost.h"
#include "generate/Quote.h"

namespace saltant {

RemoteServerFiles::RemoteServerFiles(RemoteHost& host, const QString& origin) : m_host(host), m_origin(origin) {}

ServerFile RemoteServerFiles::read(const QString& path)
{
    const auto cached = m_files.constFind(path);
    if (cached != m_files.constEnd()) {
        return *cached;
    }
    // First line: "missing", "special" or "size N"; then, when N is small enough, the bytes.
    const QString command = QStringLiteral("p=%1; if [ ! -e \"$p\" ]; then echo missing; "
                                           "elif [ ! -f \"$p\" ]; then echo special; "
                                           "else s=$(stat -L -c %s -- \"$p\") && echo \"size $s\" && "
                                           "if [ \"$s\" -le %2 ]; then cat -- \"$p\"; fi; fi")
                                .arg(Quote::shell(path))
                                .arg(MaxFileBytes);
    ++m_commands;
    const CommandResult result = m_host.run(command);
    ServerFile file;
    file.path = path;
    const qsizetype newline = result.stdOut.indexOf('\n');
    const QByteArray head = result.stdOut.left(newline);
    if (!result.ok() || newline < 0) {
        file.exists = true;
        file.error = tr("%1 could not be read on the server: %2")
                         .arg(path, result.error.isEmpty() ? QString::fromUtf8(result.stdErr).trimmed() : result.error);
    } else if (head == "missing") {
        file.exists = false;
    } else if (head == "special") {
        file.exists = true;
        file.error = tr("%1 is not a regular file (a directory, FIFO or device): it was not read.").arg(path);
    } else {
        const qint64 size = head.mid(5).toLongLong();
        file = size > MaxFileBytes ? tooLarge(path, size) : fromBytes(path, result.stdOut.mid(newline + 1));
    }
    m_files.insert(path, file);
    return file;
}

QStringList RemoteServerFiles::names(const QString& directory, const QString& type)
{
    const QString key = type + QLatin1Char(':') + directory;
    const auto cached = m_lists.constFind(key);
    if (cached != m_lists.constEnd()) {
        return *cached;
    }
    // NUL-separated names: any character but '/' and NUL may be in a name.
    const QString command = QStringLiteral("[ -d %1 ] && find %1/ -mindepth 1 -maxdepth 1 %2 -printf '%f\\0' || true")
                                .arg(Quote::shell(directory), type);
    ++m_commands;
    const CommandResult result = m_host.run(command);
    QStringList out;
    for (const QByteArray& name : result.stdOut.split('\0')) {
        if (!name.isEmpty()) {
            out << QString::fromUtf8(name);
        }
    }
    out.sort();
    m_lists.insert(key, out);
    return out;
}

QStringList RemoteServerFiles::list(const QString& directory)
{
    return names(directory, QStringLiteral("\\( -type f -o -xtype f \\)"));
}

QStringList RemoteServerFiles::subdirectories(const QString& directory)
{
    return names(directory, QStringLiteral("-type d"));
}

QString RemoteServerFiles::linkTarget(const QString& path)
{
    const auto cached = m_links.constFind(path);
    if (cached != m_links.constEnd()) {
        return *cached;
    }
    ++m_commands;
    const CommandResult result =
        m_host.run(QStringLiteral("if [ -L %1 ]; then readlink -- %1; fi").arg(Quote::shell(path)));
    QString target = QString::fromUtf8(result.stdOut);
    if (target.endsWith(QLatin1Char('\n'))) {
        target.chop(1);
    }
    m_links.insert(path, target);
    return target;
}

} // namespace saltant
