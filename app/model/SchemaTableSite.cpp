#include "model/Project.h"
#include "model/SchemaTable.h"

namespace saltant {
namespace SchemaTable {

// The site itself: server, Django, database, uWSGI, nginx and TLS.
void appendSiteFields(QList<FieldSpec>& f)
{
    using K = ValueKind;

    // Server & domain
    f << text(Key::ServerDomain, "server", QT_TRANSLATE_NOOP("Field", "Domain"),
              QT_TRANSLATE_NOOP("Field",
                                "The site's domain: nginx server_name, ALLOWED_HOSTS and DJANGO_BASE_URL in .env, "
                                "and the Let's Encrypt certificate name."),
              "fictionaljobrunner.com", K::Hostname);
    f << boolean(
        Key::ServerWwwAlias, "server", QT_TRANSLATE_NOOP("Field", "Also serve www.<domain>"),
        QT_TRANSLATE_NOOP("Field", "Adds www.<domain> to nginx server_name, ALLOWED_HOSTS and the certificate."), true);
    f << boolean(Key::ServerCanonicalWww, "server", QT_TRANSLATE_NOOP("Field", "Canonical URL uses www"),
                 QT_TRANSLATE_NOOP("Field", "DJANGO_BASE_URL, FLOWER_URL and RABBITMQ_MANAGEMENT_URL in .env use "
                                            "www.<domain> rather than the bare domain."),
                 true);
    f << list(Key::ServerExtraAllowedHosts, "server", QT_TRANSLATE_NOOP("Field", "Extra allowed hosts"),
              QT_TRANSLATE_NOOP("Field", "More entries for Django's ALLOWED_HOSTS in .env (hosts, IPs, .suffix)."),
              {QStringLiteral("127.0.0.1")}, K::AllowedHost);
    f << text(Key::ServerDeployUser, "server", QT_TRANSLATE_NOOP("Field", "Project owner"),
              QT_TRANSLATE_NOOP("Field", "The Unix user that owns the saltant checkout: owner of .env and the user "
                                         "Flower runs as."),
              "ubuntu", K::UnixName);
    f << text(Key::ServerWebGroup, "server", QT_TRANSLATE_NOOP("Field", "Web server group"),
              QT_TRANSLATE_NOOP("Field", "The group nginx and uWSGI run as: group of .env (0640) and of the uWSGI "
                                         "socket."),
              "www-data", K::UnixName);
    f << text(Key::ServerStateDirectory, "server", QT_TRANSLATE_NOOP("Field", "Deploy state directory"),
              QT_TRANSLATE_NOOP("Field", "Where each deploy records what it installed (manifest.json and a copy of "
                                         "every deployed file; root only, 0700): the plan compares the server with "
                                         "it to show files changed by hand."),
              "/var/lib/saltant-deploy", K::AbsolutePath);
    f << integer(Key::ServerHistoryDepth, "server", QT_TRANSLATE_NOOP("Field", "Deploy history"),
                 QT_TRANSLATE_NOOP("Field", "How many deploys keep the files they replaced, in the history "
                                            "directory of the state directory on the server (root only), for "
                                            "saltant-deploy-cli rollback."),
                 10, 1, 100);

    // Django
    f << text(Key::DjangoProjectDir, "django", QT_TRANSLATE_NOOP("Field", "Project directory"),
              QT_TRANSLATE_NOOP("Field", "Root of the saltant checkout on the server: uWSGI chdir, Flower's working "
                                         "directory, and where .env is written."),
              "/home/ubuntu/saltant", K::AbsolutePath);
    f << derived(text(Key::DjangoVenvDir, "django", QT_TRANSLATE_NOOP("Field", "Virtual environment"),
                      QT_TRANSLATE_NOOP("Field", "The project's Python virtualenv: uWSGI home and the Flower "
                                                 "executable's directory. Empty: <project>/venv."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString { return under(p, Key::DjangoProjectDir, "/venv"); });
    f << text(Key::DjangoWsgiModule, "django", QT_TRANSLATE_NOOP("Field", "WSGI module"),
              QT_TRANSLATE_NOOP("Field", "The Python module uWSGI loads (module = in the vassal ini)."), "saltant.wsgi",
              K::PythonModule);
    f << text(Key::DjangoCeleryApp, "django", QT_TRANSLATE_NOOP("Field", "Celery app"),
              QT_TRANSLATE_NOOP("Field", "The Celery application Flower inspects (flower -A in flower.service)."),
              "saltant", K::PythonModule);
    f << text(Key::DjangoProjectName, "django", QT_TRANSLATE_NOOP("Field", "Project name"),
              QT_TRANSLATE_NOOP("Field", "The name shown on the site (PROJECT_NAME in .env)."), "Fictional Job Runner",
              K::FreeText);
    f << boolean(Key::DjangoDebug, "django", QT_TRANSLATE_NOOP("Field", "Debug mode"),
                 QT_TRANSLATE_NOOP("Field", "DEBUG in .env. Never on in production: it leaks settings in error pages."),
                 false);
    f << text(Key::DjangoTimeZone, "django", QT_TRANSLATE_NOOP("Field", "Time zone"),
              QT_TRANSLATE_NOOP("Field", "Django's TIME_ZONE in .env (an IANA name such as Europe/Berlin)."), "UTC",
              K::TimeZone);
    f << integer(
        Key::DjangoJwtAccessTokenLifetime, "django", QT_TRANSLATE_NOOP("Field", "JWT access token lifetime"),
        QT_TRANSLATE_NOOP("Field", "Days an API access token stays valid (JWT_ACCESS_TOKEN_LIFETIME in .env)."), 3, 1,
        3650);
    f << integer(Key::DjangoJwtRefreshTokenLifetime, "django", QT_TRANSLATE_NOOP("Field", "JWT refresh token lifetime"),
                 QT_TRANSLATE_NOOP("Field", "Days a refresh token stays valid (JWT_REFRESH_TOKEN_LIFETIME in .env)."),
                 245, 1, 3650);
    f << choice(Key::DjangoDefaultTaskClass, "django", QT_TRANSLATE_NOOP("Field", "Default task class"),
                QT_TRANSLATE_NOOP("Field", "The task class the web UI offers first (DEFAULT_TASK_CLASS in .env)."),
                "CONTAINER", {QStringLiteral("CONTAINER"), QStringLiteral("EXECUTABLE")}, {});
    f << derived(text(Key::DjangoStaticDir, "django", QT_TRANSLATE_NOOP("Field", "Static files directory"),
                      QT_TRANSLATE_NOOP("Field", "Where collectstatic puts files (saltant's STATIC_ROOT) and what "
                                                 "nginx serves at /static. Empty: <project>/static."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString { return under(p, Key::DjangoProjectDir, "/static"); });
    f << text(Key::CeleryTimeZone, "django", QT_TRANSLATE_NOOP("Field", "Celery time zone"),
              QT_TRANSLATE_NOOP("Field", "CELERY_TIMEZONE in .env."), "UTC", K::TimeZone);
    f << integer(Key::CeleryBrokerPoolLimit, "django", QT_TRANSLATE_NOOP("Field", "Broker pool limit"),
                 QT_TRANSLATE_NOOP("Field", "Connections Celery keeps open to RabbitMQ (CELERY_BROKER_POOL_LIMIT in "
                                            ".env; 0 disables the pool)."),
                 10, 0, 1000);
    f << boolean(Key::CeleryImACeleryWorker, "django", QT_TRANSLATE_NOOP("Field", "This host is a Celery worker"),
                 QT_TRANSLATE_NOOP("Field", "IM_A_CELERY_WORKER in .env. The web server is not a worker: leave off."),
                 false);
    f << text(Key::WorkerLogsDirectory, "django", QT_TRANSLATE_NOOP("Field", "Worker logs directory"),
              QT_TRANSLATE_NOOP("Field", "WORKER_LOGS_DIRECTORY in .env: where workers keep job logs."),
              "/home/ubuntu/saltant-worker/logs", K::AbsolutePath);
    f << text(Key::WorkerResultsDirectory, "django", QT_TRANSLATE_NOOP("Field", "Worker results directory"),
              QT_TRANSLATE_NOOP("Field", "WORKER_RESULTS_DIRECTORY in .env: where workers keep job results."),
              "/home/ubuntu/saltant-worker/results", K::AbsolutePath);
    f << text(Key::WorkerTempDirectory, "django", QT_TRANSLATE_NOOP("Field", "Worker temporary directory"),
              QT_TRANSLATE_NOOP("Field", "WORKER_TEMP_DIRECTORY in .env: scratch space for running jobs."),
              "/home/ubuntu/saltant-worker/tmp", K::AbsolutePath);
    f << text(Key::WorkerSingularityImagesDirectory, "django",
              QT_TRANSLATE_NOOP("Field", "Singularity images directory"),
              QT_TRANSLATE_NOOP("Field", "WORKER_SINGULARITY_IMAGES_DIRECTORY in .env: cache of pulled images."),
              "/home/ubuntu/saltant-worker/singularity-images", K::AbsolutePath);
    f << integer(
        Key::WorkerSingularityPullTimeout, "django", QT_TRANSLATE_NOOP("Field", "Singularity pull timeout"),
        QT_TRANSLATE_NOOP("Field", "Seconds a worker waits for an image pull (SINGULARITY_PULL_TIMEOUT in .env)."), 600,
        1, 86400);
    f << integer(
        Key::WorkerSingularityPullRetries, "django", QT_TRANSLATE_NOOP("Field", "Singularity pull retries"),
        QT_TRANSLATE_NOOP("Field", "How often a failed image pull is retried (SINGULARITY_PULL_RETRIES in .env)."), 3,
        0, 100);
    f << text(Key::EmailHost, "django", QT_TRANSLATE_NOOP("Field", "SMTP host"),
              QT_TRANSLATE_NOOP("Field", "Outgoing mail server (EMAIL_HOST in .env)."), "smtp.sendgrid.net",
              K::Hostname);
    f << integer(Key::EmailPort, "django", QT_TRANSLATE_NOOP("Field", "SMTP port"),
                 QT_TRANSLATE_NOOP("Field", "EMAIL_PORT in .env (587 for STARTTLS)."), 587, 1, 65535);
    f << text(Key::EmailUser, "django", QT_TRANSLATE_NOOP("Field", "SMTP user"),
              QT_TRANSLATE_NOOP("Field", "EMAIL_HOST_USER in .env."), "apikey", K::FreeText, true);
    f << boolean(Key::EmailUseTls, "django", QT_TRANSLATE_NOOP("Field", "SMTP uses TLS"),
                 QT_TRANSLATE_NOOP("Field", "EMAIL_USE_TLS in .env."), true);
    f << text(Key::EmailFromAddress, "django", QT_TRANSLATE_NOOP("Field", "From address"),
              QT_TRANSLATE_NOOP("Field", "DEFAULT_FROM_EMAIL in .env."), "noreply@fictionaljobrunner.com", K::Email);

    // Database
    f << text(Key::DatabaseName, "database", QT_TRANSLATE_NOOP("Field", "Database name"),
              QT_TRANSLATE_NOOP("Field", "PostgreSQL database (DATABASE_NAME in .env)."), "saltant", K::Identifier);
    f << text(Key::DatabaseUser, "database", QT_TRANSLATE_NOOP("Field", "Database user"),
              QT_TRANSLATE_NOOP("Field", "PostgreSQL role (DATABASE_USER in .env)."), "saltant", K::Identifier);
    f << text(Key::DatabaseHost, "database", QT_TRANSLATE_NOOP("Field", "Database host"),
              QT_TRANSLATE_NOOP("Field", "DATABASE_HOST in .env; PostgreSQL stays on this machine in the guide."),
              "localhost", K::HostOrIp);
    f << integer(Key::DatabasePort, "database", QT_TRANSLATE_NOOP("Field", "Database port"),
                 QT_TRANSLATE_NOOP("Field", "DATABASE_PORT in .env."), 5432, 1, 65535);
    f << boolean(Key::DatabaseProvision, "database", QT_TRANSLATE_NOOP("Field", "Create the role and database"),
                 QT_TRANSLATE_NOOP("Field", "The deploy creates the PostgreSQL role (with its password from the "
                                            "keychain) and the database owned by it when missing, and applies a "
                                            "password change. Only for a database on this server (host localhost, "
                                            "127.0.0.1 or ::1)."),
                 true);

    // uWSGI
    f << choice(Key::UwsgiInstall, "uwsgi", QT_TRANSLATE_NOOP("Field", "uWSGI installation"),
                QT_TRANSLATE_NOOP("Field", "distribution: Debian/Ubuntu's packages uwsgi and uwsgi-plugin-python3 "
                                           "(/usr/bin/uwsgi; the vassal loads the python3 plugin). venv: uWSGI "
                                           "installed with pip inside the project's virtualenv (<venv>/bin/uwsgi)."),
                "distribution", {QStringLiteral("distribution"), QStringLiteral("venv")},
                {QT_TRANSLATE_NOOP("saltant::FieldEditor", "distribution (packages uwsgi and uwsgi-plugin-python3)"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "venv (pip install inside the project's virtualenv)")});
    f << derived(text(Key::UwsgiBinary, "uwsgi", QT_TRANSLATE_NOOP("Field", "uWSGI executable"),
                      QT_TRANSLATE_NOOP("Field", "ExecStart= of emperor.uwsgi.service. Empty: follows the uWSGI "
                                                 "installation (/usr/bin/uwsgi or <venv>/bin/uwsgi)."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString {
                     return p.text(Key::UwsgiInstall) == QLatin1String("venv")
                                ? p.text(Key::DjangoVenvDir) + QStringLiteral("/bin/uwsgi")
                                : QStringLiteral("/usr/bin/uwsgi");
                 });
    f << text(Key::UwsgiEmperorIni, "uwsgi", QT_TRANSLATE_NOOP("Field", "Emperor ini"),
              QT_TRANSLATE_NOOP("Field", "Path of the uWSGI emperor configuration."), "/etc/uwsgi/emperor.ini",
              K::AbsolutePath);
    f << text(Key::UwsgiVassalsDir, "uwsgi", QT_TRANSLATE_NOOP("Field", "Vassals directory"),
              QT_TRANSLATE_NOOP("Field", "Directory the emperor watches (emperor = in emperor.ini); the vassal ini "
                                         "goes here."),
              "/etc/uwsgi/vassals", K::AbsolutePath);
    f << text(Key::UwsgiVassalName, "uwsgi", QT_TRANSLATE_NOOP("Field", "Vassal name"),
              QT_TRANSLATE_NOOP("Field", "Names the vassal file <name>_uwsgi.ini."), "saltant", K::FileName);
    f << text(Key::UwsgiUser, "uwsgi", QT_TRANSLATE_NOOP("Field", "uWSGI user"),
              QT_TRANSLATE_NOOP("Field", "User= of emperor.uwsgi.service: uWSGI and saltant run as this user."),
              "www-data", K::UnixName);
    f << integer(Key::UwsgiProcesses, "uwsgi", QT_TRANSLATE_NOOP("Field", "Worker processes"),
                 QT_TRANSLATE_NOOP("Field", "processes = in the vassal ini: requests served at once."), 10, 1, 512);
    f << text(Key::UwsgiSocketPath, "uwsgi", QT_TRANSLATE_NOOP("Field", "Socket path"),
              QT_TRANSLATE_NOOP("Field", "The Unix socket uWSGI listens on and nginx's upstream connects to; under "
                                         "/run/uwsgi (the unit's RuntimeDirectory), not world-writable /tmp."),
              "/run/uwsgi/saltant.sock", K::AbsolutePath);
    f << text(Key::UwsgiLogFile, "uwsgi", QT_TRANSLATE_NOOP("Field", "Emperor log file"),
              QT_TRANSLATE_NOOP("Field", "logto = in emperor.ini; under /var/log/uwsgi (the unit's LogsDirectory) so "
                                         "the uWSGI user can write it."),
              "/var/log/uwsgi/emperor.log", K::AbsolutePath);
    f << text(Key::UwsgiUnitPath, "uwsgi", QT_TRANSLATE_NOOP("Field", "systemd unit"),
              QT_TRANSLATE_NOOP("Field", "Path of the emperor's systemd unit."),
              "/etc/systemd/system/emperor.uwsgi.service", K::SystemdUnitPath);

    // nginx
    f << text(Key::NginxSiteName, "nginx", QT_TRANSLATE_NOOP("Field", "Site name"),
              QT_TRANSLATE_NOOP("Field", "Names the site file <name>_nginx.conf and its sites-enabled link."),
              "saltant", K::FileName);
    f << text(Key::NginxSitesAvailableDir, "nginx", QT_TRANSLATE_NOOP("Field", "sites-available"),
              QT_TRANSLATE_NOOP("Field", "Directory of the site file."), "/etc/nginx/sites-available", K::AbsolutePath);
    f << text(Key::NginxSitesEnabledDir, "nginx", QT_TRANSLATE_NOOP("Field", "sites-enabled"),
              QT_TRANSLATE_NOOP("Field", "Directory of the link that enables the site."), "/etc/nginx/sites-enabled",
              K::AbsolutePath);
    f << text(Key::NginxClientMaxBodySize, "nginx", QT_TRANSLATE_NOOP("Field", "Maximum upload size"),
              QT_TRANSLATE_NOOP("Field", "client_max_body_size in the site file (e.g. 10M)."), "10M", K::NginxSize);
    f << boolean(Key::NginxListenIpv6, "nginx", QT_TRANSLATE_NOOP("Field", "Listen on IPv6"),
                 QT_TRANSLATE_NOOP("Field", "Adds listen [::] lines to the site file."), true);
    f << text(Key::NginxUwsgiParams, "nginx", QT_TRANSLATE_NOOP("Field", "uwsgi_params file"),
              QT_TRANSLATE_NOOP("Field", "The include of the uwsgi location."), "/etc/nginx/uwsgi_params",
              K::AbsolutePath);

    // TLS
    f << boolean(Key::TlsEnabled, "tls", QT_TRANSLATE_NOOP("Field", "HTTPS with Let's Encrypt"),
                 QT_TRANSLATE_NOOP("Field", "Serves the site over HTTPS, redirects HTTP, and obtains the certificate "
                                            "with certbot certonly --webroot."),
                 true);
    f << text(Key::TlsEmail, "tls", QT_TRANSLATE_NOOP("Field", "Let's Encrypt account e-mail"),
              QT_TRANSLATE_NOOP("Field", "certbot --email: expiry warnings go here."), "admin@fictionaljobrunner.com",
              K::Email);
    {
        FieldSpec acme =
            text(Key::TlsAcmeServer, "tls", QT_TRANSLATE_NOOP("Field", "ACME server"),
                 QT_TRANSLATE_NOOP("Field", "certbot --server: the ACME directory URL certificates are requested from. "
                                            "Let's Encrypt's staging server issues untrusted test certificates without "
                                            "the production rate limits; certbot keeps the URL for renewals."),
                 Schema::LetsEncryptProduction, K::HttpsUrl);
        acme.suggestions = {QString::fromLatin1(Schema::LetsEncryptProduction),
                            QString::fromLatin1(Schema::LetsEncryptStaging)};
        f << acme;
    }
    f << text(Key::TlsAcmeCaFile, "tls", QT_TRANSLATE_NOOP("Field", "ACME server CA file"),
              QT_TRANSLATE_NOOP("Field", "A CA certificate file on the server that certbot trusts for the ACME "
                                         "server (REQUESTS_CA_BUNDLE), e.g. for a private ACME server. Empty: the "
                                         "system's trusted CAs."),
              "", K::AbsolutePath, true);
    f << text(Key::TlsLetsencryptDir, "tls", QT_TRANSLATE_NOOP("Field", "Let's Encrypt directory"),
              QT_TRANSLATE_NOOP("Field", "certbot's configuration directory; certificates are under live/<name>/."),
              "/etc/letsencrypt", K::AbsolutePath);
    f << derived(text(Key::TlsCertName, "tls", QT_TRANSLATE_NOOP("Field", "Certificate name"),
                      QT_TRANSLATE_NOOP("Field", "certbot --cert-name and the live/<name>/ directory used by nginx and "
                                                 "RabbitMQ. Empty: the domain."),
                      "", K::FileName),
                 [](const Project& p) -> QString { return p.text(Key::ServerDomain); });
    f << text(Key::TlsAcmeWebroot, "tls", QT_TRANSLATE_NOOP("Field", "ACME webroot"),
              QT_TRANSLATE_NOOP("Field", "Directory nginx serves /.well-known/acme-challenge/ from; certbot --webroot "
                                         "writes challenges here, so certbot never edits the site file."),
              "/var/www/letsencrypt", K::AbsolutePath);
    f << boolean(Key::TlsHsts, "tls", QT_TRANSLATE_NOOP("Field", "HSTS header"),
                 QT_TRANSLATE_NOOP("Field", "Adds Strict-Transport-Security to HTTPS responses (browsers then refuse "
                                            "plain HTTP for a year)."),
                 false);
    f << derived(text(Key::TlsRenewalHook, "tls", QT_TRANSLATE_NOOP("Field", "Renewal hook"),
                      QT_TRANSLATE_NOOP("Field", "Deploy hook certbot runs after a renewal: reloads nginx and restarts "
                                                 "RabbitMQ so they pick up the new certificate. Empty: "
                                                 "<letsencrypt>/renewal-hooks/deploy/<site>.sh."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString {
                     return p.text(Key::TlsLetsencryptDir) + QStringLiteral("/renewal-hooks/deploy/") +
                            p.text(Key::NginxSiteName) + QStringLiteral(".sh");
                 });
    f << text(Key::TlsCertGroup, "tls", QT_TRANSLATE_NOOP("Field", "Certificate reader group"),
              QT_TRANSLATE_NOOP("Field", "Group given read access to the certificate and key so RabbitMQ can use "
                                         "them."),
              "ssl-cert", K::UnixName);
}

} // namespace SchemaTable
} // namespace saltant
