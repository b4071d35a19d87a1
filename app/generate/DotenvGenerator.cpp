#include "generate/DotenvGenerator.h"

#include "generate/Quote.h"
#include "model/SettingKeys.h"

namespace saltant {
namespace {

QString pythonBool(bool value)
{
    return value ? QStringLiteral("True") : QStringLiteral("False");
}

class Lines
{
public:
    explicit Lines(qsizetype size) { m_out.reserve(size); } // the lines without growing
    void comment(const QString& text) { m_out += QStringLiteral("# ") + text + QLatin1Char('\n'); }
    void blank() { m_out += QLatin1Char('\n'); }
    // Booleans and integers are written bare: saltant compares them to exactly "True"/"False" or int()s them.
    void bare(const char* name, const QString& value)
    {
        m_out += QLatin1String(name) + QLatin1Char('=') + value + QLatin1Char('\n');
    }
    void quoted(const char* name, const QString& value) { bare(name, Quote::dotenv(value)); }
    void raw(const QString& lines) { m_out += lines; }
    QString text() const { return m_out; }

private:
    QString m_out;
};

// The worker's own settings: directories, Singularity, the broker pool.
QString workerLines(const GenerateContext& c, bool worker)
{
    Lines l(1024);
    l.comment(QStringLiteral("Celery worker environment (Django and workers)"));
    l.bare("IM_A_CELERY_WORKER", pythonBool(worker || c.flag(Key::CeleryImACeleryWorker)));
    l.bare("DEBUG", pythonBool(c.flag(Key::DjangoDebug)));
    l.quoted("WORKER_LOGS_DIRECTORY", c.text(Key::WorkerLogsDirectory));
    l.quoted("WORKER_RESULTS_DIRECTORY", c.text(Key::WorkerResultsDirectory));
    l.quoted("WORKER_TEMP_DIRECTORY", c.text(Key::WorkerTempDirectory));
    l.quoted("WORKER_SINGULARITY_IMAGES_DIRECTORY", c.text(Key::WorkerSingularityImagesDirectory));
    l.bare("SINGULARITY_PULL_TIMEOUT", QString::number(c.integer(Key::WorkerSingularityPullTimeout)));
    l.bare("SINGULARITY_PULL_RETRIES", QString::number(c.integer(Key::WorkerSingularityPullRetries)));
    l.bare("CELERY_BROKER_POOL_LIMIT", QString::number(c.integer(Key::CeleryBrokerPoolLimit)));
    return l.text();
}

// Where the worker finds the broker and the site: their host names, URLs and tokens.
QString brokerAndSiteLines(const GenerateContext& c)
{
    const SiteFacts& f = c.facts();
    Lines l(1024);
    const QString brokerUrl = f.brokerScheme() + QStringLiteral("://") +
                              Quote::urlComponent(c.text(Key::RabbitmqAdminUser)) + QLatin1Char(':') +
                              c.secretForUrl(QStringLiteral("rabbitmq.password")) + QLatin1Char('@') +
                              f.brokerUrlHost() + QLatin1Char(':') + QString::number(f.amqpPort()) + QLatin1Char('/') +
                              Quote::urlComponent(c.text(Key::RabbitmqVhost));
    l.quoted("CELERY_BROKER_URL", brokerUrl);
    l.quoted("CELERY_TIMEZONE", c.text(Key::CeleryTimeZone));
    l.bare("RABBITMQ_USES_SSL", pythonBool(f.amqpTls()));
    l.quoted("DJANGO_BASE_URL", f.baseUrl());
    l.quoted("API_AUTH_TOKEN", c.secret(QStringLiteral("django.apiToken")));
    const bool rollbar = c.flag(Key::RollbarEnabled);
    l.bare("PROJECT_USES_ROLLBAR", pythonBool(rollbar));
    l.quoted("ROLLBAR_ACCESS_TOKEN", rollbar || c.hasSecret(QStringLiteral("rollbar.token"))
                                         ? c.secret(QStringLiteral("rollbar.token"))
                                         : QString());
    return l.text();
}

// The Django lines that name the site (its hosts and URLs).
QString siteLines(const GenerateContext& c)
{
    const SiteFacts& f = c.facts();
    Lines l(1024);
    l.quoted("PROJECT_NAME", c.text(Key::DjangoProjectName));
    // saltant strips every ' and splits on commas; each host is quoted the way its .env.example shows.
    QStringList hosts;
    for (const QString& host : f.allowedHosts()) {
        hosts << Quote::dotenv(host);
    }
    l.bare("ALLOWED_HOSTS", hosts.join(QLatin1Char(',')));
    l.quoted("SECRET_KEY", c.secret(QStringLiteral("django.secretKey")));
    l.quoted("ROLLBAR_PROJECT_URL", c.text(Key::RollbarProjectUrl));
    l.quoted("RABBITMQ_MANAGEMENT_URL", f.managementUrl());
    l.quoted("FLOWER_URL", f.flowerUrl());
    return l.text();
}

// The Django lines of the services it uses (tokens, database, mail, AWS).
QString serviceLines(const GenerateContext& c)
{
    Lines l(1536);
    l.bare("JWT_ACCESS_TOKEN_LIFETIME", QString::number(c.integer(Key::DjangoJwtAccessTokenLifetime)));
    l.bare("JWT_REFRESH_TOKEN_LIFETIME", QString::number(c.integer(Key::DjangoJwtRefreshTokenLifetime)));
    l.quoted("DEFAULT_TASK_CLASS", c.text(Key::DjangoDefaultTaskClass));
    l.quoted("TIME_ZONE", c.text(Key::DjangoTimeZone));
    l.quoted("DATABASE_NAME", c.text(Key::DatabaseName));
    l.quoted("DATABASE_USER", c.text(Key::DatabaseUser));
    l.quoted("DATABASE_USER_PASSWORD", c.secret(QStringLiteral("database.password")));
    l.quoted("DATABASE_HOST", c.text(Key::DatabaseHost));
    l.quoted("DATABASE_PORT", QString::number(c.integer(Key::DatabasePort)));
    l.quoted("EMAIL_HOST", c.text(Key::EmailHost));
    l.quoted("EMAIL_HOST_USER", c.text(Key::EmailUser));
    l.quoted("EMAIL_HOST_PASSWORD", c.text(Key::EmailUser).isEmpty() && !c.hasSecret(QStringLiteral("email.password"))
                                        ? QString()
                                        : c.secret(QStringLiteral("email.password")));
    l.bare("EMAIL_PORT", QString::number(c.integer(Key::EmailPort)));
    l.bare("EMAIL_USE_TLS", pythonBool(c.flag(Key::EmailUseTls)));
    l.quoted("DEFAULT_FROM_EMAIL", c.text(Key::EmailFromAddress));
    const bool aws = !c.text(Key::AwsAccessKeyId).isEmpty();
    l.quoted("AWS_ACCESS_KEY_ID", c.text(Key::AwsAccessKeyId));
    l.quoted("AWS_SECRET_ACCESS_KEY", aws || c.hasSecret(QStringLiteral("aws.secretKey"))
                                          ? c.secret(QStringLiteral("aws.secretKey"))
                                          : QString());
    l.quoted("AWS_LOGS_BUCKET_NAME", c.text(Key::AwsLogsBucketName));
    return l.text();
}

} // namespace

QString DotenvGenerator::celeryWorkerEnvironment(const GenerateContext& c, bool worker)
{
    // In parts (GenerateContext::part()), so an edit of the domain leaves the worker's own lines as they were.
    return c.part("worker", [&c, worker] { return workerLines(c, worker); }) +
           c.part("broker-and-site", [&c] { return brokerAndSiteLines(c); });
}

GeneratedFile DotenvGenerator::generate(const GenerateContext& c) const
{
    const SiteFacts& f = c.facts();
    Lines l(4096);
    l.comment(QStringLiteral("saltant environment, read by settings.py through django-dotenv."));
    l.comment(QStringLiteral("Generated by Saltant Deploy: edit the project and deploy rather than this file."));
    l.comment(QStringLiteral("Values are single-quoted, so $, # and quotes in them are taken literally."));
    l.blank();
    l.raw(celeryWorkerEnvironment(c, false));
    l.blank();
    l.comment(QStringLiteral("Django environment"));
    // In parts (GenerateContext::part()), so an edit of the domain leaves the services' lines as they were.
    l.raw(c.part("site", [&c] { return siteLines(c); }));
    l.raw(c.part("services", [&c] { return serviceLines(c); }));

    GeneratedFile file;
    file.id = id();
    file.remotePath = f.envPath();
    file.mode = 0640;
    file.owner = c.text(Key::ServerDeployUser);
    file.group = c.text(Key::ServerWebGroup);
    file.format = FileFormat::Dotenv;
    file.content = l.text();
    file.holdsSecrets = true;
    return file;
}

} // namespace saltant
