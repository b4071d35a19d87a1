#include "DeploySteps.h"

#include "Quote.h"
#include "model/Translations.h"

#include <QCoreApplication>
#include <QSet>

namespace saltant {

namespace {

QString tr(const char* text)
{
    return Translations::translate("saltant::DeploySteps", text);
}

using Quote::shell;

QString unitName(const QString& path)
{
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

QString dirOf(const QString& path)
{
    return path.left(path.lastIndexOf(QLatin1Char('/')));
}

// On a first deploy (or a new certificate name) the HTTPS site cannot pass `nginx -t` before the certificate
// exists, and certbot --webroot needs nginx to serve the challenge first. So, before any file is replaced:
// enable a temporary HTTP-only site that serves only the ACME webroot, reload nginx, run certbot, and remove the
// temporary site again whatever certbot did. Its name is not hidden: nginx's sites-enabled/* skips dot files.
// The same happens when a certificate goes missing later (drift), with our own site set aside meanwhile.
QString certificateBootstrap(const GenerateContext& c)
{
    const SiteFacts& f = c.facts();
    const QString site = c.text("nginx.sitesEnabledDir") + QLatin1Char('/') + c.text("nginx.siteName") +
                         QStringLiteral("_acme-bootstrap.conf");
    QString listen = QStringLiteral("listen 80;");
    if (c.flag("nginx.listenIpv6")) {
        listen += QStringLiteral(" listen [::]:80;");
    }
    QStringList names;
    QString domains;
    for (const QString& name : f.serverNames()) {
        names << name;
        domains += QStringLiteral(" -d ") + shell(name);
    }
    const QString server = QStringLiteral("server { %1 server_name %2; location ^~ /.well-known/acme-challenge/ { "
                                          "root %3; default_type text/plain; } location / { return 404; } }")
                               .arg(listen, names.join(QLatin1Char(' ')), c.text("tls.acmeWebroot"));
    const QString certbot = QStringLiteral("certbot certonly --webroot -w %1 --cert-name %2%3 --email %4 "
                                           "--agree-tos --non-interactive --config-dir %5")
                                .arg(shell(c.text("tls.acmeWebroot")), shell(c.text("tls.certName")), domains,
                                     shell(c.text("tls.email")), shell(c.text("tls.letsencryptDir")));
    // Our own enabled site, if it names the missing certificate, would fail `nginx -t`: set it aside (hidden, so
    // sites-enabled/* skips it) while the certificate is fetched, and put it back afterwards.
    const QString link = f.siteLinkPath();
    const QString aside = c.text("nginx.sitesEnabledDir") + QStringLiteral("/.") + link.section(QLatin1Char('/'), -1) +
                          QStringLiteral(".saltant-off");
    return QStringLiteral("test -e %1 || { moved=; if [ -e %5 ] && grep -qF %1 %5; then mv %5 %6 && moved=1; fi; "
                          "printf '%s\\n' %2 > %3 && nginx -t && systemctl reload-or-restart nginx.service && %4; "
                          "status=$?; rm -f %3; if [ -n \"$moved\" ]; then mv %6 %5; fi; "
                          "systemctl reload-or-restart nginx.service; test $status -eq 0; }")
        .arg(shell(f.fullChainPath()), shell(server), shell(site), certbot, shell(link), shell(aside));
}

// True on the server when the rabbitmq user is in the certificate reader group.
QString certGroupMember(const GenerateContext& c)
{
    return QStringLiteral("id -nG rabbitmq | tr ' ' '\\n' | grep -qxF %1").arg(shell(c.text("tls.certGroup")));
}

class Steps
{
public:
    void add(StepPhase phase, const QString& title, const QString& command, const QStringList& triggeredBy = {},
             const QString& stdinSecret = QString())
    {
        DeployStep step;
        step.phase = phase;
        step.title = title;
        step.command = command;
        step.stdinSecret = stdinSecret;
        step.triggeredBy = triggeredBy;
        m_steps.append(step);
    }
    DeployStep& last() { return m_steps.last(); }
    QList<DeployStep> take() { return m_steps; }

private:
    QList<DeployStep> m_steps;
};

} // namespace

QString DeploySteps::phaseTitle(StepPhase phase)
{
    switch (phase) {
    case StepPhase::Check:
        return QCoreApplication::translate("DeploySteps", "Check required programs");
    case StepPhase::Prepare:
        return QCoreApplication::translate("DeploySteps", "Prepare directories and groups");
    case StepPhase::Files:
        return QCoreApplication::translate("DeploySteps", "Upload files");
    case StepPhase::Validate:
        return QCoreApplication::translate("DeploySteps", "Validate");
    case StepPhase::Provision:
        return QCoreApplication::translate("DeploySteps", "Provision");
    case StepPhase::Handlers:
        return QCoreApplication::translate("DeploySteps", "Reload and restart services");
    }
    return QString();
}

QList<DeployStep> DeploySteps::build(const GenerateContext& c, const QList<GeneratedFile>& files)
{
    const SiteFacts& f = c.facts();
    const bool flower = c.flag("flower.enabled");
    const bool tls = c.flag("tls.enabled");
    const QString venv = c.text("django.venvDir");
    const QString emperorUnit = unitName(c.text("uwsgi.unitPath"));
    const QString flowerUnit = unitName(c.text("flower.unitPath"));
    const QString rabbitConfig = c.text("rabbitmq.configFormat") == QLatin1String("conf")
                                     ? QStringLiteral("rabbitmq-conf")
                                     : QStringLiteral("rabbitmq-config");
    Steps s;

    // Check: each missing program is reported with the step that installs it; nothing is installed silently.
    const QString apt = QStringLiteral("DEBIAN_FRONTEND=noninteractive apt-get install -y ");
    const QString venvPip = shell(venv + QStringLiteral("/bin/pip")) + QStringLiteral(" install ");
    s.add(StepPhase::Check, tr("nginx is installed"), QStringLiteral("command -v nginx"));
    s.last().installCommand = apt + QStringLiteral("nginx");
    s.add(StepPhase::Check, tr("RabbitMQ is installed"), QStringLiteral("command -v rabbitmqctl"));
    s.last().installCommand = apt + QStringLiteral("rabbitmq-server");
    if (tls) {
        s.add(StepPhase::Check, tr("certbot is installed"), QStringLiteral("command -v certbot"));
        s.last().installCommand = apt + QStringLiteral("certbot");
    }
    s.add(StepPhase::Check, tr("uWSGI is installed"), QStringLiteral("test -x ") + shell(c.text("uwsgi.binary")));
    s.last().installCommand = c.text("uwsgi.binary").startsWith(venv + QStringLiteral("/bin/"))
                                  ? venvPip + QStringLiteral("uwsgi")
                                  : QStringLiteral("pip3 install uwsgi");
    if (flower) {
        s.add(StepPhase::Check, tr("Flower is installed in the virtualenv"),
              QStringLiteral("test -x ") + shell(f.flowerBinary()));
        s.last().installCommand = venvPip + QStringLiteral("flower");
    }

    // Prepare: every directory a file goes into, the ACME webroot, the certificate group.
    QStringList dirs;
    for (const GeneratedFile& file : files) {
        if (!file.previewOnly && !dirs.contains(dirOf(file.remotePath))) {
            dirs << dirOf(file.remotePath);
        }
        for (const QString& link : file.symlinks) {
            if (!dirs.contains(dirOf(link))) {
                dirs << dirOf(link);
            }
        }
    }
    for (const QString& dir : dirs) {
        if (dir == c.text("django.projectDir")) {
            continue; // the checkout exists already; the deploy never creates or chmods it
        }
        const bool secretDir = flower && dir == dirOf(c.text("flower.envFile"));
        s.add(StepPhase::Prepare, tr("Directory %1").arg(dir),
              QStringLiteral("install -d -m %1 %2")
                  .arg(secretDir ? QStringLiteral("0700") : QStringLiteral("0755"), shell(dir)));
    }
    if (tls) {
        s.add(StepPhase::Prepare, tr("ACME webroot"),
              QStringLiteral("install -d -m 0755 ") + shell(c.text("tls.acmeWebroot")));
        s.add(StepPhase::Prepare, tr("Obtain the certificate when missing"), certificateBootstrap(c));
        s.last().satisfiedWhen = QStringLiteral("test -e ") + shell(f.fullChainPath());
    }

    // Files: the transaction uploads each beside its target, sets mode and owner, keeps a backup, renames.
    for (const GeneratedFile& file : files) {
        if (file.previewOnly) {
            continue;
        }
        s.add(StepPhase::Files,
              QStringLiteral("%1 (%2 %3:%4)").arg(file.remotePath, file.modeString(), file.owner, file.group),
              QStringLiteral("install -m %1 -o %2 -g %3 \"$STAGING\"/%4 %5")
                  .arg(file.modeString(), shell(file.owner), shell(file.group), shell(file.id), shell(file.remotePath)),
              {file.id});
        for (const QString& link : file.symlinks) {
            s.add(StepPhase::Files, tr("Link %1").arg(link),
                  QStringLiteral("ln -sfn %1 %2").arg(shell(file.remotePath), shell(link)), {file.id});
        }
    }

    // Validate before anything reloads.
    s.add(StepPhase::Validate, tr("nginx accepts the configuration"), QStringLiteral("nginx -t"),
          {QStringLiteral("nginx-site")});
    s.add(StepPhase::Validate, tr("systemd accepts the units"),
          QStringLiteral("systemd-analyze verify ") + shell(c.text("uwsgi.unitPath")) +
              (flower ? QLatin1Char(' ') + shell(c.text("flower.unitPath")) : QString()),
          {QStringLiteral("uwsgi-unit"), QStringLiteral("flower-unit")});

    // Provision: idempotent, each guarded by a check of the current state.
    if (f.amqpTls() && c.flag("rabbitmqTls.grantCertAccess")) {
        const QString group = shell(c.text("tls.certGroup"));
        const QString le = c.text("tls.letsencryptDir");
        s.add(StepPhase::Provision, tr("Certificate reader group"),
              QStringLiteral("getent group %1 >/dev/null || groupadd --system %1").arg(group));
        s.last().satisfiedWhen = QStringLiteral("getent group %1 >/dev/null").arg(group);
        // Group membership only reaches a running RabbitMQ through a restart: the "Restart RabbitMQ" handler
        // below carries the same probe, so it runs (once) when RabbitMQ had to join.
        s.add(StepPhase::Provision, tr("RabbitMQ may read the certificate"),
              QStringLiteral("%1 || usermod -a -G %2 rabbitmq").arg(certGroupMember(c), group));
        s.last().satisfiedWhen = certGroupMember(c);
        s.add(StepPhase::Provision, tr("Certificate files readable by the group"),
              QStringLiteral("chgrp -R %1 %2 %3 && chmod -R g+rX %2 %3")
                  .arg(group, shell(le + QStringLiteral("/live")), shell(le + QStringLiteral("/archive"))));
    }
    const QString user = shell(c.text("rabbitmq.adminUser"));
    const QString vhost = shell(c.text("rabbitmq.vhost"));
    s.add(StepPhase::Provision, tr("RabbitMQ management plugin"),
          QStringLiteral("rabbitmq-plugins enable --offline rabbitmq_management"));
    s.add(StepPhase::Provision, tr("RabbitMQ admin user (password on standard input)"),
          QStringLiteral("if rabbitmqctl -q list_users | cut -f1 | grep -qxF %1; then rabbitmqctl change_password %1; "
                         "else rabbitmqctl add_user %1; fi")
              .arg(user),
          {}, QStringLiteral("rabbitmq.password"));
    s.add(StepPhase::Provision, tr("RabbitMQ vhost"),
          QStringLiteral("rabbitmqctl -q list_vhosts | grep -qxF %1 || rabbitmqctl add_vhost %1").arg(vhost));
    s.add(StepPhase::Provision, tr("RabbitMQ admin tag"),
          QStringLiteral("rabbitmqctl set_user_tags %1 administrator").arg(user));
    s.add(StepPhase::Provision, tr("RabbitMQ permissions"),
          QStringLiteral("rabbitmqctl set_permissions -p %1 %2 '.*' '.*' '.*'").arg(vhost, user));
    if (c.flag("rabbitmq.removeGuest")) {
        s.add(
            StepPhase::Provision, tr("Delete the guest user"),
            QStringLiteral("! rabbitmqctl -q list_users | cut -f1 | grep -qxF guest || rabbitmqctl delete_user guest"));
    }
    if (c.flag("rabbitmq.removeDefaultVhost")) {
        s.add(StepPhase::Provision, tr("Delete vhost /"),
              QStringLiteral("! rabbitmqctl -q list_vhosts | grep -qxF / || rabbitmqctl delete_vhost /"));
    }
    const QString runAsOwner =
        QStringLiteral("runuser -u ") + shell(c.text("server.deployUser")) + QStringLiteral(" -- ");
    if (!c.text("branding.logoFile").isEmpty()) {
        s.add(StepPhase::Provision, tr("Logo"),
              QStringLiteral("install -D -m 0644 -o %1 <logo.png> %2")
                  .arg(shell(c.text("server.deployUser")), shell(c.text("branding.logoTarget"))));
    }
    if (!c.text("branding.faviconFile").isEmpty()) {
        s.add(StepPhase::Provision, tr("Favicon"),
              QStringLiteral("install -D -m 0644 -o %1 <favicon.ico> %2")
                  .arg(shell(c.text("server.deployUser")), shell(c.text("branding.faviconTarget"))));
    }
    s.add(StepPhase::Provision, tr("Collect static files"),
          QStringLiteral("cd %1 && %2%3 manage.py collectstatic --noinput")
              .arg(shell(c.text("django.projectDir")), runAsOwner, shell(venv + QStringLiteral("/bin/python"))));

    // Handlers: only for what changed (the deploy compares against the server).
    const QStringList units = {QStringLiteral("uwsgi-unit"), QStringLiteral("flower-unit")};
    s.add(StepPhase::Handlers, tr("Reload systemd"), QStringLiteral("systemctl daemon-reload"), units);
    s.add(StepPhase::Handlers, tr("Enable and restart the uWSGI emperor"),
          QStringLiteral("systemctl enable %1 && systemctl restart %1").arg(shell(emperorUnit)),
          {QStringLiteral("uwsgi-unit"), QStringLiteral("uwsgi-emperor"), QStringLiteral("dotenv")});
    s.add(StepPhase::Handlers, tr("Reload nginx"),
          QStringLiteral("systemctl enable nginx.service && systemctl reload-or-restart nginx.service"),
          {QStringLiteral("nginx-site")});
    s.add(StepPhase::Handlers, tr("Restart RabbitMQ"), QStringLiteral("systemctl restart rabbitmq-server.service"),
          {rabbitConfig});
    if (f.amqpTls() && c.flag("rabbitmqTls.grantCertAccess")) {
        s.last().satisfiedWhen = certGroupMember(c);
    }
    if (flower) {
        s.add(StepPhase::Handlers, tr("Enable and restart Flower"),
              QStringLiteral("systemctl enable %1 && systemctl restart %1").arg(shell(flowerUnit)),
              {QStringLiteral("flower-unit"), QStringLiteral("flower-env"), QStringLiteral("dotenv")});
    }
    if (c.flag("papertrail.enabled")) {
        s.add(StepPhase::Handlers, tr("Restart rsyslog"), QStringLiteral("systemctl restart rsyslog.service"),
              {QStringLiteral("papertrail")});
    }
    return s.take();
}

} // namespace saltant
