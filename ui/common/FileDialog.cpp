#include "common/FileDialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <optional>

namespace saltant {
namespace {

std::optional<QString>& nextName()
{
    static std::optional<QString> name;
    return name;
}

const QString LastDirectoryKey = QStringLiteral("ui/lastDirectory");

} // namespace

QString FileDialog::getOpenFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter)
{
    QString name;
    if (!takeNext(&name)) {
        name = QFileDialog::getOpenFileName(parent, caption, startDirectory(dir), filter);
    }
    remember(name);
    return name;
}

QString FileDialog::getSaveFileName(QWidget* parent, const QString& caption, const QString& dir, const QString& filter)
{
    QString name;
    if (!takeNext(&name)) {
        name = QFileDialog::getSaveFileName(parent, caption, startDirectory(dir), filter);
    }
    remember(name);
    return name;
}

QString FileDialog::getExistingDirectory(QWidget* parent, const QString& caption, const QString& dir)
{
    QString name;
    if (!takeNext(&name)) {
        name = QFileDialog::getExistingDirectory(parent, caption, startDirectory(dir));
    }
    remember(name + QStringLiteral("/."));
    return name;
}

void FileDialog::setNextFileName(const QString& name)
{
    nextName() = name;
}

bool FileDialog::takeNext(QString* name)
{
    if (!nextName().has_value()) {
        return false;
    }
    *name = *nextName();
    nextName().reset();
    return true;
}

QString FileDialog::startDirectory(const QString& dir)
{
    QString path = dir;
    if (path.startsWith(QLatin1String("~/"))) {
        path = QDir::homePath() + path.mid(1);
    }
    if (!path.isEmpty()) {
        return path;
    }
    return QSettings().value(LastDirectoryKey, QDir::homePath()).toString();
}

void FileDialog::remember(const QString& path)
{
    if (!path.isEmpty()) {
        QSettings().setValue(LastDirectoryKey, QFileInfo(path).absolutePath());
    }
}

} // namespace saltant
