#include "model/Project.h"
#include "model/SchemaTable.h"

namespace saltant {
namespace SchemaTable {

// The services around the site and the deploy target: RabbitMQ, Flower, monitoring, branding, SSH.
void appendServiceFields(QList<FieldSpec>& f)
{
    using K = ValueKind;

    // RabbitMQ
    f << boolean(Key::RabbitmqOnNetwork, "rabbitmq", QT_TRANSLATE_NOOP("Field", "Workers connect over the network"),
                 QT_TRANSLATE_NOOP("Field", "Exposes AMQP to remote Celery workers; off keeps RabbitMQ on localhost."),
                 true);
    f << text(Key::RabbitmqAdminUser, "rabbitmq", QT_TRANSLATE_NOOP("Field", "Admin user"),
              QT_TRANSLATE_NOOP("Field", "RabbitMQ user created with rabbitmqctl add_user; part of CELERY_BROKER_URL."),
              "AzureDiamond", K::Identifier);
    f << text(Key::RabbitmqVhost, "rabbitmq", QT_TRANSLATE_NOOP("Field", "Virtual host"),
              QT_TRANSLATE_NOOP("Field", "RabbitMQ vhost created with rabbitmqctl add_vhost; the path of "
                                         "CELERY_BROKER_URL."),
              "AzureDiamond_vhost", K::Identifier);
    f << derived(text(Key::RabbitmqBrokerHost, "rabbitmq", QT_TRANSLATE_NOOP("Field", "Broker host name"),
                      QT_TRANSLATE_NOOP("Field", "Host workers connect to (CELERY_BROKER_URL); must match the "
                                                 "certificate for TLS. Empty: the domain."),
                      "", K::HostOrIp),
                 [](const Project& p) -> QString { return p.text(Key::ServerDomain); });
    f << choice(Key::RabbitmqBrokerScheme, "rabbitmq", QT_TRANSLATE_NOOP("Field", "Broker URL scheme"),
                QT_TRANSLATE_NOOP("Field", "Scheme of CELERY_BROKER_URL: pyamqp (py-amqp, TLS via RABBITMQ_USES_SSL), "
                                           "amqps (TLS in the URL) or amqp (may pick librabbitmq, which has no TLS)."),
                "pyamqp", {QStringLiteral("pyamqp"), QStringLiteral("amqps"), QStringLiteral("amqp")},
                {QT_TRANSLATE_NOOP("saltant::FieldEditor", "pyamqp (py-amqp; TLS from RABBITMQ_USES_SSL)"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "amqps (TLS in the URL)"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "amqp (may use librabbitmq, no TLS)")});
    f << integer(Key::RabbitmqTcpPort, "rabbitmq", QT_TRANSLATE_NOOP("Field", "AMQP port"),
                 QT_TRANSLATE_NOOP("Field", "Plain AMQP listener, used only when TLS is off."), 5672, 1, 65535);
    f << integer(Key::RabbitmqManagementPort, "rabbitmq", QT_TRANSLATE_NOOP("Field", "Management port"),
                 QT_TRANSLATE_NOOP("Field", "Local port of the management UI, proxied by nginx."), 15672, 1, 65535);
    f << text(Key::RabbitmqManagementPrefix, "rabbitmq", QT_TRANSLATE_NOOP("Field", "Management URL path"),
              QT_TRANSLATE_NOOP("Field", "management.path_prefix in rabbitmq.conf and the nginx location that proxies "
                                         "it (RABBITMQ_MANAGEMENT_URL in .env)."),
              "rabbitmq", K::UrlPathSegment);
    f << boolean(Key::RabbitmqRemoveGuest, "rabbitmq", QT_TRANSLATE_NOOP("Field", "Delete the guest user"),
                 QT_TRANSLATE_NOOP("Field", "rabbitmqctl delete_user guest during deploy."), true);
    f << boolean(Key::RabbitmqRemoveDefaultVhost, "rabbitmq", QT_TRANSLATE_NOOP("Field", "Delete vhost /"),
                 QT_TRANSLATE_NOOP("Field", "rabbitmqctl delete_vhost / during deploy."), true);
    f << choice(Key::RabbitmqConfigFormat, "rabbitmq", QT_TRANSLATE_NOOP("Field", "Configuration format"),
                QT_TRANSLATE_NOOP("Field", "rabbitmq.conf (new sysctl-style format, RabbitMQ 3.7+) or the classic "
                                           "Erlang-terms rabbitmq.config from the guide."),
                "conf", {QStringLiteral("conf"), QStringLiteral("classic")},
                {QT_TRANSLATE_NOOP("saltant::FieldEditor", "rabbitmq.conf (new format)"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "rabbitmq.config (classic Erlang terms)")});
    f << text(Key::RabbitmqConfPath, "rabbitmq", QT_TRANSLATE_NOOP("Field", "rabbitmq.conf path"),
              QT_TRANSLATE_NOOP("Field", "Where the new-format configuration is written."),
              "/etc/rabbitmq/rabbitmq.conf", K::AbsolutePath);
    f << text(Key::RabbitmqClassicConfigPath, "rabbitmq", QT_TRANSLATE_NOOP("Field", "rabbitmq.config path"),
              QT_TRANSLATE_NOOP("Field", "Where the classic Erlang-terms configuration is written."),
              "/etc/rabbitmq/rabbitmq.config", K::AbsolutePath);
    f << text(Key::RabbitmqEnvConfPath, "rabbitmq", QT_TRANSLATE_NOOP("Field", "rabbitmq-env.conf path"),
              QT_TRANSLATE_NOOP("Field", "Where the environment file is written that binds RabbitMQ's Erlang "
                                         "distribution (epmd 4369, inter-node port 25672) to 127.0.0.1."),
              "/etc/rabbitmq/rabbitmq-env.conf", K::AbsolutePath);
    f << text(Key::RabbitmqEpmdSocketDropIn, "rabbitmq", QT_TRANSLATE_NOOP("Field", "epmd socket drop-in"),
              QT_TRANSLATE_NOOP("Field", "systemd drop-in for Debian's epmd.socket that makes epmd listen on "
                                         "127.0.0.1:4369 only (it must be in an epmd.socket.d directory)."),
              "/etc/systemd/system/epmd.socket.d/saltant-loopback.conf", K::AbsolutePath);
    f << boolean(Key::RabbitmqTlsEnabled, "rabbitmq", QT_TRANSLATE_NOOP("Field", "AMQP over TLS"),
                 QT_TRANSLATE_NOOP("Field", "RabbitMQ listens with TLS only (listeners.tcp = none, "
                                            "listeners.ssl.default) using the Let's Encrypt certificate; sets "
                                            "RABBITMQ_USES_SSL=True."),
                 true);
    f << integer(
        Key::RabbitmqTlsPort, "rabbitmq", QT_TRANSLATE_NOOP("Field", "AMQPS port"),
        QT_TRANSLATE_NOOP("Field", "listeners.ssl.default in rabbitmq.conf and the port of CELERY_BROKER_URL."), 5671,
        1, 65535);
    f << boolean(Key::RabbitmqTlsVerifyPeer, "rabbitmq", QT_TRANSLATE_NOOP("Field", "Verify client certificates"),
                 QT_TRANSLATE_NOOP("Field", "ssl_options.verify = verify_peer."), true);
    f << boolean(Key::RabbitmqTlsFailIfNoPeerCert, "rabbitmq",
                 QT_TRANSLATE_NOOP("Field", "Require client certificates"),
                 QT_TRANSLATE_NOOP("Field", "ssl_options.fail_if_no_peer_cert; saltant's workers present none, so "
                                            "leave off."),
                 false);
    f << boolean(Key::RabbitmqTlsGrantCertAccess, "rabbitmq",
                 QT_TRANSLATE_NOOP("Field", "Let RabbitMQ read certificates"),
                 QT_TRANSLATE_NOOP("Field", "Adds the rabbitmq user to the certificate reader group and gives that "
                                            "group read access to this site's certificate (live/<name>, "
                                            "archive/<name>) and to no other lineage, again after each renewal."),
                 true);

    // Flower
    f << boolean(Key::FlowerEnabled, "flower", QT_TRANSLATE_NOOP("Field", "Run Flower"),
                 QT_TRANSLATE_NOOP("Field", "Installs flower.service and proxies /<prefix>/ through nginx."), true);
    f << choice(Key::FlowerPrefixMode, "flower", QT_TRANSLATE_NOOP("Field", "Flower version"),
                QT_TRANSLATE_NOOP("Field", "Flower 0.9.5 and newer serve under --url-prefix themselves (nginx passes "
                                           "the path through); 0.9.4 and older need nginx to strip the prefix."),
                "native", {QStringLiteral("native"), QStringLiteral("strip")},
                {QT_TRANSLATE_NOOP("saltant::FieldEditor", "0.9.5 or newer"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "0.9.4 or older")});
    f << choice(Key::FlowerLauncher, "flower", QT_TRANSLATE_NOOP("Field", "Flower release"),
                QT_TRANSLATE_NOOP("Field", "How flower.service starts Flower: 1.0 and newer only as a Celery command "
                                           "(python -m celery -A APP flower), 0.9.x (saltant pins 0.9.2) as python -m "
                                           "flower -A APP. The deploy checks that the virtualenv's Flower matches."),
                "celery", {QStringLiteral("celery"), QStringLiteral("flower")},
                {QT_TRANSLATE_NOOP("saltant::FieldEditor", "Flower 1.0 and newer: celery -A APP flower"),
                 QT_TRANSLATE_NOOP("saltant::FieldEditor", "Flower 0.9.x: flower -A APP")});
    f << integer(Key::FlowerPort, "flower", QT_TRANSLATE_NOOP("Field", "Flower port"),
                 QT_TRANSLATE_NOOP("Field", "Local port Flower listens on (127.0.0.1 only), proxied by nginx."), 5555,
                 1, 65535);
    f << text(Key::FlowerUrlPrefix, "flower", QT_TRANSLATE_NOOP("Field", "URL path"),
              QT_TRANSLATE_NOOP("Field", "Flower's --url-prefix and the nginx location (FLOWER_URL in .env)."),
              "flower", K::UrlPathSegment);
    f << text(Key::FlowerUser, "flower", QT_TRANSLATE_NOOP("Field", "Login user"),
              QT_TRANSLATE_NOOP("Field", "Basic-auth user of Flower (FLOWER_BASIC_AUTH in the Flower environment "
                                         "file)."),
              "AzureDiamond", K::Identifier);
    f << text(Key::FlowerUnitPath, "flower", QT_TRANSLATE_NOOP("Field", "systemd unit"),
              QT_TRANSLATE_NOOP("Field", "Path of Flower's systemd unit."), "/etc/systemd/system/flower.service",
              K::SystemdUnitPath);
    f << derived(text(Key::FlowerEnvFile, "flower", QT_TRANSLATE_NOOP("Field", "Environment file"),
                      QT_TRANSLATE_NOOP("Field", "Holds FLOWER_BASIC_AUTH (mode 0600), read by systemd through "
                                                 "EnvironmentFile= so the password is never on a command line. Empty: "
                                                 "/etc/<site>/flower.env."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString {
                     return QStringLiteral("/etc/") + p.text(Key::NginxSiteName) + QStringLiteral("/flower.env");
                 });
    f << text(Key::FlowerDatabase, "flower", QT_TRANSLATE_NOOP("Field", "Database file"),
              QT_TRANSLATE_NOOP("Field", "Flower's --db file, relative to the project directory."), "flower.db",
              K::FileName);
    f << boolean(Key::FlowerPersistent, "flower", QT_TRANSLATE_NOOP("Field", "Persistent"),
                 QT_TRANSLATE_NOOP("Field", "Flower's --persistent: keep task history across restarts."), true);

    // Monitoring
    f << boolean(Key::RollbarEnabled, "monitoring", QT_TRANSLATE_NOOP("Field", "Rollbar error tracking"),
                 QT_TRANSLATE_NOOP("Field", "PROJECT_USES_ROLLBAR in .env; needs the Rollbar access token."), false);
    f << text(Key::RollbarProjectUrl, "monitoring", QT_TRANSLATE_NOOP("Field", "Rollbar project URL"),
              QT_TRANSLATE_NOOP("Field", "ROLLBAR_PROJECT_URL in .env, linked from the site."),
              "https://rollbar.com/fictionaljobrunner/saltant/", K::Url, true);
    f << boolean(Key::PapertrailEnabled, "monitoring", QT_TRANSLATE_NOOP("Field", "Papertrail log forwarding"),
                 QT_TRANSLATE_NOOP("Field", "Writes an rsyslog rule that forwards uWSGI and nginx logs to Papertrail."),
                 false);
    f << text(Key::PapertrailHost, "monitoring", QT_TRANSLATE_NOOP("Field", "Papertrail host"),
              QT_TRANSLATE_NOOP("Field", "Log destination host from Papertrail's setup page."),
              "logs1.papertrailapp.com", K::Hostname);
    f << integer(Key::PapertrailPort, "monitoring", QT_TRANSLATE_NOOP("Field", "Papertrail port"),
                 QT_TRANSLATE_NOOP("Field", "Log destination port from Papertrail's setup page."), 12345, 1, 65535);
    f << boolean(Key::PapertrailTls, "monitoring", QT_TRANSLATE_NOOP("Field", "Forward over TLS"),
                 QT_TRANSLATE_NOOP("Field", "Sends logs over TLS (rsyslog gtls driver, package rsyslog-gnutls)."),
                 true);
    f << text(Key::PapertrailConfigPath, "monitoring", QT_TRANSLATE_NOOP("Field", "rsyslog rule"),
              QT_TRANSLATE_NOOP("Field", "Path of the rsyslog configuration snippet."),
              "/etc/rsyslog.d/95-papertrail.conf", K::AbsolutePath);
    f << text(Key::AwsAccessKeyId, "monitoring", QT_TRANSLATE_NOOP("Field", "AWS access key id"),
              QT_TRANSLATE_NOOP("Field", "AWS_ACCESS_KEY_ID in .env, for archiving job logs to S3."), "", K::AwsKeyId,
              true);
    f << text(Key::AwsLogsBucketName, "monitoring", QT_TRANSLATE_NOOP("Field", "S3 logs bucket"),
              QT_TRANSLATE_NOOP("Field", "AWS_LOGS_BUCKET_NAME in .env."), "", K::BucketName, true);

    // Branding
    f << image(text(Key::BrandingLogoFile, "branding", QT_TRANSLATE_NOOP("Field", "Logo (PNG, 1:1)"),
                    QT_TRANSLATE_NOOP("Field", "A square PNG on this computer, uploaded as the site logo before "
                                               "collectstatic."),
                    "", K::LocalPath, true),
               QT_TRANSLATE_NOOP("saltant::FieldEditor", "PNG images (*.png);;All files (*)"), ImagePreview::SquarePng);
    f << image(text(Key::BrandingFaviconFile, "branding", QT_TRANSLATE_NOOP("Field", "Favicon (ICO)"),
                    QT_TRANSLATE_NOOP("Field", "An .ico file on this computer, uploaded as the site favicon before "
                                               "collectstatic."),
                    "", K::LocalPath, true),
               QT_TRANSLATE_NOOP("saltant::FieldEditor", "Icons (*.ico);;All files (*)"), ImagePreview::Icon);
    f << derived(text(Key::BrandingLogoTarget, "branding", QT_TRANSLATE_NOOP("Field", "Logo on the server"),
                      QT_TRANSLATE_NOOP("Field", "Where the logo goes in the project's static sources. Empty: "
                                                 "<project>/splashpage/static/splashpage/img/logo.png."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString {
                     return under(p, Key::DjangoProjectDir, "/splashpage/static/splashpage/img/logo.png");
                 });
    f << derived(text(Key::BrandingFaviconTarget, "branding", QT_TRANSLATE_NOOP("Field", "Favicon on the server"),
                      QT_TRANSLATE_NOOP("Field", "Where the favicon goes in the project's static sources. Empty: "
                                                 "<project>/splashpage/static/splashpage/favicon/favicon.ico."),
                      "", K::AbsolutePath),
                 [](const Project& p) -> QString {
                     return under(p, Key::DjangoProjectDir, "/splashpage/static/splashpage/favicon/favicon.ico");
                 });

    // Deploy target
    f << text(Key::SshHost, "ssh", QT_TRANSLATE_NOOP("Field", "SSH host"),
              QT_TRANSLATE_NOOP("Field", "Host name, address or ~/.ssh/config alias of the server to deploy to."),
              "www.fictionaljobrunner.com", K::HostOrIp);
    f << integer(Key::SshPort, "ssh", QT_TRANSLATE_NOOP("Field", "SSH port"),
                 QT_TRANSLATE_NOOP("Field", "Port of the server's sshd (an alias in ~/.ssh/config may override it)."),
                 22, 1, 65535);
    f << text(Key::SshUser, "ssh", QT_TRANSLATE_NOOP("Field", "SSH user"),
              QT_TRANSLATE_NOOP("Field", "Login user; anyone but root deploys through sudo."), "ubuntu", K::UnixName);
    f << text(Key::SshIdentityFile, "ssh", QT_TRANSLATE_NOOP("Field", "Identity file"),
              QT_TRANSLATE_NOOP("Field", "Private key to log in with when ssh-agent has none; its passphrase is kept "
                                         "in the keychain."),
              "~/.ssh/id_ed25519", K::LocalPath, true);
    f << text(Key::SshKnownHostsFile, "ssh", QT_TRANSLATE_NOOP("Field", "known_hosts file"),
              QT_TRANSLATE_NOOP("Field", "OpenSSH known_hosts file the server's host key is checked against."),
              "~/.ssh/known_hosts", K::LocalPath);
}

} // namespace SchemaTable
} // namespace saltant
