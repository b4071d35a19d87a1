#include "SshdRig.h"
#include "deploy/DeployRunner.h"
#include "export/AnsibleExport.h"
#include "export/AnsibleVault.h"
#include "generate/Renderer.h"
#include "plan/PlanText.h"
#include "ssh/SshRemoteHost.h"
#include "ssh/SshSession.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace saltant;

namespace {

// The server is as our deploy would leave it: nothing to write or run. Only our deploy manifest is missing (Ansible
// does not write it): our next deploy would record it and do nothing else.
bool matchesOurDeploy(const Plan& plan)
{
    return !plan.writesFiles() && plan.recovery.isEmpty() && plan.prepare.isEmpty() && plan.validate.isEmpty() &&
           plan.provision.isEmpty() && plan.handlers.isEmpty() && plan.blockers.isEmpty() &&
           plan.missingPrograms.isEmpty() && plan.manifestState == Plan::ManifestState::Missing;
}

} // namespace

// The exported playbook run by the real ansible-playbook against a pretend server behind a real loopback sshd
// (SshdRig: paths in a temporary directory, recording systemctl & co., the real nginx -t), logging in as root over
// the rig's key with its known_hosts, both given at paths with spaces, quotes, '#', ':' and "{{ }}":
//   - on a fresh server it installs everything, and our own plan then has nothing to do; a second run changes nothing;
//   - after a setting changed, our deploy applies it, and the playbook exported again in --check changes nothing;
//   - a configuration nginx rejects fails the play in its rescue, every file back as it was, no restart.
class TestAnsibleExportPlaybook : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void freshServer_playbookThenOurPlan_nothingToChange();
    void ourDeploy_thenPlaybookCheck_changedZero();
    void rejectedConfiguration_rescueRestoresEveryFile_noHandler();
    void workerHost_playbookThenOurPlans_nothingToChange();

private:
    struct Run
    {
        int exitCode = -1;
        QString output;
        int ok = -1;
        int changed = -1;
        int failed = -1;
        int rescued = -1;
        qint64 ms = 0;
        QStringList hosts;
    };
    bool exportTo(const QString& dir);
    Run playbook(const QString& dir, const QStringList& extra = {});
    // Our plan against the rig (DeployRunner::makePlan over a real SSH session).
    bool ourPlan(const Project& project, Plan* plan, QString* error);
    DeployReport ourDeploy();
    static QString vaultPassword() { return QStringLiteral("vault pass {{ x }}"); }

    std::unique_ptr<SshdRig> m_rig;
    QString m_export;
};

void TestAnsibleExportPlaybook::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestAnsibleExportPlaybook::init()
{
    m_rig = std::make_unique<SshdRig>();
    QString error;
    QVERIFY2(m_rig->start(SshdRig::KnownHosts::Peer, &error), qPrintable(error));
    // The key and known_hosts at hostile paths: Ansible's inventory must hand them to ssh unchanged.
    const QString hostile = m_rig->directory() + QStringLiteral("/k e y's \"#: {{ lookup('pipe','id') }}");
    QVERIFY(QDir().mkpath(hostile));
    const QString key = hostile + QStringLiteral("/id_ed25519");
    const QString knownHosts = hostile + QStringLiteral("/known hosts");
    QVERIFY(QFile::copy(m_rig->peer->clientKeyPath(), key));
    QVERIFY(QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QVERIFY(QFile::copy(m_rig->peer->knownHostsPath(), knownHosts));
    Project& project = m_rig->fixture->project;
    QVERIFY(project.setFromString(Key::SshIdentityFile, key, &error));
    QVERIFY(project.setFromString(Key::SshKnownHostsFile, knownHosts, &error));
    // Reaches the .env: the file on the server must hold it literally.
    QVERIFY(project.setFromString(Key::DjangoProjectName, QStringLiteral("{{ lookup('pipe','id') }}"), &error));
    QVERIFY2(project.validate().isEmpty(), qPrintable(project.validate().value(0).message));
    m_export = m_rig->directory() + QStringLiteral("/ansible");
    // Ansible's own files (~/.ansible) stay in the rig's directory.
    qputenv("HOME", QFile::encodeName(m_rig->directory()));
}

void TestAnsibleExportPlaybook::cleanup()
{
    m_rig.reset();
}

bool TestAnsibleExportPlaybook::exportTo(const QString& dir)
{
    const AnsibleExportResult result =
        AnsibleExport::write(m_rig->fixture->project, m_rig->fixture->secrets(), vaultPassword(), dir);
    if (!result.ok()) {
        qWarning("export: %s", qPrintable(result.error));
    }
    return result.ok();
}

TestAnsibleExportPlaybook::Run TestAnsibleExportPlaybook::playbook(const QString& dir, const QStringList& extra)
{
    Run run;
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer timer;
    timer.start();
    QString error;
    // Ansible's default connection sharing; the master ends with the rig's sshd after each test.
    qputenv("ANSIBLE_SSH_ARGS", "-o ControlMaster=auto -o ControlPersist=30s");
    if (!AnsibleVault::start(&process, QStringLiteral("ansible-playbook"),
                             QStringList{QStringLiteral("-i"), QStringLiteral("inventory.yml")} + extra,
                             {QStringLiteral("playbook.yml")}, vaultPassword(), &error)) {
        run.output = error;
        return run;
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(280000)) {
        process.kill();
        process.waitForFinished();
    }
    run.ms = timer.elapsed();
    run.output = QString::fromUtf8(process.readAll());
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    // PLAY RECAP, summed over the hosts.
    const QRegularExpression recap(
        QStringLiteral("^(\\S+)\\s*:\\s*ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+"
                       "failed=(\\d+)\\s+skipped=\\d+\\s+rescued=(\\d+)"),
        QRegularExpression::MultilineOption);
    QRegularExpressionMatchIterator it = recap.globalMatch(run.output);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        run.hosts << m.captured(1);
        run.ok = std::max(run.ok, 0) + m.captured(2).toInt();
        run.changed = std::max(run.changed, 0) + m.captured(3).toInt();
        run.failed = std::max(run.failed, 0) + m.captured(4).toInt() + m.captured(5).toInt();
        run.rescued = std::max(run.rescued, 0) + m.captured(6).toInt();
    }
    if (run.exitCode != 0 || run.failed != 0) {
        qWarning("%s", qPrintable(run.output.right(12000))); // QVERIFY2 cuts long messages
    }
    qInfo("ansible-playbook %s: %lld ms, ok=%d changed=%d failed=%d rescued=%d",
          qPrintable(extra.join(QLatin1Char(' '))), run.ms, run.ok, run.changed, run.failed, run.rescued);
    return run;
}

bool TestAnsibleExportPlaybook::ourPlan(const Project& project, Plan* plan, QString* error)
{
    SshTarget target = SshTarget::fromProject(project);
    target.globalKnownHostsFile = m_rig->directory() + QStringLiteral("/no-global-known-hosts");
    target.useSshConfig = false;
    SshSession session(target, SshCredentials());
    if (!session.open()) {
        *error = session.errorString();
        return false;
    }
    SshRemoteHost host(session);
    return DeployRunner::makePlan(host, project, m_rig->fixture->secrets(), plan, error);
}

DeployReport TestAnsibleExportPlaybook::ourDeploy()
{
    SshTarget target = SshTarget::fromProject(m_rig->fixture->project);
    target.globalKnownHostsFile = m_rig->directory() + QStringLiteral("/no-global-known-hosts");
    target.useSshConfig = false;
    SshSession session(target, SshCredentials());
    DeployReport report;
    report.outcome = DeployReport::Outcome::Refused;
    if (!session.open()) {
        report.message = session.errorString();
        return report;
    }
    SshRemoteHost host(session);
    Plan plan;
    if (!DeployRunner::makePlan(host, m_rig->fixture->project, m_rig->fixture->secrets(), &plan, &report.message)) {
        return report;
    }
    return DeployRunner::apply(host, plan, m_rig->fixture->secrets());
}

void TestAnsibleExportPlaybook::freshServer_playbookThenOurPlan_nothingToChange()
{
    QVERIFY(exportTo(m_export));
    const Run first = playbook(m_export);
    QVERIFY2(first.exitCode == 0 && first.failed == 0, qPrintable(first.output.right(6000)));
    QVERIFY2(first.changed > 0, qPrintable(first.output.right(3000)));
    // Every file with our bytes and mode, links in place, no backup left behind.
    const SecretValues secrets = m_rig->fixture->secrets();
    const RenderResult rendered = Renderer::render(m_rig->fixture->project, &secrets);
    for (const GeneratedFile& file : rendered.files) {
        if (file.previewOnly) {
            continue;
        }
        QFile f(file.remotePath);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file.remotePath));
        QCOMPARE(f.readAll(), file.content.toUtf8());
        for (const QString& link : file.symlinks) {
            QCOMPARE(QFileInfo(link).symLinkTarget(), file.remotePath);
        }
    }
    QDirIterator it(m_rig->fixture->root(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QVERIFY2(!path.endsWith(QLatin1Char('~')), qPrintable(path + QStringLiteral(": a backup left behind")));
    }
    QFile dotenv(m_rig->fixture->path(QStringLiteral("/home/saltant/.env")));
    QVERIFY(dotenv.open(QIODevice::ReadOnly));
    QVERIFY(dotenv.readAll().contains("PROJECT_NAME='{{ lookup('pipe','id') }}'"));
    const QStringList systemctl = m_rig->fixture->callsOf(QStringLiteral("systemctl"));
    for (const char* call : {"systemctl daemon-reload", "systemctl restart emperor.uwsgi.service",
                             "systemctl reload-or-restart nginx.service", "systemctl restart rabbitmq-server.service",
                             "systemctl restart flower.service"}) {
        QVERIFY2(systemctl.count(QString::fromLatin1(call)) == 1, qPrintable(systemctl.join(QLatin1Char('\n'))));
    }
    QVERIFY(m_rig->fixture->callsOf(QStringLiteral("rabbitmqctl"))
                .contains(QStringLiteral("rabbitmqctl add_user AzureDiamond <stdin:16 bytes>")));

    Plan plan;
    QString error;
    QVERIFY2(ourPlan(m_rig->fixture->project, &plan, &error), qPrintable(error));
    QVERIFY2(matchesOurDeploy(plan), qPrintable(PlanText::render(plan)));

    m_rig->fixture->clearCalls();
    const Run second = playbook(m_export);
    QVERIFY2(second.exitCode == 0 && second.changed == 0, qPrintable(second.output.right(6000)));
    QVERIFY2(m_rig->fixture->calls().isEmpty(), qPrintable(m_rig->fixture->calls().join(QLatin1Char('\n'))));
}

void TestAnsibleExportPlaybook::ourDeploy_thenPlaybookCheck_changedZero()
{
    DeployReport report = ourDeploy();
    QVERIFY2(report.ok(), qPrintable(report.message));
    QVERIFY(exportTo(m_export));
    const Run same = playbook(m_export, {QStringLiteral("--check")});
    QVERIFY2(same.exitCode == 0 && same.changed == 0, qPrintable(same.output.right(6000)));

    QVERIFY(m_rig->fixture->project.setFromString(Key::NginxClientMaxBodySize, QStringLiteral("25M")));
    QVERIFY(m_rig->fixture->project.setFromString(Key::FlowerPort, QStringLiteral("5556")));
    QVERIFY(exportTo(m_export));
    const QString before = m_rig->fixture->treeSignature();
    m_rig->fixture->clearCalls();
    const Run pending = playbook(m_export, {QStringLiteral("--check")});
    QVERIFY2(pending.exitCode == 0 && pending.changed > 0, qPrintable(pending.output.right(6000)));
    QCOMPARE(m_rig->fixture->treeSignature(), before); // --check changed nothing
    QVERIFY2(m_rig->fixture->calls().isEmpty(), qPrintable(m_rig->fixture->calls().join(QLatin1Char('\n'))));

    report = ourDeploy();
    QVERIFY2(report.outcome == DeployReport::Outcome::Deployed, qPrintable(report.message));
    const Run after = playbook(m_export, {QStringLiteral("--check")});
    QVERIFY2(after.exitCode == 0 && after.changed == 0, qPrintable(after.output.right(6000)));
}

void TestAnsibleExportPlaybook::rejectedConfiguration_rescueRestoresEveryFile_noHandler()
{
    QVERIFY(ourDeploy().ok());
    const QString before = m_rig->fixture->treeSignature();
    m_rig->fixture->clearCalls();
    Project& p = m_rig->fixture->project;
    QVERIFY(p.setFromString(Key::NginxUwsgiParams, m_rig->fixture->path(QStringLiteral("/etc/nginx/no-such-params"))));
    QVERIFY(p.setFromString(Key::DjangoDebug, QStringLiteral("true"))); // .env changes too
    QVERIFY(exportTo(m_export));
    const Run run = playbook(m_export);
    QVERIFY2(run.exitCode != 0 && run.failed == 1 && run.rescued == 1, qPrintable(run.output.right(6000)));
    QVERIFY2(run.output.contains(QStringLiteral("no-such-params")), qPrintable(run.output.right(3000)));
    QCOMPARE(m_rig->fixture->treeSignature(), before);
    QVERIFY(m_rig->fixture->callsOf(QStringLiteral("systemctl")).isEmpty());
    QVERIFY(m_rig->fixture->callsOf(QStringLiteral("rabbitmqctl")).isEmpty());
}

// A worker host on the same pretend server (its checkout, virtualenv, unit and directories inside the fixture; the
// server's files elsewhere): both plays run, then our plans for the server and for the worker have nothing to do.
void TestAnsibleExportPlaybook::workerHost_playbookThenOurPlans_nothingToChange()
{
    DeployFixture& fixture = *m_rig->fixture;
    Project& p = fixture.project;
    const QString checkout = fixture.path(QStringLiteral("/home/worker-checkout"));
    QVERIFY(QDir().mkpath(checkout + QStringLiteral("/saltant")));
    QFile celery(checkout + QStringLiteral("/saltant/celery.py"));
    QVERIFY(celery.open(QIODevice::WriteOnly));
    celery.close();
    QString error;
    QVERIFY2(p.addWorker(QStringLiteral("w1"), &error), qPrintable(error));
    const QList<QPair<SettingKey, QString>> settings{
        {Key::WorkersProjectDir, checkout},
        {Key::WorkersVenvDir, fixture.path(QStringLiteral("/home/saltant/venv"))},
        {Key::WorkersUnitPath, fixture.path(QStringLiteral("/etc/systemd/system/saltant-worker.service"))},
        {Key::WorkerLogsDirectory, fixture.path(QStringLiteral("/srv/worker/logs"))},
        {Key::WorkerResultsDirectory, fixture.path(QStringLiteral("/srv/worker/results"))},
        {Key::WorkerTempDirectory, fixture.path(QStringLiteral("/srv/worker/tmp"))},
        {Key::WorkerSingularityImagesDirectory, fixture.path(QStringLiteral("/srv/worker/images"))},
    };
    for (const auto& setting : settings) {
        QVERIFY2(p.setFromString(setting.first, setting.second, &error), qPrintable(setting.first.name() + error));
    }
    // Another name for the same sshd (a worker is another machine than the server), trusted with the same key.
    QVERIFY2(p.setWorkerFromString(QStringLiteral("w1"), Key::SshHost, QStringLiteral("localhost"), &error),
             qPrintable(error));
    QFile knownHosts(p.text(Key::SshKnownHostsFile));
    QVERIFY(knownHosts.open(QIODevice::ReadWrite | QIODevice::Append));
    knownHosts.seek(0);
    QByteArray entry = knownHosts.readAll();
    entry.replace("[127.0.0.1]", "[localhost]");
    knownHosts.seek(knownHosts.size());
    knownHosts.write(entry);
    knownHosts.close();
    QVERIFY2(p.validate().isEmpty(), qPrintable(p.validate().value(0).key + p.validate().value(0).message));
    QVERIFY(exportTo(m_export));
    const Run first = playbook(m_export);
    QVERIFY2(first.exitCode == 0 && first.failed == 0, qPrintable(first.output.right(3000)));
    QCOMPARE(first.hosts, (QStringList{QStringLiteral("saltant_web"), QStringLiteral("w1")}));
    QVERIFY(QFileInfo::exists(checkout + QStringLiteral("/.env")));
    for (const Project& host : {p, p.forWorker(QStringLiteral("w1"))}) {
        Plan plan;
        QVERIFY2(ourPlan(host, &plan, &error), qPrintable(error));
        QVERIFY2(matchesOurDeploy(plan), qPrintable(host.hostName() + QStringLiteral(": ") + PlanText::render(plan)));
    }
    const Run second = playbook(m_export);
    QVERIFY2(second.exitCode == 0 && second.changed == 0, qPrintable(second.output.right(3000)));
}

QTEST_GUILESS_MAIN(TestAnsibleExportPlaybook)
#include "TestAnsibleExportPlaybook.moc"
#include "model/SettingKeys.h"
