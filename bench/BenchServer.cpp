#include "DeployFixture.h"
#include "SshdPeer.h"
#include "generate/DeploySteps.h"
#include "generate/Renderer.h"
#include "model/ProjectFile.h"
#include "model/SettingKeys.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <csignal>
#include <cstdio>
#include <memory>
#include <signal.h>
#include <vector>

using namespace saltant;

// The pretend server of bench/run.sh: the deploy tests' fixture (every path of the example project under
// DIR/server, recording stand-ins for systemctl, rabbitmqctl, certbot... and the real `nginx -t` in
// DIR/server/bin) behind a throw-away sshd on 127.0.0.1 whose sessions find that bin/ first on PATH. Writes
//   DIR/bench.saltant.json  the project, deploy target = that sshd, known_hosts = DIR/known_hosts
//   DIR/bench.env           PORT, LOGIN, KEY, KNOWN_HOSTS, SERVER, BIN, CALLS for the shell contenders
//   DIR/secrets.tsv         name<TAB>value of every secret the fixture's deploy needs (0600)
//   DIR/deploy.json         what the deploy puts where and the commands it runs, for bench/contenders.py
//   DIR/files/<remote path> every file, rendered with the secrets (0600)
// With --workers N, also N worker hosts, each a fixture under DIR/worker-I behind its own sshd, and
//   DIR/fleet.saltant.json  the same project (same id, same secrets) with those N worker hosts
//   DIR/fleet.env           WORKER_ROOTS: the worker fixtures' roots, for resetting them between runs
// prints "ready" and serves until SIGTERM or SIGINT.
namespace {

bool writeFile(const QString& path, const QString& text, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot write ") + path;
        return false;
    }
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(text.toUtf8());
    return true;
}

QString shellQuoted(const QString& value)
{
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

const char* phaseName(StepPhase phase)
{
    switch (phase) {
    case StepPhase::Check:
        return "check";
    case StepPhase::Prepare:
        return "prepare";
    case StepPhase::Files:
        return "files";
    case StepPhase::Validate:
        return "validate";
    case StepPhase::Provision:
        return "provision";
    case StepPhase::Handlers:
        return "handlers";
    case StepPhase::Recover:
    case StepPhase::Install:
    case StepPhase::Upload:
    case StepPhase::Rollback:
    case StepPhase::Commit:
    case StepPhase::Finish:
        break; // the transaction's own phases: never a generated step's
    }
    return "";
}

// The files (written under dir/files) and the steps of a deploy of project, as DIR/deploy.json.
bool writeDeploy(const QString& dir, const Project& project, const SecretValues& secrets, QString* error)
{
    const RenderResult rendered = Renderer::render(project, &secrets);
    if (!rendered.ok()) {
        *error = rendered.problems.first().key + QStringLiteral(": ") + rendered.problems.first().message;
        return false;
    }
    QJsonArray files;
    for (const GeneratedFile& file : rendered.files) {
        if (file.previewOnly) {
            continue;
        }
        const QString local = dir + QStringLiteral("/files") + file.remotePath;
        if (!QDir().mkpath(QFileInfo(local).absolutePath()) || !writeFile(local, file.content, error)) {
            return false;
        }
        files.append(QJsonObject{{QStringLiteral("id"), file.id},
                                 {QStringLiteral("path"), file.remotePath},
                                 {QStringLiteral("local"), local},
                                 {QStringLiteral("mode"), file.modeString()},
                                 {QStringLiteral("owner"), file.owner},
                                 {QStringLiteral("group"), file.group},
                                 {QStringLiteral("symlinks"), QJsonArray::fromStringList(file.symlinks)}});
    }
    QJsonArray steps;
    for (const DeployStep& step : DeploySteps::build(GenerateContext(project, &secrets), rendered.files)) {
        steps.append(QJsonObject{
            {QStringLiteral("phase"), QString::fromLatin1(phaseName(step.phase))},
            {QStringLiteral("title"), step.title},
            {QStringLiteral("command"), step.command},
            {QStringLiteral("stdin"), step.stdinSecret.isEmpty() ? QString() : secrets.value(step.stdinSecret)},
            {QStringLiteral("triggeredBy"), QJsonArray::fromStringList(step.triggeredBy)},
            {QStringLiteral("satisfiedWhen"), step.satisfiedWhen}});
    }
    const QJsonObject deploy{{QStringLiteral("files"), files}, {QStringLiteral("steps"), steps}};
    return writeFile(dir + QStringLiteral("/deploy.json"), QString::fromUtf8(QJsonDocument(deploy).toJson()), error);
}

int fail(const QString& error)
{
    std::fprintf(stderr, "BenchServer: %s\n", qPrintable(error));
    return 1;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int workers = args.size() == 4 && args.at(2) == QLatin1String("--workers") ? args.at(3).toInt() : 0;
    if (args.size() != 2 && !(args.size() == 4 && workers > 0 && workers <= 64)) {
        return fail(QStringLiteral("usage: BenchServer DIR [--workers N]"));
    }
    // Block the stop signals before any thread starts, so sigwait() below receives them.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);

    const QString dir = args.at(1);
    QString error;
    DeployFixture fixture(dir + QStringLiteral("/server"));
    if (!fixture.setUp(&error)) {
        return fail(error);
    }
    SshdPeer peer;
    if (!peer.setRemotePathPrefix(fixture.binDir(), &error) || !peer.start(&error)) {
        return fail(error);
    }
    const QString knownHosts = dir + QStringLiteral("/known_hosts");
    QFile::remove(knownHosts);
    if (!QFile::copy(peer.knownHostsPath(), knownHosts)) {
        return fail(QStringLiteral("cannot copy known_hosts"));
    }
    Project& project = fixture.project;
    const QList<QPair<SettingKey, QString>> target = {
        {Key::SshPort, QString::number(peer.port())},
        {Key::SshUser, peer.user()},
        {Key::SshIdentityFile, peer.clientKeyPath()},
        {Key::SshKnownHostsFile, knownHosts},
    };
    for (const auto& setting : target) {
        if (!project.setFromString(setting.first, setting.second, &error)) {
            return fail(setting.first.name() + QStringLiteral(": ") + error);
        }
    }
    if (!ProjectFile::save(dir + QStringLiteral("/bench.saltant.json"), project, &error)) {
        return fail(error);
    }
    QString env;
    QTextStream(&env) << "PORT=" << peer.port() << "\nLOGIN=" << shellQuoted(peer.user())
                      << "\nKEY=" << shellQuoted(peer.clientKeyPath()) << "\nKNOWN_HOSTS=" << shellQuoted(knownHosts)
                      << "\nSERVER=" << shellQuoted(fixture.root()) << "\nBIN=" << shellQuoted(fixture.binDir())
                      << "\nCALLS=" << shellQuoted(fixture.logPath()) << '\n';
    QString secrets;
    const SecretValues values = fixture.secrets();
    for (const QString& name : values.names()) {
        QTextStream(&secrets) << name << '\t' << values.value(name) << '\n';
    }
    if (!writeFile(dir + QStringLiteral("/bench.env"), env, &error) ||
        !writeFile(dir + QStringLiteral("/secrets.tsv"), secrets, &error) ||
        !writeDeploy(dir, project, values, &error)) {
        return fail(error);
    }
    std::vector<std::unique_ptr<DeployFixture>> workerFixtures;
    std::vector<std::unique_ptr<SshdPeer>> workerPeers;
    if (workers > 0) {
        Project fleet = project;
        QStringList roots;
        for (int i = 1; i <= workers; ++i) {
            auto f = std::make_unique<DeployFixture>(dir + QStringLiteral("/worker-%1").arg(i));
            auto p = std::make_unique<SshdPeer>();
            const QString name = QStringLiteral("w%1").arg(i);
            if (!f->setUp(&error) || !f->prepareWorkerHost(&error) || !p->setRemotePathPrefix(f->binDir(), &error) ||
                !p->start(&error) || !fleet.addWorker(name, &error)) {
                return fail(error);
            }
            for (const auto& [key, value] : f->workerHostSettings(*p)) {
                if (!fleet.setWorkerFromString(name, key, value, &error)) {
                    return fail(key.name() + QStringLiteral(": ") + error);
                }
            }
            roots << shellQuoted(f->root());
            workerFixtures.push_back(std::move(f));
            workerPeers.push_back(std::move(p));
        }
        if (!ProjectFile::save(dir + QStringLiteral("/fleet.saltant.json"), fleet, &error) ||
            !writeFile(dir + QStringLiteral("/fleet.env"),
                       QStringLiteral("WORKER_ROOTS=(%1)\n").arg(roots.join(QLatin1Char(' '))), &error)) {
            return fail(error);
        }
    }
    std::printf("ready\n");
    std::fflush(stdout);
    int received = 0;
    sigwait(&stop, &received);
    for (const auto& p : workerPeers) {
        p->stop();
    }
    peer.stop();
    return 0;
}
