#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace saltant {

// A real OpenSSH server for integration tests: /usr/sbin/sshd -f <cfg> -D -e on 127.0.0.1:<free port>, with a
// throw-away ed25519 host key, a client key pair in authorized_keys and every file in its own temporary
// directory. Runs as the test's user (root in CI); the login user is that user unless a test logs in as another.
//
//     SshdPeer peer;
//     QVERIFY2(peer.start(&error), qPrintable(error));
//     // connect to peer.host():peer.port() as peer.user() with peer.clientKeyPath(), trusting
//     // peer.knownHostsPath() (holds the host key) ...
//
// Commands the deploy runs but a container cannot (systemctl, certbot, rabbitmqctl...) are replaced by scripts in
// a directory put first on the remote PATH with setRemotePathPrefix(). Note: sudo resets PATH to its secure_path,
// so the prefix applies to commands of a root login (the usual test setup) and unprivileged commands only.
class SshdPeer
{
public:
    SshdPeer();
    ~SshdPeer();
    SshdPeer(const SshdPeer&) = delete;
    SshdPeer& operator=(const SshdPeer&) = delete;

    // Options; a running server is restarted (same port, same host key) by the setters.
    // Password logins for non-root users (sshd checks /etc/shadow itself; UsePAM stays off). Off by default.
    bool setPasswordAuthentication(bool enabled, QString* error = nullptr);
    // Directory searched first for commands in every session (sshd_config SetEnv PATH=<dir>:<system path>).
    bool setRemotePathPrefix(const QString& directory, QString* error = nullptr);

    // Generates the keys (first time), writes the config, starts sshd and waits until it listens.
    bool start(QString* error = nullptr);
    // Stops the listener and every session process it started. Called by the destructor.
    void stop();
    bool isRunning() const;

    // Restarts the server on the same port with a brand-new host key of the given type ("ed25519", "ecdsa",
    // "rsa"): clients that knew the old key must now see a changed (or other-type) host key.
    bool rotateHostKey(const QString& type = QStringLiteral("ed25519"), QString* error = nullptr);

    // Kills (SIGKILL) every process the listener forked for connections: the per-connection sshd processes and
    // the commands they run. The listener keeps running, so new connections work. Returns how many were killed.
    int killSessionChildren();
    // Sends a signal to the same processes, e.g. SIGSTOP to freeze every open connection mid-transfer (then
    // SIGKILL, or SIGCONT to let it go on). Returns how many processes got it.
    int signalSessionChildren(int signalNumber);

    QString host() const { return QStringLiteral("127.0.0.1"); }
    int port() const { return m_port; }
    // The login user the client key is authorized for: the user running the test.
    QString user() const;
    // The temporary directory holding everything (config, keys, logs); tests may put their own files there.
    QString directory() const;
    // $HOME of user()'s sessions: directory()/home (mode 0700), not the user's real home directory.
    QString remoteHome() const;

    QString clientKeyPath() const;       // private key (OpenSSH format, no passphrase), authorized
    QString clientPublicKeyPath() const; // clientKeyPath() + ".pub"
    QString hostKeyPath() const;         // the server's current private host key
    // A known_hosts file holding exactly the current host key for [127.0.0.1]:port (rewritten on rotation).
    QString knownHostsPath() const;
    // "SHA256:..." of the current host key, as ssh-keygen -l prints it.
    QString hostKeyFingerprint() const { return m_hostKeyFingerprint; }

    // Appends a public key (file contents) to authorized_keys.
    bool authorizeKey(const QString& publicKeyPath, QString* error = nullptr);
    // Generates a key pair with ssh-keygen (type "ed25519", "ecdsa", "rsa"); passphrase may be empty.
    static bool generateKey(const QString& path, const QString& type, const QString& passphrase,
                            QString* error = nullptr);

    // Everything sshd wrote (-e) since the last start, for failure messages.
    QString log() const;

private:
    bool writeConfig(QString* error);
    bool launch(QString* error);
    bool writeKnownHosts(QString* error);
    bool restartIfRunning(QString* error);
    QString path(const QString& name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_sshd;
    int m_port = 0;
    int m_hostKeyGeneration = 0;
    bool m_passwordAuthentication = false;
    QString m_remotePathPrefix;
    QString m_hostKeyFingerprint;
};

} // namespace saltant
