#pragma once

#include "import/ServerFiles.h"

#include <QHash>

namespace saltant {

// Server files held in memory (a project's own rendered files with one of them replaced by the server's version):
// what ServerImporter::importEdit() imports. Links point at absolute server paths.
class MemoryServerFiles : public ServerFiles
{
public:
    explicit MemoryServerFiles(const QString& origin) : m_origin(origin) {}

    void add(const QString& path, const QString& text) { m_files.insert(path, text); }
    void addLink(const QString& path, const QString& target) { m_links.insert(path, target); }

    ServerFile read(const QString& path) override;
    QStringList list(const QString& directory) override;
    QStringList subdirectories(const QString& directory) override;
    QString linkTarget(const QString& path) override { return m_links.value(path); }
    QString origin() const override { return m_origin; }

private:
    QString m_origin;
    QHash<QString, QString> m_files;
    QHash<QString, QString> m_links;
};

} // namespace saltant
