#include "NginxPeer.h"

#include "generate/Renderer.h"
#include "generate/SiteFacts.h"
#include "model/SettingKeys.h"
#include "parse/NginxConfigParser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

namespace saltant {
namespace {

constexpr int ProcessTimeoutMs = 120000; // a hang guard only; nginx -t normally takes milliseconds

QString quoted(const QString& path)
{
    return QLatin1Char('"') + path + QLatin1Char('"');
}

NginxTestResult failure(const QString& message)
{
    NginxTestResult result;
    result.output = message;
    return result;
}

} // namespace

NginxPeer::NginxPeer(const QString& dir) : m_dir(QDir::cleanPath(dir)) {}

QString NginxPeer::sitePath() const
{
    return m_dir + QStringLiteral("/site/saltant_nginx.conf");
}

void NginxPeer::redirect(Project* project) const
{
    project->setValue(Key::TlsLetsencryptDir, QString(m_dir + QStringLiteral("/letsencrypt")));
    project->setValue(Key::TlsAcmeWebroot, QString(m_dir + QStringLiteral("/acme")));
    project->setValue(Key::NginxUwsgiParams, QString(m_dir + QStringLiteral("/uwsgi_params")));
}

bool NginxPeer::isInside(const QString& path) const
{
    return QDir::cleanPath(path).startsWith(m_dir + QLatin1Char('/'));
}

void NginxPeer::makeRoom(const QString& path) const
{
    // Tests move paths around: <x>/uwsgi_params may have been a file for one project and must be a directory
    // for the next. Only inside dir.
    if (!isInside(path)) {
        return;
    }
    const QStringList parts = QDir::cleanPath(path).mid(m_dir.size() + 1).split(QLatin1Char('/'));
    QString at = m_dir;
    for (int i = 0; i + 1 < parts.size(); ++i) {
        at += QLatin1Char('/') + parts.at(i);
        const QFileInfo info(at);
        if (info.exists() && !info.isDir()) {
            QFile::remove(at);
        }
    }
    if (QFileInfo(path).isDir()) {
        QDir(path).removeRecursively();
    }
}

bool NginxPeer::writeFile(const QString& path, const QByteArray& data, QString* error) const
{
    makeRoom(path);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size()) {
        if (error) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        }
        return false;
    }
    return true;
}

bool NginxPeer::makeCertificate(QString* error)
{
    if (!m_certDir.isEmpty()) {
        return true;
    }
    const QString dir = m_dir + QStringLiteral("/selfsigned");
    QDir().mkpath(dir);
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=saltant-test.invalid"), QStringLiteral("-keyout"),
                   dir + QStringLiteral("/privkey.pem"), QStringLiteral("-out"), dir + QStringLiteral("/cert.pem")});
    if (!openssl.waitForFinished(ProcessTimeoutMs) || openssl.exitStatus() != QProcess::NormalExit ||
        openssl.exitCode() != 0) {
        if (error) {
            *error = QStringLiteral("openssl req failed: ") + QString::fromLocal8Bit(openssl.readAll()) +
                     openssl.errorString();
        }
        return false;
    }
    m_certDir = dir;
    return true;
}

bool NginxPeer::provide(const Project& project, QString* error)
{
    const SiteFacts facts(project);
    if (project.flag(Key::TlsEnabled) && isInside(facts.certDir())) {
        if (!makeCertificate(error)) {
            return false;
        }
        QFile cert(m_certDir + QStringLiteral("/cert.pem"));
        QFile key(m_certDir + QStringLiteral("/privkey.pem"));
        if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
            if (error) {
                *error = QStringLiteral("cannot read the self-signed certificate in ") + m_certDir;
            }
            return false;
        }
        const QByteArray certPem = cert.readAll();
        // Self-signed: the certificate is its own chain.
        if (!writeFile(facts.fullChainPath(), certPem, error) || !writeFile(facts.certPath(), certPem, error) ||
            !writeFile(facts.chainPath(), certPem, error) || !writeFile(facts.privateKeyPath(), key.readAll(), error)) {
            return false;
        }
    }
    const QString params = project.text(Key::NginxUwsgiParams);
    if (isInside(params) && !QFileInfo(params).isFile()) {
        QFile stock(QStringLiteral("/etc/nginx/uwsgi_params"));
        if (!stock.open(QIODevice::ReadOnly)) {
            if (error) {
                *error = QStringLiteral("cannot read /etc/nginx/uwsgi_params: ") + stock.errorString();
            }
            return false;
        }
        return writeFile(params, stock.readAll(), error);
    }
    return true;
}

NginxTestResult NginxPeer::test(const QString& siteContent)
{
    // Debian 12's stock nginx.conf (http-level settings) and default site, with every path inside dir: a
    // site that clashes with what a real host already has (a duplicate directive, server names that need a
    // bigger hash bucket next to the default server) fails here as it would there.
    const QString conf =
        QStringLiteral("pid %1;\n"
                       "error_log %2;\n"
                       "events {\n    worker_connections 768;\n}\n"
                       "http {\n"
                       "    sendfile on;\n"
                       "    tcp_nopush on;\n"
                       "    types_hash_max_size 2048;\n"
                       "    include /etc/nginx/mime.types;\n"
                       "    default_type application/octet-stream;\n"
                       "    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;\n"
                       "    ssl_prefer_server_ciphers on;\n"
                       "    access_log %3;\n"
                       "    gzip on;\n"
                       "    client_body_temp_path %4;\n"
                       "    proxy_temp_path %5;\n"
                       "    fastcgi_temp_path %6;\n"
                       "    uwsgi_temp_path %7;\n"
                       "    scgi_temp_path %8;\n\n"
                       "    server {\n"
                       "        listen 80 default_server;\n"
                       "        listen [::]:80 default_server;\n"
                       "        root %9;\n"
                       "        server_name _;\n"
                       "    }\n\n"
                       "    include %10;\n"
                       "}\n")
            .arg(quoted(m_dir + QStringLiteral("/nginx.pid")), quoted(m_dir + QStringLiteral("/error.log")),
                 quoted(m_dir + QStringLiteral("/access.log")), quoted(m_dir + QStringLiteral("/temp/body")),
                 quoted(m_dir + QStringLiteral("/temp/proxy")), quoted(m_dir + QStringLiteral("/temp/fastcgi")),
                 quoted(m_dir + QStringLiteral("/temp/uwsgi")), quoted(m_dir + QStringLiteral("/temp/scgi")),
                 quoted(m_dir + QStringLiteral("/html")))
            .arg(quoted(sitePath()));
    const QString confPath = m_dir + QStringLiteral("/nginx.conf");
    QString error;
    QDir().mkpath(m_dir + QStringLiteral("/temp"));
    if (!writeFile(confPath, conf.toUtf8(), &error) || !writeFile(sitePath(), siteContent.toUtf8(), &error)) {
        return failure(error);
    }

    ++m_runs;
    QProcess nginx;
    nginx.setProcessChannelMode(QProcess::MergedChannels);
    nginx.start(binary(),
                {QStringLiteral("-t"), QStringLiteral("-p"), m_dir + QLatin1Char('/'), QStringLiteral("-c"), confPath});
    if (!nginx.waitForFinished(ProcessTimeoutMs) || nginx.exitStatus() != QProcess::NormalExit) {
        nginx.kill();
        nginx.waitForFinished();
        return failure(QStringLiteral("nginx -t did not run to completion: ") + nginx.errorString());
    }
    NginxTestResult result;
    result.exitCode = nginx.exitCode();
    result.output = QString::fromLocal8Bit(nginx.readAll());
    return result;
}

NginxTestResult NginxPeer::testProject(const Project& project)
{
    const RenderResult rendered = Renderer::render(project);
    if (!rendered.ok()) {
        return failure(QStringLiteral("the project does not render: ") + rendered.problems.first().message);
    }
    for (const GeneratedFile& file : rendered.files) {
        if (file.id == QLatin1String("nginx-site")) {
            QString error;
            if (!provide(project, &error)) {
                return failure(error);
            }
            return test(file.content);
        }
    }
    return failure(QStringLiteral("the project renders no nginx site"));
}

namespace {

void flatten(const QList<NginxDirective>& directives, int depth, QList<NginxFlatDirective>* out)
{
    for (const NginxDirective& d : directives) {
        out->append({depth, d.line, d.name, d.args, d.hasBlock});
        if (d.hasBlock) {
            flatten(d.block, depth + 1, out);
            out->append({depth, 0, QStringLiteral("}"), {}, false});
        }
    }
}

} // namespace

QList<NginxFlatDirective> NginxPeer::parse(const QString& content, QString* error)
{
    const NginxConfigParser::Result result = NginxConfigParser::parse(content);
    if (!result.error.isNull()) {
        if (error) {
            *error = QStringLiteral("line %1: %2").arg(result.error.line).arg(result.error.message);
        }
        return {};
    }
    QList<NginxFlatDirective> out;
    flatten(result.directives, 0, &out);
    return out;
}

QStringList NginxPeer::skeleton(const QString& content, QString* error)
{
    QString parseError;
    const QList<NginxFlatDirective> directives = parse(content, &parseError);
    if (!parseError.isEmpty()) {
        if (error) {
            *error = parseError;
        }
        return {};
    }
    QStringList out;
    for (const NginxFlatDirective& d : directives) {
        const QString indent(d.depth * 2, QLatin1Char(' '));
        if (d.name == QLatin1String("}")) {
            out << indent + d.name;
        } else {
            out << indent + d.name + QLatin1Char('/') + QString::number(d.args.size()) +
                       (d.block ? QStringLiteral(" {") : QStringLiteral(";"));
        }
    }
    return out;
}

} // namespace saltant
