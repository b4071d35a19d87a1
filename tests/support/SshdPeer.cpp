#include "SshdPeer.h"

#include "FreePort.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QSaveFile>
#include <QTcpServer>
#include <QThread>
#include <csignal>
#include <pwd.h>
#include <sys/types.h>
#include <unistd.h>

namespace saltant {

namespace {

const char* const sshdPath = "/usr/sbin/sshd";
const char* const systemPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

// Runs a short helper program (ssh-keygen) and returns its standard output.
bool runTool(const QString& program, const QStringList& arguments, QByteArray* output, QString* error)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) {
        return fail(error, QStringLiteral("%1 did not start: %2").arg(program, process.errorString()));
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return fail(error, QStringLiteral("%1 %2 failed: %3")
                               .arg(program, arguments.join(QLatin1Char(' ')),
                                    QString::fromLocal8Bit(process.readAllStandardError())));
    }
    if (output) {
        *output = process.readAllStandardOutput();
    }
    return true;
}

// Parent pid of every process, from /proc/<pid>/stat (the field after the parenthesised command name).
QHash<pid_t, pid_t> parentPids()
{
    QHash<pid_t, pid_t> parents;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool isPid = false;
        const pid_t pid = entry.toInt(&isPid);
        if (!isPid) {
            continue;
        }
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QByteArray line = stat.readAll();
        const int close = line.lastIndexOf(')');
        if (close < 0) {
            continue;
        }
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (fields.size() > 1) {
            parents.insert(pid, fields.at(1).toInt());
        }
    }
    return parents;
}

} // namespace

SshdPeer::SshdPeer() : m_dir(std::make_unique<QTemporaryDir>()) {}

SshdPeer::~SshdPeer()
{
    stop();
}

QString SshdPeer::path(const QString& name) const
{
    return m_dir->filePath(name);
}

QString SshdPeer::user() const
{
    const passwd* entry = getpwuid(geteuid());
    return entry ? QString::fromLocal8Bit(entry->pw_name) : QString();
}

QString SshdPeer::directory() const
{
    return m_dir->path();
}

QString SshdPeer::remoteHome() const
{
    return path(QStringLiteral("home"));
}

QString SshdPeer::clientKeyPath() const
{
    return path(QStringLiteral("client_ed25519"));
}

QString SshdPeer::clientPublicKeyPath() const
{
    return clientKeyPath() + QStringLiteral(".pub");
}

QString SshdPeer::hostKeyPath() const
{
    return path(QStringLiteral("hostkey-%1").arg(m_hostKeyGeneration));
}

QString SshdPeer::knownHostsPath() const
{
    return path(QStringLiteral("known_hosts"));
}

bool SshdPeer::generateKey(const QString& path, const QString& type, const QString& passphrase, QString* error)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral(".pub"));
    // -N on the command line is acceptable here: a throw-away test key, never a user's secret.
    return runTool(QStringLiteral("ssh-keygen"),
                   {QStringLiteral("-q"), QStringLiteral("-t"), type, QStringLiteral("-N"), passphrase,
                    QStringLiteral("-C"), QStringLiteral("saltant-test"), QStringLiteral("-f"), path},
                   nullptr, error);
}

bool SshdPeer::authorizeKey(const QString& publicKeyPath, QString* error)
{
    QFile key(publicKeyPath);
    if (!key.open(QIODevice::ReadOnly)) {
        return fail(error, QStringLiteral("cannot read %1: %2").arg(publicKeyPath, key.errorString()));
    }
    QFile authorized(path(QStringLiteral("authorized_keys")));
    if (!authorized.open(QIODevice::WriteOnly | QIODevice::Append)) {
        return fail(error, QStringLiteral("cannot write authorized_keys: %1").arg(authorized.errorString()));
    }
    QByteArray line = key.readAll().trimmed();
    line += '\n';
    authorized.write(line);
    // Other login users (a test's throw-away user) must be able to read it: sshd reads it as the user.
    authorized.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    return true;
}

bool SshdPeer::writeKnownHosts(QString* error)
{
    QFile publicKey(hostKeyPath() + QStringLiteral(".pub"));
    if (!publicKey.open(QIODevice::ReadOnly)) {
        return fail(error, QStringLiteral("cannot read the host key: %1").arg(publicKey.errorString()));
    }
    const QList<QByteArray> parts = publicKey.readAll().trimmed().split(' ');
    if (parts.size() < 2) {
        return fail(error, QStringLiteral("malformed host public key"));
    }
    QSaveFile knownHosts(knownHostsPath());
    if (!knownHosts.open(QIODevice::WriteOnly)) {
        return fail(error, knownHosts.errorString());
    }
    knownHosts.write(QStringLiteral("[%1]:%2 ").arg(host()).arg(m_port).toUtf8() + parts.at(0) + ' ' + parts.at(1) +
                     '\n');
    if (!knownHosts.commit()) {
        return fail(error, knownHosts.errorString());
    }
    QByteArray fingerprint;
    if (!runTool(QStringLiteral("ssh-keygen"), {QStringLiteral("-l"), QStringLiteral("-f"), hostKeyPath()},
                 &fingerprint, error)) {
        return false;
    }
    m_hostKeyFingerprint = QString::fromLatin1(fingerprint.split(' ').value(1));
    return true;
}

bool SshdPeer::writeConfig(QString* error)
{
    QStringList lines = {
        QStringLiteral("Port %1").arg(m_port),
        QStringLiteral("ListenAddress %1").arg(host()),
        QStringLiteral("HostKey %1").arg(hostKeyPath()),
        QStringLiteral("PidFile %1").arg(path(QStringLiteral("sshd.pid"))),
        QStringLiteral("AuthorizedKeysFile %1").arg(path(QStringLiteral("authorized_keys"))),
        QStringLiteral("PubkeyAuthentication yes"),
        QStringLiteral("PasswordAuthentication %1")
            .arg(m_passwordAuthentication ? QStringLiteral("yes") : QStringLiteral("no")),
        QStringLiteral("KbdInteractiveAuthentication no"),
        QStringLiteral("PermitRootLogin prohibit-password"),
        QStringLiteral("UsePAM no"),
        QStringLiteral("StrictModes no"),
        QStringLiteral("Subsystem sftp internal-sftp"),
        QStringLiteral("LogLevel VERBOSE"),
        QStringLiteral("MaxStartups 50"),
        QStringLiteral("MaxSessions 50"),
    };
    // sshd honours only the first SetEnv line that applies, hence one line per Match block with every variable.
    // The test's own user (root in CI) gets HOME inside the temporary directory, so nothing the tests do (the
    // deploy's staging directory ~/.cache/saltant-deploy, ...) lands in the real home directory.
    const QString pathVariable = m_remotePathPrefix.isEmpty()
                                     ? QString()
                                     : QStringLiteral(" PATH=%1:%2").arg(m_remotePathPrefix, QLatin1String(systemPath));
    lines << QStringLiteral("Match User %1").arg(user())
          << QStringLiteral("    SetEnv HOME=%1%2").arg(remoteHome(), pathVariable);
    if (!pathVariable.isEmpty()) {
        lines << QStringLiteral("Match all") << QString(QStringLiteral("    SetEnv") + pathVariable);
    }
    QSaveFile config(path(QStringLiteral("sshd_config")));
    if (!config.open(QIODevice::WriteOnly)) {
        return fail(error, config.errorString());
    }
    config.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n');
    return config.commit() || fail(error, config.errorString());
}

bool SshdPeer::start(QString* error)
{
    if (!m_dir->isValid()) {
        return fail(error, QStringLiteral("cannot create a temporary directory: %1").arg(m_dir->errorString()));
    }
    if (isRunning()) {
        return true;
    }
    // sshd reads authorized_keys as the login user, who may be a test's throw-away user.
    QFile::setPermissions(m_dir->path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                             QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    if (!QFile::exists(hostKeyPath()) && !generateKey(hostKeyPath(), QStringLiteral("ed25519"), QString(), error)) {
        return false;
    }
    if (!QFile::exists(clientKeyPath())) {
        if (!generateKey(clientKeyPath(), QStringLiteral("ed25519"), QString(), error) ||
            !authorizeKey(clientPublicKeyPath(), error)) {
            return false;
        }
    }
    QDir().mkpath(remoteHome());
    QFile::setPermissions(remoteHome(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (geteuid() == 0) {
        QDir().mkpath(QStringLiteral("/run/sshd")); // privilege separation directory, required when root
    }
    // Another test may grab the port between our probe and sshd's bind: try a few.
    QString lastError;
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (m_port == 0 || attempt > 0) {
            m_port = freeLoopbackPort();
        }
        if (launch(&lastError)) {
            return writeKnownHosts(error);
        }
    }
    return fail(error, lastError);
}

bool SshdPeer::launch(QString* error)
{
    if (!writeConfig(error)) {
        return false;
    }
    const QString logPath = path(QStringLiteral("sshd.log"));
    QFile::remove(logPath);
    m_sshd = std::make_unique<QProcess>();
    m_sshd->setStandardOutputFile(logPath, QIODevice::Append);
    m_sshd->setStandardErrorFile(logPath, QIODevice::Append);
    m_sshd->start(QString::fromLatin1(sshdPath), {QStringLiteral("-f"), path(QStringLiteral("sshd_config")),
                                                  QStringLiteral("-D"), QStringLiteral("-e")});
    if (!m_sshd->waitForStarted(10000)) {
        const QString message = QStringLiteral("sshd did not start: %1").arg(m_sshd->errorString());
        m_sshd.reset();
        return fail(error, message);
    }
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 15000) {
        if (log().contains(QLatin1String("Server listening on"))) {
            return true;
        }
        if (m_sshd->waitForFinished(20)) {
            break;
        }
    }
    const QString message = QStringLiteral("sshd did not start listening on port %1:\n%2").arg(m_port).arg(log());
    stop();
    return fail(error, message);
}

void SshdPeer::stop()
{
    if (!m_sshd) {
        return;
    }
    killSessionChildren();
    if (m_sshd->state() != QProcess::NotRunning) {
        m_sshd->terminate();
        if (!m_sshd->waitForFinished(5000)) {
            m_sshd->kill();
            m_sshd->waitForFinished(5000);
        }
    }
    m_sshd.reset();
}

bool SshdPeer::isRunning() const
{
    return m_sshd && m_sshd->state() == QProcess::Running;
}

bool SshdPeer::restartIfRunning(QString* error)
{
    if (!isRunning()) {
        return true;
    }
    stop();
    return launch(error) && writeKnownHosts(error);
}

bool SshdPeer::setPasswordAuthentication(bool enabled, QString* error)
{
    m_passwordAuthentication = enabled;
    return restartIfRunning(error);
}

bool SshdPeer::setRemotePathPrefix(const QString& directory, QString* error)
{
    m_remotePathPrefix = directory;
    return restartIfRunning(error);
}

bool SshdPeer::rotateHostKey(const QString& type, QString* error)
{
    ++m_hostKeyGeneration;
    if (!generateKey(hostKeyPath(), type, QString(), error)) {
        return false;
    }
    stop();
    return launch(error) && writeKnownHosts(error);
}

int SshdPeer::killSessionChildren()
{
    return signalSessionChildren(SIGKILL);
}

int SshdPeer::signalSessionChildren(int signalNumber)
{
    if (!isRunning()) {
        return 0;
    }
    const pid_t listener = static_cast<pid_t>(m_sshd->processId());
    const QHash<pid_t, pid_t> parents = parentPids();
    // Every descendant of the listener, found by walking up from each process.
    QList<pid_t> victims;
    for (auto it = parents.cbegin(); it != parents.cend(); ++it) {
        pid_t ancestor = it.value();
        for (int depth = 0; ancestor > 1 && depth < 64; ++depth) {
            if (ancestor == listener) {
                victims << it.key();
                break;
            }
            ancestor = parents.value(ancestor, 0);
        }
    }
    // A kill must look like one cut: stop them all first, so no process (a script whose `sleep` just died) runs on
    // in the moment between two kills.
    if (signalNumber == SIGKILL) {
        for (const pid_t pid : victims) {
            ::kill(pid, SIGSTOP);
        }
    }
    int signalled = 0;
    for (const pid_t pid : victims) {
        if (::kill(pid, signalNumber) == 0) {
            ++signalled;
        }
    }
    return signalled;
}

QString SshdPeer::log() const
{
    QFile file(path(QStringLiteral("sshd.log")));
    if (!file.open(QIODevice::ReadOnly)) {
        return QString();
    }
    return QString::fromLocal8Bit(file.readAll());
}

} // namespace saltant
