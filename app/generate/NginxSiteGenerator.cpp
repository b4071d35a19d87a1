#include "generate/NginxSiteGenerator.h"

#include "generate/Quote.h"
#include "model/SettingKeys.h"

namespace saltant {
namespace {

using Quote::nginx;

QString listen(const GenerateContext& c, const QString& port)
{
    QString s = QStringLiteral("    listen ") + port + QStringLiteral(";\n");
    if (c.flag(Key::NginxListenIpv6)) {
        s += QStringLiteral("    listen [::]:") + port + QStringLiteral(";\n");
    }
    return s;
}

QString serverName(const GenerateContext& c)
{
    QString s = QStringLiteral("    server_name");
    for (const QString& name : c.facts().serverNames()) {
        s += QLatin1Char(' ') + nginx(name);
    }
    return s + QStringLiteral(";\n");
}

// nginx keeps exact server names in hash buckets of server_names_hash_bucket_size bytes (64 by default on x86-64
// and arm64). Each name takes a pointer plus its length + 2 rounded up to a pointer, and a bucket ends with a
// pointer. The hash is built when another server shares the port (Debian's default site does), and a name that
// does not fit fails `nginx -t`: for names longer than 46 characters the site raises the bucket size.
int serverNamesBucketSize(const GenerateContext& c)
{
    qsizetype longest = 0;
    for (const QString& name : c.facts().serverNames()) {
        longest = qMax(longest, name.toUtf8().size());
    }
    const qsizetype needed = 8 + ((longest + 2 + 7) / 8) * 8 + 8;
    int size = 64;
    while (size < needed) {
        size *= 2;
    }
    return size;
}

QString acmeLocation(const GenerateContext& c)
{
    // certbot certonly --webroot writes its challenges here, so certbot never edits this file.
    return QStringLiteral("    location ^~ /.well-known/acme-challenge/ {\n"
                          "        root %1;\n"
                          "        default_type text/plain;\n"
                          "    }\n")
        .arg(nginx(c.text(Key::TlsAcmeWebroot)));
}

QString proxyHeaders()
{
    return QStringLiteral("        proxy_set_header Host $http_host;\n"
                          "        proxy_set_header X-Real-IP $remote_addr;\n"
                          "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
                          "        proxy_set_header X-Forwarded-Proto $scheme;\n");
}

QString upstreamName(const GenerateContext& c)
{
    return nginx(c.text(Key::NginxSiteName) + QStringLiteral("_uwsgi"));
}

QString locations(const GenerateContext& c)
{
    QString s;
    s += QStringLiteral("    charset utf-8;\n    client_max_body_size %1;\n\n")
             .arg(nginx(c.text(Key::NginxClientMaxBodySize)));
    s += QStringLiteral("    location /static/ {\n        alias %1;\n    }\n\n")
             .arg(nginx(c.text(Key::DjangoStaticDir) + QLatin1Char('/')));

    // RabbitMQ serves its UI and API under management.path_prefix, so nginx passes the request URI through
    // untouched (vhost names stay percent-encoded; no %2F rewriting).
    const QString rabbit = c.text(Key::RabbitmqManagementPrefix);
    s += QStringLiteral("    location = /%1 {\n        return 301 /%1/;\n    }\n\n").arg(rabbit);
    s += QStringLiteral("    location /%1/ {\n"
                        "        proxy_pass http://127.0.0.1:%2;\n"
                        "        proxy_buffering off;\n")
             .arg(rabbit)
             .arg(c.integer(Key::RabbitmqManagementPort));
    s += proxyHeaders() + QStringLiteral("    }\n\n");

    if (c.flag(Key::FlowerEnabled)) {
        const QString prefix = c.text(Key::FlowerUrlPrefix);
        // Flower 0.9.5+ serves under --url_prefix itself: pass the path through. 0.9.4 and older expect it
        // stripped: a proxy_pass URI of "/" replaces the matched location prefix.
        const bool strip = c.text(Key::FlowerPrefixMode) == QLatin1String("strip");
        s += QStringLiteral("    location = /%1 {\n        return 301 /%1/;\n    }\n\n").arg(prefix);
        s += QStringLiteral("    location /%1/ {\n"
                            "        proxy_pass http://127.0.0.1:%2%3;\n"
                            "        proxy_redirect off;\n"
                            "        proxy_http_version 1.1;\n"
                            "        proxy_set_header Upgrade $http_upgrade;\n"
                            "        proxy_set_header Connection \"upgrade\";\n")
                 .arg(prefix)
                 .arg(c.integer(Key::FlowerPort))
                 .arg(strip ? QStringLiteral("/") : QString());
        s += proxyHeaders() + QStringLiteral("    }\n\n");
    }

    s += QStringLiteral("    location / {\n"
                        "        uwsgi_pass %1;\n"
                        "        include %2;\n"
                        "    }\n")
             .arg(upstreamName(c), nginx(c.text(Key::NginxUwsgiParams)));
    return s;
}

// What the site's server block serves: a part of its own, which editing the domain leaves as it is.
QString appLocations(const GenerateContext& c)
{
    return c.part("locations", [&c] { return locations(c); });
}

} // namespace

GeneratedFile NginxSiteGenerator::generate(const GenerateContext& c) const
{
    const SiteFacts& f = c.facts();
    const QString names = serverName(c);

    QString s;
    s += QStringLiteral("# nginx site for saltant. Generated by Saltant Deploy.\n\n");
    s += QStringLiteral("upstream %1 {\n    server %2;\n}\n\n")
             .arg(upstreamName(c), nginx(QStringLiteral("unix:") + c.text(Key::UwsgiSocketPath)));
    const int bucketSize = serverNamesBucketSize(c);
    if (bucketSize > 64) {
        s += QStringLiteral("# The server names are too long for nginx's default hash bucket (64 bytes).\n"
                            "server_names_hash_bucket_size %1;\n\n")
                 .arg(bucketSize);
    }

    if (c.flag(Key::TlsEnabled)) {
        s += QStringLiteral("# Plain HTTP: ACME challenges for certbot, everything else to HTTPS.\n");
        s += QStringLiteral("server {\n") + listen(c, QStringLiteral("80")) + names + QLatin1Char('\n');
        s += acmeLocation(c) + QLatin1Char('\n');
        s += QStringLiteral("    location / {\n        return 301 https://$host$request_uri;\n    }\n}\n\n");

        s += QStringLiteral("server {\n") + listen(c, QStringLiteral("443 ssl")) + names + QLatin1Char('\n');
        s += QStringLiteral("    ssl_certificate ") + nginx(f.fullChainPath()) +
             QStringLiteral(";\n    ssl_certificate_key ") + nginx(f.privateKeyPath()) + QStringLiteral(";\n");
        s += QStringLiteral("    ssl_protocols TLSv1.2 TLSv1.3;\n    ssl_prefer_server_ciphers off;\n"
                            "    ssl_session_timeout 1d;\n");
        if (c.flag(Key::TlsHsts)) {
            s += QStringLiteral("    add_header Strict-Transport-Security \"max-age=31536000\" always;\n");
        }
        s += QLatin1Char('\n') + appLocations(c) + QStringLiteral("}\n");
    } else {
        s += QStringLiteral("server {\n") + listen(c, QStringLiteral("80")) + names + QLatin1Char('\n');
        s += acmeLocation(c) + QLatin1Char('\n') + appLocations(c) + QStringLiteral("}\n");
    }

    GeneratedFile file;
    file.id = id();
    file.remotePath = f.sitePath();
    file.format = FileFormat::Nginx;
    file.content = s;
    file.symlinks = {f.siteLinkPath()};
    return file;
}

} // namespace saltant
