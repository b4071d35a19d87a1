#pragma once

#include <QObject>
#include <functional>

class QThread;
class QWidget;

namespace saltant {

class DeployConnection;

// How the window's commands reach a server through a DeployConnection: its blocking phases run on a worker thread
// (the window never waits), an unknown host key is asked about with HostKeyDialog, a changed one is refused with a
// warning that says what to compare and how. DeployController (Deploy) and HistoryDialog (Deploy History) share it.
class HostConnector : public QObject
{
    Q_OBJECT

public:
    explicit HostConnector(QWidget* window, QObject* parent = nullptr);
    // Waits for the running work (cancel what it uses first: see wait()).
    ~HostConnector() override;

    bool isBusy() const { return m_worker != nullptr; }
    // Runs work on a new thread, then done(work's result) on this object's (GUI) thread. One at a time.
    void run(std::function<bool()> work, std::function<void(bool)> done);
    // Blocks until the running work has returned; its done() is not called. For destructors, after cancelling it.
    void wait();

    enum class Connected
    {
        Proceed,  // the key is known, or the user trusts the unknown one: authenticate with acceptHostKey
        Rejected, // the user did not trust the unknown key: nothing was sent
        Failed,   // connectToHost() failed (a changed host key among the reasons): call warnFailure()
    };
    // connection->connectToHost() on the worker thread; for an unknown host key HostKeyDialog (hostKeyAsked() is
    // emitted when it opens), then next() on the GUI thread. The connection must outlive the call.
    void connectToHost(DeployConnection* connection, std::function<void(Connected, bool acceptHostKey)> next);

    // The warning about a failed connection: for a changed host key what may have happened, what to compare and how
    // to remove the old entry (titled "Host Key Changed"), otherwise the connection's error under title.
    void warnFailure(const DeployConnection& connection, const QString& title) const;

signals:
    void hostKeyAsked();

private:
    QWidget* m_window;
    QThread* m_worker = nullptr;
    bool m_ok = false;
    int m_runs = 0;
};

} // namespace saltant
