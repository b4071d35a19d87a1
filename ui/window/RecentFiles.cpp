#include "window/RecentFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace saltant {
namespace {

const QString Key = QStringLiteral("recentFiles");
constexpr int MaximumFiles = 8;

} // namespace

RecentFiles::RecentFiles(QMenu* menu, QObject* parent) : QObject(parent), m_menu(menu)
{
    connect(menu, &QMenu::aboutToShow, this, &RecentFiles::rebuildMenu);
    rebuildMenu();
}

QStringList RecentFiles::files() const
{
    return QSettings().value(Key).toStringList();
}

void RecentFiles::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > MaximumFiles) {
        list.removeLast();
    }
    store(list);
}

void RecentFiles::store(const QStringList& list)
{
    // The menu is rebuilt when it is next shown, never while one of its actions is being triggered.
    QSettings().setValue(Key, list);
}

void RecentFiles::rebuildMenu()
{
    m_menu->clear();
    QStringList existing;
    for (const QString& path : files()) {
        if (QFileInfo::exists(path)) {
            existing << path;
        }
    }
    for (int i = 0; i < existing.size(); ++i) {
        const QString path = existing[i];
        QAction* action = m_menu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(path)));
        connect(action, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    if (existing.isEmpty()) {
        m_menu->addAction(tr("No recent projects"))->setEnabled(false);
        return;
    }
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("&Clear List")), &QAction::triggered, this, [this] { store({}); });
}

} // namespace saltant
