#include "import/ServerFiles.h"
#include "import/ServerImporter.h"
#include "parse/NginxConfigParser.h"

#include <QDir>
#include <QUrl>

namespace saltant {
namespace {

const NginxDirective* first(const QList<NginxDirective>& block, const char* name)
{
    for (const NginxDirective& d : block) {
        if (d.name == QLatin1String(name)) {
            return &d;
        }
    }
    return nullptr;
}

QString arg(const NginxDirective* d, int index = 0)
{
    return d && index < d->args.size() ? d->args.at(index) : QString();
}

} // namespace

void ServerImporter::importNginx()
{
    const QString socket = m_result.project.text(Key::UwsgiSocketPath);
    // Like `grep -rl uwsgi_pass /etc/nginx`: every file one directory down that passes to this socket.
    QString sitePath;
    NginxConfigParser::Result site;
    const QString etc = QStringLiteral("/etc/nginx");
    for (const QString& sub : m_files.subdirectories(etc)) {
        for (const QString& name : m_files.list(etc + QLatin1Char('/') + sub)) {
            const QString path = etc + QLatin1Char('/') + sub + QLatin1Char('/') + name;
            const ServerFile file = m_files.read(path);
            if (file.exists && !file.error.isEmpty()) {
                problem(path, 0, file.error);
            }
            if (!file.ok() || !file.text.contains(QLatin1String("uwsgi_pass"))) {
                continue;
            }
            const NginxConfigParser::Result parsed = NginxConfigParser::parse(file.text, path);
            QString upstream;
            for (const NginxDirective& d : parsed.directives) {
                if (d.name == QLatin1String("upstream") && d.hasBlock) {
                    QString server = arg(first(d.block, "server"));
                    server.remove(QStringLiteral("unix:"));
                    if (QDir::cleanPath(server) == socket) {
                        upstream = arg(&d);
                    }
                }
            }
            if (!upstream.isEmpty() || file.text.contains(QStringLiteral("unix:") + socket)) {
                sitePath = path;
                site = parsed;
                break;
            }
        }
        if (!sitePath.isEmpty() && !m_files.linkTarget(sitePath).isEmpty()) {
            break; // the enabled one (a link) is the one nginx reads
        }
    }
    if (sitePath.isEmpty()) {
        problem(etc, 0,
                tr("no nginx site passes requests to the uWSGI socket %1: the site settings keep the "
                   "example's values.")
                    .arg(socket));
        return;
    }
    const ServerFile file = readFile(sitePath);
    if (!site.error.isNull()) {
        problem(sitePath, site.error.line, site.error.message);
    }

    // Where it lives: sites-available/NAME_nginx.conf, linked from sites-enabled.
    QString available = sitePath;
    const QString link = m_files.linkTarget(sitePath);
    const QString dir = sitePath.left(sitePath.lastIndexOf(QLatin1Char('/')));
    if (!link.isEmpty()) {
        available = QDir::cleanPath(link.startsWith(QLatin1Char('/')) ? link : dir + QLatin1Char('/') + link);
        set(Key::NginxSitesEnabledDir, dir, sitePath, 0);
        set(Key::NginxSitesAvailableDir, available.left(available.lastIndexOf(QLatin1Char('/'))), sitePath, 0);
    } else {
        problem(sitePath, 0,
                tr("the site is a file, not a link to one: the deploy writes it to %1 and links it "
                   "from %2; delete this file after the first deploy.")
                    .arg(m_result.project.text(Key::NginxSitesAvailableDir), dir));
    }
    QString name = available.mid(available.lastIndexOf(QLatin1Char('/')) + 1);
    for (const char* suffix : {"_nginx.conf", ".conf"}) {
        if (name.endsWith(QLatin1String(suffix)) && name.size() > int(qstrlen(suffix))) {
            name.chop(int(qstrlen(suffix)));
            break;
        }
    }
    set(Key::NginxSiteName, name, sitePath, 0);
    found(QStringLiteral("nginx-site"), available);

    int managedByCertbot = 0;
    int certbotLine = 0;
    const QStringList lines = file.text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).contains(QLatin1String("# managed by Certbot"))) {
            certbotLine = certbotLine ? certbotLine : i + 1;
            ++managedByCertbot;
        }
    }
    if (managedByCertbot > 0) {
        mistake(QStringLiteral("certbot-nginx-rewrites"), available, certbotLine,
                tr("certbot --nginx rewrote this site (%1 lines \"managed by Certbot\"), and does again at each "
                   "renewal. The deploy gets certificates with certbot certonly --webroot, which never edits it.")
                    .arg(managedByCertbot));
    }

    const QString rabbit = m_result.project.text(Key::RabbitmqManagementPrefix);
    const QString flower = m_result.project.text(Key::FlowerUrlPrefix);
    bool ipv6 = false;
    bool hsts = false;
    bool https = false;
    for (const NginxDirective& server : std::as_const(site.directives)) {
        if (server.name != QLatin1String("server") || !server.hasBlock) {
            continue;
        }
        for (const NginxDirective& d : server.block) {
            if (d.name == QLatin1String("listen")) {
                ipv6 = ipv6 || arg(&d).startsWith(QLatin1Char('['));
                https = https || d.args.contains(QStringLiteral("ssl"));
            } else if (d.name == QLatin1String("client_max_body_size")) {
                set(Key::NginxClientMaxBodySize, arg(&d), sitePath, d.line);
            } else if (d.name == QLatin1String("add_header") &&
                       arg(&d).compare(QLatin1String("Strict-Transport-Security"), Qt::CaseInsensitive) == 0) {
                hsts = true;
            } else if (d.name == QLatin1String("ssl_certificate")) {
                // <letsencrypt>/live/<name>/fullchain.pem
                const QStringList parts = arg(&d).split(QLatin1Char('/'));
                if (parts.size() >= 4 && parts.at(parts.size() - 3) == QLatin1String("live")) {
                    set(Key::TlsLetsencryptDir, parts.mid(0, parts.size() - 3).join(QLatin1Char('/')), sitePath,
                        d.line);
                    set(Key::TlsCertName, parts.at(parts.size() - 2), sitePath, d.line);
                } else {
                    problem(sitePath, d.line,
                            tr("the certificate %1 is not certbot's <dir>/live/<name>/fullchain.pem; "
                               "the deploy uses certbot's.")
                                .arg(arg(&d)));
                }
            } else if (d.name == QLatin1String("location") && d.hasBlock) {
                const QString where = trimSlashes(d.args.isEmpty() ? QString() : d.args.last(), true);
                const NginxDirective* proxy = first(d.block, "proxy_pass");
                if (where == QLatin1String(".well-known/acme-challenge")) {
                    if (const NginxDirective* root = first(d.block, "root")) {
                        set(Key::TlsAcmeWebroot, arg(root), sitePath, root->line);
                    }
                } else if (where == QLatin1String("static")) {
                    if (const NginxDirective* alias = first(d.block, "alias")) {
                        set(Key::DjangoStaticDir, trimSlashes(arg(alias)), sitePath, alias->line);
                    }
                } else if (first(d.block, "uwsgi_pass")) {
                    if (const NginxDirective* include = first(d.block, "include")) {
                        set(Key::NginxUwsgiParams, arg(include), sitePath, include->line);
                    }
                } else if (proxy) {
                    const QUrl target(arg(proxy));
                    const QString port = QString::number(target.port());
                    if (target.port() > 0 && where.startsWith(rabbit) && !rabbit.isEmpty()) {
                        set(Key::RabbitmqManagementPort, port, sitePath, proxy->line);
                    } else if (target.port() > 0 && where == flower && !flower.isEmpty()) {
                        set(Key::FlowerPort, port, sitePath, proxy->line);
                        set(Key::FlowerPrefixMode,
                            target.path().isEmpty() ? QStringLiteral("native") : QStringLiteral("strip"), sitePath,
                            proxy->line);
                    }
                }
            }
        }
    }
    set(Key::NginxListenIpv6, ipv6 ? QStringLiteral("true") : QStringLiteral("false"), sitePath, 0);
    if (https) {
        set(Key::TlsHsts, hsts ? QStringLiteral("true") : QStringLiteral("false"), sitePath, 0);
    }
}

} // namespace saltant
