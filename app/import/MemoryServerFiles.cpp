#include "import/MemoryServerFiles.h"

#include <QSet>

namespace saltant {
namespace {

// The names directly below directory among paths: the entries (depth 1) and the subdirectories (deeper).
void namesBelow(const QList<QString>& paths, const QString& directory, QSet<QString>* entries,
                QSet<QString>* subdirectories)
{
    const QString prefix = directory.endsWith(QLatin1Char('/')) ? directory : directory + QLatin1Char('/');
    for (const QString& path : paths) {
        if (!path.startsWith(prefix)) {
            continue;
        }
        const QString rest = path.mid(prefix.size());
        const qsizetype slash = rest.indexOf(QLatin1Char('/'));
        if (slash < 0) {
            entries->insert(rest);
        } else {
            subdirectories->insert(rest.left(slash));
        }
    }
}

} // namespace

ServerFile MemoryServerFiles::read(const QString& path)
{
    QString resolved = path;
    for (int links = 0; links < 40 && m_links.contains(resolved); ++links) {
        resolved = m_links.value(resolved);
    }
    ServerFile file;
    file.path = path;
    const auto it = m_files.constFind(resolved);
    if (it != m_files.constEnd()) {
        file = fromBytes(path, it->toUtf8());
    }
    return file;
}

QStringList MemoryServerFiles::list(const QString& directory)
{
    QSet<QString> entries;
    QSet<QString> subdirectories;
    namesBelow(m_files.keys() + m_links.keys(), directory, &entries, &subdirectories);
    QStringList out(entries.cbegin(), entries.cend());
    out.sort();
    return out;
}

QStringList MemoryServerFiles::subdirectories(const QString& directory)
{
    QSet<QString> entries;
    QSet<QString> subdirectories;
    namesBelow(m_files.keys() + m_links.keys(), directory, &entries, &subdirectories);
    QStringList out(subdirectories.cbegin(), subdirectories.cend());
    out.sort();
    return out;
}

} // namespace saltant
