#include "SshdRig.h"
#include "deploy/FleetDeploy.h"
#include "model/ProjectFile.h"

#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTest>
#include <memory>
#include <unistd.h>

using namespace saltant;

// Deploying the web server and three worker hosts at once, each a real sshd on loopback with its own pretend
// server (SshdRig): every host gets its own session, plan and transaction; a host that fails to connect or to
// validate is reported and rolled back alone while the others complete; a second deploy touches nothing.
class TestFleetDeploy : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void allHosts_deployInParallel_thenNothingToDo();
    void unreachableWorker_othersSucceed_reportSaysWhich();
    void validationFailureOnOneWorker_rollsBackOnlyThatHost();
    void cli_planAll_andWorkerCommands();

private:
    bool addWorker(const QString& name, SshdRig& rig, QString* error);
    QString workerFile(int i, const char* relative) const
    {
        return m_workers.at(i)->fixture->path(QString::fromLatin1(relative));
    }
    static QString read(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    QList<FleetHost> allHosts() const
    {
        QList<FleetHost> hosts;
        QString error;
        FleetDeploy::select(m_project, true, {}, &hosts, &error);
        return hosts;
    }

    std::unique_ptr<SshdRig> m_server;
    std::vector<std::unique_ptr<SshdRig>> m_workers;
    Project m_project;
};

bool TestFleetDeploy::addWorker(const QString& name, SshdRig& rig, QString* error)
{
    if (!rig.fixture->prepareWorkerHost(error) || !m_project.addWorker(name, error)) {
        return false;
    }
    QList<QPair<SettingKey, QString>> settings = rig.fixture->workerHostSettings(*rig.peer);
    settings.append(
        {Key::WorkersQueues, name == QLatin1String("w1") ? QStringLiteral("gpu,long") : QStringLiteral("celery")});
    for (const auto& [key, value] : settings) {
        if (!m_project.setWorkerFromString(name, key, value, error)) {
            *error = key.name() + QStringLiteral(": ") + *error;
            return false;
        }
    }
    return true;
}

void TestFleetDeploy::init()
{
    QString error;
    m_server = std::make_unique<SshdRig>();
    QVERIFY2(m_server->start(SshdRig::KnownHosts::Peer, &error), qPrintable(error));
    m_project = m_server->fixture->project;
    for (int i = 1; i <= 3; ++i) {
        auto rig = std::make_unique<SshdRig>();
        QVERIFY2(rig->start(SshdRig::KnownHosts::Peer, &error), qPrintable(error));
        QVERIFY2(addWorker(QStringLiteral("w%1").arg(i), *rig, &error), qPrintable(error));
        m_workers.push_back(std::move(rig));
    }
    const QList<FieldProblem> problems = m_project.validate();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).key + QStringLiteral(": ") + problems.value(0).message));
}

void TestFleetDeploy::cleanup()
{
    m_workers.clear();
    m_server.reset();
}

void TestFleetDeploy::allHosts_deployInParallel_thenNothingToDo()
{
    FleetDeploy fleet(allHosts(), m_server->fixture->secrets());
    fleet.connectAndPlan(false);
    QCOMPARE(fleet.results().size(), 4);
    for (const FleetHostResult& r : fleet.results()) {
        QVERIFY2(r.planned, qPrintable(r.name + QStringLiteral(": ") + r.error));
    }
    // A first deploy writes the server's .env (the broker credentials): the server goes first.
    QVERIFY(fleet.serverFirst());
    QStringList reportedHosts;
    fleet.apply(DeployOptions(), [&](const QString& host, const DeployStepReport&) {
        if (!reportedHosts.contains(host)) {
            reportedHosts << host;
        }
    });
    for (const FleetHostResult& r : fleet.results()) {
        QVERIFY2(r.ok() && r.report.outcome == DeployReport::Outcome::Deployed,
                 qPrintable(r.name + QStringLiteral(": ") + r.report.message + r.error));
    }
    QCOMPARE(reportedHosts.first(), QStringLiteral("server"));
    QCOMPARE(reportedHosts.size(), 4);

    // Each worker has its own files: its .env (a worker's only), its unit naming it, its directories.
    for (int i = 0; i < 3; ++i) {
        const QString env = read(workerFile(i, "/home/saltant/.env"));
        QVERIFY2(env.contains(QLatin1String("\nIM_A_CELERY_WORKER=True\n")), qPrintable(env));
        QVERIFY(env.contains(QLatin1String("API_AUTH_TOKEN='api-token-abcdef'")));
        QVERIFY(!env.contains(QLatin1String("SECRET_KEY")));
        QVERIFY(!env.contains(QLatin1String("db-pass-456")));
        QCOMPARE(QFileInfo(workerFile(i, "/home/saltant/.env")).permissions() & 0x0fff,
                 QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ReadGroup); // 0640
        const QString unit = read(workerFile(i, "/etc/systemd/system/saltant-worker.service"));
        QVERIFY2(unit.contains(QStringLiteral("\"--hostname=w%1@%%h\"").arg(i + 1)), qPrintable(unit));
        QVERIFY(QFileInfo(workerFile(i, "/srv/worker/logs")).isDir());
        QVERIFY(m_workers.at(i)
                    ->fixture->callsOf(QStringLiteral("systemctl"))
                    .contains(QStringLiteral("systemctl restart saltant-worker.service")));
    }
    QVERIFY(
        read(workerFile(0, "/etc/systemd/system/saltant-worker.service")).contains(QLatin1String("--queues=gpu,long")));
    // The server got its own files, not a worker's.
    QVERIFY(read(m_server->fixture->path(QStringLiteral("/home/saltant/.env"))).contains(QLatin1String("SECRET_KEY=")));
    QVERIFY(!QFile::exists(m_server->fixture->path(QStringLiteral("/etc/systemd/system/saltant-worker.service"))));

    // Again: nothing to do anywhere, and no host is touched.
    QStringList signatures;
    for (const auto& rig : m_workers) {
        rig->fixture->clearCalls();
        signatures << rig->fixture->treeSignature();
    }
    FleetDeploy again(allHosts(), m_server->fixture->secrets());
    again.connectAndPlan(false);
    QVERIFY(!again.serverFirst());
    again.apply(DeployOptions());
    for (const FleetHostResult& r : again.results()) {
        QVERIFY2(r.ok() && r.report.outcome == DeployReport::Outcome::NothingToDo,
                 qPrintable(r.name + QStringLiteral(": ") + DeployRunner::outcomeText(r.report.outcome)));
    }
    for (size_t i = 0; i < m_workers.size(); ++i) {
        QCOMPARE(m_workers.at(i)->fixture->treeSignature(), signatures.at(static_cast<qsizetype>(i)));
        QVERIFY2(
            m_workers.at(i)->fixture->callsOf(QStringLiteral("systemctl")).filter(QStringLiteral("restart")).isEmpty(),
            qPrintable(m_workers.at(i)->fixture->calls().join(QLatin1Char('\n'))));
    }
}

void TestFleetDeploy::unreachableWorker_othersSucceed_reportSaysWhich()
{
    // A port nothing listens on: take one, then free it.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 closed = probe.serverPort();
    probe.close();
    QString error;
    QVERIFY(m_project.setWorkerValue(QStringLiteral("w2"), Key::SshPort, static_cast<int>(closed), &error));
    FleetDeploy fleet(allHosts(), m_server->fixture->secrets());
    fleet.connectAndPlan(false);
    fleet.apply(DeployOptions());
    QVERIFY(!fleet.ok());
    for (const FleetHostResult& r : fleet.results()) {
        if (r.name == QLatin1String("w2")) {
            QVERIFY(!r.planned);
            QVERIFY(!r.applied);
            QCOMPARE(r.failure, DeployConnection::Failure::Connection);
            QVERIFY2(r.error.contains(QString::number(closed)) || r.error.contains(QLatin1String("127.0.0.1")),
                     qPrintable(r.error));
        } else {
            QVERIFY2(r.ok() && r.report.outcome == DeployReport::Outcome::Deployed,
                     qPrintable(r.name + QStringLiteral(": ") + r.report.message + r.error));
        }
    }
    QVERIFY(!QFile::exists(workerFile(1, "/home/saltant/.env")));
    QVERIFY(QFile::exists(workerFile(2, "/home/saltant/.env")));
}

void TestFleetDeploy::validationFailureOnOneWorker_rollsBackOnlyThatHost()
{
    // w3's systemd rejects the new unit.
    QFile verify(m_workers.at(2)->fixture->binDir() + QStringLiteral("/systemd-analyze"));
    QVERIFY(verify.open(QIODevice::WriteOnly | QIODevice::Truncate));
    verify.write("#!/bin/sh\necho 'saltant-worker.service: Unknown key name' >&2\nexit 1\n");
    verify.close();
    const QString before = m_workers.at(2)->fixture->treeSignature();
    FleetDeploy fleet(allHosts(), m_server->fixture->secrets());
    fleet.connectAndPlan(false);
    fleet.apply(DeployOptions());
    for (const FleetHostResult& r : fleet.results()) {
        if (r.name == QLatin1String("w3")) {
            QCOMPARE(r.report.outcome, DeployReport::Outcome::ValidationFailed);
            QVERIFY2(r.report.message.contains(QLatin1String("systemd")), qPrintable(r.report.message));
        } else {
            QVERIFY2(r.ok(), qPrintable(r.name + QStringLiteral(": ") + r.report.message + r.error));
        }
    }
    QVERIFY(!QFile::exists(workerFile(2, "/home/saltant/.env")));
    QVERIFY(!QFile::exists(workerFile(2, "/etc/systemd/system/saltant-worker.service")));
    Q_UNUSED(before)
    QVERIFY(QFile::exists(workerFile(0, "/home/saltant/.env")));
}

void TestFleetDeploy::cli_planAll_andWorkerCommands()
{
    QString error;
    const QString file = m_server->directory() + QStringLiteral("/fleet.saltant.json");
    QVERIFY2(ProjectFile::save(file, m_project, &error), qPrintable(error));
    const auto cli = [&](const QStringList& args, QString* out, QString* err) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_server->directory());
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("SSH_AUTH_SOCK"));
        process.setProcessEnvironment(env);
        process.setStandardInputFile(QProcess::nullDevice());
        process.start(QStringLiteral(SALTANT_BINARY_DIR "/app/saltant-deploy-cli"),
                      args + QStringList{QStringLiteral("--project"), file});
        if (!process.waitForFinished(120000)) {
            return -1;
        }
        *out = QString::fromUtf8(process.readAllStandardOutput());
        *err = QString::fromUtf8(process.readAllStandardError());
        return process.exitCode();
    };
    QString out;
    QString err;
    QCOMPARE(cli({QStringLiteral("worker"), QStringLiteral("list")}, &out, &err), 0);
    QCOMPARE(out.count(QLatin1Char('\n')), 3);
    QVERIFY(out.startsWith(QLatin1String("w1\t")));
    // No keychain here: the plans name the missing secrets, yet every host is read.
    QCOMPARE(cli({QStringLiteral("plan"), QStringLiteral("--all")}, &out, &err), 0);
    for (const char* host : {"== server (", "== w1 (", "== w2 (", "== w3 ("}) {
        QVERIFY2(out.contains(QLatin1String(host)), qPrintable(out + err));
    }
    QCOMPARE(cli({QStringLiteral("plan"), QStringLiteral("--host"), QStringLiteral("w2")}, &out, &err), 0);
    QVERIFY(out.contains(QLatin1String("== w2 (")));
    QVERIFY(!out.contains(QLatin1String("== server (")));
    QCOMPARE(cli({QStringLiteral("plan"), QStringLiteral("--host"), QStringLiteral("w9")}, &out, &err), 2);
    QVERIFY2(err.contains(QLatin1String("w9")), qPrintable(err));
    // A worker on the server's own SSH target is refused, and nothing is written.
    const QByteArray saved = read(file).toUtf8();
    QCOMPARE(cli({QStringLiteral("worker"), QStringLiteral("add"), QStringLiteral("dup"), QStringLiteral("--host"),
                  QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QString::number(m_server->peer->port())},
                 &out, &err),
             2);
    QVERIFY2(err.contains(QLatin1String("workers.dup.ssh.host")), qPrintable(err));
    QCOMPARE(read(file).toUtf8(), saved);
    QCOMPARE(cli({QStringLiteral("worker"), QStringLiteral("remove"), QStringLiteral("w3")}, &out, &err), 0);
    QCOMPARE(cli({QStringLiteral("worker"), QStringLiteral("list")}, &out, &err), 0);
    QCOMPARE(out.count(QLatin1Char('\n')), 2);
}

QTEST_GUILESS_MAIN(TestFleetDeploy)
#include "TestFleetDeploy.moc"
