#include "import/ServerFiles.h"
#include "import/ServerImporter.h"
#include "parse/SystemdUnitParser.h"
#include "parse/UwsgiIniParser.h"

namespace saltant {
namespace {

QString baseName(const QString& path)
{
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

// The value of "--name VALUE" or "--name=VALUE" in argv, or a null QString.
QString option(const QStringList& argv, const QString& name)
{
    for (int i = 1; i < argv.size(); ++i) {
        if (argv.at(i) == name && i + 1 < argv.size()) {
            return argv.at(i + 1);
        }
        if (argv.at(i).startsWith(name + QLatin1Char('='))) {
            return argv.at(i).mid(name.size() + 1);
        }
    }
    return QString();
}

} // namespace

bool ServerImporter::importUwsgi()
{
    for (const QString& path : unitFiles()) {
        const ServerFile file = m_files.read(path);
        if (!file.ok()) {
            continue;
        }
        const SystemdUnitParser::Result unit = SystemdUnitParser::parse(file.text);
        const SystemdUnitParser::Command command =
            SystemdUnitParser::splitCommand(unit.value(QStringLiteral("Service"), QStringLiteral("ExecStart")));
        if (command.error.isEmpty() && !command.argv.isEmpty() &&
            baseName(command.argv.first()) == QLatin1String("uwsgi")) {
            return importEmperorUnit(path, file.text);
        }
    }
    const QString fallback = QStringLiteral("/etc/uwsgi/emperor.ini");
    if (m_files.read(fallback).ok()) {
        problem(fallback, 0,
                tr("no systemd unit in /etc/systemd/system starts the uWSGI emperor; the deploy writes %1.")
                    .arg(m_result.project.text(Key::UwsgiUnitPath)));
        importEmperorIni(fallback);
        return true;
    }
    return false;
}

bool ServerImporter::importEmperorUnit(const QString& path, const QString& text)
{
    readFile(path);
    found(QStringLiteral("uwsgi-unit"), path);
    set(Key::UwsgiUnitPath, path, path, 0);
    const SystemdUnitParser::Result unit = SystemdUnitParser::parse(text);
    const QString service = QStringLiteral("Service");
    int line = 0;
    const SystemdUnitParser::Command command =
        SystemdUnitParser::splitCommand(unit.value(service, QStringLiteral("ExecStart"), &line));
    m_uwsgiExec = command.argv.first();
    m_uwsgiExecFile = path;
    m_uwsgiExecLine = line;
    int userLine = 0;
    const QString user = unit.value(service, QStringLiteral("User"), &userLine);
    if (!user.isNull()) {
        set(Key::UwsgiUser, user, path, userLine);
    }
    const QString group = unit.value(service, QStringLiteral("Group"), &userLine);
    if (!group.isNull()) {
        set(Key::ServerWebGroup, group, path, userLine);
    }
    const QString ini = option(command.argv, QStringLiteral("--ini"));
    if (!ini.isEmpty()) {
        importEmperorIni(ini);
        return true;
    }
    const QString emperor = option(command.argv, QStringLiteral("--emperor"));
    if (!emperor.isEmpty()) {
        set(Key::UwsgiVassalsDir, trimSlashes(emperor), path, line);
        problem(path, line,
                tr("the emperor is started without an ini file; the deploy writes %1 and starts the "
                   "emperor with it.")
                    .arg(m_result.project.text(Key::UwsgiEmperorIni)));
    } else {
        problem(path, line, tr("this uWSGI is started without --ini or --emperor: the vassals could not be found."));
    }
    return true;
}

void ServerImporter::importEmperorIni(const QString& path)
{
    const ServerFile file = readFile(path);
    if (!file.ok()) {
        return;
    }
    found(QStringLiteral("uwsgi-emperor"), path);
    set(Key::UwsgiEmperorIni, path, path, 0);
    const UwsgiIniParser::Result ini = UwsgiIniParser::parse(file.text);
    const QString section = QStringLiteral("uwsgi");
    int line = 0;
    QString emperor = ini.value(section, QStringLiteral("emperor"), &line);
    if (emperor.contains(QLatin1Char('*'))) {
        emperor = emperor.left(emperor.lastIndexOf(QLatin1Char('/')));
    }
    if (!emperor.isEmpty()) {
        set(Key::UwsgiVassalsDir, trimSlashes(emperor), path, line);
    }
    const QString logto = ini.value(section, QStringLiteral("logto"), &line);
    if (!logto.isEmpty()) {
        set(Key::UwsgiLogFile, logto, path, line);
    }
    const QString uid = ini.value(section, QStringLiteral("uid"), &line);
    if (!uid.isEmpty() && !m_imported.contains(Key::UwsgiUser.name())) {
        set(Key::UwsgiUser, uid, path, line);
    }

    const QString dir = m_result.project.text(Key::UwsgiVassalsDir);
    QStringList vassals;
    for (const QString& name : m_files.list(dir)) {
        const QString vassal = dir + QLatin1Char('/') + name;
        if (!name.endsWith(QLatin1String(".ini"))) {
            continue;
        }
        const ServerFile candidate = m_files.read(vassal);
        const UwsgiIniParser::Result parsed = UwsgiIniParser::parse(candidate.text);
        if (candidate.ok() && (!parsed.value(section, QStringLiteral("module")).isNull() ||
                               !parsed.value(section, QStringLiteral("chdir")).isNull())) {
            vassals << vassal;
        }
    }
    if (vassals.isEmpty()) {
        problem(dir, 0,
                tr("no vassal (an .ini with chdir or module) was found here: the project directory and "
                   "the .env are unknown."));
        return;
    }
    if (vassals.size() > 1) {
        problem(dir, 0,
                tr("%1 vassals were found; %2 was imported, the others are left as they are: %3.")
                    .arg(vassals.size())
                    .arg(vassals.first(), vassals.mid(1).join(QStringLiteral(", "))));
    }
    importVassal(vassals.first(), m_files.read(vassals.first()).text);
}

void ServerImporter::importVassal(const QString& path, const QString& text)
{
    readFile(path);
    found(QStringLiteral("uwsgi-vassal"), path);
    const QString name = baseName(path);
    const QString suffix = QStringLiteral("_uwsgi.ini");
    if (name.endsWith(suffix) && name.size() > suffix.size()) {
        set(Key::UwsgiVassalName, name.chopped(suffix.size()), path, 0);
    } else {
        set(Key::UwsgiVassalName, name.chopped(4), path, 0);
        problem(path, 0,
                tr("the deploy writes the vassal as %1; delete this one after the first deploy, or two "
                   "vassals will serve the same socket.")
                    .arg(m_result.project.text(Key::UwsgiVassalsDir) + QLatin1Char('/') + name.chopped(4) + suffix));
    }
    const UwsgiIniParser::Result ini = UwsgiIniParser::parse(text);
    const QString section = QStringLiteral("uwsgi");
    int line = 0;
    const auto take = [&](const char* option, SettingKey key) {
        const QString value = ini.value(section, QLatin1String(option), &line);
        if (!value.isNull()) {
            set(key, trimSlashes(value), path, line);
        }
    };
    take("chdir", Key::DjangoProjectDir);
    take("module", Key::DjangoWsgiModule);
    take("virtualenv", Key::DjangoVenvDir);
    take("venv", Key::DjangoVenvDir);
    take("home", Key::DjangoVenvDir);
    take("processes", Key::UwsgiProcesses);
    QString socket = ini.value(section, QStringLiteral("socket"), &line);
    if (socket.startsWith(QLatin1String("unix:"))) {
        socket = socket.mid(5);
    }
    if (socket.startsWith(QLatin1Char('/'))) {
        set(Key::UwsgiSocketPath, socket, path, line);
        for (const char* dir : {"/tmp/", "/var/tmp/"}) {
            if (socket.startsWith(QLatin1String(dir))) {
                mistake(QStringLiteral("uwsgi-socket-in-tmp"), path, line,
                        tr("the uWSGI socket is in %1: systemd's PrivateTmp hides it from nginx and anyone may "
                           "create it first. The deploy puts it under /run/uwsgi/ (set uwsgi.socketPath).")
                            .arg(QLatin1String(dir)));
            }
        }
    } else if (!socket.isEmpty()) {
        problem(path, line,
                tr("the socket %1 is not a unix socket; the project uses one (uwsgi.socketPath).").arg(socket));
    }

    // Which uWSGI: the distribution's (with its python3 plugin) or one inside the virtualenv.
    if (m_uwsgiExec.isEmpty()) {
        return;
    }
    const bool plugin =
        ini.values(section, QStringLiteral("plugins")).join(QLatin1Char(',')).contains(QLatin1String("python3"));
    if (m_uwsgiExec == QLatin1String("/usr/bin/uwsgi")) {
        set(Key::UwsgiInstall, QStringLiteral("distribution"), m_uwsgiExecFile, m_uwsgiExecLine);
    } else {
        set(Key::UwsgiInstall, plugin ? QStringLiteral("distribution") : QStringLiteral("venv"), m_uwsgiExecFile,
            m_uwsgiExecLine);
    }
    set(Key::UwsgiBinary, m_uwsgiExec, m_uwsgiExecFile, m_uwsgiExecLine);
}

} // namespace saltant
