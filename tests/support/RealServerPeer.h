#pragma once

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace saltant {

// A real Debian 12 server for the end-to-end tests: a booted systemd-nspawn container (systemd as PID 1, real
// units and daemons) reached over real SSH as root. Its root file system is built once by scripts/e2e-rootfs.sh
// and cached (SALTANT_E2E_CACHE, default /var/cache/saltant-deploy-e2e); every boot runs on a throw-away overlay
// (--volatile=overlay), so each test starts from the same clean server and leaves the cache untouched.
//
// The container shares the machine's network namespace: its sshd, nginx, RabbitMQ, PostgreSQL listen on the
// machine itself. busyPorts() says which of the ports it needs are taken, so a test can refuse to start with a
// clear message instead of failing inside the container.
//
//     RealServerPeer server;
//     QVERIFY2(server.start(&error), qPrintable(error));
//     const RealServerPeer::Result r = server.ssh("systemctl is-active nginx");
class RealServerPeer
{
public:
    struct Result
    {
        bool finished = false;
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        bool ok() const { return finished && exitCode == 0; }
        QString describe() const; // "exit N; stdout: …; stderr: …" for failure messages
    };

    // A machine with only sshd running (a worker host beside the server) needs only its SSH port: server false.
    explicit RealServerPeer(quint16 sshPort = 2299, const QString& machine = QStringLiteral("saltant-e2e"),
                            bool server = true);
    ~RealServerPeer();
    RealServerPeer(const RealServerPeer&) = delete;
    RealServerPeer& operator=(const RealServerPeer&) = delete;

    // Builds or reuses the root file system, boots it and waits until systemd reports the system up and sshd
    // answers. The first call on a fresh machine builds the root file system (a few minutes).
    bool start(QString* error);
    // `systemctl poweroff` over SSH, then waits for the container to end (killed only when it does not).
    void stop();
    bool isRunning() const { return m_nspawn.state() != QProcess::NotRunning; }

    // Runs command through the server's shell as root; input goes to its standard input.
    Result ssh(const QString& command, const QByteArray& input = QByteArray(), int timeoutMs = 180000) const;
    // Writes content to path on the server (through ssh's standard input: no temporary file on either side).
    bool writeFile(const QString& path, const QByteArray& content, const QString& mode, QString* error) const;

    quint16 sshPort() const { return m_port; }
    QString identityFile() const { return m_dir.filePath(QStringLiteral("id_ed25519")); }
    QString rootfs() const { return m_rootfs; }
    qint64 bootMilliseconds() const { return m_bootMs; }

    // The ports the server's daemons listen on (ssh, nginx, RabbitMQ incl. epmd and distribution, PostgreSQL,
    // Flower's local port; only ssh for a worker host) that are taken on this machine now.
    QList<quint16> busyPorts() const;
    static bool portFree(quint16 port);
    // The cached root file system (built when missing); the path, or empty with error set.
    static QString ensureRootfs(QString* error);

private:
    bool fail(QString* error, const QString& message);
    QStringList sshArguments() const;

    quint16 m_port;
    QString m_machine;
    bool m_serverPorts = true;
    QTemporaryDir m_dir;
    QString m_rootfs;
    QProcess m_nspawn;
    qint64 m_bootMs = 0;
};

} // namespace saltant
