#include "RealServerScenario.h"

#include "model/SettingKeys.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkInterface>
#include <QProcess>

namespace saltant {

RealServerScenario::RealServerScenario() = default;

RealServerScenario::~RealServerScenario()
{
    stop();
}

QString RealServerScenario::fixturesDir()
{
    const QString fromEnv = qEnvironmentVariable("SALTANT_FIXTURES");
    return fromEnv.isEmpty() ? QDir::cleanPath(QStringLiteral(SALTANT_SOURCE_DIR "/../shared/fixtures")) : fromEnv;
}

bool RealServerScenario::start(const QString& homeMode, QString* error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    const QString fixtures = fixturesDir();
    if (!QFile::exists(fixtures + QStringLiteral("/saltant-db498a1.tar.gz")) ||
        !QFile::exists(fixtures + QStringLiteral("/python-vendor.tar.gz"))) {
        *error = QStringLiteral("the saltant fixtures are missing in %1 (set SALTANT_FIXTURES to the folder holding "
                                "saltant-db498a1.tar.gz and python-vendor.tar.gz)")
                     .arg(fixtures);
        return false;
    }
    m_pebble = std::make_unique<PebblePeer>();
    if (!m_pebble->start(error)) {
        return false;
    }
    m_keyring = std::make_unique<KeyringPeer>(KeyringPeer::Mode::UnlockedKeyring);
    if (!m_keyring->start(error)) {
        return false;
    }
    m_keyring->setTimeout(15 * 60 * 1000);

    m_project = m_dir.filePath(QStringLiteral("e2e.saltant.json"));
    const KeyringPeer::Run created = m_keyring->cli({QStringLiteral("new"), m_project});
    if (created.exitCode != 0) {
        *error = QStringLiteral("saltant-deploy-cli new: ") + created.describe();
        return false;
    }
    // Secrets with the characters that broke other tools: each must reach its reader exactly.
    const QMap<QString, QString> secrets = {
        {QStringLiteral("django.secretKey"), QStringLiteral("k3y-$HOME-#not-a-comment-'\"\\-e2e-0123456789abcdef")},
        {QStringLiteral("django.apiToken"), QStringLiteral("e2e0api0token0123456789abcdef0123456789")},
        {QStringLiteral("email.password"), QStringLiteral("smtp-pa$$word")},
        {QStringLiteral("database.password"), QStringLiteral("db-p@ss:w/o'r\"d$#\\1")},
        {QStringLiteral("rabbitmq.password"), QStringLiteral("Rabbit-p@ss:w/o#rd$1")},
        {QStringLiteral("flower.password"), QStringLiteral("Flower-p@ss:w/o#rd$'\"1")},
        {QStringLiteral("rollbar.token"), QStringLiteral("0123456789abcdef0123456789abcdef")},
        {QStringLiteral("aws.secretKey"), QStringLiteral("aws/secret+key0123456789abcdef0123456789")},
    };
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (!setSecret(it.key(), it.value(), error)) {
            return false;
        }
    }
    return bootServer(homeMode, error) && writeProject(error);
}

bool RealServerScenario::reboot(const QString& homeMode, QString* error)
{
    return bootServer(homeMode, error) && writeProject(error);
}

void RealServerScenario::stop()
{
    stopWorkerHost();
    if (m_server) {
        m_server->stop();
    }
    if (m_pebble) {
        m_pebble->stop();
    }
}

bool RealServerScenario::setSecret(const QString& name, const QString& value, QString* error)
{
    const KeyringPeer::Run set =
        m_keyring->cli({QStringLiteral("secret"), QStringLiteral("set"), name, QStringLiteral("--project"), m_project},
                       value.toUtf8() + '\n');
    if (set.exitCode != 0) {
        *error = name + QStringLiteral(": ") + set.describe();
        return false;
    }
    m_secrets.insert(name, value);
    return true;
}

bool RealServerScenario::bootServer(const QString& homeMode, QString* error)
{
    if (m_server) {
        m_server->stop();
    }
    m_server = std::make_unique<RealServerPeer>();
    if (!m_server->start(error)) {
        return false;
    }
    qInfo("e2e: the server booted in %.1f s (root file system %s)", double(m_server->bootMilliseconds()) / 1000.0,
          qPrintable(m_server->rootfs()));
    // What the admin had before using the tool: the saltant checkout and its virtualenv (saltant's development
    // set-up), and - only because there is no public ACME server here - trust in the test ACME server's HTTPS CA.
    if (!m_server->writeFile(QStringLiteral("/etc/saltant-e2e/acme-ca.pem"), m_pebble->httpsCaPem(),
                             QStringLiteral("0644"), error) ||
        !prepareSaltant(*m_server, homeMode, error)) {
        return false;
    }
    // A new server, as far as an admin can tell: its key is not known yet.
    QFile::remove(m_dir.filePath(QStringLiteral("known_hosts")));
    return true;
}

bool RealServerScenario::prepareSaltant(RealServerPeer& machine, const QString& homeMode, QString* error)
{
    QFile saltant(fixturesDir() + QStringLiteral("/saltant-db498a1.tar.gz"));
    QFile vendor(fixturesDir() + QStringLiteral("/python-vendor.tar.gz"));
    QFile prepare(QStringLiteral(SALTANT_SOURCE_DIR "/tests/e2e/prepare-saltant.sh"));
    if (!saltant.open(QIODevice::ReadOnly) || !vendor.open(QIODevice::ReadOnly) || !prepare.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the fixtures or tests/e2e/prepare-saltant.sh");
        return false;
    }
    if (!machine.writeFile(QStringLiteral("/tmp/saltant.tar.gz"), saltant.readAll(), QStringLiteral("0644"), error) ||
        !machine.writeFile(QStringLiteral("/tmp/python-vendor.tar.gz"), vendor.readAll(), QStringLiteral("0644"),
                           error)) {
        return false;
    }
    const RealServerPeer::Result prepared =
        machine.ssh(QStringLiteral("sh -s ") + homeMode, prepare.readAll(), 5 * 60 * 1000);
    if (!prepared.ok()) {
        *error = QStringLiteral("preparing the saltant checkout failed: ") + prepared.describe();
        return false;
    }
    return true;
}

bool RealServerScenario::startWorkerHost(quint16 sshPort, QString* error)
{
    stopWorkerHost();
    m_workerHost = std::make_unique<RealServerPeer>(sshPort, QStringLiteral("saltant-e2e-worker"), false);
    if (!m_workerHost->start(error) || !prepareSaltant(*m_workerHost, QStringLiteral("0755"), error)) {
        return false;
    }
    qInfo("e2e: the worker host booted in %.1f s", double(m_workerHost->bootMilliseconds()) / 1000.0);
    // The machines share this machine's network: the test names point at its first non-loopback address, as a real
    // worker's DNS would (a broker that resolves to loopback on a worker is a mistake the worker checks report).
    m_workerHostBrokerAddress = QStringLiteral("127.0.0.1");
    for (const QHostAddress& candidate : QNetworkInterface::allAddresses()) {
        if (candidate.protocol() == QAbstractSocket::IPv4Protocol && !candidate.isLoopback()) {
            m_workerHostBrokerAddress = candidate.toString();
            break;
        }
    }
    const RealServerPeer::Result hosts = m_workerHost->ssh(
        QStringLiteral("printf '%1 %2 %3\\n' >> /etc/hosts").arg(m_workerHostBrokerAddress, domain(), www()));
    if (!hosts.ok()) {
        *error = QStringLiteral("cannot name the broker on the worker host: ") + hosts.describe();
        return false;
    }
    return true;
}

void RealServerScenario::stopWorkerHost()
{
    if (m_workerHost) {
        m_workerHost->stop();
        m_workerHost.reset();
    }
}

bool RealServerScenario::writeProject(QString* error)
{
    QFile file(m_project);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read ") + m_project;
        return false;
    }
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    const QList<QPair<QString, QJsonValue>> settings = {
        {Key::ServerDomain, domain()},
        {Key::DjangoProjectName, QString::fromLatin1(projectName())},
        {Key::EmailFromAddress, QStringLiteral("noreply@saltant.test")},
        {Key::TlsEmail, QStringLiteral("admin@saltant.test")},
        {Key::TlsAcmeServer, m_pebble->directoryUrl()},
        {Key::TlsAcmeCaFile, QStringLiteral("/etc/saltant-e2e/acme-ca.pem")},
        {Key::UwsgiProcesses, 2},
        {Key::SshHost, QStringLiteral("127.0.0.1")},
        {Key::SshPort, int(m_server->sshPort())},
        {Key::SshUser, QStringLiteral("root")},
        {Key::SshIdentityFile, m_server->identityFile()},
        {Key::SshKnownHostsFile, m_dir.filePath(QStringLiteral("known_hosts"))},
    };
    for (const auto& [key, value] : settings) {
        const QString section = key.section(QLatin1Char('.'), 0, 0);
        QJsonObject object = root.value(section).toObject();
        object.insert(key.section(QLatin1Char('.'), 1), value);
        root.insert(section, object);
    }
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(QJsonDocument(root).toJson()) < 0) {
        *error = QStringLiteral("cannot write ") + m_project;
        return false;
    }
    return true;
}

namespace {

bool untar(const QString& archive, const QString& into, QString* error)
{
    QProcess p;
    p.start(QStringLiteral("tar"), {QStringLiteral("xzf"), archive, QStringLiteral("-C"), into});
    p.closeWriteChannel();
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("tar xzf %1 failed: %2").arg(archive, QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    return true;
}

} // namespace

QString RealServerScenario::localCheckout(QString* error)
{
    const QString dir = m_dir.filePath(QStringLiteral("client"));
    if (m_checkout.isEmpty()) {
        QDir().mkpath(dir);
        if (!untar(fixturesDir() + QStringLiteral("/saltant-db498a1.tar.gz"), dir, error) ||
            !untar(fixturesDir() + QStringLiteral("/python-vendor.tar.gz"), dir, error)) {
            return QString();
        }
        m_checkout = dir + QStringLiteral("/saltant");
    }
    const RealServerPeer::Result env = m_server->ssh(QStringLiteral("cat /home/ubuntu/saltant/.env"));
    QFile dotenv(m_checkout + QStringLiteral("/.env"));
    if (!env.ok() || !dotenv.open(QIODevice::WriteOnly | QIODevice::Truncate) || dotenv.write(env.out) < 0) {
        *error = QStringLiteral("cannot copy the server's .env: ") + env.describe();
        return QString();
    }
    dotenv.close();
    QFile::setPermissions(dotenv.fileName(), QFile::ReadOwner | QFile::WriteOwner);
    return m_checkout;
}

QStringList RealServerScenario::celeryEnvironment() const
{
    return {QStringLiteral("PYTHONPATH=") + m_dir.filePath(QStringLiteral("client/site-packages")),
            QStringLiteral("E2E_CA_FILE=") + m_rootCa,
            QStringLiteral("E2E_RESOLVE=") + domain() + QLatin1Char(',') + www()};
}

KeyringPeer::Run RealServerScenario::celeryClient(const QStringList& args) const
{
    // Debian's python3 (python3-celery & co.), whatever python3 comes first on PATH; the checkout as working
    // directory (e2e_celery.py imports saltant from there).
    return m_keyring->run(QStringLiteral("sh"),
                          QStringList{QStringLiteral("-c"), QStringLiteral("cd \"$0\" && exec \"$@\""), m_checkout,
                                      QStringLiteral("/usr/bin/python3"),
                                      QStringLiteral(SALTANT_SOURCE_DIR "/tests/e2e/e2e_celery.py")} +
                              args,
                          QByteArray(), celeryEnvironment());
}

bool RealServerScenario::fetchRootCa(QString* error)
{
    QByteArray root;
    QByteArray intermediate;
    if (!m_pebble->fetchRoots(&root, &intermediate, error)) {
        return false;
    }
    m_rootCa = m_dir.filePath(QStringLiteral("pebble-root.pem"));
    QFile file(m_rootCa);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(root) <= 0) {
        *error = QStringLiteral("cannot write ") + m_rootCa;
        return false;
    }
    return true;
}

QString RealServerScenario::remote(const QString& command) const
{
    const RealServerPeer::Result r = m_server->ssh(command);
    return r.ok() ? QString::fromUtf8(r.out).trimmed() : QStringLiteral("<failed: %1>").arg(r.describe());
}

RealServerScenario::Http RealServerScenario::get(const QString& url, const QString& user, const QString& password) const
{
    QStringList args = {QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("30"),
                        QStringLiteral("--cacert"), m_rootCa};
    for (const QString& name : {www(), domain()}) {
        for (const QString& port : {QStringLiteral("443"), QStringLiteral("80")}) {
            args << QStringLiteral("--resolve") << name + QLatin1Char(':') + port + QStringLiteral(":127.0.0.1");
        }
    }
    args << QStringLiteral("-o") << m_dir.filePath(QStringLiteral("body")) << QStringLiteral("-w")
         << QStringLiteral("%{http_code} %{redirect_url}");
    if (!user.isEmpty()) {
        args << QStringLiteral("-K") << QStringLiteral("-");
    }
    args << url;
    QProcess p;
    p.start(QStringLiteral("curl"), args);
    if (!user.isEmpty()) {
        QString credentials = user + QLatin1Char(':') + password;
        credentials.replace(QStringLiteral("\\"), QStringLiteral("\\\\"))
            .replace(QStringLiteral("\""), QStringLiteral("\\\""));
        p.write(QStringLiteral("user = \"%1\"\n").arg(credentials).toUtf8());
    }
    p.closeWriteChannel();
    Http http;
    if (!p.waitForFinished(40000) || p.exitCode() != 0) {
        http.error = QString::fromLocal8Bit(p.readAllStandardError());
        return http;
    }
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    http.status = out.section(QLatin1Char(' '), 0, 0).toInt();
    http.location = out.section(QLatin1Char(' '), 1);
    QFile body(m_dir.filePath(QStringLiteral("body")));
    if (body.open(QIODevice::ReadOnly)) {
        http.body = body.readAll();
    }
    return http;
}

QString RealServerScenario::servedFingerprint(quint16 port) const
{
    const QString script = QStringLiteral("openssl s_client -connect 127.0.0.1:%1 -servername %2 </dev/null "
                                          "2>/dev/null | openssl x509 -noout -fingerprint -sha256")
                               .arg(port)
                               .arg(www());
    QProcess p;
    p.start(QStringLiteral("sh"), {QStringLiteral("-c"), script});
    p.closeWriteChannel();
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

} // namespace saltant
