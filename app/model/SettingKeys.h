#pragma once

// The one definition of every setting key: the constants between the GENERATED markers are written from the schema
// table by scripts/setting-keys.py (TestSchema checks that table and constants agree); the class is hand-written.

#include <QCoreApplication>
#include <QHashFunctions>
#include <QString>
#include <QStringBuilder>
#include <cstring>
#include <optional>

namespace saltant {

// The name of one setting of the schema ("tls.enabled"). Only the constants in namespace Key below and parse()
// make one, so a misspelt key is a compile error in code and a named error in input (project file, --set, `set`).
class SettingKey
{
    Q_DECLARE_TR_FUNCTIONS(saltant::SettingKey)

public:
    constexpr SettingKey() : m_name(""), m_hash(hashOf("")) {} // no setting; a FieldSpec before the table fills it
    constexpr explicit SettingKey(const char* name) : m_name(name), m_hash(hashOf(name)) {}
    SettingKey(const QString&) = delete; // no implicit or explicit way from text: use parse()

    QString name() const { return QString::fromLatin1(m_name); }
    // Keys print, hash and compare as their text wherever text is expected (messages, JSON, QHash<QString, ...>).
    operator QString() const { return name(); }
    bool isEmpty() const { return m_name[0] == '\0'; }
    const char* latin1() const { return m_name; }

    // The key named by text, or nullopt with *error naming the unknown key and what to do
    // ("There is no setting \"tls.enabld\"; `saltant-deploy-cli settings` lists them all.").
    static std::optional<SettingKey> parse(const QString& text, QString* error = nullptr);

    // The model looks keys up on every read: equal pointers (the same constant) or different hashes answer without
    // comparing the text.
    friend bool operator==(SettingKey a, SettingKey b)
    {
        return a.m_name == b.m_name || (a.m_hash == b.m_hash && std::strcmp(a.m_name, b.m_name) == 0);
    }
    friend bool operator!=(SettingKey a, SettingKey b) { return !(a == b); }
    friend bool operator==(const QString& text, SettingKey key) { return text == QLatin1String(key.m_name); }
    friend bool operator==(SettingKey key, const QString& text) { return text == QLatin1String(key.m_name); }
    friend bool operator!=(const QString& text, SettingKey key) { return !(text == key); }
    friend bool operator!=(SettingKey key, const QString& text) { return !(text == key); }

    // FNV-1a of the name, computed when the key is made (at compile time for the constants).
    size_t hash() const { return m_hash; }

private:
    static constexpr size_t hashOf(const char* name)
    {
        size_t h = size_t(14695981039346656037ULL);
        for (; *name; ++name) {
            h = (h ^ static_cast<unsigned char>(*name)) * size_t(1099511628211ULL);
        }
        return h;
    }

    const char* m_name;
    size_t m_hash;
};

inline size_t qHash(SettingKey key, size_t seed = 0)
{
    return key.hash() ^ seed;
}

} // namespace saltant

// "prefix" + key with QT_USE_QSTRINGBUILDER: a key concatenates as its Latin-1 text.
template<>
struct QConcatenable<saltant::SettingKey> : private QAbstractConcatenable
{
    typedef saltant::SettingKey type;
    typedef QString ConvertTo;
    enum
    {
        ExactSize = true
    };
    static qsizetype size(const saltant::SettingKey& key) { return qsizetype(std::strlen(key.latin1())); }
    static inline void appendTo(const saltant::SettingKey& key, QChar*& out)
    {
        const QLatin1StringView text(key.latin1());
        appendLatin1To(text, out);
        out += text.size();
    }
};

namespace saltant {
namespace Key {
// BEGIN GENERATED KEYS
inline constexpr SettingKey RabbitmqOnNetwork{"rabbitmq.onNetwork"};
inline constexpr SettingKey RabbitmqAdminUser{"rabbitmq.adminUser"};
inline constexpr SettingKey RabbitmqVhost{"rabbitmq.vhost"};
inline constexpr SettingKey RabbitmqBrokerHost{"rabbitmq.brokerHost"};
inline constexpr SettingKey RabbitmqBrokerScheme{"rabbitmq.brokerScheme"};
inline constexpr SettingKey RabbitmqTcpPort{"rabbitmq.tcpPort"};
inline constexpr SettingKey RabbitmqManagementPort{"rabbitmq.managementPort"};
inline constexpr SettingKey RabbitmqManagementPrefix{"rabbitmq.managementPrefix"};
inline constexpr SettingKey RabbitmqRemoveGuest{"rabbitmq.removeGuest"};
inline constexpr SettingKey RabbitmqRemoveDefaultVhost{"rabbitmq.removeDefaultVhost"};
inline constexpr SettingKey RabbitmqConfigFormat{"rabbitmq.configFormat"};
inline constexpr SettingKey RabbitmqConfPath{"rabbitmq.confPath"};
inline constexpr SettingKey RabbitmqClassicConfigPath{"rabbitmq.classicConfigPath"};
inline constexpr SettingKey RabbitmqEnvConfPath{"rabbitmq.envConfPath"};
inline constexpr SettingKey RabbitmqEpmdSocketDropIn{"rabbitmq.epmdSocketDropIn"};
inline constexpr SettingKey RabbitmqTlsEnabled{"rabbitmqTls.enabled"};
inline constexpr SettingKey RabbitmqTlsPort{"rabbitmqTls.port"};
inline constexpr SettingKey RabbitmqTlsVerifyPeer{"rabbitmqTls.verifyPeer"};
inline constexpr SettingKey RabbitmqTlsFailIfNoPeerCert{"rabbitmqTls.failIfNoPeerCert"};
inline constexpr SettingKey RabbitmqTlsGrantCertAccess{"rabbitmqTls.grantCertAccess"};
inline constexpr SettingKey FlowerEnabled{"flower.enabled"};
inline constexpr SettingKey FlowerPrefixMode{"flower.prefixMode"};
inline constexpr SettingKey FlowerLauncher{"flower.launcher"};
inline constexpr SettingKey FlowerPort{"flower.port"};
inline constexpr SettingKey FlowerUrlPrefix{"flower.urlPrefix"};
inline constexpr SettingKey FlowerUser{"flower.user"};
inline constexpr SettingKey FlowerUnitPath{"flower.unitPath"};
inline constexpr SettingKey FlowerEnvFile{"flower.envFile"};
inline constexpr SettingKey FlowerDatabase{"flower.database"};
inline constexpr SettingKey FlowerPersistent{"flower.persistent"};
inline constexpr SettingKey RollbarEnabled{"rollbar.enabled"};
inline constexpr SettingKey RollbarProjectUrl{"rollbar.projectUrl"};
inline constexpr SettingKey PapertrailEnabled{"papertrail.enabled"};
inline constexpr SettingKey PapertrailHost{"papertrail.host"};
inline constexpr SettingKey PapertrailPort{"papertrail.port"};
inline constexpr SettingKey PapertrailTls{"papertrail.tls"};
inline constexpr SettingKey PapertrailConfigPath{"papertrail.configPath"};
inline constexpr SettingKey AwsAccessKeyId{"aws.accessKeyId"};
inline constexpr SettingKey AwsLogsBucketName{"aws.logsBucketName"};
inline constexpr SettingKey BrandingLogoFile{"branding.logoFile"};
inline constexpr SettingKey BrandingFaviconFile{"branding.faviconFile"};
inline constexpr SettingKey BrandingLogoTarget{"branding.logoTarget"};
inline constexpr SettingKey BrandingFaviconTarget{"branding.faviconTarget"};
inline constexpr SettingKey SshHost{"ssh.host"};
inline constexpr SettingKey SshPort{"ssh.port"};
inline constexpr SettingKey SshUser{"ssh.user"};
inline constexpr SettingKey SshIdentityFile{"ssh.identityFile"};
inline constexpr SettingKey SshKnownHostsFile{"ssh.knownHostsFile"};
inline constexpr SettingKey ServerDomain{"server.domain"};
inline constexpr SettingKey ServerWwwAlias{"server.wwwAlias"};
inline constexpr SettingKey ServerCanonicalWww{"server.canonicalWww"};
inline constexpr SettingKey ServerExtraAllowedHosts{"server.extraAllowedHosts"};
inline constexpr SettingKey ServerDeployUser{"server.deployUser"};
inline constexpr SettingKey ServerWebGroup{"server.webGroup"};
inline constexpr SettingKey ServerStateDirectory{"server.stateDirectory"};
inline constexpr SettingKey ServerHistoryDepth{"server.historyDepth"};
inline constexpr SettingKey DjangoProjectDir{"django.projectDir"};
inline constexpr SettingKey DjangoVenvDir{"django.venvDir"};
inline constexpr SettingKey DjangoWsgiModule{"django.wsgiModule"};
inline constexpr SettingKey DjangoCeleryApp{"django.celeryApp"};
inline constexpr SettingKey DjangoProjectName{"django.projectName"};
inline constexpr SettingKey DjangoDebug{"django.debug"};
inline constexpr SettingKey DjangoTimeZone{"django.timeZone"};
inline constexpr SettingKey DjangoJwtAccessTokenLifetime{"django.jwtAccessTokenLifetime"};
inline constexpr SettingKey DjangoJwtRefreshTokenLifetime{"django.jwtRefreshTokenLifetime"};
inline constexpr SettingKey DjangoDefaultTaskClass{"django.defaultTaskClass"};
inline constexpr SettingKey DjangoStaticDir{"django.staticDir"};
inline constexpr SettingKey CeleryTimeZone{"celery.timeZone"};
inline constexpr SettingKey CeleryBrokerPoolLimit{"celery.brokerPoolLimit"};
inline constexpr SettingKey CeleryImACeleryWorker{"celery.imACeleryWorker"};
inline constexpr SettingKey WorkerLogsDirectory{"worker.logsDirectory"};
inline constexpr SettingKey WorkerResultsDirectory{"worker.resultsDirectory"};
inline constexpr SettingKey WorkerTempDirectory{"worker.tempDirectory"};
inline constexpr SettingKey WorkerSingularityImagesDirectory{"worker.singularityImagesDirectory"};
inline constexpr SettingKey WorkerSingularityPullTimeout{"worker.singularityPullTimeout"};
inline constexpr SettingKey WorkerSingularityPullRetries{"worker.singularityPullRetries"};
inline constexpr SettingKey EmailHost{"email.host"};
inline constexpr SettingKey EmailPort{"email.port"};
inline constexpr SettingKey EmailUser{"email.user"};
inline constexpr SettingKey EmailUseTls{"email.useTls"};
inline constexpr SettingKey EmailFromAddress{"email.fromAddress"};
inline constexpr SettingKey DatabaseName{"database.name"};
inline constexpr SettingKey DatabaseUser{"database.user"};
inline constexpr SettingKey DatabaseHost{"database.host"};
inline constexpr SettingKey DatabasePort{"database.port"};
inline constexpr SettingKey DatabaseProvision{"database.provision"};
inline constexpr SettingKey UwsgiInstall{"uwsgi.install"};
inline constexpr SettingKey UwsgiBinary{"uwsgi.binary"};
inline constexpr SettingKey UwsgiEmperorIni{"uwsgi.emperorIni"};
inline constexpr SettingKey UwsgiVassalsDir{"uwsgi.vassalsDir"};
inline constexpr SettingKey UwsgiVassalName{"uwsgi.vassalName"};
inline constexpr SettingKey UwsgiUser{"uwsgi.user"};
inline constexpr SettingKey UwsgiProcesses{"uwsgi.processes"};
inline constexpr SettingKey UwsgiSocketPath{"uwsgi.socketPath"};
inline constexpr SettingKey UwsgiLogFile{"uwsgi.logFile"};
inline constexpr SettingKey UwsgiUnitPath{"uwsgi.unitPath"};
inline constexpr SettingKey NginxSiteName{"nginx.siteName"};
inline constexpr SettingKey NginxSitesAvailableDir{"nginx.sitesAvailableDir"};
inline constexpr SettingKey NginxSitesEnabledDir{"nginx.sitesEnabledDir"};
inline constexpr SettingKey NginxClientMaxBodySize{"nginx.clientMaxBodySize"};
inline constexpr SettingKey NginxListenIpv6{"nginx.listenIpv6"};
inline constexpr SettingKey NginxUwsgiParams{"nginx.uwsgiParams"};
inline constexpr SettingKey TlsEnabled{"tls.enabled"};
inline constexpr SettingKey TlsEmail{"tls.email"};
inline constexpr SettingKey TlsAcmeServer{"tls.acmeServer"};
inline constexpr SettingKey TlsAcmeCaFile{"tls.acmeCaFile"};
inline constexpr SettingKey TlsLetsencryptDir{"tls.letsencryptDir"};
inline constexpr SettingKey TlsCertName{"tls.certName"};
inline constexpr SettingKey TlsAcmeWebroot{"tls.acmeWebroot"};
inline constexpr SettingKey TlsHsts{"tls.hsts"};
inline constexpr SettingKey TlsRenewalHook{"tls.renewalHook"};
inline constexpr SettingKey TlsCertGroup{"tls.certGroup"};
inline constexpr SettingKey WorkersQueues{"workers.queues"};
inline constexpr SettingKey WorkersKnownQueues{"workers.knownQueues"};
inline constexpr SettingKey WorkersConcurrency{"workers.concurrency"};
inline constexpr SettingKey WorkersUser{"workers.user"};
inline constexpr SettingKey WorkersProjectDir{"workers.projectDir"};
inline constexpr SettingKey WorkersVenvDir{"workers.venvDir"};
inline constexpr SettingKey WorkersUnitPath{"workers.unitPath"};
inline constexpr SettingKey WorkersStopTimeout{"workers.stopTimeout"};
inline constexpr SettingKey WorkersContainerRuntime{"workers.containerRuntime"};
inline constexpr SettingKey WorkersExtraEnv{"workers.extraEnv"};
inline constexpr SettingKey WorkersSecretEnv{"workers.secretEnv"};
inline constexpr SettingKey WorkersLogShipping{"workers.logShipping"};
inline constexpr SettingKey WorkersLogBucket{"workers.logBucket"};
inline constexpr SettingKey WorkersLogInterval{"workers.logInterval"};
// Every key, in schema order (SettingKey::parse() and the schema test read it).
inline constexpr SettingKey All[] = {
    RabbitmqOnNetwork,
    RabbitmqAdminUser,
    RabbitmqVhost,
    RabbitmqBrokerHost,
    RabbitmqBrokerScheme,
    RabbitmqTcpPort,
    RabbitmqManagementPort,
    RabbitmqManagementPrefix,
    RabbitmqRemoveGuest,
    RabbitmqRemoveDefaultVhost,
    RabbitmqConfigFormat,
    RabbitmqConfPath,
    RabbitmqClassicConfigPath,
    RabbitmqEnvConfPath,
    RabbitmqEpmdSocketDropIn,
    RabbitmqTlsEnabled,
    RabbitmqTlsPort,
    RabbitmqTlsVerifyPeer,
    RabbitmqTlsFailIfNoPeerCert,
    RabbitmqTlsGrantCertAccess,
    FlowerEnabled,
    FlowerPrefixMode,
    FlowerLauncher,
    FlowerPort,
    FlowerUrlPrefix,
    FlowerUser,
    FlowerUnitPath,
    FlowerEnvFile,
    FlowerDatabase,
    FlowerPersistent,
    RollbarEnabled,
    RollbarProjectUrl,
    PapertrailEnabled,
    PapertrailHost,
    PapertrailPort,
    PapertrailTls,
    PapertrailConfigPath,
    AwsAccessKeyId,
    AwsLogsBucketName,
    BrandingLogoFile,
    BrandingFaviconFile,
    BrandingLogoTarget,
    BrandingFaviconTarget,
    SshHost,
    SshPort,
    SshUser,
    SshIdentityFile,
    SshKnownHostsFile,
    ServerDomain,
    ServerWwwAlias,
    ServerCanonicalWww,
    ServerExtraAllowedHosts,
    ServerDeployUser,
    ServerWebGroup,
    ServerStateDirectory,
    ServerHistoryDepth,
    DjangoProjectDir,
    DjangoVenvDir,
    DjangoWsgiModule,
    DjangoCeleryApp,
    DjangoProjectName,
    DjangoDebug,
    DjangoTimeZone,
    DjangoJwtAccessTokenLifetime,
    DjangoJwtRefreshTokenLifetime,
    DjangoDefaultTaskClass,
    DjangoStaticDir,
    CeleryTimeZone,
    CeleryBrokerPoolLimit,
    CeleryImACeleryWorker,
    WorkerLogsDirectory,
    WorkerResultsDirectory,
    WorkerTempDirectory,
    WorkerSingularityImagesDirectory,
    WorkerSingularityPullTimeout,
    WorkerSingularityPullRetries,
    EmailHost,
    EmailPort,
    EmailUser,
    EmailUseTls,
    EmailFromAddress,
    DatabaseName,
    DatabaseUser,
    DatabaseHost,
    DatabasePort,
    DatabaseProvision,
    UwsgiInstall,
    UwsgiBinary,
    UwsgiEmperorIni,
    UwsgiVassalsDir,
    UwsgiVassalName,
    UwsgiUser,
    UwsgiProcesses,
    UwsgiSocketPath,
    UwsgiLogFile,
    UwsgiUnitPath,
    NginxSiteName,
    NginxSitesAvailableDir,
    NginxSitesEnabledDir,
    NginxClientMaxBodySize,
    NginxListenIpv6,
    NginxUwsgiParams,
    TlsEnabled,
    TlsEmail,
    TlsAcmeServer,
    TlsAcmeCaFile,
    TlsLetsencryptDir,
    TlsCertName,
    TlsAcmeWebroot,
    TlsHsts,
    TlsRenewalHook,
    TlsCertGroup,
    WorkersQueues,
    WorkersKnownQueues,
    WorkersConcurrency,
    WorkersUser,
    WorkersProjectDir,
    WorkersVenvDir,
    WorkersUnitPath,
    WorkersStopTimeout,
    WorkersContainerRuntime,
    WorkersExtraEnv,
    WorkersSecretEnv,
    WorkersLogShipping,
    WorkersLogBucket,
    WorkersLogInterval,
};
// END GENERATED KEYS
} // namespace Key
} // namespace saltant
