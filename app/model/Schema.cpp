#include "model/Schema.h"

#include "model/Project.h"

#include <QCoreApplication>
#include <QHash>

namespace saltant {
namespace {

FieldSpec text(const char* key, const char* section, const char* label, const char* help, const char* value,
               ValueKind kind, bool optional = false)
{
    FieldSpec f;
    f.key = QString::fromLatin1(key);
    f.section = QString::fromLatin1(section);
    f.label = label;
    f.help = help;
    f.type = FieldType::Text;
    f.defaultValue = QString::fromUtf8(value);
    f.kind = kind;
    f.optional = optional;
    return f;
}

FieldSpec derived(FieldSpec f, std::function<QString(const Project&)> derive)
{
    f.optional = true;
    f.derive = std::move(derive);
    return f;
}

FieldSpec integer(const char* key, const char* section, const char* label, const char* help, int value, int minimum,
                  int maximum)
{
    FieldSpec f;
    f.key = QString::fromLatin1(key);
    f.section = QString::fromLatin1(section);
    f.label = label;
    f.help = help;
    f.type = FieldType::Integer;
    f.defaultValue = value;
    f.minimum = minimum;
    f.maximum = maximum;
    return f;
}

FieldSpec boolean(const char* key, const char* section, const char* label, const char* help, bool value)
{
    FieldSpec f;
    f.key = QString::fromLatin1(key);
    f.section = QString::fromLatin1(section);
    f.label = label;
    f.help = help;
    f.type = FieldType::Boolean;
    f.defaultValue = value;
    return f;
}

FieldSpec choice(const char* key, const char* section, const char* label, const char* help, const char* value,
                 QStringList choices, QList<const char*> choiceLabels)
{
    FieldSpec f;
    f.key = QString::fromLatin1(key);
    f.section = QString::fromLatin1(section);
    f.label = label;
    f.help = help;
    f.type = FieldType::Choice;
    f.defaultValue = QString::fromLatin1(value);
    f.choices = std::move(choices);
    f.choiceLabels = std::move(choiceLabels);
    return f;
}

FieldSpec list(const char* key, const char* section, const char* label, const char* help, QStringList value,
               ValueKind kind)
{
    FieldSpec f;
    f.key = QString::fromLatin1(key);
    f.section = QString::fromLatin1(section);
    f.label = label;
    f.help = help;
    f.type = FieldType::List;
    f.defaultValue = value;
    f.kind = kind;
    f.optional = true;
    return f;
}

// A local image file the site shows, picked with a filtered file dialog and previewed by the form.
FieldSpec image(FieldSpec f, const char* fileFilter, ImagePreview preview)
{
    f.fileFilter = fileFilter;
    f.preview = preview;
    return f;
}

QString under(const Project& p, const char* key, const char* tail)
{
    return p.text(QString::fromLatin1(key)) + QString::fromLatin1(tail);
}

QList<FieldSpec> buildFields()
{
    using K = ValueKind;
    QList<FieldSpec> f;

    // Server & domain
    f << text("server.domain", "server", QT_TRANSLATE_NOOP("Field", "Domain"),
              QT_TRANSLATE_NOOP("Field",
                                "The site's domain: nginx server_name, ALLOWED_HOSTS and DJANGO_BASE_URL in .env, "
                                "and the Let's Encrypt certificate name."),
              "fictionaljobrunner.com", K::Hostname);
    f << boolean(
        "server.wwwAlias", "server", QT_TRANSLATE_NOOP("Field", "Also serve www.<domain>"),
        QT_TRANSLATE_NOOP("Field", "Adds www.<domain> to nginx server_name, ALLOWED_HOSTS and the certificate."), true);
    f << boolean("server.canonicalWww", "server", QT_TRANSLATE_NOOP("Field", "Canonical URL uses www"),
                 QT_TRANSLATE_NOOP("Field", "DJANGO_BASE_URL, FLOWER_URL and RABBITMQ_MANAGEMENT_URL in .env use "
                                            "www.<domain> rather than the bare domain."),
                 true);
    f << list("server.extraAllowedHosts", "server", QT_TRANSLATE_NOOP("Field", "Extra allowed hosts"),
              QT_TRANSLATE_NOOP("Field", "More entries for Django's ALLOWED_HOSTS in .env (hosts, IPs, .suffix)."),
              {QStringLiteral("127.0.0.1")}, K::AllowedHost);
    f << text("server.deployUser", "server", QT_TRANSLATE_NOOP("Field", "Project owner"),
              QT_TRANSLATE_NOOP("Field", "The Unix user that owns the saltant checkout: owner of .env and the user "
                                         "Flower runs as."),
              "ubuntu", K::UnixName);
    f << text("server.webGroup", "server", QT_TRANSLATE_NOOP("Field", "Web server group"),
              QT_TRANSLATE_NOOP("Field", "The group nginx and uWSGI run as: group of .env (0640) and of the uWSGI "
                                         "socket."),
              "www-data", K::UnixName);

    // Django
    f << text("django.projectDir", "django", QT_TRANSLATE_NOOP("Field", "Project directory"),
              QT_TRANSLATE_NOOP("Field", "Root of the saltant checkout on the server: uWSGI chdir, Flower's working "
                                         "directory, and where .env is written."),
              "/home/ubuntu/saltant", K::AbsolutePath);
    f << derived(text("django.venvDir", "django", QT_TRANSLATE_NOOP("Field", "Virtual environment"),
                      QT_TRANSLATE_NOOP("Field", "The project's Python virtualenv: uWSGI home and the Flower "
                                                 "executable's directory. Empty: <project>/venv."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString { return under(p, "django.projectDir", "/venv"); });
    f << text("django.wsgiModule", "django", QT_TRANSLATE_NOOP("Field", "WSGI module"),
              QT_TRANSLATE_NOOP("Field", "The Python module uWSGI loads (module = in the vassal ini)."), "saltant.wsgi",
              K::PythonModule);
    f << text("django.celeryApp", "django", QT_TRANSLATE_NOOP("Field", "Celery app"),
              QT_TRANSLATE_NOOP("Field", "The Celery application Flower inspects (flower -A in flower.service)."),
              "saltant", K::PythonModule);
    f << text("django.projectName", "django", QT_TRANSLATE_NOOP("Field", "Project name"),
              QT_TRANSLATE_NOOP("Field", "The name shown on the site (PROJECT_NAME in .env)."), "Fictional Job Runner",
              K::FreeText);
    f << boolean("django.debug", "django", QT_TRANSLATE_NOOP("Field", "Debug mode"),
                 QT_TRANSLATE_NOOP("Field", "DEBUG in .env. Never on in production: it leaks settings in error pages."),
                 false);
    f << text("django.timeZone", "django", QT_TRANSLATE_NOOP("Field", "Time zone"),
              QT_TRANSLATE_NOOP("Field", "Django's TIME_ZONE in .env (an IANA name such as Europe/Berlin)."), "UTC",
              K::TimeZone);
    f << integer(
        "django.jwtAccessTokenLifetime", "django", QT_TRANSLATE_NOOP("Field", "JWT access token lifetime"),
        QT_TRANSLATE_NOOP("Field", "Days an API access token stays valid (JWT_ACCESS_TOKEN_LIFETIME in .env)."), 3, 1,
        3650);
    f << integer("django.jwtRefreshTokenLifetime", "django", QT_TRANSLATE_NOOP("Field", "JWT refresh token lifetime"),
                 QT_TRANSLATE_NOOP("Field", "Days a refresh token stays valid (JWT_REFRESH_TOKEN_LIFETIME in .env)."),
                 245, 1, 3650);
    f << choice("django.defaultTaskClass", "django", QT_TRANSLATE_NOOP("Field", "Default task class"),
                QT_TRANSLATE_NOOP("Field", "The task class the web UI offers first (DEFAULT_TASK_CLASS in .env)."),
                "CONTAINER", {QStringLiteral("CONTAINER"), QStringLiteral("EXECUTABLE")}, {});
    f << derived(text("django.staticDir", "django", QT_TRANSLATE_NOOP("Field", "Static files directory"),
                      QT_TRANSLATE_NOOP("Field", "Where collectstatic puts files (saltant's STATIC_ROOT) and what "
                                                 "nginx serves at /static. Empty: <project>/static."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString { return under(p, "django.projectDir", "/static"); });
    f << text("celery.timeZone", "django", QT_TRANSLATE_NOOP("Field", "Celery time zone"),
              QT_TRANSLATE_NOOP("Field", "CELERY_TIMEZONE in .env."), "UTC", K::TimeZone);
    f << integer("celery.brokerPoolLimit", "django", QT_TRANSLATE_NOOP("Field", "Broker pool limit"),
                 QT_TRANSLATE_NOOP("Field", "Connections Celery keeps open to RabbitMQ (CELERY_BROKER_POOL_LIMIT in "
                                            ".env; 0 disables the pool)."),
                 10, 0, 1000);
    f << boolean("celery.imACeleryWorker", "django", QT_TRANSLATE_NOOP("Field", "This host is a Celery worker"),
                 QT_TRANSLATE_NOOP("Field", "IM_A_CELERY_WORKER in .env. The web server is not a worker: leave off."),
                 false);
    f << text("worker.logsDirectory", "django", QT_TRANSLATE_NOOP("Field", "Worker logs directory"),
              QT_TRANSLATE_NOOP("Field", "WORKER_LOGS_DIRECTORY in .env: where workers keep job logs."),
              "/home/ubuntu/saltant-worker/logs", K::AbsolutePath);
    f << text("worker.resultsDirectory", "django", QT_TRANSLATE_NOOP("Field", "Worker results directory"),
              QT_TRANSLATE_NOOP("Field", "WORKER_RESULTS_DIRECTORY in .env: where workers keep job results."),
              "/home/ubuntu/saltant-worker/results", K::AbsolutePath);
    f << text("worker.tempDirectory", "django", QT_TRANSLATE_NOOP("Field", "Worker temporary directory"),
              QT_TRANSLATE_NOOP("Field", "WORKER_TEMP_DIRECTORY in .env: scratch space for running jobs."),
              "/home/ubuntu/saltant-worker/tmp", K::AbsolutePath);
    f << text("worker.singularityImagesDirectory", "django", QT_TRANSLATE_NOOP("Field", "Singularity images directory"),
              QT_TRANSLATE_NOOP("Field", "WORKER_SINGULARITY_IMAGES_DIRECTORY in .env: cache of pulled images."),
              "/home/ubuntu/saltant-worker/singularity-images", K::AbsolutePath);
    f << integer(
        "worker.singularityPullTimeout", "django", QT_TRANSLATE_NOOP("Field", "Singularity pull timeout"),
        QT_TRANSLATE_NOOP("Field", "Seconds a worker waits for an image pull (SINGULARITY_PULL_TIMEOUT in .env)."), 600,
        1, 86400);
    f << integer(
        "worker.singularityPullRetries", "django", QT_TRANSLATE_NOOP("Field", "Singularity pull retries"),
        QT_TRANSLATE_NOOP("Field", "How often a failed image pull is retried (SINGULARITY_PULL_RETRIES in .env)."), 3,
        0, 100);
    f << text("email.host", "django", QT_TRANSLATE_NOOP("Field", "SMTP host"),
              QT_TRANSLATE_NOOP("Field", "Outgoing mail server (EMAIL_HOST in .env)."), "smtp.sendgrid.net",
              K::Hostname);
    f << integer("email.port", "django", QT_TRANSLATE_NOOP("Field", "SMTP port"),
                 QT_TRANSLATE_NOOP("Field", "EMAIL_PORT in .env (587 for STARTTLS)."), 587, 1, 65535);
    f << text("email.user", "django", QT_TRANSLATE_NOOP("Field", "SMTP user"),
              QT_TRANSLATE_NOOP("Field", "EMAIL_HOST_USER in .env."), "apikey", K::FreeText, true);
    f << boolean("email.useTls", "django", QT_TRANSLATE_NOOP("Field", "SMTP uses TLS"),
                 QT_TRANSLATE_NOOP("Field", "EMAIL_USE_TLS in .env."), true);
    f << text("email.fromAddress", "django", QT_TRANSLATE_NOOP("Field", "From address"),
              QT_TRANSLATE_NOOP("Field", "DEFAULT_FROM_EMAIL in .env."), "noreply@fictionaljobrunner.com", K::Email);

    // Database
    f << text("database.name", "database", QT_TRANSLATE_NOOP("Field", "Database name"),
              QT_TRANSLATE_NOOP("Field", "PostgreSQL database (DATABASE_NAME in .env)."), "saltant", K::Identifier);
    f << text("database.user", "database", QT_TRANSLATE_NOOP("Field", "Database user"),
              QT_TRANSLATE_NOOP("Field", "PostgreSQL role (DATABASE_USER in .env)."), "saltant", K::Identifier);
    f << text("database.host", "database", QT_TRANSLATE_NOOP("Field", "Database host"),
              QT_TRANSLATE_NOOP("Field", "DATABASE_HOST in .env; PostgreSQL stays on this machine in the guide."),
              "localhost", K::HostOrIp);
    f << integer("database.port", "database", QT_TRANSLATE_NOOP("Field", "Database port"),
                 QT_TRANSLATE_NOOP("Field", "DATABASE_PORT in .env."), 5432, 1, 65535);
    f << boolean("database.provision", "database", QT_TRANSLATE_NOOP("Field", "Create the role and database"),
                 QT_TRANSLATE_NOOP("Field", "The deploy creates the PostgreSQL role (with its password from the "
                                            "keychain) and the database owned by it when missing, and applies a "
                                            "password change. Only for a database on this server (host localhost, "
                                            "127.0.0.1 or ::1)."),
                 true);

    // uWSGI
    f << choice("uwsgi.install", "uwsgi", QT_TRANSLATE_NOOP("Field", "uWSGI installation"),
                QT_TRANSLATE_NOOP("Field", "distribution: Debian/Ubuntu's packages uwsgi and uwsgi-plugin-python3 "
                                           "(/usr/bin/uwsgi; the vassal loads the python3 plugin). venv: uWSGI "
                                           "installed with pip inside the project's virtualenv (<venv>/bin/uwsgi)."),
                "distribution", {QStringLiteral("distribution"), QStringLiteral("venv")},
                {QT_TRANSLATE_NOOP("saltant::FieldEditor", "distribution (packages uwsgi and uwsgi-plugin-python3)"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "venv (pip install inside the project's virtualenv)")});
    f << derived(text("uwsgi.binary", "uwsgi", QT_TRANSLATE_NOOP("Field", "uWSGI executable"),
                      QT_TRANSLATE_NOOP("Field", "ExecStart= of emperor.uwsgi.service. Empty: follows the uWSGI "
                                                 "installation (/usr/bin/uwsgi or <venv>/bin/uwsgi)."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString {
                     return p.text(QStringLiteral("uwsgi.install")) == QLatin1String("venv")
                                ? p.text(QStringLiteral("django.venvDir")) + QStringLiteral("/bin/uwsgi")
                                : QStringLiteral("/usr/bin/uwsgi");
                 });
    f << text("uwsgi.emperorIni", "uwsgi", QT_TRANSLATE_NOOP("Field", "Emperor ini"),
              QT_TRANSLATE_NOOP("Field", "Path of the uWSGI emperor configuration."), "/etc/uwsgi/emperor.ini",
              K::AbsolutePath);
    f << text("uwsgi.vassalsDir", "uwsgi", QT_TRANSLATE_NOOP("Field", "Vassals directory"),
              QT_TRANSLATE_NOOP("Field", "Directory the emperor watches (emperor = in emperor.ini); the vassal ini "
                                         "goes here."),
              "/etc/uwsgi/vassals", K::AbsolutePath);
    f << text("uwsgi.vassalName", "uwsgi", QT_TRANSLATE_NOOP("Field", "Vassal name"),
              QT_TRANSLATE_NOOP("Field", "Names the vassal file <name>_uwsgi.ini."), "saltant", K::FileName);
    f << text("uwsgi.user", "uwsgi", QT_TRANSLATE_NOOP("Field", "uWSGI user"),
              QT_TRANSLATE_NOOP("Field", "User= of emperor.uwsgi.service: uWSGI and saltant run as this user."),
              "www-data", K::UnixName);
    f << integer("uwsgi.processes", "uwsgi", QT_TRANSLATE_NOOP("Field", "Worker processes"),
                 QT_TRANSLATE_NOOP("Field", "processes = in the vassal ini: requests served at once."), 10, 1, 512);
    f << text("uwsgi.socketPath", "uwsgi", QT_TRANSLATE_NOOP("Field", "Socket path"),
              QT_TRANSLATE_NOOP("Field", "The Unix socket uWSGI listens on and nginx's upstream connects to; under "
                                         "/run/uwsgi (the unit's RuntimeDirectory), not world-writable /tmp."),
              "/run/uwsgi/saltant.sock", K::AbsolutePath);
    f << text("uwsgi.logFile", "uwsgi", QT_TRANSLATE_NOOP("Field", "Emperor log file"),
              QT_TRANSLATE_NOOP("Field", "logto = in emperor.ini; under /var/log/uwsgi (the unit's LogsDirectory) so "
                                         "the uWSGI user can write it."),
              "/var/log/uwsgi/emperor.log", K::AbsolutePath);
    f << text("uwsgi.unitPath", "uwsgi", QT_TRANSLATE_NOOP("Field", "systemd unit"),
              QT_TRANSLATE_NOOP("Field", "Path of the emperor's systemd unit."),
              "/etc/systemd/system/emperor.uwsgi.service", K::SystemdUnitPath);

    // nginx
    f << text("nginx.siteName", "nginx", QT_TRANSLATE_NOOP("Field", "Site name"),
              QT_TRANSLATE_NOOP("Field", "Names the site file <name>_nginx.conf and its sites-enabled link."),
              "saltant", K::FileName);
    f << text("nginx.sitesAvailableDir", "nginx", QT_TRANSLATE_NOOP("Field", "sites-available"),
              QT_TRANSLATE_NOOP("Field", "Directory of the site file."), "/etc/nginx/sites-available", K::AbsolutePath);
    f << text("nginx.sitesEnabledDir", "nginx", QT_TRANSLATE_NOOP("Field", "sites-enabled"),
              QT_TRANSLATE_NOOP("Field", "Directory of the link that enables the site."), "/etc/nginx/sites-enabled",
              K::AbsolutePath);
    f << text("nginx.clientMaxBodySize", "nginx", QT_TRANSLATE_NOOP("Field", "Maximum upload size"),
              QT_TRANSLATE_NOOP("Field", "client_max_body_size in the site file (e.g. 10M)."), "10M", K::NginxSize);
    f << boolean("nginx.listenIpv6", "nginx", QT_TRANSLATE_NOOP("Field", "Listen on IPv6"),
                 QT_TRANSLATE_NOOP("Field", "Adds listen [::] lines to the site file."), true);
    f << text("nginx.uwsgiParams", "nginx", QT_TRANSLATE_NOOP("Field", "uwsgi_params file"),
              QT_TRANSLATE_NOOP("Field", "The include of the uwsgi location."), "/etc/nginx/uwsgi_params",
              K::AbsolutePath);

    // TLS
    f << boolean("tls.enabled", "tls", QT_TRANSLATE_NOOP("Field", "HTTPS with Let's Encrypt"),
                 QT_TRANSLATE_NOOP("Field", "Serves the site over HTTPS, redirects HTTP, and obtains the certificate "
                                            "with certbot certonly --webroot."),
                 true);
    f << text("tls.email", "tls", QT_TRANSLATE_NOOP("Field", "Let's Encrypt account e-mail"),
              QT_TRANSLATE_NOOP("Field", "certbot --email: expiry warnings go here."), "admin@fictionaljobrunner.com",
              K::Email);
    {
        FieldSpec acme =
            text("tls.acmeServer", "tls", QT_TRANSLATE_NOOP("Field", "ACME server"),
                 QT_TRANSLATE_NOOP("Field", "certbot --server: the ACME directory URL certificates are requested from. "
                                            "Let's Encrypt's staging server issues untrusted test certificates without "
                                            "the production rate limits; certbot keeps the URL for renewals."),
                 Schema::LetsEncryptProduction, K::HttpsUrl);
        acme.suggestions = {QString::fromLatin1(Schema::LetsEncryptProduction),
                            QString::fromLatin1(Schema::LetsEncryptStaging)};
        f << acme;
    }
    f << text("tls.acmeCaFile", "tls", QT_TRANSLATE_NOOP("Field", "ACME server CA file"),
              QT_TRANSLATE_NOOP("Field", "A CA certificate file on the server that certbot trusts for the ACME "
                                         "server (REQUESTS_CA_BUNDLE), e.g. for a private ACME server. Empty: the "
                                         "system's trusted CAs."),
              "", K::AbsolutePath, true);
    f << text("tls.letsencryptDir", "tls", QT_TRANSLATE_NOOP("Field", "Let's Encrypt directory"),
              QT_TRANSLATE_NOOP("Field", "certbot's configuration directory; certificates are under live/<name>/."),
              "/etc/letsencrypt", K::AbsolutePath);
    f << derived(text("tls.certName", "tls", QT_TRANSLATE_NOOP("Field", "Certificate name"),
                      QT_TRANSLATE_NOOP("Field", "certbot --cert-name and the live/<name>/ directory used by nginx and "
                                                 "RabbitMQ. Empty: the domain."),
                      "", K::FileName),
                 [](const Project& p) -> QString { return p.text(QStringLiteral("server.domain")); });
    f << text("tls.acmeWebroot", "tls", QT_TRANSLATE_NOOP("Field", "ACME webroot"),
              QT_TRANSLATE_NOOP("Field", "Directory nginx serves /.well-known/acme-challenge/ from; certbot --webroot "
                                         "writes challenges here, so certbot never edits the site file."),
              "/var/www/letsencrypt", K::AbsolutePath);
    f << boolean("tls.hsts", "tls", QT_TRANSLATE_NOOP("Field", "HSTS header"),
                 QT_TRANSLATE_NOOP("Field", "Adds Strict-Transport-Security to HTTPS responses (browsers then refuse "
                                            "plain HTTP for a year)."),
                 false);
    f << derived(text("tls.renewalHook", "tls", QT_TRANSLATE_NOOP("Field", "Renewal hook"),
                      QT_TRANSLATE_NOOP("Field", "Deploy hook certbot runs after a renewal: reloads nginx and restarts "
                                                 "RabbitMQ so they pick up the new certificate. Empty: "
                                                 "<letsencrypt>/renewal-hooks/deploy/<site>.sh."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString {
                     return p.text(QStringLiteral("tls.letsencryptDir")) + QStringLiteral("/renewal-hooks/deploy/") +
                            p.text(QStringLiteral("nginx.siteName")) + QStringLiteral(".sh");
                 });
    f << text("tls.certGroup", "tls", QT_TRANSLATE_NOOP("Field", "Certificate reader group"),
              QT_TRANSLATE_NOOP("Field", "Group given read access to the certificate and key so RabbitMQ can use "
                                         "them."),
              "ssl-cert", K::UnixName);

    // RabbitMQ
    f << boolean("rabbitmq.onNetwork", "rabbitmq", QT_TRANSLATE_NOOP("Field", "Workers connect over the network"),
                 QT_TRANSLATE_NOOP("Field", "Exposes AMQP to remote Celery workers; off keeps RabbitMQ on localhost."),
                 true);
    f << text("rabbitmq.adminUser", "rabbitmq", QT_TRANSLATE_NOOP("Field", "Admin user"),
              QT_TRANSLATE_NOOP("Field", "RabbitMQ user created with rabbitmqctl add_user; part of CELERY_BROKER_URL."),
              "AzureDiamond", K::Identifier);
    f << text("rabbitmq.vhost", "rabbitmq", QT_TRANSLATE_NOOP("Field", "Virtual host"),
              QT_TRANSLATE_NOOP("Field", "RabbitMQ vhost created with rabbitmqctl add_vhost; the path of "
                                         "CELERY_BROKER_URL."),
              "AzureDiamond_vhost", K::Identifier);
    f << derived(text("rabbitmq.brokerHost", "rabbitmq", QT_TRANSLATE_NOOP("Field", "Broker host name"),
                      QT_TRANSLATE_NOOP("Field", "Host workers connect to (CELERY_BROKER_URL); must match the "
                                                 "certificate for TLS. Empty: the domain."),
                      "", K::HostOrIp),
                 [](const Project& p) -> QString { return p.text(QStringLiteral("server.domain")); });
    f << choice("rabbitmq.brokerScheme", "rabbitmq", QT_TRANSLATE_NOOP("Field", "Broker URL scheme"),
                QT_TRANSLATE_NOOP("Field", "Scheme of CELERY_BROKER_URL: pyamqp (py-amqp, TLS via RABBITMQ_USES_SSL), "
                                           "amqps (TLS in the URL) or amqp (may pick librabbitmq, which has no TLS)."),
                "pyamqp", {QStringLiteral("pyamqp"), QStringLiteral("amqps"), QStringLiteral("amqp")},
                {QT_TRANSLATE_NOOP("saltant::FieldEditor", "pyamqp (py-amqp; TLS from RABBITMQ_USES_SSL)"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "amqps (TLS in the URL)"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "amqp (may use librabbitmq, no TLS)")});
    f << integer("rabbitmq.tcpPort", "rabbitmq", QT_TRANSLATE_NOOP("Field", "AMQP port"),
                 QT_TRANSLATE_NOOP("Field", "Plain AMQP listener, used only when TLS is off."), 5672, 1, 65535);
    f << integer("rabbitmq.managementPort", "rabbitmq", QT_TRANSLATE_NOOP("Field", "Management port"),
                 QT_TRANSLATE_NOOP("Field", "Local port of the management UI, proxied by nginx."), 15672, 1, 65535);
    f << text("rabbitmq.managementPrefix", "rabbitmq", QT_TRANSLATE_NOOP("Field", "Management URL path"),
              QT_TRANSLATE_NOOP("Field", "management.path_prefix in rabbitmq.conf and the nginx location that proxies "
                                         "it (RABBITMQ_MANAGEMENT_URL in .env)."),
              "rabbitmq", K::UrlPathSegment);
    f << boolean("rabbitmq.removeGuest", "rabbitmq", QT_TRANSLATE_NOOP("Field", "Delete the guest user"),
                 QT_TRANSLATE_NOOP("Field", "rabbitmqctl delete_user guest during deploy."), true);
    f << boolean("rabbitmq.removeDefaultVhost", "rabbitmq", QT_TRANSLATE_NOOP("Field", "Delete vhost /"),
                 QT_TRANSLATE_NOOP("Field", "rabbitmqctl delete_vhost / during deploy."), true);
    f << choice("rabbitmq.configFormat", "rabbitmq", QT_TRANSLATE_NOOP("Field", "Configuration format"),
                QT_TRANSLATE_NOOP("Field", "rabbitmq.conf (new sysctl-style format, RabbitMQ 3.7+) or the classic "
                                           "Erlang-terms rabbitmq.config from the guide."),
                "conf", {QStringLiteral("conf"), QStringLiteral("classic")},
                {QT_TRANSLATE_NOOP("saltant::FieldEditor", "rabbitmq.conf (new format)"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "rabbitmq.config (classic Erlang terms)")});
    f << text("rabbitmq.confPath", "rabbitmq", QT_TRANSLATE_NOOP("Field", "rabbitmq.conf path"),
              QT_TRANSLATE_NOOP("Field", "Where the new-format configuration is written."),
              "/etc/rabbitmq/rabbitmq.conf", K::AbsolutePath);
    f << text("rabbitmq.classicConfigPath", "rabbitmq", QT_TRANSLATE_NOOP("Field", "rabbitmq.config path"),
              QT_TRANSLATE_NOOP("Field", "Where the classic Erlang-terms configuration is written."),
              "/etc/rabbitmq/rabbitmq.config", K::AbsolutePath);
    f << text("rabbitmq.envConfPath", "rabbitmq", QT_TRANSLATE_NOOP("Field", "rabbitmq-env.conf path"),
              QT_TRANSLATE_NOOP("Field", "Where the environment file is written that binds RabbitMQ's Erlang "
                                         "distribution (epmd 4369, inter-node port 25672) to 127.0.0.1."),
              "/etc/rabbitmq/rabbitmq-env.conf", K::AbsolutePath);
    f << text("rabbitmq.epmdSocketDropIn", "rabbitmq", QT_TRANSLATE_NOOP("Field", "epmd socket drop-in"),
              QT_TRANSLATE_NOOP("Field", "systemd drop-in for Debian's epmd.socket that makes epmd listen on "
                                         "127.0.0.1:4369 only (it must be in an epmd.socket.d directory)."),
              "/etc/systemd/system/epmd.socket.d/saltant-loopback.conf", K::AbsolutePath);
    f << boolean("rabbitmqTls.enabled", "rabbitmq", QT_TRANSLATE_NOOP("Field", "AMQP over TLS"),
                 QT_TRANSLATE_NOOP("Field", "RabbitMQ listens with TLS only (listeners.tcp = none, "
                                            "listeners.ssl.default) using the Let's Encrypt certificate; sets "
                                            "RABBITMQ_USES_SSL=True."),
                 true);
    f << integer(
        "rabbitmqTls.port", "rabbitmq", QT_TRANSLATE_NOOP("Field", "AMQPS port"),
        QT_TRANSLATE_NOOP("Field", "listeners.ssl.default in rabbitmq.conf and the port of CELERY_BROKER_URL."), 5671,
        1, 65535);
    f << boolean("rabbitmqTls.verifyPeer", "rabbitmq", QT_TRANSLATE_NOOP("Field", "Verify client certificates"),
                 QT_TRANSLATE_NOOP("Field", "ssl_options.verify = verify_peer."), true);
    f << boolean("rabbitmqTls.failIfNoPeerCert", "rabbitmq", QT_TRANSLATE_NOOP("Field", "Require client certificates"),
                 QT_TRANSLATE_NOOP("Field", "ssl_options.fail_if_no_peer_cert; saltant's workers present none, so "
                                            "leave off."),
                 false);
    f << boolean("rabbitmqTls.grantCertAccess", "rabbitmq",
                 QT_TRANSLATE_NOOP("Field", "Let RabbitMQ read certificates"),
                 QT_TRANSLATE_NOOP("Field", "Adds the rabbitmq user to the certificate reader group and gives that "
                                            "group read access to this site's certificate (live/<name>, "
                                            "archive/<name>) and to no other lineage, again after each renewal."),
                 true);

    // Flower
    f << boolean("flower.enabled", "flower", QT_TRANSLATE_NOOP("Field", "Run Flower"),
                 QT_TRANSLATE_NOOP("Field", "Installs flower.service and proxies /<prefix>/ through nginx."), true);
    f << choice("flower.prefixMode", "flower", QT_TRANSLATE_NOOP("Field", "Flower version"),
                QT_TRANSLATE_NOOP("Field", "Flower 0.9.5 and newer serve under --url-prefix themselves (nginx passes "
                                           "the path through); 0.9.4 and older need nginx to strip the prefix."),
                "native", {QStringLiteral("native"), QStringLiteral("strip")},
                {QT_TRANSLATE_NOOP("saltant::FieldEditor", "0.9.5 or newer"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "0.9.4 or older")});
    f << choice("flower.launcher", "flower", QT_TRANSLATE_NOOP("Field", "Flower release"),
                QT_TRANSLATE_NOOP("Field", "How flower.service starts Flower: 1.0 and newer only as a Celery command "
                                           "(python -m celery -A APP flower), 0.9.x (saltant pins 0.9.2) as python -m "
                                           "flower -A APP. The deploy checks that the virtualenv's Flower matches."),
                "celery", {QStringLiteral("celery"), QStringLiteral("flower")},
                {QT_TRANSLATE_NOOP("saltant::FieldEditor", "Flower 1.0 and newer: celery -A APP flower"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "Flower 0.9.x: flower -A APP")});
    f << integer("flower.port", "flower", QT_TRANSLATE_NOOP("Field", "Flower port"),
                 QT_TRANSLATE_NOOP("Field", "Local port Flower listens on (127.0.0.1 only), proxied by nginx."), 5555,
                 1, 65535);
    f << text("flower.urlPrefix", "flower", QT_TRANSLATE_NOOP("Field", "URL path"),
              QT_TRANSLATE_NOOP("Field", "Flower's --url-prefix and the nginx location (FLOWER_URL in .env)."),
              "flower", K::UrlPathSegment);
    f << text("flower.user", "flower", QT_TRANSLATE_NOOP("Field", "Login user"),
              QT_TRANSLATE_NOOP("Field", "Basic-auth user of Flower (FLOWER_BASIC_AUTH in the Flower environment "
                                         "file)."),
              "AzureDiamond", K::Identifier);
    f << text("flower.unitPath", "flower", QT_TRANSLATE_NOOP("Field", "systemd unit"),
              QT_TRANSLATE_NOOP("Field", "Path of Flower's systemd unit."), "/etc/systemd/system/flower.service",
              K::SystemdUnitPath);
    f << derived(text("flower.envFile", "flower", QT_TRANSLATE_NOOP("Field", "Environment file"),
                      QT_TRANSLATE_NOOP("Field", "Holds FLOWER_BASIC_AUTH (mode 0600), read by systemd through "
                                                 "EnvironmentFile= so the password is never on a command line. Empty: "
                                                 "/etc/<site>/flower.env."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString {
                     return QStringLiteral("/etc/") + p.text(QStringLiteral("nginx.siteName")) +
                            QStringLiteral("/flower.env");
                 });
    f << text("flower.database", "flower", QT_TRANSLATE_NOOP("Field", "Database file"),
              QT_TRANSLATE_NOOP("Field", "Flower's --db file, relative to the project directory."), "flower.db",
              K::FileName);
    f << boolean("flower.persistent", "flower", QT_TRANSLATE_NOOP("Field", "Persistent"),
                 QT_TRANSLATE_NOOP("Field", "Flower's --persistent: keep task history across restarts."), true);

    // Monitoring
    f << boolean("rollbar.enabled", "monitoring", QT_TRANSLATE_NOOP("Field", "Rollbar error tracking"),
                 QT_TRANSLATE_NOOP("Field", "PROJECT_USES_ROLLBAR in .env; needs the Rollbar access token."), false);
    f << text("rollbar.projectUrl", "monitoring", QT_TRANSLATE_NOOP("Field", "Rollbar project URL"),
              QT_TRANSLATE_NOOP("Field", "ROLLBAR_PROJECT_URL in .env, linked from the site."),
              "https://rollbar.com/fictionaljobrunner/saltant/", K::Url, true);
    f << boolean("papertrail.enabled", "monitoring", QT_TRANSLATE_NOOP("Field", "Papertrail log forwarding"),
                 QT_TRANSLATE_NOOP("Field", "Writes an rsyslog rule that forwards uWSGI and nginx logs to Papertrail."),
                 false);
    f << text("papertrail.host", "monitoring", QT_TRANSLATE_NOOP("Field", "Papertrail host"),
              QT_TRANSLATE_NOOP("Field", "Log destination host from Papertrail's setup page."),
              "logs1.papertrailapp.com", K::Hostname);
    f << integer("papertrail.port", "monitoring", QT_TRANSLATE_NOOP("Field", "Papertrail port"),
                 QT_TRANSLATE_NOOP("Field", "Log destination port from Papertrail's setup page."), 12345, 1, 65535);
    f << boolean("papertrail.tls", "monitoring", QT_TRANSLATE_NOOP("Field", "Forward over TLS"),
                 QT_TRANSLATE_NOOP("Field", "Sends logs over TLS (rsyslog gtls driver, package rsyslog-gnutls)."),
                 true);
    f << text("papertrail.configPath", "monitoring", QT_TRANSLATE_NOOP("Field", "rsyslog rule"),
              QT_TRANSLATE_NOOP("Field", "Path of the rsyslog configuration snippet."),
              "/etc/rsyslog.d/95-papertrail.conf", K::AbsolutePath);
    f << text("aws.accessKeyId", "monitoring", QT_TRANSLATE_NOOP("Field", "AWS access key id"),
              QT_TRANSLATE_NOOP("Field", "AWS_ACCESS_KEY_ID in .env, for archiving job logs to S3."), "", K::AwsKeyId,
              true);
    f << text("aws.logsBucketName", "monitoring", QT_TRANSLATE_NOOP("Field", "S3 logs bucket"),
              QT_TRANSLATE_NOOP("Field", "AWS_LOGS_BUCKET_NAME in .env."), "", K::BucketName, true);

    // Branding
    f << image(text("branding.logoFile", "branding", QT_TRANSLATE_NOOP("Field", "Logo (PNG, 1:1)"),
                    QT_TRANSLATE_NOOP("Field", "A square PNG on this computer, uploaded as the site logo before "
                                               "collectstatic."),
                    "", K::LocalPath, true),
               QT_TRANSLATE_NOOP("saltant::FieldEditor", "PNG images (*.png);;All files (*)"), ImagePreview::SquarePng);
    f << image(text("branding.faviconFile", "branding", QT_TRANSLATE_NOOP("Field", "Favicon (ICO)"),
                    QT_TRANSLATE_NOOP("Field", "An .ico file on this computer, uploaded as the site favicon before "
                                               "collectstatic."),
                    "", K::LocalPath, true),
               QT_TRANSLATE_NOOP("saltant::FieldEditor", "Icons (*.ico);;All files (*)"), ImagePreview::Icon);
    f << derived(text("branding.logoTarget", "branding", QT_TRANSLATE_NOOP("Field", "Logo on the server"),
                      QT_TRANSLATE_NOOP("Field", "Where the logo goes in the project's static sources. Empty: "
                                                 "<project>/splashpage/static/splashpage/img/logo.png."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString {
                     return under(p, "django.projectDir", "/splashpage/static/splashpage/img/logo.png");
                 });
    f << derived(text("branding.faviconTarget", "branding", QT_TRANSLATE_NOOP("Field", "Favicon on the server"),
                      QT_TRANSLATE_NOOP("Field", "Where the favicon goes in the project's static sources. Empty: "
                                                 "<project>/splashpage/static/splashpage/favicon/favicon.ico."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString {
                     return under(p, "django.projectDir", "/splashpage/static/splashpage/favicon/favicon.ico");
                 });

    // Deploy target
    f << text("ssh.host", "ssh", QT_TRANSLATE_NOOP("Field", "SSH host"),
              QT_TRANSLATE_NOOP("Field", "Host name, address or ~/.ssh/config alias of the server to deploy to."),
              "www.fictionaljobrunner.com", K::HostOrIp);
    f << integer("ssh.port", "ssh", QT_TRANSLATE_NOOP("Field", "SSH port"),
                 QT_TRANSLATE_NOOP("Field", "Port of the server's sshd (an alias in ~/.ssh/config may override it)."),
                 22, 1, 65535);
    f << text("ssh.user", "ssh", QT_TRANSLATE_NOOP("Field", "SSH user"),
              QT_TRANSLATE_NOOP("Field", "Login user; anyone but root deploys through sudo."), "ubuntu", K::UnixName);
    f << text("ssh.identityFile", "ssh", QT_TRANSLATE_NOOP("Field", "Identity file"),
              QT_TRANSLATE_NOOP("Field", "Private key to log in with when ssh-agent has none; its passphrase is kept "
                                         "in the keychain."),
              "~/.ssh/id_ed25519", K::LocalPath, true);
    f << text("ssh.knownHostsFile", "ssh", QT_TRANSLATE_NOOP("Field", "known_hosts file"),
              QT_TRANSLATE_NOOP("Field", "OpenSSH known_hosts file the server's host key is checked against."),
              "~/.ssh/known_hosts", K::LocalPath);
    return f;
}

QList<SecretSpec> buildSecrets()
{
    auto s = [](const char* name, const char* section, const char* label, const char* help) {
        return SecretSpec{QString::fromLatin1(name), QString::fromLatin1(section), label, help};
    };
    return {
        s("django.secretKey", "django", QT_TRANSLATE_NOOP("Secret", "Django SECRET_KEY"),
          QT_TRANSLATE_NOOP("Secret", "SECRET_KEY in .env: signs sessions and tokens.")),
        s("django.apiToken", "django", QT_TRANSLATE_NOOP("Secret", "API auth token"),
          QT_TRANSLATE_NOOP("Secret", "API_AUTH_TOKEN in .env: the token workers use to talk to the API.")),
        s("email.password", "django", QT_TRANSLATE_NOOP("Secret", "SMTP password"),
          QT_TRANSLATE_NOOP("Secret", "EMAIL_HOST_PASSWORD in .env.")),
        s("database.password", "database", QT_TRANSLATE_NOOP("Secret", "Database password"),
          QT_TRANSLATE_NOOP("Secret", "DATABASE_USER_PASSWORD in .env.")),
        s("rabbitmq.password", "rabbitmq", QT_TRANSLATE_NOOP("Secret", "RabbitMQ admin password"),
          QT_TRANSLATE_NOOP("Secret", "Password of the RabbitMQ admin user, part of CELERY_BROKER_URL.")),
        s("flower.password", "flower", QT_TRANSLATE_NOOP("Secret", "Flower password"),
          QT_TRANSLATE_NOOP("Secret", "Basic-auth password of Flower, in the Flower environment file.")),
        s("rollbar.token", "monitoring", QT_TRANSLATE_NOOP("Secret", "Rollbar access token"),
          QT_TRANSLATE_NOOP("Secret", "ROLLBAR_ACCESS_TOKEN in .env.")),
        s("aws.secretKey", "monitoring", QT_TRANSLATE_NOOP("Secret", "AWS secret access key"),
          QT_TRANSLATE_NOOP("Secret", "AWS_SECRET_ACCESS_KEY in .env.")),
        s("ssh.passphrase", "ssh", QT_TRANSLATE_NOOP("Secret", "Key passphrase"),
          QT_TRANSLATE_NOOP("Secret", "Unlocks the identity file when ssh-agent does not hold the key.")),
        s("ssh.password", "ssh", QT_TRANSLATE_NOOP("Secret", "SSH password"),
          QT_TRANSLATE_NOOP("Secret", "Login password, used only when no key is accepted.")),
        s("sudo.password", "ssh", QT_TRANSLATE_NOOP("Secret", "sudo password"),
          QT_TRANSLATE_NOOP("Secret", "Given to sudo on standard input when the SSH user is not root.")),
    };
}

} // namespace

QString SecretSpec::displayLabel() const
{
    return QCoreApplication::translate("Secret", label);
}

QString SecretSpec::displayHelp() const
{
    return QCoreApplication::translate("Secret", help);
}

QString SectionSpec::displayTitle() const
{
    return QCoreApplication::translate("Section", title);
}

const QList<FieldSpec>& Schema::fields()
{
    static const QList<FieldSpec> all = buildFields();
    return all;
}

const FieldSpec* Schema::field(const QString& key)
{
    static const QHash<QString, const FieldSpec*> index = [] {
        QHash<QString, const FieldSpec*> h;
        for (const FieldSpec& f : fields()) {
            h.insert(f.key, &f);
        }
        return h;
    }();
    return index.value(key, nullptr);
}

const QList<SecretSpec>& Schema::secrets()
{
    static const QList<SecretSpec> all = buildSecrets();
    return all;
}

const SecretSpec* Schema::secret(const QString& name)
{
    for (const SecretSpec& s : secrets()) {
        if (s.name == name) {
            return &s;
        }
    }
    return nullptr;
}

const QList<SectionSpec>& Schema::sections()
{
    static const QList<SectionSpec> all = {
        {QStringLiteral("server"), QT_TRANSLATE_NOOP("Section", "Server & domain")},
        {QStringLiteral("django"), QT_TRANSLATE_NOOP("Section", "Django")},
        {QStringLiteral("database"), QT_TRANSLATE_NOOP("Section", "Database")},
        {QStringLiteral("uwsgi"), QT_TRANSLATE_NOOP("Section", "uWSGI")},
        {QStringLiteral("nginx"), QT_TRANSLATE_NOOP("Section", "nginx")},
        {QStringLiteral("tls"), QT_TRANSLATE_NOOP("Section", "TLS")},
        {QStringLiteral("rabbitmq"), QT_TRANSLATE_NOOP("Section", "RabbitMQ")},
        {QStringLiteral("flower"), QT_TRANSLATE_NOOP("Section", "Flower")},
        {QStringLiteral("monitoring"), QT_TRANSLATE_NOOP("Section", "Monitoring")},
        {QStringLiteral("branding"), QT_TRANSLATE_NOOP("Section", "Branding")},
        {QStringLiteral("ssh"), QT_TRANSLATE_NOOP("Section", "Deploy target")},
    };
    return all;
}

QList<const FieldSpec*> Schema::fieldsOfSection(const QString& sectionId)
{
    QList<const FieldSpec*> out;
    for (const FieldSpec& f : fields()) {
        if (f.section == sectionId) {
            out << &f;
        }
    }
    return out;
}

QList<const SecretSpec*> Schema::secretsOfSection(const QString& sectionId)
{
    QList<const SecretSpec*> out;
    for (const SecretSpec& s : secrets()) {
        if (s.section == sectionId) {
            out << &s;
        }
    }
    return out;
}

} // namespace saltant
