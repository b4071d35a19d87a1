#include "DeployFixture.h"

#include "RecordingTools.h"
#include "SshdPeer.h"
#include "model/SettingKeys.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace saltant {

DeployFixture::DeployFixture(const QString& root) : project(Project::example()), m_root(root) {}

bool DeployFixture::setUp(QString* error)
{
    const QString user = QString::fromLocal8Bit(getpwuid(getuid())->pw_name);
    const QString group = QString::fromLocal8Bit(getgrgid(getgid())->gr_name);
    const QList<QPair<SettingKey, QString>> settings = {
        {Key::ServerDeployUser, user},
        {Key::ServerWebGroup, group},
        {Key::UwsgiUser, user},
        {Key::TlsCertGroup, group},
        {Key::DjangoProjectDir, path(QStringLiteral("/home/saltant"))},
        {Key::UwsgiInstall, QStringLiteral("venv")},
        // No PostgreSQL on the pretend server: its steps are proven through stand-ins in TestDeploySteps.
        {Key::DatabaseProvision, QStringLiteral("false")},
        {Key::UwsgiEmperorIni, path(QStringLiteral("/etc/uwsgi/emperor.ini"))},
        {Key::UwsgiVassalsDir, path(QStringLiteral("/etc/uwsgi/vassals"))},
        {Key::UwsgiSocketPath, path(QStringLiteral("/run/uwsgi/saltant.sock"))},
        {Key::UwsgiLogFile, path(QStringLiteral("/var/log/uwsgi/emperor.log"))},
        {Key::UwsgiUnitPath, path(QStringLiteral("/etc/systemd/system/emperor.uwsgi.service"))},
        {Key::NginxSitesAvailableDir, path(QStringLiteral("/etc/nginx/sites-available"))},
        {Key::NginxSitesEnabledDir, path(QStringLiteral("/etc/nginx/sites-enabled"))},
        {Key::RabbitmqConfPath, path(QStringLiteral("/etc/rabbitmq/rabbitmq.conf"))},
        {Key::RabbitmqClassicConfigPath, path(QStringLiteral("/etc/rabbitmq/rabbitmq.config"))},
        {Key::RabbitmqEnvConfPath, path(QStringLiteral("/etc/rabbitmq/rabbitmq-env.conf"))},
        {Key::RabbitmqEpmdSocketDropIn,
         path(QStringLiteral("/etc/systemd/system/epmd.socket.d/saltant-loopback.conf"))},
        {Key::FlowerUnitPath, path(QStringLiteral("/etc/systemd/system/flower.service"))},
        {Key::FlowerEnvFile, path(QStringLiteral("/etc/saltant/flower.env"))},
        {Key::PapertrailConfigPath, path(QStringLiteral("/etc/rsyslog.d/95-papertrail.conf"))},
        {Key::ServerStateDirectory, path(QStringLiteral("/var/lib/saltant-deploy"))},
        {Key::SshHost, QStringLiteral("127.0.0.1")},
        {Key::SshUser, user},
    };
    for (const auto& setting : settings) {
        if (!project.setFromString(setting.first, setting.second, error)) {
            *error = setting.first.name() + QStringLiteral(": ") + *error;
            return false;
        }
    }
    m_nginx = std::make_unique<NginxPeer>(path(QStringLiteral("/nginx")));
    QDir().mkpath(m_nginx->dir());
    m_nginx->redirect(&project);
    const QList<FieldProblem> problems = project.validate();
    if (!problems.isEmpty()) {
        *error = problems.first().key + QStringLiteral(": ") + problems.first().message;
        return false;
    }
    if (!m_nginx->provide(project, error)) {
        return false;
    }
    const QString le = project.text(Key::TlsLetsencryptDir);
    for (const QString& dir :
         QStringList{path(QStringLiteral("/home/saltant/venv/bin")), path(QStringLiteral("/etc/nginx")), stagingDir(),
                     le + QStringLiteral("/archive/") + project.text(Key::TlsCertName)}) {
        if (!QDir().mkpath(dir)) {
            *error = QStringLiteral("cannot create ") + dir;
            return false;
        }
    }
    const QString venv = path(QStringLiteral("/home/saltant/venv/bin/"));
    const QString record =
        QStringLiteral("#!/bin/sh\nprintf '%s\\n' \"%1 $*\" >> '") + logPath() + QStringLiteral("'\n");
    return RecordingTools::install(binDir(), logPath(), error) &&
           RecordingTools::installNginx(binDir(), logPath(), path(QStringLiteral("/nginx-run")),
                                        project.text(Key::NginxSitesEnabledDir), error) &&
           // The plan's read-only Flower release probe (python -I -B -c ...) is answered "matches", not recorded:
           // the recorded calls are what the deploy changes.
           RecordingTools::writeScript(
               venv + QStringLiteral("python"),
               QStringLiteral("#!/bin/sh\n[ \"$1\" = -I ] && exit 0\n") +
                   record.arg(QStringLiteral("python")).mid(QStringLiteral("#!/bin/sh\n").size()),
               error) &&
           RecordingTools::writeScript(venv + QStringLiteral("flower"), record.arg(QStringLiteral("flower")), error) &&
           RecordingTools::writeScript(venv + QStringLiteral("pip"), record.arg(QStringLiteral("pip")), error) &&
           RecordingTools::writeScript(project.text(Key::UwsgiBinary), record.arg(QStringLiteral("uwsgi")), error);
}

SecretValues DeployFixture::secrets() const
{
    SecretValues s;
    s.set(QStringLiteral("django.secretKey"), QStringLiteral("django-secret-k3y-0123456789"));
    s.set(QStringLiteral("django.apiToken"), QStringLiteral("api-token-abcdef"));
    s.set(QStringLiteral("email.password"), QStringLiteral("smtp-pass-123"));
    s.set(QStringLiteral("database.password"), QStringLiteral("db-pass-456"));
    s.set(QStringLiteral("rabbitmq.password"), QStringLiteral("rabbit-pass-789"));
    s.set(QStringLiteral("flower.password"), QStringLiteral("flower-pass-321"));
    return s;
}

bool DeployFixture::prepareWorkerHost(QString* error) const
{
    const QString checkout = path(QStringLiteral("/home/saltant"));
    QFile celery(checkout + QStringLiteral("/saltant/celery.py"));
    if (!QDir().mkpath(checkout + QStringLiteral("/saltant")) || !celery.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot create ") + celery.fileName();
        return false;
    }
    return true;
}

QList<QPair<SettingKey, QString>> DeployFixture::workerHostSettings(const SshdPeer& peer) const
{
    const QString checkout = path(QStringLiteral("/home/saltant"));
    return {
        {Key::SshHost, QStringLiteral("127.0.0.1")},
        {Key::SshPort, QString::number(peer.port())},
        {Key::SshUser, peer.user()},
        {Key::SshIdentityFile, peer.clientKeyPath()},
        {Key::SshKnownHostsFile, peer.knownHostsPath()},
        {Key::WorkersUser, project.text(Key::ServerDeployUser)},
        {Key::WorkersProjectDir, checkout},
        {Key::WorkersVenvDir, checkout + QStringLiteral("/venv")},
        {Key::WorkersUnitPath, path(QStringLiteral("/etc/systemd/system/saltant-worker.service"))},
        {Key::WorkerLogsDirectory, path(QStringLiteral("/srv/worker/logs"))},
        {Key::WorkerResultsDirectory, path(QStringLiteral("/srv/worker/results"))},
        {Key::WorkerTempDirectory, path(QStringLiteral("/srv/worker/tmp"))},
    };
}

QStringList DeployFixture::calls() const
{
    return RecordingTools::calls(logPath());
}

QStringList DeployFixture::callsOf(const QString& program) const
{
    return RecordingTools::callsOf(logPath(), program);
}

void DeployFixture::clearCalls() const
{
    QFile::remove(logPath());
}

QString DeployFixture::treeSignature() const
{
    QStringList entries;
    for (const QString& top : QStringList{path(QStringLiteral("/etc")), path(QStringLiteral("/home/saltant"))}) {
        QDirIterator it(top, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString p = it.next();
            const QFileInfo info(p);
            QString line = p + QLatin1Char(' ') + QString::number(static_cast<int>(info.permissions()), 16) +
                           QLatin1Char(' ') + info.owner() + QLatin1Char(':') + info.group();
            if (info.isSymLink()) {
                line += QStringLiteral(" -> ") + info.symLinkTarget();
            } else if (info.isFile()) {
                QFile f(p);
                f.open(QIODevice::ReadOnly);
                line += QLatin1Char(' ') +
                        QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
            }
            entries.append(line);
        }
    }
    entries.sort();
    return entries.join(QLatin1Char('\n'));
}

bool DeployFixture::useSshd(const SshdPeer& peer, const QString& knownHostsFile, QString* error)
{
    return project.setFromString(Key::SshPort, QString::number(peer.port()), error) &&
           project.setFromString(Key::SshUser, peer.user(), error) &&
           project.setFromString(Key::SshIdentityFile, peer.clientKeyPath(), error) &&
           project.setFromString(Key::SshKnownHostsFile, knownHostsFile, error);
}

} // namespace saltant
