#pragma once

#include "model/Project.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace saltant {

// The outcome of one `nginx -t` run.
struct NginxTestResult
{
    int exitCode = -1;
    QString output; // what nginx printed (it reports on stderr)
    bool ok() const { return exitCode == 0; }
};

// One directive of an nginx file as NginxConfigParser (nginx's own tokenizer rules) reads it, flattened: name,
// unquoted arguments, nesting depth; each block's end is an entry named "}".
struct NginxFlatDirective
{
    int depth = 0;
    int line = 0; // 1-based line of the directive's name
    QString name;
    QStringList args;   // after nginx's unescaping of \" \' \\ \t \r \n
    bool block = false; // ends in '{' rather than ';'
};

// The real nginx as a test peer: a throw-away nginx.conf in dir (pid, error log, temp paths, events {},
// http { include mime.types; a Debian-like default server; include <site>; }) checked by `nginx -t`.
// The certificate and include files a site references are provided inside dir only, never elsewhere.
class NginxPeer
{
public:
    explicit NginxPeer(const QString& dir);

    static QString binary() { return QStringLiteral("/usr/sbin/nginx"); }

    // Points tls.letsencryptDir, tls.acmeWebroot and nginx.uwsgiParams into dir.
    void redirect(Project* project) const;

    // Makes what the project's site needs exist, where it lies inside dir: a self-signed certificate as
    // live/<certName>/{fullchain,privkey,cert,chain}.pem (made once with openssl, then copied) and a copy of
    // /etc/nginx/uwsgi_params at nginx.uwsgiParams.
    bool provide(const Project& project, QString* error);

    // Writes siteContent as the site file and runs `nginx -t -p dir -c dir/nginx.conf` on it.
    NginxTestResult test(const QString& siteContent);

    // provide() + test() of the project's rendered site; a render or provide failure is a failed result.
    NginxTestResult testProject(const Project& project);

    int runs() const { return m_runs; }
    QString dir() const { return m_dir; }
    QString sitePath() const;

    // Parses an nginx file with the product's NginxConfigParser; an unbalanced or unterminated file gives an error.
    static QList<NginxFlatDirective> parse(const QString& content, QString* error = nullptr);
    // The shape of a file without its values: one entry per directive ("  proxy_pass/1;") and per block end.
    static QStringList skeleton(const QString& content, QString* error = nullptr);

private:
    bool makeCertificate(QString* error);
    void makeRoom(const QString& path) const;
    bool writeFile(const QString& path, const QByteArray& data, QString* error) const;
    bool isInside(const QString& path) const;

    QString m_dir;
    QString m_certDir; // the one self-signed certificate, copied wherever a project wants it
    int m_runs = 0;
};

} // namespace saltant
