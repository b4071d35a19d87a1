#include "deploy/DeployController.h"

#include "common/MessageBox.h"
#include "deploy/DeployProgressDialog.h"
#include "deploy/DriftImport.h"
#include "deploy/HostConnector.h"
#include "deploy/PlanDialog.h"
#include "document/ProjectDocument.h"
#include "panels/ChecksPanel.h"

#include <QWidget>

namespace saltant {

DeployController::DeployController(QWidget* window)
    : QObject(window), m_window(window), m_connector(new HostConnector(window, this))
{
    setObjectName(QStringLiteral("deployController"));
    connect(m_connector, &HostConnector::hostKeyAsked, this,
            [this] { emit statusChanged(tr("Waiting for your decision about the host key.")); });
}

DeployController::~DeployController()
{
    if (m_connector->isBusy()) {
        m_cancel.store(true);
        if (m_connection) {
            m_connection->cancel();
        }
        m_connector->wait();
    }
}

void DeployController::setChecksPanel(ChecksPanel* panel)
{
    if (m_checks) {
        disconnect(m_checks, nullptr, this, nullptr);
    }
    m_checks = panel;
    if (panel) {
        connect(panel, &ChecksPanel::finished, this, &DeployController::onChecksFinished);
    }
}

void DeployController::setDocument(ProjectDocument* document)
{
    m_document = document;
}

bool DeployController::checksWanted() const
{
    return m_checks && m_checks->checksAroundDeploy();
}

void DeployController::runChecks(CheckSuite::Kind kind)
{
    m_waiting = kind == CheckSuite::Kind::Preflight ? Waiting::Preflight : Waiting::Health;
    if (m_checks->isRunning()) {
        // The user's own run gives way; ours starts when its finished() has arrived.
        m_restartChecks = true;
        m_checks->cancel();
        return;
    }
    if (m_waiting == Waiting::Preflight) {
        emit statusChanged(tr("Preflight checks…"));
        m_checks->runPreflight();
    } else {
        emit statusChanged(tr("Health checks…"));
        const QString password = m_flowerPassword;
        m_flowerPassword.clear();
        m_checks->runHealthWith(password);
    }
}

void DeployController::onChecksFinished(bool cancelled, int failures)
{
    if (m_restartChecks) {
        m_restartChecks = false;
        runChecks(m_waiting == Waiting::Preflight ? CheckSuite::Kind::Preflight : CheckSuite::Kind::Health);
        return;
    }
    const Waiting waited = m_waiting;
    m_waiting = Waiting::Nothing;
    if (waited == Waiting::Preflight) {
        if (cancelled) {
            // Cancelling the checks a deploy waits for cancels that deploy: nothing has been sent yet.
            emit statusChanged(tr("Deploy cancelled during the preflight checks; nothing was sent."));
            m_connection.reset();
            setRunning(false);
            return;
        }
        if (failures > 0 &&
            MessageBox::question(m_window, tr("Preflight Checks Failed"),
                                 tr("%n preflight check(s) failed; the Server Checks panel says what was found and "
                                    "what to do. On a first deploy, ports that nothing listens on yet are expected "
                                    "to fail.\n\nConnect to the server and show the plan anyway?",
                                    nullptr, failures),
                                 QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes) {
            emit statusChanged(tr("Deploy cancelled after the preflight checks; nothing was sent."));
            m_connection.reset();
            setRunning(false);
            return;
        }
        connectToHost();
    } else if (waited == Waiting::Health) {
        if (cancelled) {
            emit statusChanged(tr("Deployed; the health checks were cancelled."));
        } else if (failures > 0) {
            emit statusChanged(tr("Deployed, but %n health check(s) failed: see Server Checks.", nullptr, failures));
        } else {
            emit statusChanged(tr("Deployed; every health check passed."));
        }
        setRunning(false);
    }
}

void DeployController::setRunning(bool running)
{
    if (m_running != running) {
        m_running = running;
        emit runningChanged(running);
    }
}

void DeployController::runInWorker(std::function<bool()> work, void (DeployController::*done)())
{
    m_connector->run(std::move(work), [this, done](bool ok) {
        m_ok = ok;
        (this->*done)();
    });
}

void DeployController::start(const Project& project, const SecretValues& secrets)
{
    if (m_running) {
        return;
    }
    setRunning(true);
    m_cancel.store(false);
    m_overwriteDrift = false;
    m_report = DeployReport();
    m_connection = std::make_unique<DeployConnection>(project, secrets);
    if (checksWanted()) {
        m_checks->setProject(project);
        runChecks(CheckSuite::Kind::Preflight);
        return;
    }
    connectToHost();
}

void DeployController::connectToHost()
{
    emit statusChanged(tr("Connecting to %1…").arg(SshTarget::fromProject(m_connection->project()).displayName()));
    m_connector->connectToHost(m_connection.get(), [this](HostConnector::Connected connected, bool acceptHostKey) {
        switch (connected) {
        case HostConnector::Connected::Proceed:
            authenticateAndPlan(acceptHostKey);
            return;
        case HostConnector::Connected::Rejected:
            emit statusChanged(tr("Deploy cancelled: the host key was not trusted; nothing was sent."));
            m_connection.reset();
            setRunning(false);
            return;
        case HostConnector::Connected::Failed:
            showFailure();
            return;
        }
    });
}

void DeployController::authenticateAndPlan(bool acceptHostKey)
{
    emit statusChanged(tr("Reading the server…"));
    DeployConnection* connection = m_connection.get();
    runInWorker([connection, acceptHostKey] { return connection->authenticateAndPlan(acceptHostKey); },
                &DeployController::onPlanned);
}

void DeployController::onPlanned()
{
    if (!m_ok) {
        showFailure();
        return;
    }
    emit statusChanged(m_connection->notice());
    auto* dialog = new PlanDialog(m_connection->plan(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        if (result == QDialog::Accepted) {
            onPlanAnswered(dialog);
            return;
        }
        emit statusChanged(tr("Deploy cancelled; nothing was changed."));
        m_connection.reset();
        setRunning(false);
    });
    dialog->open();
}

void DeployController::onPlanAnswered(PlanDialog* dialog)
{
    m_installMissing = dialog->installMissing();
    switch (dialog->driftChoice()) {
    case PlanDialog::DriftChoice::None:
        break;
    case PlanDialog::DriftChoice::Overwrite:
        m_overwriteDrift = true;
        break;
    case PlanDialog::DriftChoice::Keep:
        m_connection->setKeepDrift(true);
        replan();
        return;
    case PlanDialog::DriftChoice::Import:
        if (!importServerEdits()) {
            m_connection.reset();
            setRunning(false);
            return;
        }
        replan();
        return;
    }
    startDeploy();
}

void DeployController::replan()
{
    emit statusChanged(tr("Reading the server again…"));
    DeployConnection* connection = m_connection.get();
    runInWorker([connection] { return connection->replan(); }, &DeployController::onPlanned);
}

bool DeployController::importServerEdits()
{
    if (!m_document) {
        MessageBox::warning(m_window, tr("Deploy"),
                            tr("There is no open project to import the server's edit into; nothing was sent. Keep "
                               "the server's version or overwrite it."));
        emit statusChanged(tr("Deploy cancelled; nothing was changed."));
        return false;
    }
    QString status;
    const bool imported = DriftImport::apply(m_window, m_document, m_connection->plan().driftOverwritten(),
                                             m_connection->secrets(), &status);
    emit statusChanged(status);
    if (!imported) {
        return false;
    }
    m_connection->setProject(m_document->project());
    return true;
}

void DeployController::startDeploy()
{
    const Plan& plan = m_connection->plan();
    const int expected = plan.prepare.size() + plan.validate.size() + plan.provision.size() + plan.handlers.size() + 4 +
                         (m_installMissing ? int(plan.missingPrograms.size()) : 0);
    m_progress = new DeployProgressDialog(expected, m_window);
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_progress, &DeployProgressDialog::cancelRequested, this, [this] { m_cancel.store(true); });
    m_progress->open();
    emit statusChanged(tr("Deploying to %1…").arg(plan.host));

    DeployConnection* connection = m_connection.get();
    const std::atomic_bool* cancel = &m_cancel;
    DeployReport* report = &m_report;
    runInWorker(
        [this, connection, cancel, report, installMissing = m_installMissing, overwriteDrift = m_overwriteDrift] {
            DeployOptions options;
            options.cancel = cancel;
            options.installMissing = installMissing;
            options.overwriteDrift = overwriteDrift;
            *report = DeployRunner::apply(*connection->host(), connection->plan(), connection->secrets(), options,
                                          [this](const DeployStepReport& step) {
                                              QMetaObject::invokeMethod(
                                                  this,
                                                  [this, step] {
                                                      if (m_progress) {
                                                          m_progress->addStep(step);
                                                      }
                                                  },
                                                  Qt::QueuedConnection);
                                          });
            return report->ok();
        },
        &DeployController::onDeployed);
}

void DeployController::onDeployed()
{
    if (m_progress) {
        m_progress->showResult(m_report);
    }
    emit statusChanged(DeployRunner::outcomeText(m_report.outcome));
    const bool health = m_report.ok() && checksWanted();
    if (health) {
        m_checks->setProject(m_connection->project());
        m_flowerPassword = m_connection->secrets().value(QStringLiteral("flower.password"));
    }
    m_connection.reset();
    if (health) {
        runChecks(CheckSuite::Kind::Health);
        return;
    }
    setRunning(false);
}

void DeployController::showFailure()
{
    m_connector->warnFailure(*m_connection, tr("Deploy"));
    if (m_connection->failure() == DeployConnection::Failure::HostKeyChanged) {
        emit statusChanged(tr("Deploy refused: the server's host key changed."));
    } else {
        emit statusChanged(tr("Deploy failed: %1").arg(m_connection->errorString()));
    }
    m_connection.reset();
    setRunning(false);
}

} // namespace saltant
