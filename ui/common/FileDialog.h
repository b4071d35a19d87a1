#pragma once

#include <QString>

class QWidget;

namespace saltant {

// File dialogs with one seam for tests (as KeePassXC's FileDialog): setNextFileName() makes the next call return
// that name without showing a dialog. The last directory used is remembered in QSettings.
class FileDialog
{
public:
    static QString getOpenFileName(QWidget* parent, const QString& caption, const QString& dir = QString(),
                                   const QString& filter = QString());
    static QString getSaveFileName(QWidget* parent, const QString& caption, const QString& dir = QString(),
                                   const QString& filter = QString());
    static QString getExistingDirectory(QWidget* parent, const QString& caption, const QString& dir = QString());
    // The next get*() call returns name (an empty name: as if the user cancelled).
    static void setNextFileName(const QString& name);

private:
    static bool takeNext(QString* name);
    static QString startDirectory(const QString& dir);
    static void remember(const QString& path);
};

} // namespace saltant
