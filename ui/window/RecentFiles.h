#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace saltant {

// The File > Open Recent menu: the last project files opened or saved, most recent first, kept in QSettings (paths
// only). Files that no longer exist are dropped when the menu is shown.
class RecentFiles : public QObject
{
    Q_OBJECT

public:
    explicit RecentFiles(QMenu* menu, QObject* parent = nullptr);

    void add(const QString& path);
    QStringList files() const;

signals:
    void openRequested(const QString& path);

private:
    void rebuildMenu();
    void store(const QStringList& files);

    QMenu* m_menu;
};

} // namespace saltant
