#include "KeyringPeer.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <csignal>

namespace saltant {
namespace {

// A session bus that activates nothing: no <servicedir>, no <standard_session_servicedirs/>.
const char* const BareBusConfig = R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=%1</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)";

// Prints "READY <keyring pid or 0> <bus address>" once the session is usable, then lives as long as its stdin.
const char* const SessionScript = R"(set -e
if [ "$1" = keyring ]; then
    printf %s "$2" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
          org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets | awk '/uint32/ {print $2}')
else
    pid=0
fi
echo "READY $pid $DBUS_SESSION_BUS_ADDRESS"
exec cat >/dev/null
)";

bool processAlive(qint64 pid)
{
    return pid > 0 && QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid));
}

} // namespace

QString KeyringPeer::Run::describe() const
{
    return QStringLiteral("finished %1, exit %2; stdout: %3; stderr: %4")
        .arg(finished ? QStringLiteral("yes") : QStringLiteral("no"))
        .arg(exitCode)
        .arg(QString::fromUtf8(out), QString::fromUtf8(err));
}

KeyringPeer::KeyringPeer(Mode mode) : m_mode(mode) {}

KeyringPeer::~KeyringPeer()
{
    stop();
}

bool KeyringPeer::start(QString* error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary directory: ") + m_dir.errorString();
        return false;
    }
    const QStringList dirs = {home(),
                              home() + QStringLiteral("/.local/share"),
                              home() + QStringLiteral("/.config"),
                              home() + QStringLiteral("/.cache"),
                              runtimeDir(),
                              tmpDir()};
    for (const QString& dir : dirs) {
        if (!QDir().mkpath(dir)) {
            *error = QStringLiteral("cannot create ") + dir;
            return false;
        }
    }
    QFile::setPermissions(runtimeDir(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    m_env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP",
                             "DESKTOP_SESSION", "KDE_SESSION_VERSION", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID",
                             "GNOME_KEYRING_CONTROL", "XDG_SESSION_TYPE", "SSH_AUTH_SOCK"}) {
        m_env.remove(QString::fromLatin1(name));
    }
    m_env.insert(QStringLiteral("HOME"), home());
    m_env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir());
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), home() + QStringLiteral("/.local/share"));
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), home() + QStringLiteral("/.config"));
    m_env.insert(QStringLiteral("XDG_CACHE_HOME"), home() + QStringLiteral("/.cache"));
    m_env.insert(QStringLiteral("TMPDIR"), tmpDir());
    if (m_mode == Mode::NoBus) {
        return true;
    }

    QStringList args;
    if (m_mode == Mode::BusWithoutSecrets) {
        const QString config = root() + QStringLiteral("/bare-session.conf");
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly) ||
            file.write(QString::fromLatin1(BareBusConfig).arg(runtimeDir()).toUtf8()) < 0) {
            *error = QStringLiteral("cannot write ") + config;
            return false;
        }
        args << QStringLiteral("--config-file=") + config;
    }
    args << QStringLiteral("--") << QStringLiteral("sh") << QStringLiteral("-c") << QString::fromLatin1(SessionScript)
         << QStringLiteral("sh")
         << (m_mode == Mode::UnlockedKeyring ? QStringLiteral("keyring") : QStringLiteral("bus")) << keyringPassword();
    m_session.setProcessEnvironment(m_env);
    m_session.setWorkingDirectory(root());
    m_session.setProcessChannelMode(QProcess::SeparateChannels);
    m_session.setStandardErrorFile(root() + QStringLiteral("/session.log"));
    m_session.start(QStringLiteral("dbus-run-session"), args);
    if (!m_session.waitForStarted(10000)) {
        *error = QStringLiteral("cannot start dbus-run-session: ") + m_session.errorString();
        return false;
    }
    QByteArray line;
    while (!line.endsWith('\n')) {
        if (!m_session.waitForReadyRead(30000)) {
            QFile log(root() + QStringLiteral("/session.log"));
            log.open(QIODevice::ReadOnly);
            *error = QStringLiteral("the session did not come up: ") + QString::fromUtf8(log.readAll());
            return false;
        }
        line += m_session.readAll();
    }
    const QList<QByteArray> fields = line.trimmed().split(' ');
    if (fields.size() != 3 || fields[0] != "READY") {
        *error = QStringLiteral("unexpected session output: ") + QString::fromUtf8(line);
        return false;
    }
    m_keyringPid = fields[1].toLongLong();
    m_env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QString::fromUtf8(fields[2]));
    return true;
}

void KeyringPeer::stop()
{
    if (m_session.state() != QProcess::NotRunning) {
        m_session.closeWriteChannel(); // `cat` ends, dbus-run-session stops the bus
        if (!m_session.waitForFinished(10000)) {
            m_session.kill();
            m_session.waitForFinished(5000);
        }
    }
    // gnome-keyring leaves when its bus goes away; make sure before the directory is removed.
    if (processAlive(m_keyringPid)) {
        ::kill(pid_t(m_keyringPid), SIGTERM);
        for (int i = 0; i < 100 && processAlive(m_keyringPid); ++i) {
            QThread::msleep(50);
        }
    }
    m_keyringPid = 0;
}

KeyringPeer::Run KeyringPeer::run(const QString& program, const QStringList& args, const QByteArray& input,
                                  const QStringList& extraEnv) const
{
    QProcessEnvironment env = m_env;
    for (const QString& entry : extraEnv) {
        const int eq = entry.indexOf(QLatin1Char('='));
        if (entry.mid(eq + 1).isEmpty()) {
            env.remove(entry.left(eq));
        } else {
            env.insert(entry.left(eq), entry.mid(eq + 1));
        }
    }
    QProcess process;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(tmpDir());
    process.start(program, args);
    Run run;
    if (!process.waitForStarted(10000)) {
        run.err = process.errorString().toUtf8();
        return run;
    }
    process.write(input);
    process.closeWriteChannel();
    run.finished = process.waitForFinished(m_timeoutMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

bool KeyringPeer::lockKeyring(QString* error) const
{
    const Run lock = run(QStringLiteral("dbus-send"),
                         {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                          QStringLiteral("--dest=org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
                          QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                          QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")});
    if (lock.exitCode != 0 || !lock.out.contains("/org/freedesktop/secrets/collection/login")) {
        *error = QStringLiteral("cannot lock the login keyring: ") + lock.describe();
        return false;
    }
    return true;
}

bool KeyringPeer::storeSecrets(const saltant::SecretValues& values, const QString& projectFile, QString* error) const
{
    for (const QString& name : values.names()) {
        const Run set =
            cli({QStringLiteral("secret"), QStringLiteral("set"), name, QStringLiteral("--project"), projectFile},
                values.value(name).toUtf8() + '\n');
        if (!set.finished || set.exitCode != 0) {
            *error = name + QStringLiteral(": ") + set.describe();
            return false;
        }
    }
    return true;
}

KeyringPeer::Run KeyringPeer::lookup(const QString& key) const
{
    return run(QStringLiteral("secret-tool"), {QStringLiteral("lookup"), QStringLiteral("server"),
                                               QStringLiteral("saltant-deploy"), QStringLiteral("user"), key});
}

QStringList KeyringPeer::filesContaining(const QStringList& roots, const QByteArray& needle)
{
    QStringList hits;
    for (const QString& root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!it.fileInfo().isFile()) {
                continue; // sockets, fifos
            }
            QFile file(path);
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle)) {
                hits << path;
            }
        }
    }
    return hits;
}

QMap<QString, QString> KeyringPeer::snapshot(const QStringList& roots)
{
    QMap<QString, QString> entries;
    for (const QString& root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QFileInfo info = it.fileInfo();
            if (!info.isFile()) {
                continue;
            }
            entries.insert(path, QStringLiteral("%1 %2 %3")
                                     .arg(info.size())
                                     .arg(int(info.permissions()), 0, 16)
                                     .arg(info.lastModified().toMSecsSinceEpoch()));
        }
    }
    return entries;
}

QMap<QString, QString> KeyringPeer::settledSnapshot(const QStringList& roots, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QMap<QString, QString> previous = snapshot(roots);
    while (timer.elapsed() < timeoutMs) {
        QThread::msleep(300);
        QMap<QString, QString> current = snapshot(roots);
        if (current == previous) {
            return current;
        }
        previous = std::move(current);
    }
    return previous;
}

QStringList KeyringPeer::differences(const QMap<QString, QString>& before, const QMap<QString, QString>& after)
{
    QStringList lines;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!before.contains(it.key())) {
            lines << QStringLiteral("+ ") + it.key();
        } else if (before.value(it.key()) != it.value()) {
            lines << QStringLiteral("~ ") + it.key();
        }
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!after.contains(it.key())) {
            lines << QStringLiteral("- ") + it.key();
        }
    }
    return lines;
}

} // namespace saltant
