#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace saltant {

// One file as read off a server (or a copy of one): its text, or why it could not be read.
struct ServerFile
{
    QString path; // the server path asked for
    QString text;
    bool exists = false;
    QString error; // set when it exists but cannot be used (binary, too large, a link out of the tree, ...)
    bool ok() const { return exists && error.isEmpty(); }
};

// Read-only access to a server's files by their server paths, for the importer. Implementations hold every limit
// (size, binary content, links, special files) so hostile content gives an error for that file, never a crash or
// a hang.
class ServerFiles
{
    Q_DECLARE_TR_FUNCTIONS(saltant::ServerFiles)

public:
    virtual ~ServerFiles() = default;
    virtual ServerFile read(const QString& path) = 0;
    // The names of the entries of a directory (files and links to files), sorted; empty when it does not exist.
    virtual QStringList list(const QString& directory) = 0;
    // The names of its subdirectories, sorted.
    virtual QStringList subdirectories(const QString& directory) = 0;
    // Where the symbolic link at path points, as written; empty when path is not a link.
    virtual QString linkTarget(const QString& path) = 0;
    // Where this server's files come from ("ssh://user@host:22", "directory /tmp/x"), for the report.
    virtual QString origin() const = 0;

    // A file over this many bytes is refused (no configuration file of this product is near it).
    static constexpr qint64 MaxFileBytes = 1024 * 1024;
    // Checks bytes read from path and turns them into a ServerFile (UTF-8; NUL bytes mean binary: refused).
    static ServerFile fromBytes(const QString& path, const QByteArray& bytes);
    // The file at path, refused for its size (bytes).
    static ServerFile tooLarge(const QString& path, qint64 bytes);
};

} // namespace saltant
