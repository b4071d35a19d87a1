#pragma once

#include "DeployFixture.h"
#include "SshdPeer.h"

#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace saltant {

// One deploy target for a test: a pretend server (DeployFixture) in a temporary directory behind a real sshd on
// loopback (SshdPeer) whose sessions find the fixture's tools first on PATH, and the fixture's project pointed at
// the peer (port, user, client key, known_hosts).
//
//     SshdRig rig;
//     QVERIFY2(rig.start(SshdRig::KnownHosts::Empty, &error), qPrintable(error));
//     const QString projectFile = rig.saveProject(QStringLiteral("test.saltant.json"), &error);
//
// Members stay public: tests adjust the fixture or the peer after start().
class SshdRig
{
public:
    enum class KnownHosts
    {
        Peer,  // the peer's own known_hosts: its host key is trusted from the start
        Empty, // knownHostsPath(), not there yet: the first connection asks (or records) the host key
    };

    SshdRig() = default;
    SshdRig(const SshdRig&) = delete;
    SshdRig& operator=(const SshdRig&) = delete;
    ~SshdRig() { stop(); }

    // Sets up the fixture under directory()/server, starts the peer with remotePath first on the remote PATH
    // (default: the fixture's tools) and points the project at it, trusting knownHosts.
    bool start(KnownHosts knownHosts, QString* error, const QString& remotePath = QString());
    // Points the project at the peer again, trusting knownHostsFile.
    bool trust(const QString& knownHostsFile, QString* error);
    // Saves the project to directory()/fileName; the path, or empty (error set).
    QString saveProject(const QString& fileName, QString* error) const;
    // The server first (its sessions end), then the fixture.
    void stop();

    QString directory() const { return m_dir.path(); }
    // directory()/known_hosts: the file KnownHosts::Empty trusts.
    QString knownHostsPath() const { return m_dir.path() + QStringLiteral("/known_hosts"); }

    std::unique_ptr<DeployFixture> fixture;
    std::unique_ptr<SshdPeer> peer;

private:
    QTemporaryDir m_dir;
};

} // namespace saltant
