#include "deploy/DeployModule.h"

#include "deploy/DeployController.h"
#include "deploy/FleetDeployDialog.h"
#include "deploy/HistoryDialog.h"
#include "panels/ChecksPanel.h"
#include "secrets/KeychainSecretStore.h"
#include "window/ImportDialog.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QStatusBar>

namespace saltant {
namespace {

DeployController* controllerOf(QMainWindow* window)
{
    return window->findChild<DeployController*>(QStringLiteral("deployController"), Qt::FindDirectChildrenOnly);
}

} // namespace

std::unique_ptr<SecretStore> DeployModule::createKeychain()
{
    return std::make_unique<KeychainSecretStore>(QString());
}

QWidget* DeployModule::createChecksPanel(QDockWidget* dock)
{
    auto* panel = new ChecksPanel(dock);
    dock->setWidget(panel);
    QObject::connect(panel, &ChecksPanel::started, dock, &QDockWidget::raise);
    return panel;
}

void DeployModule::setChecksProject(QWidget* panel, const Project& project)
{
    if (auto* checks = qobject_cast<ChecksPanel*>(panel)) {
        checks->setProject(project);
    }
}

void DeployModule::setChecksSecretStore(QWidget* panel, SecretStore* store)
{
    if (auto* checks = qobject_cast<ChecksPanel*>(panel)) {
        checks->setSecretStore(store);
    }
}

void DeployModule::deploy(const DeployWindow& window, const Project& project, const SecretValues& secrets)
{
    DeployController* deploy = controllerOf(window.window);
    if (!deploy) {
        deploy = new DeployController(window.window);
        deploy->setChecksPanel(qobject_cast<ChecksPanel*>(window.checks));
        deploy->setDocument(window.document);
        for (QAction* action : {window.deployAction, window.historyAction}) {
            if (action) {
                QObject::connect(deploy, &DeployController::runningChanged, action,
                                 [action](bool running) { action->setEnabled(!running); });
            }
        }
        QMainWindow* main = window.window;
        QObject::connect(deploy, &DeployController::statusChanged, main,
                         [main](const QString& text) { main->statusBar()->showMessage(text); });
    }
    deploy->start(project, secrets);
}

bool DeployModule::isDeploying(QMainWindow* window) const
{
    const DeployController* deploy = controllerOf(window);
    return deploy && deploy->isRunning();
}

void DeployModule::deployEveryHost(QWidget* parent, const Project& project, const SecretValues& secrets)
{
    auto* dialog = new FleetDeployDialog(project, secrets, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void DeployModule::showHistory(QWidget* parent, const Project& project, const SecretValues& secrets)
{
    auto* dialog = new HistoryDialog(project, secrets, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    dialog->start();
}

void DeployModule::importFromServer(QWidget* parent, const ImportOpener& opener)
{
    auto* dialog = new ImportDialog(opener, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace saltant

saltant::RemoteModule* saltant_remote_module()
{
    static saltant::DeployModule module;
    return &module;
}
