#pragma once

#include "generate/GeneratedFile.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace saltant {

// Files written on this machine by `render` and `export`: atomically (a temporary file beside it, then renamed),
// its directory created first, and private (0600) before any byte is written when it holds a secret.
class LocalFile
{
    Q_DECLARE_TR_FUNCTIONS(saltant::LocalFile)

public:
    enum class Access
    {
        Shared,  // 0644
        Private, // 0600: holds a secret
    };

    // False with error (what failed and where) when the file could not be written; an existing file is replaced.
    static bool write(const QString& path, const QByteArray& bytes, Access access, bool executable, QString* error);
    // A symbolic link at path pointing at target, as written (a server path: inside a tree of server files it is
    // resolved against the tree's root by whoever reads it). An existing link or file there is replaced.
    static bool link(const QString& path, const QString& target, QString* error);
    // Every file at root/<its server path> (the deploy-steps preview at root/deploy-steps.sh) and its links: a
    // directory laid out like the server, which `import --from-dir` reads back. written receives each path written,
    // "PATH -> TARGET" for a link.
    static bool writeTree(const QString& root, const QList<GeneratedFile>& files, QStringList* written, QString* error);
};

} // namespace saltant
