#include "deploy/HostConnector.h"

#include "common/MessageBox.h"
#include "deploy/DeployConnection.h"
#include "deploy/HostKeyDialog.h"

#include <QThread>
#include <QWidget>

namespace saltant {

HostConnector::HostConnector(QWidget* window, QObject* parent) : QObject(parent), m_window(window) {}

HostConnector::~HostConnector()
{
    wait();
}

void HostConnector::wait()
{
    if (m_worker) {
        ++m_runs;
        m_worker->disconnect(this);
        m_worker->wait();
        delete m_worker;
        m_worker = nullptr;
    }
}

void HostConnector::run(std::function<bool()> work, std::function<void(bool)> done)
{
    m_worker = QThread::create([this, work = std::move(work)] { m_ok = work(); });
    const int run = ++m_runs;
    connect(m_worker, &QThread::finished, this, [this, run, done = std::move(done)] {
        if (run != m_runs || !m_worker) {
            return; // waited for (wait()): its done() is not called
        }
        m_worker->deleteLater();
        m_worker = nullptr;
        done(m_ok);
    });
    m_worker->start();
}

void HostConnector::connectToHost(DeployConnection* connection, std::function<void(Connected, bool)> next)
{
    run([connection] { return connection->connectToHost(); },
        [this, connection, next = std::move(next)](bool ok) {
            if (!ok) {
                next(Connected::Failed, false);
                return;
            }
            if (connection->hostKey().status != HostKeyCheck::Unknown) {
                next(Connected::Proceed, false);
                return;
            }
            emit hostKeyAsked();
            auto* dialog = new HostKeyDialog(connection->hostKey(), m_window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &QDialog::finished, this, [next](int result) {
                if (result == QDialog::Accepted) {
                    next(Connected::Proceed, true);
                } else {
                    next(Connected::Rejected, false);
                }
            });
            dialog->open();
        });
}

void HostConnector::warnFailure(const DeployConnection& connection, const QString& title) const
{
    const HostKeyCheck key = connection.hostKey();
    if (connection.failure() != DeployConnection::Failure::HostKeyChanged) {
        MessageBox::warning(m_window, title, connection.errorString());
        return;
    }
    QStringList numbers;
    for (int line : key.lines) {
        numbers << QString::number(line);
    }
    MessageBox::warning(
        m_window, tr("Host Key Changed"),
        tr("The server %1 now presents a different host key than the one recorded in %2 (line %3). Someone "
           "may be intercepting the connection (a man-in-the-middle attack), or the server was reinstalled or "
           "its keys were regenerated. Nothing was sent to it.\n\nThe key offered now: %4 %5\n\nAsk the "
           "server's administrator to run `ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` on the server itself "
           "and compare. Only if they match, remove the old entry with `ssh-keygen -R '%1' -f %2` and deploy "
           "again.")
            .arg(key.hostName, key.knownHostsFile, numbers.join(QStringLiteral(", ")), key.keyType, key.fingerprint));
}

} // namespace saltant
