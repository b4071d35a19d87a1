#include "window/WindowActions.h"

#include "common/MessageBox.h"
#include "document/ProjectDocument.h"
#include "panels/ProblemsPanel.h"
#include "secrets/SecretStore.h"
#include "window/AnsibleExportDialog.h"
#include "window/HelpDialog.h"
#include "window/ProjectFileCommands.h"
#include "window/RemoteModule.h"
#include "window/SecretsPresenter.h"
#include "window/WindowLayout.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

namespace saltant {

WindowActions::WindowActions(QMainWindow* window, ProjectDocument* document, WindowLayout* layout,
                             ProjectFileCommands* files, SecretsPresenter* secrets)
    : QObject(window), m_window(window)
{
    createFileMenu(files, secrets);
    createEditMenu(document);
    createViewMenu(layout);
    createServerMenu(document, layout, secrets);
    createHelpMenu();
}

QAction* WindowActions::add(QMenu* menu, const QString& name, const QString& text, const QKeySequence& shortcut)
{
    QAction* action = menu->addAction(text);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    m_window->addAction(action);
    return action;
}

void WindowActions::createFileMenu(ProjectFileCommands* files, SecretsPresenter* secrets)
{
    QMenu* file = m_window->menuBar()->addMenu(tr("&File"));
    connect(add(file, QStringLiteral("actionNew"), tr("&New from Example"), QKeySequence::New), &QAction::triggered,
            files, &ProjectFileCommands::newProject);
    connect(add(file, QStringLiteral("actionOpen"), tr("&Open…"), QKeySequence::Open), &QAction::triggered, files,
            &ProjectFileCommands::open);
    QMenu* recent = file->addMenu(tr("Open &Recent"));
    recent->setObjectName(QStringLiteral("menuRecent"));
    files->setRecentMenu(recent);
    file->addSeparator();
    connect(add(file, QStringLiteral("actionSave"), tr("&Save"), QKeySequence::Save), &QAction::triggered, files,
            &ProjectFileCommands::save);
    connect(add(file, QStringLiteral("actionSaveAs"), tr("Save &As…"), QKeySequence::SaveAs), &QAction::triggered,
            files, &ProjectFileCommands::saveAs);
    file->addSeparator();
    QAction* importAction =
        add(file, QStringLiteral("actionImportFromServer"), tr("&Import from Server…"), QKeySequence());
    importAction->setToolTip(tr("A new project from a running server over SSH or from a copy of its files, with a "
                                "report of where each value came from"));
    connect(importAction, &QAction::triggered, m_window, [this, files, secrets] { importFromServer(files, secrets); });
    QMenu* exports = file->addMenu(tr("&Export"));
    exports->setObjectName(QStringLiteral("menuExport"));
    m_exportAnsible = add(exports, QStringLiteral("actionExportAnsible"), tr("&Ansible…"), QKeySequence());
    m_exportAnsible->setToolTip(tr("The project as an Ansible inventory, playbook and encrypted vault"));
    file->addSeparator();
    QAction* quit = add(file, QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, m_window, &QWidget::close);
}

void WindowActions::importFromServer(ProjectFileCommands* files, SecretsPresenter* secrets)
{
    // As `import`: the secrets go to the keychain under the new project's id before the project is opened.
    const auto opener = [this, files, secrets](const ImportResult& result, QString* error) {
        if (!files->maybeSave()) {
            return false; // the user cancelled: nothing stored, nothing said
        }
        SecretValues valid;
        QStringList refused;
        for (const QString& name : result.secrets.names()) {
            QString problem;
            if (!SecretStore::checkValue(name, result.secrets.value(name), &problem)) {
                refused << tr("%1 (%2)").arg(name, problem);
                continue;
            }
            valid.set(name, result.secrets.value(name));
        }
        QStringList written;
        QString storeError;
        const bool stored = secrets->storeFor(result.project.projectId(), valid, &written, &storeError);
        valid.wipe();
        if (!stored) {
            *error = tr("The secrets could not be stored in the keychain, so the project was not opened: %1")
                         .arg(storeError);
            return false;
        }
        files->openNew(result.project, result.report.origin);
        if (!refused.isEmpty()) {
            m_window->statusBar()->showMessage(
                tr("Imported; these secrets were found but not stored, set them in their sections: %1")
                    .arg(refused.join(QStringLiteral("; "))));
        }
        return true;
    };
    if (RemoteModule* module = remoteModule(tr("Import from Server"))) {
        module->importFromServer(m_window, opener);
    }
}

RemoteModule* WindowActions::remoteModule(const QString& title)
{
    QString error;
    RemoteModule* module = RemoteModule::load(&error);
    if (!module) {
        m_window->statusBar()->showMessage(error);
        MessageBox::warning(m_window, title, error);
    }
    return module;
}

void WindowActions::createEditMenu(ProjectDocument* document)
{
    QMenu* edit = m_window->menuBar()->addMenu(tr("&Edit"));
    QAction* undo = document->undoStack()->createUndoAction(m_window, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    QAction* redo = document->undoStack()->createRedoAction(m_window, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    m_window->addAction(undo);
    m_window->addAction(redo);
}

void WindowActions::createViewMenu(WindowLayout* layout)
{
    QMenu* view = m_window->menuBar()->addMenu(tr("&View"));
    QAction* problems = layout->problems()->toggleViewAction();
    problems->setObjectName(QStringLiteral("actionShowProblems"));
    view->addAction(problems);
    view->addAction(layout->checksDock()->toggleViewAction());
}

void WindowActions::createServerMenu(ProjectDocument* document, WindowLayout* layout, SecretsPresenter* secrets)
{
    QMenu* server = m_window->menuBar()->addMenu(tr("&Server"));
    QAction* deployAction =
        add(server, QStringLiteral("actionDeploy"), tr("&Deploy…"), QKeySequence(Qt::CTRL | Qt::Key_D));
    deployAction->setToolTip(tr("Compare the server with the project, show the plan, then apply it as a transaction"));
    QToolBar* toolBar = m_window->addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->addAction(deployAction);
    connect(deployAction, &QAction::triggered, m_window, [this, deployAction, document, layout, secrets] {
        SecretValues values;
        QString error;
        if (!secrets->readAll(&values, &error, document->project().taskSecretNames())) {
            // Where the admin is looking, and no deploy: without its secrets it would refuse or write empty values.
            const QString text = tr("The secrets could not be read from the keychain, so nothing was sent to the "
                                    "server: %1")
                                     .arg(error);
            m_window->statusBar()->showMessage(text);
            MessageBox::warning(m_window, tr("Deploy"), text);
            return;
        }
        RemoteModule* module = remoteModule(tr("Deploy"));
        if (!module) {
            return;
        }
        QString checksError; // the module is loaded, so the checks panel is created
        RemoteModule::DeployWindow window;
        window.window = m_window;
        window.document = document;
        window.checks = layout->ensureChecks(&checksError);
        window.deployAction = deployAction;
        window.historyAction = m_history;
        module->deploy(window, document->project(), values);
        values.wipe();
    });

    connect(m_exportAnsible, &QAction::triggered, m_window, [this, document, secrets] {
        SecretValues values;
        QString error;
        if (!secrets->readAll(&values, &error, document->project().taskSecretNames())) {
            MessageBox::warning(
                m_window, tr("Export to Ansible"),
                tr("The secrets could not be read from the keychain, so nothing was exported: %1").arg(error));
            return;
        }
        auto* dialog = new AnsibleExportDialog(document->project(), values, m_window);
        values.wipe();
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });

    // Every host at once: the web server and the worker hosts, each its own session and transaction.
    QAction* fleetAction = add(server, QStringLiteral("actionDeployEveryHost"), tr("Deploy to &Every Host…"),
                               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    fleetAction->setToolTip(tr("Plan and deploy the web server and every worker host in parallel"));
    connect(fleetAction, &QAction::triggered, m_window, [this, document, secrets] {
        SecretValues values;
        QString error;
        if (!secrets->readAll(&values, &error, document->project().taskSecretNames())) {
            const QString text = tr("The secrets could not be read from the keychain, so nothing was sent to any "
                                    "host: %1")
                                     .arg(error);
            m_window->statusBar()->showMessage(text);
            MessageBox::warning(m_window, tr("Deploy"), text);
            return;
        }
        if (RemoteModule* module = remoteModule(tr("Deploy"))) {
            module->deployEveryHost(m_window, document->project(), values);
        }
        values.wipe();
    });

    // The deploys the server keeps the replaced files of, their diffs and Roll Back (`history`, `rollback --to`).
    server->addSeparator();
    QAction* historyAction = add(server, QStringLiteral("actionDeployHistory"), tr("Deploy &History…"), QKeySequence());
    m_history = historyAction; // a running deploy disables it
    historyAction->setToolTip(tr("The deploys the server keeps the replaced files of, what rolling back to before "
                                 "each changes, and Roll Back"));
    connect(historyAction, &QAction::triggered, m_window, [this, document, secrets] {
        RemoteModule* running = RemoteModule::loaded();
        if (running && running->isDeploying(m_window)) {
            return;
        }
        SecretValues values;
        QString error;
        if (!secrets->readAll(&values, &error, document->project().taskSecretNames())) {
            // The rollback plan renders the project (its validation and handlers), and restored files hold secrets.
            const QString text = tr("The secrets could not be read from the keychain, so the server was not "
                                    "contacted: %1")
                                     .arg(error);
            m_window->statusBar()->showMessage(text);
            MessageBox::warning(m_window, tr("Deploy History"), text);
            return;
        }
        if (RemoteModule* module = remoteModule(tr("Deploy History"))) {
            module->showHistory(m_window, document->project(), values);
        }
        values.wipe();
    });
}

void WindowActions::createHelpMenu()
{
    QMenu* help = m_window->menuBar()->addMenu(tr("&Help"));
    connect(add(help, QStringLiteral("actionHelp"), tr("Saltant Deploy &Help"), QKeySequence::HelpContents),
            &QAction::triggered, m_window, [this] {
                auto* dialog = new HelpDialog(m_window);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                dialog->show();
            });
    QAction* about = add(help, QStringLiteral("actionAbout"), tr("&About Saltant Deploy"), QKeySequence());
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &WindowActions::showAbout);
}

void WindowActions::showAbout()
{
    QMessageBox::about(m_window, tr("About Saltant Deploy"),
                       tr("<h3>Saltant Deploy %1</h3><p>Configures and deploys a production saltant server: "
                          "Django, uWSGI, nginx, PostgreSQL, RabbitMQ, Celery and Flower.</p>"
                          "<p>Secrets stay in the system keychain; project files are safe to commit.</p>")
                           .arg(QStringLiteral(SALTANT_VERSION)));
}

} // namespace saltant
