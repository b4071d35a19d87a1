#pragma once

#include "secrets/SecretValues.h"

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace saltant {

// A throw-away user session for keychain tests: HOME, XDG_{RUNTIME,DATA,CONFIG,CACHE} dirs and TMPDIR in one
// temporary directory, and, depending on the mode, a D-Bus session bus (dbus-run-session) with gnome-keyring's
// Secret Service in it. Programs run in the session with run() / cli(); the session ends with the object (the bus
// goes away, and gnome-keyring with it).
//
//     KeyringPeer peer(KeyringPeer::Mode::UnlockedKeyring);
//     QVERIFY2(peer.start(&error), qPrintable(error));
//     const KeyringPeer::Run set = peer.cli({"secret", "set", "sudo.password"}, "hunter2\n");
//
// Works as root with no session of the caller's: nothing of the caller's environment (bus, display, desktop)
// leaks in.
class KeyringPeer
{
public:
    enum class Mode
    {
        NoBus,             // no session bus at all
        BusWithoutSecrets, // a session bus that knows no Secret Service (no service files, nothing running)
        BusWithoutKeyring, // the system's session bus config: gnome-keyring is D-Bus activatable, no login keyring
        UnlockedKeyring,   // gnome-keyring-daemon --unlock --components=secrets: login keyring created, unlocked
    };

    struct Run
    {
        bool finished = false;
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QString describe() const; // "exit 4; stderr: ..." for failure messages
    };

    explicit KeyringPeer(Mode mode);
    ~KeyringPeer();
    KeyringPeer(const KeyringPeer&) = delete;
    KeyringPeer& operator=(const KeyringPeer&) = delete;

    bool start(QString* error);
    void stop();

    QString root() const { return m_dir.path(); }
    QString home() const { return root() + QStringLiteral("/home"); }
    QString runtimeDir() const { return root() + QStringLiteral("/run"); }
    QString tmpDir() const { return root() + QStringLiteral("/tmp"); }
    QString keyringPassword() const { return QStringLiteral("peer-login-password"); }
    // The environment of programs run in the session (HOME, XDG_*, TMPDIR, DBUS_SESSION_BUS_ADDRESS when any).
    QProcessEnvironment environment() const { return m_env; }
    // Every directory a program in the session may write to: HOME (with the XDG data/config/cache dirs in it)
    // and TMPDIR. The runtime dir holds only sockets.
    QStringList writableDirs() const { return {home(), tmpDir()}; }

    // Runs program in the session; extraEnv entries are "NAME=value" (an empty value unsets NAME).
    Run run(const QString& program, const QStringList& args, const QByteArray& input = QByteArray(),
            const QStringList& extraEnv = QStringList()) const;
#ifdef SALTANT_BINARY_DIR // defined for test executables, not for this support library
    // Runs saltant-deploy-cli (the build's binary) in the session.
    Run cli(const QStringList& args, const QByteArray& input = QByteArray(),
            const QStringList& extraEnv = QStringList()) const
    {
        return run(cliPath(), args, input, extraEnv);
    }
    static QString cliPath()
    {
        return QStringLiteral(SALTANT_BINARY_DIR "/app/saltant-deploy-cli");
    }
#endif

    // How long run() and cli() wait for a program (default 120 s; a first deploy to a real server takes longer).
    void setTimeout(int milliseconds)
    {
        m_timeoutMs = milliseconds;
    }

    // Locks the login keyring through the Secret Service's own Lock() call.
    bool lockKeyring(QString* error) const;
    // secret-tool lookup of what QtKeychain stored for key ("<projectId>:<name>") under service saltant-deploy.
    Run lookup(const QString& key) const;
    // `secret set NAME --project projectFile` for every value (as an admin stores them); false with error naming the
    // first that failed.
    bool storeSecrets(const saltant::SecretValues& values, const QString& projectFile, QString* error) const;

    // Every regular file below roots whose content contains needle (symlinks not followed).
    static QStringList filesContaining(const QStringList& roots, const QByteArray& needle);
    // Every regular file below roots (what could hold a value) with its size, mode and modification time: compare
    // two snapshots to prove nothing was written.
    static QMap<QString, QString> snapshot(const QStringList& roots);
    // snapshot() once the files stopped changing (two equal snapshots 300 ms apart, within timeoutMs): a daemon
    // started just before (gnome-keyring writes its keyrings shortly after start) is not mistaken for our writes.
    static QMap<QString, QString> settledSnapshot(const QStringList& roots, int timeoutMs = 10000);
    // The differences between two snapshots, one line each ("+ path", "- path", "~ path").
    static QStringList differences(const QMap<QString, QString>& before, const QMap<QString, QString>& after);

private:
    Mode m_mode;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QProcess m_session;
    qint64 m_keyringPid = 0;
    int m_timeoutMs = 120000;
};

} // namespace saltant
