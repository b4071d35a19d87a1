#pragma once

#include "NginxPeer.h"
#include "model/Project.h"
#include "secrets/SecretValues.h"

#include <QString>
#include <memory>

namespace saltant {

class SshdPeer;

// A pretend server inside a temporary directory for deploy tests: every path setting of the example project
// points under root, owners are the test's own user and group, the saltant checkout and its virtualenv exist
// (with recording python/flower/pip), uWSGI is a stub, the recording tools and an nginx wrapper (the real nginx -t
// on a conf that includes sites-enabled/*) live in bin/, and a self-signed certificate sits where the site wants it.
class DeployFixture
{
public:
    explicit DeployFixture(const QString& root);
    bool setUp(QString* error);

    QString root() const { return m_root; }
    QString binDir() const { return m_root + QStringLiteral("/bin"); }
    QString logPath() const { return m_root + QStringLiteral("/calls.log"); }
    QString stagingDir() const { return m_root + QStringLiteral("/staging"); }
    // root + path
    QString path(const QString& relative) const { return m_root + relative; }

    Project project;
    SecretValues secrets() const;

    // Points the project's ssh.* settings at a started test sshd: its port and user, its client key, and
    // knownHostsFile (the peer's own known_hosts, or a file the test controls).
    bool useSshd(const SshdPeer& peer, const QString& knownHostsFile, QString* error);

    // This pretend server as a worker host: saltant's celery.py in the checkout (what the worker check looks for),
    // then the overrides that point a worker host of another project here (its SSH target = peer, its checkout,
    // venv, unit and directories under root). False with error when the checkout cannot be written.
    bool prepareWorkerHost(QString* error) const;
    QList<QPair<SettingKey, QString>> workerHostSettings(const SshdPeer& peer) const;

    QStringList calls() const;
    QStringList callsOf(const QString& program) const;
    void clearCalls() const;

    // Every regular file and symbolic link under root/etc and the checkout, with content (or link target), mode
    // and owner: to prove a remote tree was not touched.
    QString treeSignature() const;

private:
    QString m_root;
    std::unique_ptr<NginxPeer> m_nginx;
};

} // namespace saltant
