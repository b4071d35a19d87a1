#pragma once

#include "import/ServerFiles.h"

namespace saltant {

// A server's files copied into a directory at their server paths (DIR/etc/nginx/...). Paths resolve as if DIR
// were the server's root: an absolute link target stays inside DIR, and a link whose ".." climbs above DIR is
// refused; only regular files are read (a FIFO or a device would block or never end).
class DirectoryServerFiles : public ServerFiles
{
    Q_DECLARE_TR_FUNCTIONS(saltant::DirectoryServerFiles)

public:
    explicit DirectoryServerFiles(const QString& root);

    ServerFile read(const QString& path) override;
    QStringList list(const QString& directory) override;
    QStringList subdirectories(const QString& directory) override;
    QString linkTarget(const QString& path) override;
    QString origin() const override;

private:
    // The local path of serverPath with every link resolved inside the root; false with error when a link leaves
    // the tree or loops.
    bool resolve(const QString& serverPath, QString* local, QString* error) const;

    QString m_root;
};

} // namespace saltant
