#include "RealServerPeer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QThread>

namespace saltant {
namespace {

QString cacheDir()
{
    const QString fromEnv = qEnvironmentVariable("SALTANT_E2E_CACHE");
    return fromEnv.isEmpty() ? QStringLiteral("/var/cache/saltant-deploy-e2e") : fromEnv;
}

QString rootfsScript()
{
    return QStringLiteral(SALTANT_SOURCE_DIR "/scripts/e2e-rootfs.sh");
}

bool runLocal(const QString& program, const QStringList& args, QByteArray* out, QString* error, int timeoutMs)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        *error = program + QStringLiteral(" did not start: ") + p.errorString();
        return false;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        *error = program + QStringLiteral(" did not finish within %1 s").arg(timeoutMs / 1000);
        return false;
    }
    *out = p.readAllStandardOutput();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("%1 failed (exit %2): %3")
                     .arg(program)
                     .arg(p.exitCode())
                     .arg(QString::fromLocal8Bit(p.readAllStandardError().right(4000)));
        return false;
    }
    return true;
}

} // namespace

QString RealServerPeer::Result::describe() const
{
    return QStringLiteral("%1; stdout: %2; stderr: %3")
        .arg(finished ? QStringLiteral("exit %1").arg(exitCode) : QStringLiteral("did not finish"),
             QString::fromUtf8(out.right(3000)), QString::fromUtf8(err.right(3000)));
}

RealServerPeer::RealServerPeer(quint16 sshPort, const QString& machine, bool server)
    : m_port(sshPort), m_machine(machine), m_serverPorts(server)
{}

RealServerPeer::~RealServerPeer()
{
    stop();
}

bool RealServerPeer::fail(QString* error, const QString& message)
{
    *error = message;
    return false;
}

bool RealServerPeer::portFree(quint16 port)
{
    QTcpServer server;
    return server.listen(QHostAddress::AnyIPv4, port);
}

QList<quint16> RealServerPeer::busyPorts() const
{
    QList<quint16> busy;
    QList<quint16> ports = {m_port};
    if (m_serverPorts) {
        ports += {quint16(80),   quint16(443),  quint16(4369),  quint16(5432), quint16(5555),
                  quint16(5671), quint16(5672), quint16(15672), quint16(25672)};
    }
    for (const quint16 port : ports) {
        if (!portFree(port)) {
            busy.append(port);
        }
    }
    return busy;
}

QString RealServerPeer::ensureRootfs(QString* error)
{
    QByteArray out;
    // A fresh machine debootstraps (a few minutes); afterwards the cached tree is reused at once.
    if (!runLocal(QStringLiteral("bash"), {rootfsScript(), cacheDir()}, &out, error, 20 * 60 * 1000)) {
        return QString();
    }
    const QString path = QString::fromUtf8(out).trimmed().section(QLatin1Char('\n'), -1);
    if (!QFileInfo(path + QStringLiteral("/.complete")).exists()) {
        *error = QStringLiteral("scripts/e2e-rootfs.sh printed no usable root file system: ") + path;
        return QString();
    }
    return path;
}

QStringList RealServerPeer::sshArguments() const
{
    return {QStringLiteral("-i"),
            identityFile(),
            QStringLiteral("-p"),
            QString::number(m_port),
            QStringLiteral("-o"),
            QStringLiteral("UserKnownHostsFile=") + m_dir.filePath(QStringLiteral("known_hosts")),
            QStringLiteral("-o"),
            QStringLiteral("StrictHostKeyChecking=accept-new"),
            QStringLiteral("-o"),
            QStringLiteral("BatchMode=yes"),
            QStringLiteral("-o"),
            QStringLiteral("ConnectTimeout=5"),
            QStringLiteral("-o"),
            QStringLiteral("LogLevel=ERROR"),
            QStringLiteral("root@127.0.0.1")};
}

bool RealServerPeer::start(QString* error)
{
    if (!m_dir.isValid()) {
        return fail(error, QStringLiteral("cannot create a temporary directory"));
    }
    const QList<quint16> busy = busyPorts();
    if (!busy.isEmpty()) {
        QStringList names;
        for (const quint16 port : busy) {
            names << QString::number(port);
        }
        return fail(error, QStringLiteral("ports the real server needs are taken on this machine: %1. Stop what "
                                          "listens there (ss -ltnp) and run the e2e test alone.")
                               .arg(names.join(QStringLiteral(", "))));
    }
    m_rootfs = ensureRootfs(error);
    if (m_rootfs.isEmpty()) {
        return false;
    }
    QByteArray out;
    if (!runLocal(QStringLiteral("ssh-keygen"),
                  {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                   QString(), QStringLiteral("-f"), identityFile()},
                  &out, error, 30000)) {
        return false;
    }
    QFile::copy(identityFile() + QStringLiteral(".pub"), m_dir.filePath(QStringLiteral("authorized_keys")));
    QFile port(m_dir.filePath(QStringLiteral("port.conf")));
    if (!port.open(QIODevice::WriteOnly) || port.write(QStringLiteral("Port %1\n").arg(m_port).toUtf8()) < 0) {
        return fail(error, QStringLiteral("cannot write ") + port.fileName());
    }
    port.close();

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SYSTEMD_NSPAWN_UNIFIED_HIERARCHY"), QStringLiteral("1"));
    m_nspawn.setProcessEnvironment(env);
    m_nspawn.setProcessChannelMode(QProcess::MergedChannels);
    m_nspawn.setStandardOutputFile(m_dir.filePath(QStringLiteral("nspawn.log")));
    QElapsedTimer timer;
    timer.start();
    m_nspawn.start(QStringLiteral("systemd-nspawn"),
                   {QStringLiteral("-q"), QStringLiteral("--register=no"), QStringLiteral("--keep-unit"),
                    QStringLiteral("--volatile=overlay"), QStringLiteral("--console=passive"),
                    QStringLiteral("--machine=") + m_machine, QStringLiteral("-D"), m_rootfs,
                    QStringLiteral("--bind-ro=%1:/root/.ssh/authorized_keys")
                        .arg(m_dir.filePath(QStringLiteral("authorized_keys"))),
                    QStringLiteral("--bind-ro=%1:/etc/ssh/sshd_config.d/port.conf")
                        .arg(m_dir.filePath(QStringLiteral("port.conf"))),
                    QStringLiteral("-b")});
    if (!m_nspawn.waitForStarted(10000)) {
        return fail(error, QStringLiteral("systemd-nspawn did not start: ") + m_nspawn.errorString() +
                               QStringLiteral(" (apt-get install systemd-container)"));
    }
    // Up when sshd answers and systemd has finished booting ("running", or "degraded" when a unit failed).
    QString last;
    while (timer.elapsed() < 120000) {
        if (m_nspawn.state() == QProcess::NotRunning) {
            QFile log(m_dir.filePath(QStringLiteral("nspawn.log")));
            log.open(QIODevice::ReadOnly);
            return fail(error, QStringLiteral("the container stopped while booting: ") +
                                   QString::fromUtf8(log.readAll().right(3000)));
        }
        const Result r = ssh(QStringLiteral("systemctl is-system-running --wait"), QByteArray(), 60000);
        last = r.describe();
        const QByteArray state = r.out.trimmed();
        if (state == "running" || state == "degraded") {
            m_bootMs = timer.elapsed();
            return true;
        }
        QThread::msleep(500);
    }
    return fail(error, QStringLiteral("the container did not come up within 120 s; last answer: ") + last);
}

void RealServerPeer::stop()
{
    if (m_nspawn.state() == QProcess::NotRunning) {
        return;
    }
    ssh(QStringLiteral("systemctl poweroff"), QByteArray(), 15000);
    if (!m_nspawn.waitForFinished(60000)) {
        m_nspawn.terminate(); // nspawn asks the container's init to shut down
        if (!m_nspawn.waitForFinished(30000)) {
            m_nspawn.kill();
            m_nspawn.waitForFinished(10000);
        }
    }
}

RealServerPeer::Result RealServerPeer::ssh(const QString& command, const QByteArray& input, int timeoutMs) const
{
    Result result;
    QProcess p;
    p.start(QStringLiteral("ssh"), sshArguments() << command);
    if (!p.waitForStarted(10000)) {
        result.err = p.errorString().toUtf8();
        return result;
    }
    if (!input.isEmpty()) {
        p.write(input);
    }
    p.closeWriteChannel();
    result.finished = p.waitForFinished(timeoutMs);
    if (!result.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    result.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    result.out = p.readAllStandardOutput();
    result.err = p.readAllStandardError();
    return result;
}

bool RealServerPeer::writeFile(const QString& path, const QByteArray& content, const QString& mode,
                               QString* error) const
{
    const QString quoted =
        QStringLiteral("'") + QString(path).replace(QStringLiteral("'"), QStringLiteral("'\\''")) + QStringLiteral("'");
    const Result r =
        ssh(QStringLiteral("umask 077 && mkdir -p \"$(dirname %1)\" && cat > %1 && chmod %2 %1").arg(quoted, mode),
            content);
    if (!r.ok()) {
        *error = QStringLiteral("cannot write %1 on the server: %2").arg(path, r.describe());
        return false;
    }
    return true;
}

} // namespace saltant
