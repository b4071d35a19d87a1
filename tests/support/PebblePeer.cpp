#include "PebblePeer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcessEnvironment>

namespace saltant {

PebblePeer::PebblePeer() = default;

PebblePeer::~PebblePeer()
{
    stop();
}

bool PebblePeer::openssl(const QStringList& args, QString* error)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), args);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("openssl %1 failed: %2")
                     .arg(args.join(QLatin1Char(' ')), QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    return true;
}

bool PebblePeer::waitForLine(QProcess& process, const QByteArray& line, int timeoutMs, QString* error)
{
    QByteArray seen;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (process.state() == QProcess::NotRunning) {
            seen += process.readAll();
            *error = QStringLiteral("%1 stopped: %2").arg(process.program(), QString::fromUtf8(seen.right(2000)));
            return false;
        }
        process.waitForReadyRead(200);
        seen += process.readAll();
        if (seen.contains(line)) {
            return true;
        }
    }
    *error = QStringLiteral("%1 did not print \"%2\" within %3 s: %4")
                 .arg(process.program(), QString::fromUtf8(line))
                 .arg(timeoutMs / 1000)
                 .arg(QString::fromUtf8(seen.right(2000)));
    return false;
}

bool PebblePeer::start(QString* error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    // The ACME server's own HTTPS certificate, for 127.0.0.1, from a throw-away CA.
    const QString ext = m_dir.filePath(QStringLiteral("ext.cnf"));
    QFile extFile(ext);
    if (!extFile.open(QIODevice::WriteOnly) ||
        extFile.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n") < 0) {
        *error = QStringLiteral("cannot write ") + ext;
        return false;
    }
    extFile.close();
    if (!openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                  QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                  QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                  QStringLiteral("/CN=Saltant Deploy e2e ACME HTTPS CA")},
                 error) ||
        !openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                  QStringLiteral("-keyout"), QStringLiteral("acme.key"), QStringLiteral("-out"),
                  QStringLiteral("acme.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")},
                 error) ||
        !openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("acme.csr"),
                  QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                  QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("2"),
                  QStringLiteral("-extfile"), ext, QStringLiteral("-out"), QStringLiteral("acme.pem")},
                 error)) {
        return false;
    }
    QFile config(m_dir.filePath(QStringLiteral("pebble.json")));
    if (!config.open(QIODevice::WriteOnly) ||
        config.write(QStringLiteral("{\"pebble\": {\"listenAddress\": \"127.0.0.1:14000\", "
                                    "\"managementListenAddress\": \"127.0.0.1:15000\", \"certificate\": \"%1\", "
                                    "\"privateKey\": \"%2\", \"httpPort\": 80, \"tlsPort\": 443, "
                                    "\"ocspResponderURL\": \"\", \"externalAccountBindingRequired\": false}}\n")
                         .arg(m_dir.filePath(QStringLiteral("acme.pem")), m_dir.filePath(QStringLiteral("acme.key")))
                         .toUtf8()) < 0) {
        *error = QStringLiteral("cannot write ") + config.fileName();
        return false;
    }
    config.close();

    // DNS only: every A look-up answers 127.0.0.1 (the challenge servers of challtestsrv stay off).
    m_dns.setProcessChannelMode(QProcess::MergedChannels);
    m_dns.start(QStringLiteral("pebble-challtestsrv"),
                {QStringLiteral("-dns01"), QStringLiteral("127.0.0.1:8053"), QStringLiteral("-http01"), QString(),
                 QStringLiteral("-https01"), QString(), QStringLiteral("-tlsalpn01"), QString(),
                 QStringLiteral("-management"), QStringLiteral("127.0.0.1:8055"), QStringLiteral("-defaultIPv4"),
                 QStringLiteral("127.0.0.1"), QStringLiteral("-defaultIPv6"), QString()});
    if (!m_dns.waitForStarted(10000)) {
        *error = QStringLiteral("pebble-challtestsrv did not start (apt-get install pebble): ") + m_dns.errorString();
        return false;
    }
    if (!waitForLine(m_dns, "Starting challenge servers", 20000, error)) {
        return false;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PEBBLE_VA_NOSLEEP"), QStringLiteral("1"));
    env.insert(QStringLiteral("PEBBLE_WFE_NONCEREJECT"), QStringLiteral("0"));
    m_pebble.setProcessEnvironment(env);
    m_pebble.setProcessChannelMode(QProcess::MergedChannels);
    m_pebble.start(QStringLiteral("pebble"), {QStringLiteral("-config"), config.fileName(), QStringLiteral("-dnsserver"),
                                              QStringLiteral("127.0.0.1:8053")});
    if (!m_pebble.waitForStarted(10000)) {
        *error = QStringLiteral("pebble did not start (apt-get install pebble): ") + m_pebble.errorString();
        return false;
    }
    return waitForLine(m_pebble, "Listening on: 127.0.0.1:14000", 20000, error);
}

void PebblePeer::stop()
{
    for (QProcess* p : {&m_pebble, &m_dns}) {
        if (p->state() != QProcess::NotRunning) {
            p->terminate();
            if (!p->waitForFinished(5000)) {
                p->kill();
                p->waitForFinished(5000);
            }
        }
    }
}

QByteArray PebblePeer::httpsCaPem() const
{
    QFile f(httpsCaPath());
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool PebblePeer::fetchRoots(QByteArray* root, QByteArray* intermediate, QString* error) const
{
    const auto get = [&](const QString& path, QByteArray* out) {
        QProcess p;
        p.start(QStringLiteral("curl"), {QStringLiteral("-sSf"), QStringLiteral("--cacert"), httpsCaPath(),
                                         QStringLiteral("https://127.0.0.1:15000") + path});
        p.closeWriteChannel();
        if (!p.waitForFinished(15000) || p.exitCode() != 0) {
            *error = QStringLiteral("curl %1 from pebble failed: %2")
                         .arg(path, QString::fromLocal8Bit(p.readAllStandardError()));
            return false;
        }
        *out = p.readAllStandardOutput();
        return true;
    };
    return get(QStringLiteral("/roots/0"), root) && get(QStringLiteral("/intermediates/0"), intermediate);
}

} // namespace saltant
