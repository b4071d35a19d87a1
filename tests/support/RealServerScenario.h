#pragma once

#include "KeyringPeer.h"
#include "PebblePeer.h"
#include "RealServerPeer.h"

#include <QMap>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace saltant {

// The set-up every real-server end-to-end test shares: pebble as the ACME server, a throw-away keychain holding the
// project's secrets (values with the characters that broke other tools), a project that points at the server, and
// the booted server itself with what its admin had before using the tool (saltant's checkout and virtualenv,
// prepared from the fixtures by tests/e2e/prepare-saltant.sh). The fixtures come from SALTANT_FIXTURES, default
// ../shared/fixtures beside the source tree; without them start() fails (an e2e test never skips).
class RealServerScenario
{
public:
    struct Http
    {
        int status = 0;
        QByteArray body;
        QString location;
        QString error;
    };

    RealServerScenario();
    ~RealServerScenario();
    RealServerScenario(const RealServerScenario&) = delete;
    RealServerScenario& operator=(const RealServerScenario&) = delete;

    // Pebble, keychain, project and a booted server whose /home/ubuntu has homeMode.
    bool start(const QString& homeMode, QString* error);
    // A fresh server (the previous one powered off); the project and keychain stay.
    bool reboot(const QString& homeMode, QString* error);
    void stop();
    // A second machine beside the server, for a worker host: only sshd runs there, saltant's checkout and
    // virtualenv are prepared as on the server, and the test's domain names resolve to loopback (the machines share
    // this machine's network). Powered off by stopWorkerHost() or stop().
    bool startWorkerHost(quint16 sshPort, QString* error);
    void stopWorkerHost();
    RealServerPeer& workerHost() const { return *m_workerHost; }
    // Where the test names point on the worker host: this machine's first non-loopback IPv4 address (127.0.0.1
    // when it has none).
    QString workerHostBrokerAddress() const { return m_workerHostBrokerAddress; }

    RealServerPeer& server() const { return *m_server; }
    PebblePeer& pebble() const { return *m_pebble; }
    KeyringPeer& keyring() const { return *m_keyring; }

    QString projectPath() const { return m_project; }
    QString domain() const { return QStringLiteral("saltant.test"); }
    QString www() const { return QStringLiteral("www.saltant.test"); }
    static const char* projectName() { return "Saltant E2E Runner"; }
    QMap<QString, QString> secrets() const { return m_secrets; }
    QString secret(const QString& name) const { return m_secrets.value(name); }
    bool setSecret(const QString& name, const QString& value, QString* error);
    QString path(const QString& name) const { return m_dir.filePath(name); }

    // pebble's root, written to a file: the trust anchor for the issued certificates from now on.
    bool fetchRootCa(QString* error);
    QString rootCa() const { return m_rootCa; }
    void setRootCa(const QString& path) { m_rootCa = path; }

    // curl from this machine with the test domain pinned to 127.0.0.1 and rootCa() as the only trust anchor;
    // credentials go through curl's standard input, never its command line.
    Http get(const QString& url, const QString& user = QString(), const QString& password = QString()) const;
    // The output of a command on the server, trimmed, or "<failed: …>".
    QString remote(const QString& command) const;
    // The SHA-256 fingerprint of the certificate served on 127.0.0.1:port for www().
    QString servedFingerprint(quint16 port) const;

    static QString fixturesDir();

    // saltant's checkout from the fixtures on this machine (untarred once), holding the .env the deploy wrote on the
    // server: where tests/e2e/e2e_celery.py runs. Its directory (.../saltant), or empty with error.
    QString localCheckout(QString* error);
    // What e2e_celery.py needs: the vendored packages on PYTHONPATH, rootCa() as trust anchor, the test names on
    // loopback ("NAME=value" entries, for KeyringPeer::run or a QProcessEnvironment).
    QStringList celeryEnvironment() const;
    // Runs e2e_celery.py ARGS in the local checkout (localCheckout() first), in the keychain's session.
    KeyringPeer::Run celeryClient(const QStringList& args) const;

private:
    bool bootServer(const QString& homeMode, QString* error);
    // What the admin did on a machine before using the tool: saltant's checkout and virtualenv (prepare-saltant.sh).
    bool prepareSaltant(RealServerPeer& machine, const QString& homeMode, QString* error);
    bool writeProject(QString* error);

    QTemporaryDir m_dir;
    QString m_project;
    QString m_rootCa;
    QString m_checkout;
    QMap<QString, QString> m_secrets;
    std::unique_ptr<PebblePeer> m_pebble;
    std::unique_ptr<KeyringPeer> m_keyring;
    std::unique_ptr<RealServerPeer> m_server;
    std::unique_ptr<RealServerPeer> m_workerHost;
    QString m_workerHostBrokerAddress;
};

} // namespace saltant
