#include "import/ServerFiles.h"
#include "import/ServerImporter.h"
#include "parse/ErlangTermParser.h"
#include "parse/RabbitConfParser.h"
#include "parse/SystemdUnitParser.h"

#include <QRegularExpression>

namespace saltant {
namespace {

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

// "--name=VALUE" or "--name VALUE" (Flower's options, written with _ or -).
QString flowerOption(const QStringList& argv, const QString& name, int* index = nullptr)
{
    QStringList spellings{name};
    if (name.contains(QLatin1Char('_'))) {
        spellings << QString(name).replace(QLatin1Char('_'), QLatin1Char('-'));
    }
    for (int i = 1; i < argv.size(); ++i) {
        for (const QString& s : std::as_const(spellings)) {
            if (argv.at(i).startsWith(s + QLatin1Char('='))) {
                if (index) {
                    *index = i;
                }
                return argv.at(i).mid(s.size() + 1);
            }
            if (argv.at(i) == s && i + 1 < argv.size()) {
                if (index) {
                    *index = i;
                }
                return argv.at(i + 1);
            }
        }
    }
    return QString();
}

// A value of a systemd EnvironmentFile= line: 'single' (literal), "double" (backslash escapes) or bare.
QString envFileValue(const QString& raw)
{
    const QString v = raw.trimmed();
    if (v.size() >= 2 && v.startsWith(QLatin1Char('\'')) && v.endsWith(QLatin1Char('\''))) {
        return v.mid(1, v.size() - 2);
    }
    if (v.size() >= 2 && v.startsWith(QLatin1Char('"')) && v.endsWith(QLatin1Char('"'))) {
        QString out;
        const QString inner = v.mid(1, v.size() - 2);
        for (int i = 0; i < inner.size(); ++i) {
            if (inner.at(i) == QLatin1Char('\\') && i + 1 < inner.size()) {
                ++i;
            }
            out += inner.at(i);
        }
        return out;
    }
    return v;
}

} // namespace

void ServerImporter::importFlower()
{
    for (const QString& path : unitFiles()) {
        const ServerFile file = m_files.read(path);
        if (!file.ok() || !file.text.contains(QLatin1String("flower"))) {
            continue;
        }
        const SystemdUnitParser::Result unit = SystemdUnitParser::parse(file.text);
        const QString service = QStringLiteral("Service");
        int line = 0;
        const SystemdUnitParser::Command command =
            SystemdUnitParser::splitCommand(unit.value(service, QStringLiteral("ExecStart"), &line));
        const QStringList& argv = command.argv;
        const int flowerAt = int(argv.indexOf(QStringLiteral("flower")));
        const bool flowerBinary = !argv.isEmpty() && argv.first().endsWith(QLatin1String("/flower"));
        if (!command.error.isEmpty() || (flowerAt < 0 && !flowerBinary)) {
            continue;
        }
        readFile(path);
        found(QStringLiteral("flower-unit"), path);
        set(Key::FlowerUnitPath, path, path, 0);
        const bool celery = argv.contains(QStringLiteral("celery"));
        set(Key::FlowerLauncher, celery ? QStringLiteral("celery") : QStringLiteral("flower"), path, line);
        const QString app = flowerOption(argv, QStringLiteral("-A")).isEmpty()
                                ? flowerOption(argv, QStringLiteral("--app"))
                                : flowerOption(argv, QStringLiteral("-A"));
        if (!app.isEmpty()) {
            set(Key::DjangoCeleryApp, app, path, line);
        }
        const QString port = flowerOption(argv, QStringLiteral("--port"));
        if (!port.isEmpty()) {
            set(Key::FlowerPort, port, path, line);
        }
        const QString prefix = flowerOption(argv, QStringLiteral("--url_prefix"));
        if (!prefix.isEmpty()) {
            set(Key::FlowerUrlPrefix, prefix, path, line);
        }
        const QString db = flowerOption(argv, QStringLiteral("--db"));
        if (!db.isEmpty()) {
            set(Key::FlowerDatabase, db, path, line);
        }
        const QString persistent = flowerOption(argv, QStringLiteral("--persistent"));
        if (!persistent.isEmpty()) {
            set(Key::FlowerPersistent, boolText(persistent.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0),
                path, line);
        }
        const QString auth = flowerOption(argv, QStringLiteral("--basic_auth"));
        if (!auth.isEmpty()) {
            const qsizetype colon = auth.indexOf(QLatin1Char(':'));
            set(Key::FlowerUser, auth.left(colon), path, line);
            setSecret(QStringLiteral("flower.password"), colon < 0 ? QString() : auth.mid(colon + 1), path, line);
            mistake(QStringLiteral("flower-password-on-command-line"), path, line,
                    tr("Flower's password is on its command line (--basic_auth), where every user sees it in ps. "
                       "The deploy moves it to an EnvironmentFile= readable by root only."));
        }
        int typeLine = 0;
        if (unit.value(service, QStringLiteral("Type"), &typeLine) == QLatin1String("notify")) {
            mistake(QStringLiteral("flower-type-notify"), path, typeLine,
                    tr("Type=notify: Flower never tells systemd it is ready, so systemd kills it after the start "
                       "timeout and restarts it forever. The deploy writes Type=simple."));
        }
        int userLine = 0;
        const QString user = unit.value(service, QStringLiteral("User"), &userLine);
        if (!user.isEmpty()) {
            set(Key::ServerDeployUser, user, path, userLine);
        }
        int envLine = 0;
        QString envFile = unit.value(service, QStringLiteral("EnvironmentFile"), &envLine);
        if (envFile.startsWith(QLatin1Char('-'))) {
            envFile.remove(0, 1);
        }
        if (!envFile.isEmpty()) {
            set(Key::FlowerEnvFile, envFile, path, envLine);
            importFlowerEnv(envFile);
        }
        return;
    }
}

void ServerImporter::importFlowerEnv(const QString& path)
{
    const ServerFile file = readFile(path);
    if (!file.ok()) {
        return;
    }
    found(QStringLiteral("flower-env"), path);
    const QStringList lines = file.text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (!line.startsWith(QLatin1String("FLOWER_BASIC_AUTH="))) {
            continue;
        }
        const QString auth = envFileValue(line.mid(int(qstrlen("FLOWER_BASIC_AUTH="))));
        const qsizetype colon = auth.indexOf(QLatin1Char(':'));
        set(Key::FlowerUser, auth.left(colon), path, i + 1);
        setSecret(QStringLiteral("flower.password"), colon < 0 ? QString() : auth.mid(colon + 1), path, i + 1);
    }
}

void ServerImporter::importRabbitmq()
{
    QStringList confs{QStringLiteral("/etc/rabbitmq/rabbitmq.conf")};
    for (const QString& name : m_files.list(QStringLiteral("/etc/rabbitmq/conf.d"))) {
        if (name.endsWith(QLatin1String(".conf"))) {
            confs << QStringLiteral("/etc/rabbitmq/conf.d/") + name;
        }
    }
    bool done = false;
    for (const QString& path : std::as_const(confs)) {
        const ServerFile file = m_files.read(path);
        if (file.ok() &&
            (file.text.contains(QLatin1String("listeners.")) || file.text.contains(QLatin1String("management.")))) {
            importRabbitConf(path, file.text);
            done = true;
            break;
        }
    }
    const QString classic = QStringLiteral("/etc/rabbitmq/rabbitmq.config");
    const ServerFile classicFile = m_files.read(classic);
    if (!done && classicFile.ok()) {
        importRabbitClassic(classic, classicFile.text);
    }
    const QString env = QStringLiteral("/etc/rabbitmq/rabbitmq-env.conf");
    if (m_files.read(env).ok()) {
        readFile(env);
        found(QStringLiteral("rabbitmq-env"), env);
        set(Key::RabbitmqEnvConfPath, env, env, 0);
    }
    const QString dropIns = QStringLiteral("/etc/systemd/system/epmd.socket.d");
    for (const QString& name : m_files.list(dropIns)) {
        const QString path = dropIns + QLatin1Char('/') + name;
        if (name.endsWith(QLatin1String(".conf")) && m_files.read(path).text.contains(QLatin1String("ListenStream"))) {
            readFile(path);
            found(QStringLiteral("epmd-socket"), path);
            set(Key::RabbitmqEpmdSocketDropIn, path, path, 0);
            break;
        }
    }
}

void ServerImporter::importRabbitConf(const QString& path, const QString& text)
{
    readFile(path);
    found(QStringLiteral("rabbitmq-conf"), path);
    set(Key::RabbitmqConfigFormat, QStringLiteral("conf"), path, 0);
    set(Key::RabbitmqConfPath, path, path, 0);
    const RabbitConfParser::Result conf = RabbitConfParser::parse(text);
    if (!conf.error.isNull()) {
        problem(path, conf.error.line, conf.error.message);
    }
    int line = 0;
    const QString ssl = conf.value(QStringLiteral("listeners.ssl.default"), &line);
    if (!ssl.isNull()) {
        set(Key::RabbitmqTlsEnabled, QStringLiteral("true"), path, line);
        set(Key::RabbitmqOnNetwork, QStringLiteral("true"), path, line);
        set(Key::RabbitmqTlsPort, ssl, path, line);
    }
    const QString tcp = conf.value(QStringLiteral("listeners.tcp.default"), &line);
    if (!tcp.isNull()) {
        const bool local = tcp.startsWith(QLatin1String("127.0.0.1:"));
        set(Key::RabbitmqOnNetwork, boolText(!local), path, line);
        set(Key::RabbitmqTcpPort, local ? tcp.mid(10) : tcp, path, line);
        if (ssl.isNull() && !local && m_result.project.flag(Key::TlsEnabled)) {
            set(Key::RabbitmqTlsEnabled, QStringLiteral("false"), path, line);
        }
    }
    const QString verify = conf.value(QStringLiteral("ssl_options.verify"), &line);
    if (!verify.isNull()) {
        set(Key::RabbitmqTlsVerifyPeer, boolText(verify == QLatin1String("verify_peer")), path, line);
    }
    const QString fail = conf.value(QStringLiteral("ssl_options.fail_if_no_peer_cert"), &line);
    if (!fail.isNull()) {
        set(Key::RabbitmqTlsFailIfNoPeerCert, boolText(fail == QLatin1String("true")), path, line);
    }
    const QString port = conf.value(QStringLiteral("management.tcp.port"), &line);
    if (!port.isNull()) {
        set(Key::RabbitmqManagementPort, port, path, line);
    }
    QString prefix = conf.value(QStringLiteral("management.path_prefix"), &line);
    if (!prefix.isNull()) {
        set(Key::RabbitmqManagementPrefix, prefix.remove(QRegularExpression(QStringLiteral("^/+"))), path, line);
    }
}

void ServerImporter::importRabbitClassic(const QString& path, const QString& text)
{
    readFile(path);
    found(QStringLiteral("rabbitmq-config"), path);
    set(Key::RabbitmqConfigFormat, QStringLiteral("classic"), path, 0);
    set(Key::RabbitmqClassicConfigPath, path, path, 0);
    const ErlangTermParser::Result parsed = ErlangTermParser::parse(text);
    if (!parsed.error.isNull()) {
        problem(path, parsed.error.line, parsed.error.message);
        return;
    }
    if (parsed.terms.isEmpty()) {
        return;
    }
    const ErlangTerm& config = parsed.terms.first();
    const auto value = [](const ErlangTerm* proplist, const char* key) -> const ErlangTerm* {
        return proplist ? proplist->property(QLatin1String(key)) : nullptr;
    };
    const ErlangTerm* rabbit = config.property(QStringLiteral("rabbit"));
    const ErlangTerm* ssl = value(rabbit, "ssl_listeners");
    if (ssl && ssl->type == ErlangTerm::Type::List && !ssl->items.isEmpty()) {
        set(Key::RabbitmqTlsEnabled, QStringLiteral("true"), path, ssl->line);
        set(Key::RabbitmqOnNetwork, QStringLiteral("true"), path, ssl->line);
        set(Key::RabbitmqTlsPort, ssl->items.first().text, path, ssl->line);
    }
    const ErlangTerm* tcp = value(rabbit, "tcp_listeners");
    if (tcp && tcp->type == ErlangTerm::Type::List && !tcp->items.isEmpty()) {
        const ErlangTerm& listener = tcp->items.first();
        const bool local = listener.type == ErlangTerm::Type::Tuple && listener.items.size() == 2;
        set(Key::RabbitmqOnNetwork, boolText(!local), path, tcp->line);
        set(Key::RabbitmqTcpPort, local ? listener.items.at(1).text : listener.text, path, tcp->line);
    }
    const ErlangTerm* options = value(rabbit, "ssl_options");
    if (const ErlangTerm* verify = value(options, "verify")) {
        set(Key::RabbitmqTlsVerifyPeer, boolText(verify->isAtom(QStringLiteral("verify_peer"))), path, verify->line);
    }
    if (const ErlangTerm* fail = value(options, "fail_if_no_peer_cert")) {
        set(Key::RabbitmqTlsFailIfNoPeerCert, boolText(fail->isAtom(QStringLiteral("true"))), path, fail->line);
    }
    const ErlangTerm* management = config.property(QStringLiteral("rabbitmq_management"));
    if (const ErlangTerm* port = value(value(management, "listener"), "port")) {
        set(Key::RabbitmqManagementPort, port->text, path, port->line);
    }
    if (const ErlangTerm* prefix = value(management, "path_prefix")) {
        QString prefixText = prefix->text;
        set(Key::RabbitmqManagementPrefix, prefixText.remove(QRegularExpression(QStringLiteral("^/+"))), path,
            prefix->line);
    }
}

// The renewal hook, rsyslog's forwarding to Papertrail and certbot's CA drop-in.
void ServerImporter::importSmallFiles()
{
    const QString hooks = m_result.project.text(Key::TlsLetsencryptDir) + QStringLiteral("/renewal-hooks/deploy");
    for (const QString& name : m_files.list(hooks)) {
        const QString path = hooks + QLatin1Char('/') + name;
        const ServerFile file = m_files.read(path);
        if (!file.ok() || !file.text.contains(QLatin1String("nginx"))) {
            continue;
        }
        readFile(path);
        found(QStringLiteral("renewal-hook"), path);
        set(Key::TlsRenewalHook, path, path, 0);
        const QRegularExpression chgrp(QStringLiteral("^\\s*chgrp\\s+([A-Za-z0-9_.-]+)\\s"),
                                       QRegularExpression::MultilineOption);
        const QRegularExpressionMatch match = chgrp.match(file.text);
        if (m_result.project.flag(Key::RabbitmqOnNetwork) && m_result.project.flag(Key::RabbitmqTlsEnabled)) {
            const int line =
                match.hasMatch() ? int(file.text.left(match.capturedStart()).count(QLatin1Char('\n'))) + 1 : 0;
            set(Key::RabbitmqTlsGrantCertAccess, boolText(match.hasMatch()), path, line);
            if (match.hasMatch()) {
                set(Key::TlsCertGroup, match.captured(1), path, line);
            }
        }
        break;
    }

    for (const QString& name : m_files.list(QStringLiteral("/etc/rsyslog.d"))) {
        const QString path = QStringLiteral("/etc/rsyslog.d/") + name;
        const ServerFile file = m_files.read(path);
        if (!file.ok() || !file.text.contains(QLatin1String("omfwd")) ||
            !file.text.contains(QLatin1String("papertrail"), Qt::CaseInsensitive)) {
            continue;
        }
        readFile(path);
        found(QStringLiteral("papertrail"), path);
        set(Key::PapertrailEnabled, QStringLiteral("true"), path, 0);
        set(Key::PapertrailConfigPath, path, path, 0);
        const auto lineAt = [&](qsizetype offset) {
            return int(file.text.left(offset).count(QLatin1Char('\n'))) + 1;
        };
        const QRegularExpressionMatch target =
            QRegularExpression(QStringLiteral("target=\"([^\"]*)\"")).match(file.text);
        if (target.hasMatch()) {
            set(Key::PapertrailHost, target.captured(1), path, lineAt(target.capturedStart()));
        }
        const QRegularExpressionMatch port = QRegularExpression(QStringLiteral("port=\"([0-9]+)\"")).match(file.text);
        if (port.hasMatch()) {
            set(Key::PapertrailPort, port.captured(1), path, lineAt(port.capturedStart()));
        }
        set(Key::PapertrailTls, boolText(file.text.contains(QLatin1String("StreamDriver=\"gtls\""))), path, 0);
        break;
    }

    const QString dropIns = QStringLiteral("/etc/systemd/system/certbot.service.d");
    for (const QString& name : m_files.list(dropIns)) {
        const QString path = dropIns + QLatin1Char('/') + name;
        const ServerFile file = m_files.read(path);
        if (!file.ok()) {
            continue;
        }
        const SystemdUnitParser::Result unit = SystemdUnitParser::parse(file.text);
        for (const SystemdUnitParser::Entry& e : unit.entries) {
            if (e.key != QLatin1String("Environment")) {
                continue;
            }
            const SystemdUnitParser::Command words = SystemdUnitParser::splitCommand(e.value);
            for (const QString& word : words.argv) {
                if (word.startsWith(QLatin1String("REQUESTS_CA_BUNDLE="))) {
                    readFile(path);
                    found(QStringLiteral("certbot-ca"), path);
                    set(Key::TlsAcmeCaFile, word.mid(int(qstrlen("REQUESTS_CA_BUNDLE="))), path, e.line);
                }
            }
        }
    }
}

} // namespace saltant
