#include "window/RemoteModule.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibrary>

namespace saltant {
namespace {

RemoteModule* s_module = nullptr;

const char* const ModuleName = "saltant-deploy-remote";

} // namespace

void RemoteModule::setBuiltIn(RemoteModule* module)
{
    s_module = module;
}

RemoteModule* RemoteModule::loaded()
{
    return s_module;
}

QString RemoteModule::fileName()
{
    return QCoreApplication::applicationDirPath() + QLatin1Char('/') + QLatin1String(ModuleName) +
           QStringLiteral(".so");
}

RemoteModule* RemoteModule::load(QString* error)
{
    if (s_module) {
        return s_module;
    }
    // Next to the program (the build tree), then where `cmake --install` and the package put it.
    const QString dir = QCoreApplication::applicationDirPath();
    const QStringList candidates = {
        fileName(),
        QFileInfo(dir + QStringLiteral("/../lib/saltant-deploy/") + QLatin1String(ModuleName) + QStringLiteral(".so"))
            .absoluteFilePath(),
    };
    QStringList tried;
    for (const QString& path : candidates) {
        if (!QFileInfo::exists(path)) {
            tried << QCoreApplication::translate("saltant::RemoteModule", "%1 (not found)").arg(path);
            continue;
        }
        QLibrary library(path);
        // Bind every symbol now: a module that does not fit this program fails here, not in the middle of a deploy.
        library.setLoadHints(QLibrary::ResolveAllSymbolsHint);
        using Entry = RemoteModule* (*)();
        const auto entry = reinterpret_cast<Entry>(library.resolve("saltant_remote_module"));
        if (!entry) {
            tried << QStringLiteral("%1 (%2)").arg(path, library.errorString());
            continue;
        }
        s_module = entry(); // the library stays loaded: QLibrary unloads only when asked
        return s_module;
    }
    *error = QCoreApplication::translate("saltant::RemoteModule",
                                         "The deploy module could not be loaded, so deploying, the server checks, "
                                         "importing from a server and the keychain are unavailable: %1. Reinstall "
                                         "Saltant Deploy, or build the target saltant-deploy-remote.")
                 .arg(tried.join(QStringLiteral("; ")));
    return nullptr;
}

} // namespace saltant
