#include "import/ServerFiles.h"
#include "import/ServerImporter.h"
#include "parse/DotenvParser.h"

#include <QUrl>

namespace saltant {
namespace {

QString pythonBoolText(const QString& value)
{
    return value == QLatin1String("True") ? QStringLiteral("true") : QStringLiteral("false");
}

} // namespace

void ServerImporter::importDotenv()
{
    const QString path = m_result.project.text(Key::DjangoProjectDir) + QStringLiteral("/.env");
    if (!m_imported.contains(Key::DjangoProjectDir.name())) {
        return;
    }
    const ServerFile file = readFile(path);
    if (!file.ok()) {
        return;
    }
    found(QStringLiteral("dotenv"), path);
    const DotenvParser::Result env = DotenvParser::parse(file.text);
    if (!env.error.isNull()) {
        problem(path, env.error.line, env.error.message);
    }
    const auto lineOf = [&](const QString& name) {
        const int index = int(env.keys.lastIndexOf(name));
        return index < 0 ? 0 : env.keyLines.at(index);
    };
    const auto has = [&](const char* name) {
        return env.values.contains(QLatin1String(name));
    };
    const auto value = [&](const char* name) {
        return env.values.value(QLatin1String(name));
    };
    const auto take = [&](const char* name, SettingKey key) {
        if (has(name)) {
            set(key, value(name), path, lineOf(QLatin1String(name)));
        }
    };
    const auto takeBool = [&](const char* name, SettingKey key) {
        if (has(name)) {
            set(key, pythonBoolText(value(name)), path, lineOf(QLatin1String(name)));
        }
    };
    const auto secret = [&](const char* name, const char* secretName) {
        if (has(name)) {
            setSecret(QLatin1String(secretName), value(name), path, lineOf(QLatin1String(name)));
        }
    };

    // The site: the host of DJANGO_BASE_URL and the allowed hosts give the domain, its www alias and the extras.
    const QUrl base(value("DJANGO_BASE_URL"));
    if (has("DJANGO_BASE_URL") && base.isValid() && !base.host().isEmpty()) {
        const int line = lineOf(QStringLiteral("DJANGO_BASE_URL"));
        const QString host = base.host();
        QStringList hosts;
        for (const QString& h : value("ALLOWED_HOSTS").remove(QLatin1Char('\'')).split(QLatin1Char(','))) {
            if (!h.trimmed().isEmpty()) {
                hosts << h.trimmed();
            }
        }
        const bool canonicalWww = host.startsWith(QLatin1String("www.")) && hosts.contains(host.mid(4));
        const QString domain = canonicalWww ? host.mid(4) : host;
        const bool www = hosts.contains(QStringLiteral("www.") + domain);
        set(Key::ServerDomain, domain, path, line);
        set(Key::ServerWwwAlias, www ? QStringLiteral("true") : QStringLiteral("false"), path,
            lineOf(QStringLiteral("ALLOWED_HOSTS")));
        set(Key::ServerCanonicalWww, canonicalWww ? QStringLiteral("true") : QStringLiteral("false"), path, line);
        QStringList extra;
        for (const QString& h : std::as_const(hosts)) {
            if (h != domain && h != QStringLiteral("www.") + domain) {
                extra << h;
            }
        }
        set(Key::ServerExtraAllowedHosts, extra.join(QLatin1Char(',')), path, lineOf(QStringLiteral("ALLOWED_HOSTS")));
        set(Key::TlsEnabled, base.scheme() == QLatin1String("https") ? QStringLiteral("true") : QStringLiteral("false"),
            path, line);
    }

    takeBool("IM_A_CELERY_WORKER", Key::CeleryImACeleryWorker);
    takeBool("DEBUG", Key::DjangoDebug);
    take("WORKER_LOGS_DIRECTORY", Key::WorkerLogsDirectory);
    take("WORKER_RESULTS_DIRECTORY", Key::WorkerResultsDirectory);
    take("WORKER_TEMP_DIRECTORY", Key::WorkerTempDirectory);
    take("WORKER_SINGULARITY_IMAGES_DIRECTORY", Key::WorkerSingularityImagesDirectory);
    take("SINGULARITY_PULL_TIMEOUT", Key::WorkerSingularityPullTimeout);
    take("SINGULARITY_PULL_RETRIES", Key::WorkerSingularityPullRetries);
    take("CELERY_BROKER_POOL_LIMIT", Key::CeleryBrokerPoolLimit);
    take("CELERY_TIMEZONE", Key::CeleryTimeZone);
    if (has("CELERY_BROKER_URL")) {
        importBrokerUrl(value("CELERY_BROKER_URL"), value("RABBITMQ_USES_SSL") == QLatin1String("True"), path,
                        lineOf(QStringLiteral("CELERY_BROKER_URL")));
    }
    secret("API_AUTH_TOKEN", "django.apiToken");
    takeBool("PROJECT_USES_ROLLBAR", Key::RollbarEnabled);
    secret("ROLLBAR_ACCESS_TOKEN", "rollbar.token");
    take("PROJECT_NAME", Key::DjangoProjectName);
    secret("SECRET_KEY", "django.secretKey");
    take("ROLLBAR_PROJECT_URL", Key::RollbarProjectUrl);
    if (has("RABBITMQ_MANAGEMENT_URL")) {
        set(Key::RabbitmqManagementPrefix, trimSlashes(QUrl(value("RABBITMQ_MANAGEMENT_URL")).path(), true), path,
            lineOf(QStringLiteral("RABBITMQ_MANAGEMENT_URL")));
    }
    if (has("FLOWER_URL")) {
        const int line = lineOf(QStringLiteral("FLOWER_URL"));
        const bool flower = !value("FLOWER_URL").isEmpty();
        set(Key::FlowerEnabled, flower ? QStringLiteral("true") : QStringLiteral("false"), path, line);
        if (flower) {
            set(Key::FlowerUrlPrefix, trimSlashes(QUrl(value("FLOWER_URL")).path(), true), path, line);
        }
    }
    take("JWT_ACCESS_TOKEN_LIFETIME", Key::DjangoJwtAccessTokenLifetime);
    take("JWT_REFRESH_TOKEN_LIFETIME", Key::DjangoJwtRefreshTokenLifetime);
    take("DEFAULT_TASK_CLASS", Key::DjangoDefaultTaskClass);
    take("TIME_ZONE", Key::DjangoTimeZone);
    take("DATABASE_NAME", Key::DatabaseName);
    take("DATABASE_USER", Key::DatabaseUser);
    secret("DATABASE_USER_PASSWORD", "database.password");
    take("DATABASE_HOST", Key::DatabaseHost);
    take("DATABASE_PORT", Key::DatabasePort);
    take("EMAIL_HOST", Key::EmailHost);
    take("EMAIL_HOST_USER", Key::EmailUser);
    secret("EMAIL_HOST_PASSWORD", "email.password");
    take("EMAIL_PORT", Key::EmailPort);
    takeBool("EMAIL_USE_TLS", Key::EmailUseTls);
    take("DEFAULT_FROM_EMAIL", Key::EmailFromAddress);
    take("AWS_ACCESS_KEY_ID", Key::AwsAccessKeyId);
    secret("AWS_SECRET_ACCESS_KEY", "aws.secretKey");
    take("AWS_LOGS_BUCKET_NAME", Key::AwsLogsBucketName);
    // RABBITMQ_USES_SSL: TLS to the broker, when the broker is on the network and the site has a certificate.
    if (has("RABBITMQ_USES_SSL") && m_result.project.flag(Key::RabbitmqOnNetwork) &&
        m_result.project.flag(Key::TlsEnabled)) {
        takeBool("RABBITMQ_USES_SSL", Key::RabbitmqTlsEnabled);
    }
}

// scheme://USER:PASSWORD@HOST:PORT/VHOST, user, password and vhost percent-encoded.
void ServerImporter::importBrokerUrl(const QString& url, bool tls, const QString& file, int line)
{
    const qsizetype schemeEnd = url.indexOf(QStringLiteral("://"));
    const qsizetype at = url.lastIndexOf(QLatin1Char('@'));
    if (schemeEnd <= 0 || at < schemeEnd) {
        problem(file, line,
                tr("CELERY_BROKER_URL is not scheme://user:password@host:port/vhost; the broker "
                   "settings keep the example's values."));
        return;
    }
    set(Key::RabbitmqBrokerScheme, url.left(schemeEnd), file, line);
    const QString userInfo = url.mid(schemeEnd + 3, at - schemeEnd - 3);
    const qsizetype colon = userInfo.indexOf(QLatin1Char(':'));
    set(Key::RabbitmqAdminUser, QUrl::fromPercentEncoding(userInfo.left(colon).toUtf8()), file, line);
    if (colon >= 0) {
        setSecret(QStringLiteral("rabbitmq.password"), QUrl::fromPercentEncoding(userInfo.mid(colon + 1).toUtf8()),
                  file, line);
    }
    const QString rest = url.mid(at + 1);
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    const QString hostPort = slash < 0 ? rest : rest.left(slash);
    if (slash >= 0) {
        set(Key::RabbitmqVhost, QUrl::fromPercentEncoding(rest.mid(slash + 1).toUtf8()), file, line);
    }
    QString host = hostPort;
    QString port;
    const qsizetype portColon = hostPort.lastIndexOf(QLatin1Char(':'));
    if (portColon > hostPort.lastIndexOf(QLatin1Char(']'))) {
        host = hostPort.left(portColon);
        port = hostPort.mid(portColon + 1);
    }
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
        host = host.mid(1, host.size() - 2);
    }
    const bool local = host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1");
    set(Key::RabbitmqOnNetwork, local ? QStringLiteral("false") : QStringLiteral("true"), file, line);
    if (!local) {
        set(Key::RabbitmqBrokerHost, host, file, line);
    }
    if (!port.isEmpty()) {
        set(tls && !local ? Key::RabbitmqTlsPort : Key::RabbitmqTcpPort, port, file, line);
    }
}

} // namespace saltant
