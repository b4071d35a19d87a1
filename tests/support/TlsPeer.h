#pragma once

#include <QList>
#include <QProcess>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>
#include <vector>

// Real TLS peers on loopback for the check tests: a throw-away test CA and server certificates made with the
// openssl CLI, nginx (own prefix, pid, logs; daemon off, killed at the end) and `openssl s_server`. Everything
// lives in one temporary directory and listens on 127.0.0.1 only.
class TlsPeer
{
public:
    enum class Validity
    {
        Valid,       // 365 days
        ExpiresSoon, // -days 1: expires tomorrow
        Expired,     // January 2020
        NotYetValid  // from 2090
    };

    struct Leaf
    {
        QString certPath;
        QString keyPath;
    };

    TlsPeer();
    ~TlsPeer();
    TlsPeer(const TlsPeer&) = delete;
    TlsPeer& operator=(const TlsPeer&) = delete;

    QString errorString() const { return m_error; }
    QString path(const QString& name) const { return m_dir.filePath(name); }

    // The CA every leaf is signed by; trust it through CheckOptions::extraCaCertificates.
    bool createCa();
    QList<QSslCertificate> caCertificates() const;
    // A key and certificate for names (subjectAltName DNS entries, the first also the CN).
    bool issue(const QString& label, const QStringList& names, Validity validity, Leaf* leaf);
    // An htpasswd line for nginx's auth_basic (openssl passwd -apr1); returns the file's path or empty.
    QString writeHtpasswd(const QString& user, const QString& password);
    bool writeFile(const QString& relativePath, const QByteArray& content);

    // A TCP port on 127.0.0.1 that was free a moment ago.
    static quint16 freePort();
    // Starts nginx with servers (the content of its http block; every listen must be on 127.0.0.1) and waits
    // until each of ports accepts connections.
    bool startNginx(const QString& servers, const QList<quint16>& ports);
    // Starts `openssl s_server` with leaf on 127.0.0.1:port (a TLS listener standing in for AMQPS).
    bool startTlsServer(quint16 port, const Leaf& leaf);

private:
    bool run(const QString& program, const QStringList& arguments, QByteArray* output = nullptr);
    bool startProcess(const QString& program, const QStringList& arguments, const QList<quint16>& ports);
    bool fail(const QString& message);

    QTemporaryDir m_dir;
    QString m_error;
    std::vector<std::unique_ptr<QProcess>> m_processes;
};
