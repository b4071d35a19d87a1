#pragma once

#include "import/ServerImporter.h"

#include <QString>
#include <functional>
#include <memory>

class QAction;
class QDockWidget;
class QMainWindow;
class QWidget;

namespace saltant {

class Project;
class ProjectDocument;
class SecretStore;
class SecretValues;

// What the window does over the network and with the OS keychain: deploy, deploy to every host, deploy history,
// import from a server, the Server Checks panel, the keychain itself. It lives in a module the window loads on first
// use (saltant-deploy-remote.so, ui/deploy/DeployModule), together with the libraries behind it (libssh, libcrypto,
// Kerberos, Qt Network, Qt D-Bus, QtKeychain): the window paints without them (issue 17). The module uses the
// window's classes directly; the window reaches the module only through this interface.
class RemoteModule
{
public:
    // The parts of a main window a deploy works with (all owned by the window).
    struct DeployWindow
    {
        QMainWindow* window = nullptr;
        ProjectDocument* document = nullptr;
        QWidget* checks = nullptr; // the window's Server Checks panel (WindowLayout::ensureChecks())
        QAction* deployAction = nullptr;
        QAction* historyAction = nullptr;
    };
    // Stores an import's secrets and opens its project (ImportDialog::Opener).
    using ImportOpener = std::function<bool(const ImportResult& result, QString* error)>;

    virtual ~RemoteModule() = default;

    // The module, loaded on the first call from next to the program or from ../lib/saltant-deploy/; null and error
    // (what failed and what to do) when it cannot be.
    static RemoteModule* load(QString* error);
    // The module when load() has succeeded, else null; never loads.
    static RemoteModule* loaded();
    // A module linked into the program itself (the widget tests): load() returns it without looking for the file.
    static void setBuiltIn(RemoteModule* module);
    // The file load() tries first.
    static QString fileName();

    // The OS keychain (QtKeychain over D-Bus) as the secret store of the window.
    virtual std::unique_ptr<SecretStore> createKeychain() = 0;

    // The Server Checks panel, as dock's widget; the dock is raised when a run starts.
    virtual QWidget* createChecksPanel(QDockWidget* dock) = 0;
    virtual void setChecksProject(QWidget* panel, const Project& project) = 0;
    virtual void setChecksSecretStore(QWidget* panel, SecretStore* store) = 0;

    // Server > Deploy…: the window's deploy controller (one per window, created on the first deploy) starts.
    virtual void deploy(const DeployWindow& window, const Project& project, const SecretValues& secrets) = 0;
    // Whether the window's deploy is running.
    virtual bool isDeploying(QMainWindow* window) const = 0;
    // Server > Deploy to Every Host…, Server > Deploy History…: their dialogs, deleted on close.
    virtual void deployEveryHost(QWidget* parent, const Project& project, const SecretValues& secrets) = 0;
    virtual void showHistory(QWidget* parent, const Project& project, const SecretValues& secrets) = 0;
    // File > Import from Server…
    virtual void importFromServer(QWidget* parent, const ImportOpener& opener) = 0;
};

} // namespace saltant

// The module's entry point: a RemoteModule that lives as long as the program.
extern "C" saltant::RemoteModule* saltant_remote_module();
