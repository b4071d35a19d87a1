#include "generate/DeploySteps.h"

#include "generate/ProvisionCommands.h"
#include "generate/Quote.h"
#include "generate/RenderPass.h"
#include "generate/StepList.h"
#include "model/SettingKeys.h"

#include <QCoreApplication>
#include <QSet>

namespace saltant {

namespace {

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
    const QString site = c.text(Key::NginxSitesEnabledDir) + QLatin1Char('/') + c.text(Key::NginxSiteName) +
                         QStringLiteral("_acme-bootstrap.conf");
    QString listen = QStringLiteral("listen 80;");
    if (c.flag(Key::NginxListenIpv6)) {
        listen += QStringLiteral(" listen [::]:80;");
    }
    QStringList names;
    QString domains;
    for (const QString& name : f.serverNames()) {
        names << name;
        domains += QStringLiteral(" -d ") + shell(name);
    }
    // Concatenated, not arg()-formatted: the domain is in every line, so each keystroke in it writes them again.
    const QString server =
        QStringLiteral("server { ") + listen + QStringLiteral(" server_name ") + names.join(QLatin1Char(' ')) +
        QStringLiteral("; location ^~ /.well-known/acme-challenge/ { root ") + c.text(Key::TlsAcmeWebroot) +
        QStringLiteral("; default_type text/plain; } location / { return 404; } }");
    // certbot talks to the ACME server with python-requests: a private server's CA comes in REQUESTS_CA_BUNDLE.
    // certbot writes --server into the renewal configuration, so `certbot renew` asks the same server.
    const QString caFile = c.text(Key::TlsAcmeCaFile);
    const QString environment =
        caFile.isEmpty() ? QString() : QStringLiteral("REQUESTS_CA_BUNDLE=") + shell(caFile) + QLatin1Char(' ');
    const QString certbot =
        environment + QStringLiteral("certbot certonly --webroot -w ") + shell(c.text(Key::TlsAcmeWebroot)) +
        QStringLiteral(" --cert-name ") + shell(c.text(Key::TlsCertName)) + domains + QStringLiteral(" --email ") +
        shell(c.text(Key::TlsEmail)) + QStringLiteral(" --agree-tos --non-interactive --server ") +
        shell(c.text(Key::TlsAcmeServer)) + QStringLiteral(" --config-dir ") + shell(c.text(Key::TlsLetsencryptDir));
    // Our own enabled site, if it names the missing certificate, would fail `nginx -t`: set it aside (hidden, so
    // sites-enabled/* skips it) while the certificate is fetched, and put it back afterwards.
    const QString link = f.siteLinkPath();
    const QString aside = c.text(Key::NginxSitesEnabledDir) + QStringLiteral("/.") +
                          link.section(QLatin1Char('/'), -1) + QStringLiteral(".saltant-off");
    const QString fullChain = shell(f.fullChainPath());
    const QString siteFile = shell(site);
    const QString enabled = shell(link);
    const QString setAside = shell(aside);
    return QStringLiteral("test -e ") + fullChain + QStringLiteral(" || { moved=; if [ -e ") + enabled +
           QStringLiteral(" ] && grep -qF ") + fullChain + QLatin1Char(' ') + enabled + QStringLiteral("; then mv ") +
           enabled + QLatin1Char(' ') + setAside + QStringLiteral(" && moved=1; fi; printf '%s\\n' ") + shell(server) +
           QStringLiteral(" > ") + siteFile +
           QStringLiteral(" && nginx -t && systemctl reload-or-restart nginx.service && ") + certbot +
           QStringLiteral("; status=$?; rm -f ") + siteFile + QStringLiteral("; if [ -n \"$moved\" ]; then mv ") +
           setAside + QLatin1Char(' ') + enabled +
           QStringLiteral("; fi; systemctl reload-or-restart nginx.service; test $status -eq 0; }");
}

// True on the server when the rabbitmq user is in the certificate reader group.
QString certGroupMember(const GenerateContext& c)
{
    return QStringLiteral("id -nG rabbitmq | tr ' ' '\\n' | grep -qxF ") + shell(c.text(Key::TlsCertGroup));
}

QString runAsDeployUser(const GenerateContext& c)
{
    return QStringLiteral("runuser -u ") + shell(c.text(Key::ServerDeployUser)) + QStringLiteral(" -- ");
}

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
    case StepPhase::Recover: // the transaction's own phases have no section in the plan
    case StepPhase::Install:
    case StepPhase::Upload:
    case StepPhase::Rollback:
    case StepPhase::Commit:
    case StepPhase::Finish:
        break;
    }
    return QString();
}

QStringList DeploySteps::directoriesOf(const QList<GeneratedFile>& files)
{
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
    return dirs;
}

void DeploySteps::addFileSteps(StepList& s, const QList<GeneratedFile>& files)
{
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
}

QStringList DeploySteps::certificateGroupAccess(const GenerateContext& c)
{
    const QString group = shell(c.text(Key::TlsCertGroup));
    const QString le = c.text(Key::TlsLetsencryptDir);
    const QString parents =
        shell(le + QStringLiteral("/live")) + QLatin1Char(' ') + shell(le + QStringLiteral("/archive"));
    const QString lineage = shell(c.facts().certDir()) + QLatin1Char(' ') +
                            shell(le + QStringLiteral("/archive/") + c.text(Key::TlsCertName));
    // Concatenated, not arg()-formatted: the domain names the lineage, so every keystroke in it writes these again.
    return {
        QStringLiteral("chgrp ") + group + QLatin1Char(' ') + parents,
        QStringLiteral("chmod g=x ") + parents,
        QStringLiteral("chgrp -R ") + group + QLatin1Char(' ') + lineage,
        QStringLiteral("chmod -R g+rX ") + lineage,
    };
}

QList<DeployStep> DeploySteps::checkSteps(const GenerateContext& c)
{
    const SiteFacts& f = c.facts();
    const bool flower = c.flag(Key::FlowerEnabled);
    const bool tls = c.flag(Key::TlsEnabled);
    const QString venv = c.text(Key::DjangoVenvDir);
    StepList s;
    // Check: each missing program is reported with the step that installs it; nothing is installed silently.
    const QString apt = QStringLiteral("DEBIAN_FRONTEND=noninteractive apt-get install -y ");
    const QString venvPip = shell(venv + QStringLiteral("/bin/pip")) + QStringLiteral(" install ");
    s.add(StepPhase::Check, tr("nginx is installed"), QStringLiteral("command -v nginx"));
    s.last().installCommand = apt + QStringLiteral("nginx");
    s.add(StepPhase::Check, tr("RabbitMQ is installed"), QStringLiteral("command -v rabbitmqctl"));
    s.last().installCommand = apt + QStringLiteral("rabbitmq-server");
    // epmd and RabbitMQ's distribution listen on loopback only (rabbitmq-env, epmd-socket), and rabbitmqctl finds
    // the node through this server's short host name: it must resolve to 127.0.0.1 or to Debian's 127.0.1.1.
    s.add(StepPhase::Check, tr("The host name resolves to loopback (RabbitMQ's Erlang ports are on loopback only)"),
          QStringLiteral("getent ahostsv4 \"$(hostname -s)\" | awk '$1 != \"127.0.0.1\" && $1 != \"127.0.1.1\" "
                         "{ bad = 1 } END { exit bad || NR == 0 }'"));
    s.last().remedy = tr("rabbitmqctl reaches RabbitMQ through this server's short host name, and RabbitMQ's Erlang "
                         "ports listen on loopback only: map the name that `hostname -s` prints to 127.0.1.1 in "
                         "/etc/hosts (as Debian does) and to no other address, then deploy again.");
    if (tls) {
        s.add(StepPhase::Check, tr("certbot is installed"), QStringLiteral("command -v certbot"));
        s.last().installCommand = apt + QStringLiteral("certbot");
    }
    // uWSGI: the distribution's package or a pip install inside the project's virtualenv, never a system-wide pip3
    // (Debian 12 refuses it, PEP 668). When the chosen kind is missing but the other one is there, say so.
    const QString runAsOwner = runAsDeployUser(c);
    const QString distributionUwsgi =
        QStringLiteral("test -x %1 && test -e %2")
            .arg(shell(SiteFacts::distributionUwsgi()), shell(SiteFacts::uwsgiPythonPlugin()));
    const QString venvUwsgi = QStringLiteral("test -x ") + shell(f.venvUwsgi());
    s.add(StepPhase::Check, tr("uWSGI is installed"), QStringLiteral("test -x ") + shell(c.text(Key::UwsgiBinary)));
    if (f.uwsgiFromDistribution()) {
        s.last().installCommand = apt + QStringLiteral("uwsgi uwsgi-plugin-python3");
        s.last().alternativeProbe = venvUwsgi;
        s.last().alternativeRemedy =
            tr("uWSGI from the distribution is not installed, but the project's virtualenv has one (%1): set uWSGI "
               "installation to 'venv', or install the distribution's packages with the command above.")
                .arg(f.venvUwsgi());
        s.add(StepPhase::Check, tr("uWSGI's Python 3 plugin is installed"),
              QStringLiteral("test -e ") + shell(SiteFacts::uwsgiPythonPlugin()));
        s.last().installCommand = apt + QStringLiteral("uwsgi-plugin-python3");
    } else {
        s.last().installCommand = runAsOwner + venvPip + QStringLiteral("uwsgi");
        s.last().remedy = tr("pip builds uWSGI from source: the server needs a C compiler and the Python headers "
                             "(apt-get install -y build-essential python3-dev).");
        s.last().alternativeProbe = distributionUwsgi;
        s.last().alternativeRemedy =
            tr("uWSGI is not installed in the project's virtualenv, but the distribution's uWSGI is (%1 with the "
               "python3 plugin): set uWSGI installation to 'distribution', or install uWSGI into the virtualenv "
               "with the command above.")
                .arg(SiteFacts::distributionUwsgi());
    }
    if (f.databaseProvisioned()) {
        s.add(StepPhase::Check, tr("PostgreSQL is installed"),
              QStringLiteral("command -v psql && test -n \"$(pg_lsclusters -h 2>/dev/null)\""));
        s.last().installCommand = apt + QStringLiteral("postgresql");
        s.last().remedy = tr("The package postgresql installs the server and creates its first cluster; if it is "
                             "installed but pg_lsclusters lists no cluster, create one with pg_createcluster.");
    }
    s.add(StepPhase::Check, tr("setfacl is installed"), QStringLiteral("command -v setfacl"));
    s.last().installCommand = apt + QStringLiteral("acl");
    if (flower) {
        s.add(StepPhase::Check, tr("Flower is installed in the virtualenv"),
              QStringLiteral("test -x ") + shell(f.flowerBinary()));
        s.last().installCommand =
            venvPip + (f.flowerIsCeleryCommand() ? QStringLiteral("flower") : shell(QStringLiteral("flower<1.0")));
        // The unit starts Flower the way the chosen release needs; a mismatch would fail at every start. The check
        // passes when Flower is not installed yet (the check above reports that).
        const QString python = shell(f.venvPython());
        const QString probe =
            QStringLiteral("import importlib.util, sys; sys.exit(0 if importlib.util.find_spec(\"flower\") "
                           "is None or int(__import__(\"flower\").__version__.split(\".\")[0]) %1 1 "
                           "else 1)")
                .arg(f.flowerIsCeleryCommand() ? QStringLiteral(">=") : QStringLiteral("<"));
        if (f.flowerIsCeleryCommand()) {
            s.add(StepPhase::Check, tr("The virtualenv's Flower is 1.0 or newer (Flower release setting)"),
                  QStringLiteral("! test -x %1 || %1 -I -B -c %2").arg(python, shell(probe)));
            s.last().remedy = tr("The virtualenv holds Flower 0.9.x, which cannot run as `celery flower`: set Flower "
                                 "release (Flower section) to \"Flower 0.9.x: flower -A APP\", or install Flower 1.0 "
                                 "or newer in the virtualenv, then deploy again.");
        } else {
            s.add(StepPhase::Check, tr("The virtualenv's Flower is 0.9.x (Flower release setting)"),
                  QStringLiteral("! test -x %1 || %1 -I -B -c %2").arg(python, shell(probe)));
            s.last().remedy = tr("The virtualenv holds Flower 1.0 or newer, which refuses `flower -A APP`: set Flower "
                                 "release (Flower section) to \"Flower 1.0 and newer: celery -A APP flower\", or "
                                 "install Flower 0.9.x in the virtualenv, then deploy again.");
        }
    }
    return s.take();
}

QList<DeployStep> DeploySteps::directorySteps(const GenerateContext& c, const QList<GeneratedFile>& files)
{
    const bool flower = c.flag(Key::FlowerEnabled);
    StepList s;
    // Prepare: every directory a file goes into (then the traverse grant and the ACME webroot, below).
    const QStringList dirs = directoriesOf(files);
    for (const QString& dir : dirs) {
        if (dir == c.text(Key::DjangoProjectDir)) {
            continue; // the checkout exists already; the deploy never creates or chmods it
        }
        const bool secretDir = flower && dir == dirOf(c.text(Key::FlowerEnvFile));
        s.add(StepPhase::Prepare, tr("Directory %1").arg(dir),
              QStringLiteral("install -d -m %1 %2")
                  .arg(secretDir ? QStringLiteral("0700") : QStringLiteral("0755"), shell(dir)));
    }
    return s.take();
}

QList<DeployStep> DeploySteps::traverseSteps(const GenerateContext& c)
{
    StepList s;
    s.add(StepPhase::Prepare, tr("Let the web group traverse to the project"), ProvisionCommands::grantTraverse(c));
    s.last().satisfiedWhen = ProvisionCommands::webCanTraverse(c);
    return s.take();
}

QList<DeployStep> DeploySteps::acmeSteps(const GenerateContext& c)
{
    const SiteFacts& f = c.facts();
    const bool tls = c.flag(Key::TlsEnabled);
    StepList s;
    if (tls) {
        s.add(StepPhase::Prepare, tr("ACME webroot"),
              QStringLiteral("install -d -m 0755 ") + shell(c.text(Key::TlsAcmeWebroot)));
        s.add(StepPhase::Prepare, tr("Obtain the certificate when missing"), certificateBootstrap(c));
        s.last().satisfiedWhen = QStringLiteral("test -e ") + shell(f.fullChainPath());
    }
    return s.take();
}

QList<DeployStep> DeploySteps::validateSteps(const GenerateContext& c)
{
    const bool flower = c.flag(Key::FlowerEnabled);
    StepList s;
    // Validate before anything reloads.
    s.add(StepPhase::Validate, tr("nginx accepts the configuration"), QStringLiteral("nginx -t"),
          {QStringLiteral("nginx-site")});
    s.add(StepPhase::Validate, tr("systemd accepts the units"),
          QStringLiteral("systemd-analyze verify ") + shell(c.text(Key::UwsgiUnitPath)) +
              (flower ? QLatin1Char(' ') + shell(c.text(Key::FlowerUnitPath)) : QString()),
          {QStringLiteral("uwsgi-unit"), QStringLiteral("flower-unit")});
    return s.take();
}

QList<DeployStep> DeploySteps::certificateAccessSteps(const GenerateContext& c)
{
    StepList s;
    // Provision: idempotent, each guarded by a check of the current state.
    if (c.facts().amqpTls() && c.flag(Key::RabbitmqTlsGrantCertAccess)) {
        const QString group = shell(c.text(Key::TlsCertGroup));
        s.add(StepPhase::Provision, tr("Certificate reader group"),
              QStringLiteral("getent group %1 >/dev/null || groupadd --system %1").arg(group));
        s.last().satisfiedWhen = QStringLiteral("getent group %1 >/dev/null").arg(group);
        // Group membership only reaches a running RabbitMQ through a restart: the "Restart RabbitMQ" handler
        // below carries the same probe, so it runs (once) when RabbitMQ had to join.
        s.add(StepPhase::Provision, tr("RabbitMQ may read the certificate"),
              QStringLiteral("%1 || usermod -a -G %2 rabbitmq").arg(certGroupMember(c), group));
        s.last().satisfiedWhen = certGroupMember(c);
        s.add(StepPhase::Provision, tr("Certificate files readable by the group"),
              certificateGroupAccess(c).join(QStringLiteral(" && ")));
    }
    return s.take();
}

QList<DeployStep> DeploySteps::provisionSteps(const GenerateContext& c)
{
    const SiteFacts& f = c.facts();
    const QString venv = c.text(Key::DjangoVenvDir);
    const QString runAsOwner = runAsDeployUser(c);
    StepList s;
    const QString user = shell(c.text(Key::RabbitmqAdminUser));
    const QString vhost = shell(c.text(Key::RabbitmqVhost));
    s.add(StepPhase::Provision, tr("RabbitMQ management plugin"),
          QStringLiteral("rabbitmq-plugins enable --offline rabbitmq_management"));
    // Only add_user or change_password may read the password line: the guard's rabbitmqctl reads its standard
    // input greedily (it would swallow the password), so it gets </dev/null.
    const QString changePassword = QStringLiteral("rabbitmqctl change_password ") + user;
    const QString addUser = QStringLiteral("rabbitmqctl add_user ") + user;
    s.add(StepPhase::Provision, tr("RabbitMQ admin user (password on standard input)"),
          QStringLiteral("if rabbitmqctl -q list_users </dev/null | cut -f1 | grep -qxF %1; then %2; else %3; fi")
              .arg(user, changePassword, addUser),
          {}, QStringLiteral("rabbitmq.password"));
    s.last().stdinReaders = {changePassword, addUser};
    s.add(StepPhase::Provision, tr("RabbitMQ vhost"),
          QStringLiteral("rabbitmqctl -q list_vhosts | grep -qxF %1 || rabbitmqctl add_vhost %1").arg(vhost));
    s.add(StepPhase::Provision, tr("RabbitMQ admin tag"),
          QStringLiteral("rabbitmqctl set_user_tags %1 administrator").arg(user));
    s.add(StepPhase::Provision, tr("RabbitMQ permissions"),
          QStringLiteral("rabbitmqctl set_permissions -p %1 %2 '.*' '.*' '.*'").arg(vhost, user));
    if (c.flag(Key::RabbitmqRemoveGuest)) {
        s.add(
            StepPhase::Provision, tr("Delete the guest user"),
            QStringLiteral("! rabbitmqctl -q list_users | cut -f1 | grep -qxF guest || rabbitmqctl delete_user guest"));
    }
    if (c.flag(Key::RabbitmqRemoveDefaultVhost)) {
        s.add(StepPhase::Provision, tr("Delete vhost /"),
              QStringLiteral("! rabbitmqctl -q list_vhosts | grep -qxF / || rabbitmqctl delete_vhost /"));
    }
    if (f.databaseProvisioned()) {
        const QString role = c.text(Key::DatabaseUser);
        s.add(StepPhase::Provision, tr("PostgreSQL role %1 (password on standard input)").arg(role),
              ProvisionCommands::databaseRole(c), {}, QStringLiteral("database.password"));
        s.last().stdinReaders = {QStringLiteral("IFS= read -r pw")};
        s.add(StepPhase::Provision, tr("PostgreSQL database %1").arg(c.text(Key::DatabaseName)),
              QStringLiteral("%1 || %2 -O %3 -- %4 </dev/null")
                  .arg(ProvisionCommands::databaseExists(c), ProvisionCommands::asPostgres(QStringLiteral("createdb")),
                       shell(role), shell(c.text(Key::DatabaseName))));
        s.last().satisfiedWhen = ProvisionCommands::databaseExists(c);
    }
    // Migrations: when the .env changed (its database settings may have) or the probe finds one unapplied (or
    // Django cannot start), so a deploy that changes nothing stays a no-op.
    const QString manage =
        QStringLiteral("cd %1 && %2%3 manage.py ")
            .arg(shell(c.text(Key::DjangoProjectDir)), runAsOwner, shell(venv + QStringLiteral("/bin/python")));
    s.add(StepPhase::Provision, tr("Apply database migrations"),
          manage + QStringLiteral("migrate --noinput </dev/null"), {QStringLiteral("dotenv")});
    s.last().satisfiedWhen = ProvisionCommands::migrationsApplied(manage);
    if (!c.text(Key::BrandingLogoFile).isEmpty()) {
        s.add(StepPhase::Provision, tr("Logo"),
              QStringLiteral("install -D -m 0644 -o %1 <logo.png> %2")
                  .arg(shell(c.text(Key::ServerDeployUser)), shell(c.text(Key::BrandingLogoTarget))));
    }
    if (!c.text(Key::BrandingFaviconFile).isEmpty()) {
        s.add(StepPhase::Provision, tr("Favicon"),
              QStringLiteral("install -D -m 0644 -o %1 <favicon.ico> %2")
                  .arg(shell(c.text(Key::ServerDeployUser)), shell(c.text(Key::BrandingFaviconTarget))));
    }
    s.add(StepPhase::Provision, tr("Collect static files"),
          QStringLiteral("cd %1 && %2%3 manage.py collectstatic --noinput")
              .arg(shell(c.text(Key::DjangoProjectDir)), runAsOwner, shell(venv + QStringLiteral("/bin/python"))));
    return s.take();
}

QList<DeployStep> DeploySteps::handlerSteps(const GenerateContext& c)
{
    const SiteFacts& f = c.facts();
    const bool flower = c.flag(Key::FlowerEnabled);
    const bool tls = c.flag(Key::TlsEnabled);
    const QString emperorUnit = unitName(c.text(Key::UwsgiUnitPath));
    const QString flowerUnit = unitName(c.text(Key::FlowerUnitPath));
    const QString rabbitConfig = c.text(Key::RabbitmqConfigFormat) == QLatin1String("conf")
                                     ? QStringLiteral("rabbitmq-conf")
                                     : QStringLiteral("rabbitmq-config");
    StepList s;
    // Handlers: only for what changed (the deploy compares against the server).
    QStringList units = {QStringLiteral("uwsgi-unit"), QStringLiteral("flower-unit"), QStringLiteral("epmd-socket")};
    if (tls) {
        units << QStringLiteral("certbot-ca");
    }
    s.add(StepPhase::Handlers, tr("Reload systemd"), QStringLiteral("systemctl daemon-reload"), units);
    s.add(StepPhase::Handlers, tr("Enable and restart the uWSGI emperor"),
          QStringLiteral("systemctl enable %1 && systemctl restart %1").arg(shell(emperorUnit)),
          {QStringLiteral("uwsgi-unit"), QStringLiteral("uwsgi-emperor"), QStringLiteral("dotenv")});
    s.add(StepPhase::Handlers, tr("Reload nginx"),
          QStringLiteral("systemctl enable nginx.service && systemctl reload-or-restart nginx.service"),
          {QStringLiteral("nginx-site")});
    // A restarted epmd (the socket restarts epmd.service with it) no longer knows the running node: RabbitMQ
    // restarts after it, so rabbitmqctl finds the node again.
    s.add(StepPhase::Handlers, tr("Restart epmd on loopback"), QStringLiteral("systemctl restart epmd.socket"),
          {QStringLiteral("epmd-socket")});
    s.add(StepPhase::Handlers, tr("Restart RabbitMQ"), QStringLiteral("systemctl restart rabbitmq-server.service"),
          {rabbitConfig, QStringLiteral("rabbitmq-env"), QStringLiteral("epmd-socket")});
    if (f.amqpTls() && c.flag(Key::RabbitmqTlsGrantCertAccess)) {
        s.last().satisfiedWhen = certGroupMember(c);
    }
    if (flower) {
        s.add(StepPhase::Handlers, tr("Enable and restart Flower"),
              QStringLiteral("systemctl enable %1 && systemctl restart %1").arg(shell(flowerUnit)),
              {QStringLiteral("flower-unit"), QStringLiteral("flower-env"), QStringLiteral("dotenv")});
    }
    if (c.flag(Key::PapertrailEnabled)) {
        s.add(StepPhase::Handlers, tr("Restart rsyslog"), QStringLiteral("systemctl restart rsyslog.service"),
              {QStringLiteral("papertrail")});
    }
    return s.take();
}

QList<DeployStep> DeploySteps::build(const GenerateContext& c, const QList<GeneratedFile>& files, RenderPass* pass)
{
    RenderPass uncached(nullptr, c.project());
    RenderPass& p = pass ? *pass : uncached;
    using Section = RenderCache::StepSection;
    const QList<DeployStep> sections[] = {
        p.section(Section::Checks, [&] { return checkSteps(c); }),
        p.section(Section::Directories, [&] { return directorySteps(c, files); }),
        p.section(Section::Traverse, [&] { return traverseSteps(c); }),
        p.section(Section::Acme, [&] { return acmeSteps(c); }),
        p.section(Section::Files,
                  [&] {
                      StepList s;
                      addFileSteps(s, files);
                      return s.take();
                  }),
        p.section(Section::Validate, [&] { return validateSteps(c); }),
        p.section(Section::CertificateAccess, [&] { return certificateAccessSteps(c); }),
        p.section(Section::Provision, [&] { return provisionSteps(c); }),
        p.section(Section::Handlers, [&] { return handlerSteps(c); }),
    };
    qsizetype size = 0;
    for (const QList<DeployStep>& section : sections) {
        size += section.size();
    }
    QList<DeployStep> steps;
    steps.reserve(size);
    for (const QList<DeployStep>& section : sections) {
        steps += section;
    }
    return steps;
}

} // namespace saltant
