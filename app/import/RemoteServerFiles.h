#pragma once

#include "import/ServerFiles.h"

#include <QHash>

namespace saltant {

class RemoteHost;

// A running server's files, read over SSH as root (the .env and Flower's environment file are not readable by
// others): one command per file or directory, each path shell-quoted; a file's size is checked on the server
// before any byte is sent, and only regular files are read. Every answer is kept, so the importer may ask twice.
class RemoteServerFiles : public ServerFiles
{
    Q_DECLARE_TR_FUNCTIONS(saltant::RemoteServerFiles)

public:
    RemoteServerFiles(RemoteHost& host, const QString& origin);

    ServerFile read(const QString& path) override;
    QStringList list(const QString& directory) override;
    QStringList subdirectories(const QString& directory) override;
    QString linkTarget(const QString& path) override;
    QString origin() const override { return m_origin; }

    int commands() const { return m_commands; } // how many commands ran (round trips)

private:
    QStringList names(const QString& directory, const QString& type);

    RemoteHost& m_host;
    QString m_origin;
    QHash<QString, ServerFile> m_files;
    QHash<QString, QStringList> m_lists;
    QHash<QString, QString> m_links;
    int m_commands = 0;
};

} // namespace saltant
