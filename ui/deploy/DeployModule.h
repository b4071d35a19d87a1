#pragma once

#include "window/RemoteModule.h"

namespace saltant {

// The RemoteModule of saltant-deploy-remote.so: the deploy's dialogs and controller, the Server Checks panel and
// the keychain, with the network libraries behind them. The widget tests link it into the test itself
// (RemoteModule::setBuiltIn(saltant_remote_module())).
class DeployModule : public RemoteModule
{
public:
    std::unique_ptr<SecretStore> createKeychain() override;
    QWidget* createChecksPanel(QDockWidget* dock) override;
    void setChecksProject(QWidget* panel, const Project& project) override;
    void setChecksSecretStore(QWidget* panel, SecretStore* store) override;
    void deploy(const DeployWindow& window, const Project& project, const SecretValues& secrets) override;
    bool isDeploying(QMainWindow* window) const override;
    void deployEveryHost(QWidget* parent, const Project& project, const SecretValues& secrets) override;
    void showHistory(QWidget* parent, const Project& project, const SecretValues& secrets) override;
    void importFromServer(QWidget* parent, const ImportOpener& opener) override;
};

} // namespace saltant
