#include "SshdRig.h"

#include "model/ProjectFile.h"

namespace saltant {

bool SshdRig::start(KnownHosts knownHosts, QString* error, const QString& remotePath)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory: ") + m_dir.errorString();
        return false;
    }
    fixture = std::make_unique<DeployFixture>(m_dir.path() + QStringLiteral("/server"));
    if (!fixture->setUp(error)) {
        return false;
    }
    peer = std::make_unique<SshdPeer>();
    return peer->setRemotePathPrefix(remotePath.isEmpty() ? fixture->binDir() : remotePath, error) &&
           peer->start(error) &&
           trust(knownHosts == KnownHosts::Peer ? peer->knownHostsPath() : knownHostsPath(), error);
}

bool SshdRig::trust(const QString& knownHostsFile, QString* error)
{
    return fixture->useSshd(*peer, knownHostsFile, error);
}

QString SshdRig::saveProject(const QString& fileName, QString* error) const
{
    const QString path = m_dir.path() + QLatin1Char('/') + fileName;
    return ProjectFile::save(path, fixture->project, error) ? path : QString();
}

void SshdRig::stop()
{
    peer.reset();
    fixture.reset();
}

} // namespace saltant
