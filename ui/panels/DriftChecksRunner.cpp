#include "panels/DriftChecksRunner.h"

#include "deploy/DeployConnection.h"
#include "deploy/HostKeyDialog.h"
#include "plan/PlanDrift.h"

#include <QDialog>
#include <QThread>
#include <QWidget>

namespace saltant {

DriftChecksRunner::DriftChecksRunner(QWidget* dialogParent, QObject* parent)
    : QObject(parent), m_dialogParent(dialogParent)
{
    qRegisterMetaType<saltant::CheckResult>();
}

DriftChecksRunner::~DriftChecksRunner()
{
    m_cancel.store(true);
    if (m_connection) {
        m_connection->cancel();
    }
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
    if (m_ask) {
        disconnect(m_ask, nullptr, this, nullptr);
        delete m_ask.data();
    }
}

QString DriftChecksRunner::fileId(const QString& path)
{
    return QStringLiteral("drift.") + path;
}

QString DriftChecksRunner::statusId()
{
    return QStringLiteral("drift");
}

void DriftChecksRunner::start(const Project& project, const SecretValues& secrets)
{
    if (m_running) {
        return;
    }
    m_results.clear();
    m_summary.clear();
    m_cancel.store(false);
    m_running = true;
    m_connection = std::make_unique<DeployConnection>(project, secrets);
    emit started(1);
    DeployConnection* connection = m_connection.get();
    runInThread([this, connection] { m_ok = connection->connectToHost(); }, &DriftChecksRunner::onConnected);
}

void DriftChecksRunner::cancel()
{
    if (!m_running) {
        return;
    }
    m_cancel.store(true);
    if (m_connection) {
        m_connection->cancel();
    }
    if (m_ask) {
        m_ask->reject();
    }
}

void DriftChecksRunner::onConnected()
{
    if (m_cancel.load()) {
        finish(true);
        return;
    }
    if (!m_ok) {
        addResult(statusId(), tr("Drift"), CheckVerdict::Fail,
                  tr("the server was not reached, so drift is unknown: %1").arg(m_connection->errorString()),
                  tr("Check the SSH settings (host, port, user, key) and that the server is up, then check again."));
        finish(false);
        return;
    }
    if (m_connection->hostKey().status != HostKeyCheck::Unknown) {
        onHostKeyAnswered(false);
        return;
    }
    m_ask = new HostKeyDialog(m_connection->hostKey(), m_dialogParent);
    m_ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_ask, &QDialog::finished, this, [this](int result) { onHostKeyAnswered(result == QDialog::Accepted); });
    m_ask->open();
}

void DriftChecksRunner::onHostKeyAnswered(bool accepted)
{
    m_ask.clear();
    if (m_cancel.load()) {
        finish(true);
        return;
    }
    if (m_connection->hostKey().status == HostKeyCheck::Unknown && !accepted) {
        const HostKeyCheck& key = m_connection->hostKey();
        addResult(statusId(), tr("Drift"), CheckVerdict::Warn,
                  tr("not checked: the server's host key (%1 %2) was not trusted, so nothing was sent")
                      .arg(key.keyType, key.fingerprint),
                  tr("Compare the fingerprint with the server's own (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on "
                     "the server), then check again and trust the key."));
        finish(false);
        return;
    }
    DeployConnection* connection = m_connection.get();
    runInThread([this, connection, accepted] { m_ok = connection->authenticateAndPlan(accepted); },
                &DriftChecksRunner::onPlanned);
}

void DriftChecksRunner::onPlanned()
{
    if (m_cancel.load()) {
        finish(true);
        return;
    }
    if (!m_ok) {
        addResult(statusId(), tr("Drift"), CheckVerdict::Fail,
                  tr("the server could not be read, so drift is unknown: %1").arg(m_connection->errorString()),
                  tr("Check the SSH user and key (and that the key is in the user's authorized_keys), then check "
                     "again."));
        finish(false);
        return;
    }
    const DriftStatus status = PlanDrift::status(m_connection->plan());
    m_summary = status.summary;
    switch (status.state) {
    case DriftStatus::State::Unknown:
        addResult(statusId(), tr("Drift"), CheckVerdict::Warn, status.summary,
                  tr("Deploy once with Saltant Deploy: it records what it installs, and later changes are found."));
        break;
    case DriftStatus::State::None:
        addResult(statusId(), tr("Drift"), CheckVerdict::Pass, status.summary, QString());
        break;
    case DriftStatus::State::Error:
        addResult(statusId(), tr("Drift"), CheckVerdict::Fail, status.summary,
                  tr("Deploy again: it writes a new manifest."));
        break;
    case DriftStatus::State::Drifted:
        for (const PlannedFile* f : m_connection->plan().drifted()) {
            addResult(fileId(f->file.remotePath), tr("Changed on the server: %1").arg(f->file.remotePath),
                      CheckVerdict::Warn, f->driftWhat,
                      tr("Deploy shows the three versions and asks: overwrite it, keep it, or import the edit into "
                         "the project."));
        }
        break;
    }
    finish(false);
}

void DriftChecksRunner::runInThread(std::function<void()> work, void (DriftChecksRunner::*done)())
{
    m_thread = QThread::create(std::move(work));
    connect(m_thread, &QThread::finished, this, [this, done] {
        m_thread->deleteLater();
        m_thread = nullptr;
        (this->*done)();
    });
    m_thread->start();
}

void DriftChecksRunner::addResult(const QString& id, const QString& title, CheckVerdict verdict, const QString& detail,
                                  const QString& remedy)
{
    CheckResult result;
    result.id = id;
    result.title = title;
    result.verdict = verdict;
    result.detail = detail;
    result.remedy = remedy;
    m_results.append(result);
    emit resultReady(result);
}

void DriftChecksRunner::finish(bool cancelled)
{
    m_connection.reset();
    m_running = false;
    emit finished(cancelled);
}

} // namespace saltant
