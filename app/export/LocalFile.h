#pragma once

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
};

} // namespace saltant
