#include "panels/WorkerChecksRunner.h"

#include "deploy/DeployConnection.h"
#include "deploy/HostKeyDialog.h"

#include <QDialog>
#include <QThread>
#include <QWidget>

namespace saltant {

WorkerChecksRunner::WorkerChecksRunner(QWidget* dialogParent, QObject* parent)
    : QObject(parent), m_dialogParent(dialogParent)
{
    qRegisterMetaType<saltant::CheckResult>();
}

WorkerChecksRunner::~WorkerChecksRunner()
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
    m_secrets.wipe();
}

QString WorkerChecksRunner::connectionId(const QString& host)
{
    return QStringLiteral("worker.%1.connection").arg(host);
}

void WorkerChecksRunner::start(const Project& project, const SecretValues& secrets)
{
    if (m_running) {
        return;
    }
    m_project = project;
    m_secrets = secrets;
    m_hosts.clear();
    m_results.clear();
    m_cancel.store(false);
    m_running = true;
    int count = 0;
    for (const WorkerHost& host : project.workers()) {
        m_hosts << host.name;
        count += int(WorkerChecks::ids(project.forWorker(host.name), m_options).size());
    }
    m_index = -1;
    emit started(count);
    // Like CheckRunner: finished() always comes later, from the event loop.
    QMetaObject::invokeMethod(this, &WorkerChecksRunner::nextHost, Qt::QueuedConnection);
}

void WorkerChecksRunner::cancel()
{
    if (!m_running) {
        return;
    }
    m_cancel.store(true);
    if (m_connection) {
        m_connection->cancel(); // thread-safe: the running step fails at once
    }
    if (m_ask) {
        m_ask->reject(); // its finished() ends the run
    }
}

void WorkerChecksRunner::nextHost()
{
    m_connection.reset();
    ++m_index;
    if (m_cancel.load() || m_index >= m_hosts.size()) {
        finish(m_cancel.load());
        return;
    }
    m_connection = std::make_unique<DeployConnection>(m_project.forWorker(m_hosts.at(m_index)), m_secrets);
    DeployConnection* connection = m_connection.get();
    runInThread([this, connection] { m_ok = connection->connectToHost(); }, &WorkerChecksRunner::onConnected);
}

void WorkerChecksRunner::onConnected()
{
    if (m_cancel.load()) {
        finish(true);
        return;
    }
    if (!m_ok) {
        const QString host = m_hosts.at(m_index);
        if (m_connection->failure() == DeployConnection::Failure::HostKeyChanged) {
            addConnectionResult(CheckVerdict::Fail,
                                tr("refused: the host key of %1 is not the one in known_hosts; nothing was sent to "
                                   "it and its checks were not run")
                                    .arg(host),
                                m_connection->errorString());
        } else {
            addConnectionResult(
                CheckVerdict::Fail,
                tr("%1 was not reached, so its checks were not run: %2").arg(host, m_connection->errorString()),
                tr("Check the SSH settings of worker host %1 (host, port, user, key) and that the "
                   "host is up and reachable from here, then check again.")
                    .arg(host));
        }
        nextHost();
        return;
    }
    if (m_connection->hostKey().status != HostKeyCheck::Unknown) {
        onHostKeyAnswered(false);
        return;
    }
    // Asked on the GUI thread without blocking it; the connection waits, authenticated only after the answer.
    m_ask = new HostKeyDialog(m_connection->hostKey(), m_dialogParent);
    m_ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_ask, &QDialog::finished, this, [this](int result) { onHostKeyAnswered(result == QDialog::Accepted); });
    m_ask->open();
}

void WorkerChecksRunner::onHostKeyAnswered(bool accepted)
{
    m_ask.clear();
    if (m_cancel.load()) {
        finish(true);
        return;
    }
    const QString host = m_hosts.at(m_index);
    if (m_connection->hostKey().status == HostKeyCheck::Unknown && !accepted) {
        const HostKeyCheck& key = m_connection->hostKey();
        addConnectionResult(CheckVerdict::Warn,
                            tr("not checked: its host key (%1 %2) was not trusted, so nothing was sent to %3")
                                .arg(key.keyType, key.fingerprint, host),
                            tr("Compare the fingerprint with the host's own (on %1: ssh-keygen -lf "
                               "/etc/ssh/ssh_host_*_key.pub), then check the worker hosts again and trust the key.")
                                .arg(host));
        nextHost();
        return;
    }
    DeployConnection* connection = m_connection.get();
    const WorkerCheckOptions options = m_options;
    runInThread(
        [this, connection, accepted, options] {
            m_ok = connection->authenticate(accepted);
            if (!m_ok) {
                return;
            }
            WorkerChecks::run(
                *connection->host(), connection->project(), connection->secrets(), options,
                [this](const CheckResult& result) {
                    QMetaObject::invokeMethod(
                        this, [this, result] { addResult(result); }, Qt::QueuedConnection);
                },
                &m_cancel);
        },
        &WorkerChecksRunner::onHostChecked);
}

void WorkerChecksRunner::onHostChecked()
{
    if (m_cancel.load()) {
        finish(true);
        return;
    }
    if (!m_ok) {
        const QString host = m_hosts.at(m_index);
        addConnectionResult(
            CheckVerdict::Fail,
            tr("could not log in to %1, so its checks were not run: %2").arg(host, m_connection->errorString()),
            tr("Check the SSH user and key of worker host %1 (and that the key is in the user's "
               "authorized_keys there), then check again.")
                .arg(host));
    }
    nextHost();
}

void WorkerChecksRunner::runInThread(std::function<void()> work, void (WorkerChecksRunner::*done)())
{
    m_thread = QThread::create(std::move(work));
    connect(m_thread, &QThread::finished, this, [this, done] {
        m_thread->deleteLater();
        m_thread = nullptr;
        (this->*done)();
    });
    m_thread->start();
}

void WorkerChecksRunner::addResult(const CheckResult& result)
{
    m_results.append(result);
    emit resultReady(result);
}

void WorkerChecksRunner::addConnectionResult(CheckVerdict verdict, const QString& detail, const QString& remedy)
{
    CheckResult result;
    result.id = connectionId(m_hosts.at(m_index));
    result.title = tr("%1: SSH connection").arg(m_hosts.at(m_index));
    result.verdict = verdict;
    result.detail = detail;
    result.remedy = remedy;
    addResult(result);
}

void WorkerChecksRunner::finish(bool cancelled)
{
    m_connection.reset();
    m_secrets.wipe();
    m_running = false;
    emit finished(cancelled);
}

} // namespace saltant
