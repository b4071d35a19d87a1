#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace saltant {

// Let's Encrypt's test ACME server (Debian's `pebble`) on loopback, so that a deploy's own `certbot certonly
// --webroot` really obtains a certificate without the internet. pebble-challtestsrv answers pebble's DNS look-ups
// with 127.0.0.1 for every name, so the HTTP-01 challenge reaches whatever serves port 80 on this machine (the
// real server's nginx). The ACME directory is served over HTTPS with a certificate from a throw-away CA made
// here (httpsCaPath(): trust it for the ACME server); the certificates pebble issues chain to a root it makes
// at start-up (rootPem(): trust it for the issued site certificate).
class PebblePeer
{
public:
    PebblePeer();
    ~PebblePeer();
    PebblePeer(const PebblePeer&) = delete;
    PebblePeer& operator=(const PebblePeer&) = delete;

    bool start(QString* error);
    void stop();

    QString directoryUrl() const { return QStringLiteral("https://127.0.0.1:14000/dir"); }
    QString httpsCaPath() const { return m_dir.filePath(QStringLiteral("ca.pem")); }
    QByteArray httpsCaPem() const;
    // The root (and the intermediate) the issued certificates chain to, PEM; fetched from pebble's management
    // interface, which changes with every start of pebble.
    bool fetchRoots(QByteArray* root, QByteArray* intermediate, QString* error) const;

private:
    bool openssl(const QStringList& args, QString* error);
    bool waitForLine(QProcess& process, const QByteArray& line, int timeoutMs, QString* error);

    QTemporaryDir m_dir;
    QProcess m_dns;
    QProcess m_pebble;
};

} // namespace saltant
