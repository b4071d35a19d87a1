#include "InterceptingHost.h"
#include "SshdRig.h"
#include "StepGate.h"
#include "deploy/DeployRunner.h"
#include "generate/Renderer.h"
#include "ssh/SshRemoteHost.h"
#include "ssh/SshSession.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <atomic>
#include <functional>
#include <sys/stat.h>
#include <thread>

using namespace saltant;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

int modeOf(const QString& path)
{
    struct stat st = {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? static_cast<int>(st.st_mode & 07777) : -1;
}

} // namespace

// Scenarios of DESIGN §3 against a real sshd on loopback (SshdPeer) through SshSession + SshRemoteHost; the
// server's paths lie in a temporary directory, systemctl & co. are recording scripts, nginx -t is the real one.
class TestDeploy : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SshdRig> m_rig;
    std::unique_ptr<SshSession> m_session;
    std::unique_ptr<SshRemoteHost> m_ssh;
    std::unique_ptr<InterceptingHost> m_host;

    bool connect()
    {
        m_host.reset();
        m_ssh.reset();
        SshTarget target = SshTarget::fromProject(m_rig->fixture->project);
        target.globalKnownHostsFile = m_rig->directory() + QStringLiteral("/no-global-known-hosts");
        target.useSshConfig = false;
        m_session = std::make_unique<SshSession>(target, SshCredentials());
        if (!m_session->open()) {
            qWarning("%s", qPrintable(m_session->errorString()));
            return false;
        }
        m_ssh = std::make_unique<SshRemoteHost>(*m_session);
        m_host = std::make_unique<InterceptingHost>(*m_ssh);
        return true;
    }

    DeployReport deploy(const Project& project)
    {
        Plan plan;
        QString error;
        if (!DeployRunner::makePlan(*m_host, project, m_rig->fixture->secrets(), &plan, &error)) {
            DeployReport failed;
            failed.outcome = DeployReport::Outcome::Refused;
            failed.message = error;
            return failed;
        }
        return DeployRunner::apply(*m_host, plan, m_rig->fixture->secrets());
    }
    DeployReport deploy() { return deploy(m_rig->fixture->project); }

    QString path(const char* relative) const { return m_rig->fixture->path(QString::fromLatin1(relative)); }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_rig = std::make_unique<SshdRig>();
        QString error;
        QVERIFY2(m_rig->start(SshdRig::KnownHosts::Peer, &error), qPrintable(error));
        QVERIFY(connect());
    }

    void cleanup()
    {
        m_host.reset();
        m_ssh.reset();
        m_session.reset();
        m_rig.reset();
    }

    // (1)
    void firstDeploy_writesEveryFile_andRunsEachHandlerOnce()
    {
        const DeployReport report = deploy();
        QVERIFY2(report.outcome == DeployReport::Outcome::Deployed, qPrintable(report.message));
        int files = 0;
        const SecretValues secrets = m_rig->fixture->secrets();
        const RenderResult real = Renderer::render(m_rig->fixture->project, &secrets);
        for (const GeneratedFile& file : real.files) {
            if (file.previewOnly) {
                continue;
            }
            ++files;
            QCOMPARE(readAll(file.remotePath), file.content.toUtf8());
            QCOMPARE(modeOf(file.remotePath), file.mode);
            for (const QString& link : file.symlinks) {
                QCOMPARE(QFileInfo(link).symLinkTarget(), file.remotePath);
            }
        }
        QCOMPARE(m_host->uploads, files);
        QCOMPARE(modeOf(path("/home/saltant/.env")), 0640);
        QCOMPARE(modeOf(path("/etc/saltant/flower.env")), 0600);
        const QStringList systemctl = m_rig->fixture->callsOf(QStringLiteral("systemctl"));
        for (const char* call : {"systemctl daemon-reload", "systemctl restart emperor.uwsgi.service",
                                 "systemctl reload-or-restart nginx.service",
                                 "systemctl restart rabbitmq-server.service", "systemctl restart flower.service"}) {
            QVERIFY2(systemctl.count(QString::fromLatin1(call)) == 1, call);
        }
        QCOMPARE(m_rig->fixture->callsOf(QStringLiteral("nginx")), QStringList{QStringLiteral("nginx -t")});
        QVERIFY(m_rig->fixture->callsOf(QStringLiteral("rabbitmqctl"))
                    .contains(QStringLiteral("rabbitmqctl add_user AzureDiamond <stdin:16 bytes>")));
        QVERIFY(m_rig->fixture->callsOf(QStringLiteral("rabbitmqctl"))
                    .contains(QStringLiteral("rabbitmqctl delete_user guest")));
        QVERIFY(m_rig->fixture->callsOf(QStringLiteral("certbot")).isEmpty()); // the certificate exists
    }

    // (2)
    void secondDeploy_uploadsNothing_runsNoHandler()
    {
        QVERIFY(deploy().ok());
        m_rig->fixture->clearCalls();
        m_host->uploads = 0;
        const QString before = m_rig->fixture->treeSignature();
        const DeployReport report = deploy();
        QCOMPARE(report.outcome, DeployReport::Outcome::NothingToDo);
        QCOMPARE(m_host->uploads, 0);
        QCOMPARE(report.handlersRun, 0);
        QVERIFY2(m_rig->fixture->calls().isEmpty(), qPrintable(m_rig->fixture->calls().join(QLatin1Char('\n'))));
        QCOMPARE(m_rig->fixture->treeSignature(), before);
    }

    // (3)
    void nginxSettingChanged_onlySiteUploaded_onlyNginxReloaded()
    {
        QVERIFY(deploy().ok());
        m_rig->fixture->clearCalls();
        m_host->uploads = 0;
        m_host->uploadedPaths.clear();
        QVERIFY(m_rig->fixture->project.setFromString(Key::NginxClientMaxBodySize, QStringLiteral("25M")));
        const DeployReport report = deploy();
        QVERIFY2(report.outcome == DeployReport::Outcome::Deployed, qPrintable(report.message));
        QCOMPARE(m_host->uploads, 1);
        QVERIFY(m_host->uploadedPaths.first().endsWith(QStringLiteral("saltant_nginx.conf.saltant-stage")));
        QVERIFY(readAll(path("/etc/nginx/sites-available/saltant_nginx.conf")).contains("client_max_body_size 25M;"));
        QCOMPARE(m_rig->fixture->callsOf(QStringLiteral("systemctl")),
                 QStringList({QStringLiteral("systemctl enable nginx.service"),
                              QStringLiteral("systemctl reload-or-restart nginx.service")}));
        QCOMPARE(m_rig->fixture->callsOf(QStringLiteral("nginx")), QStringList{QStringLiteral("nginx -t")});
    }

    // (4)
    void configRejectedByNginx_everyFileRestored_noReload()
    {
        QVERIFY(deploy().ok());
        const QString before = m_rig->fixture->treeSignature();
        m_rig->fixture->clearCalls();
        QVERIFY(m_rig->fixture->project.setFromString(Key::NginxUwsgiParams, path("/etc/nginx/no-such-params")));
        QVERIFY(m_rig->fixture->project.setFromString(Key::DjangoDebug, QStringLiteral("true")));
        const DeployReport report = deploy();
        QCOMPARE(report.outcome, DeployReport::Outcome::ValidationFailed);
        QVERIFY2(report.message.contains(QStringLiteral("no-such-params")), qPrintable(report.message));
        QCOMPARE(m_rig->fixture->treeSignature(), before);
        QVERIFY(m_rig->fixture->callsOf(QStringLiteral("systemctl")).isEmpty());
        QVERIFY(m_rig->fixture->callsOf(QStringLiteral("rabbitmqctl")).isEmpty());
    }

    // (6)
    void connectionKilledDuringThirdUpload_filesAllOld_nextDeployCompletes()
    {
        QVERIFY(deploy().ok());
        const QString before = m_rig->fixture->treeSignature();
        Project& p = m_rig->fixture->project;
        QVERIFY(p.setFromString(Key::DjangoDebug, QStringLiteral("true")));           // .env
        QVERIFY(p.setFromString(Key::UwsgiProcesses, QStringLiteral("4")));           // vassal ini
        QVERIFY(p.setFromString(Key::NginxClientMaxBodySize, QStringLiteral("30M"))); // site
        QVERIFY(p.setFromString(Key::FlowerPort, QStringLiteral("5556")));            // unit, site
        m_host->uploads = 0;
        m_host->beforeUpload = [this](int n) {
            if (n == 3) {
                QVERIFY(m_rig->peer->killSessionChildren() > 0);
            }
        };
        const DeployReport cut = deploy();
        QCOMPARE(cut.outcome, DeployReport::Outcome::ConnectionLost);
        QCOMPARE(m_host->uploads, 3);
        QCOMPARE(m_rig->fixture->treeSignature(), before);

        QVERIFY(connect());
        const DeployReport next = deploy();
        QVERIFY2(next.outcome == DeployReport::Outcome::Deployed, qPrintable(next.message));
        QVERIFY(readAll(path("/home/saltant/.env")).contains("DEBUG=True"));
        QVERIFY(readAll(path("/etc/nginx/sites-available/saltant_nginx.conf")).contains("client_max_body_size 30M;"));
        // The uploads of the cut deploy (secrets among them) were removed from the staging directory too.
        QVERIFY(QDir(m_ssh->stagingDirectory()).entryList({QStringLiteral("*.saltant-stage")}, QDir::Files).isEmpty());
        QCOMPARE(deploy().outcome, DeployReport::Outcome::NothingToDo);
    }

    // (6, later) the connection dies between two renames: each file old or new; the next deploy restores, then
    // applies the whole set again.
    void connectionKilledBetweenRenames_nextDeployRepairs()
    {
        QVERIFY(deploy().ok());
        Project& p = m_rig->fixture->project;
        QVERIFY(p.setFromString(Key::DjangoDebug, QStringLiteral("true")));
        QVERIFY(p.setFromString(Key::NginxClientMaxBodySize, QStringLiteral("35M")));
        const QByteArray oldSite = readAll(path("/etc/nginx/sites-available/saltant_nginx.conf"));
        StepGate gate(m_rig->directory() + QStringLiteral("/gate"));
        gate.close();
        m_host->rewrite = [&](const QString& command) {
            if (!command.contains(QStringLiteral("install -m "))) {
                return command;
            }
            // After the first rename: hold at the gate (never opened) until the test kills the connection.
            QString out;
            bool done = false;
            for (const QString& line : command.split(QLatin1Char('\n'))) {
                out += line + QLatin1Char('\n');
                if (!done && line.startsWith(QStringLiteral("mv -fT"))) {
                    out += gate.holdCommand(QStringLiteral("after the first rename")) + QLatin1Char('\n');
                    done = true;
                }
            }
            return out;
        };
        std::atomic_bool stop{false};
        std::thread killer([&] {
            while (!stop.load() && !gate.isReached()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            m_rig->peer->killSessionChildren();
        });
        const DeployReport cut = deploy();
        stop.store(true);
        killer.join();
        QVERIFY2(cut.outcome == DeployReport::Outcome::ConnectionLost,
                 qPrintable(DeployRunner::outcomeText(cut.outcome) + QStringLiteral(": ") + cut.message));
        QVERIFY(readAll(path("/home/saltant/.env")).contains("DEBUG=True")); // renamed before the cut
        QCOMPARE(readAll(path("/etc/nginx/sites-available/saltant_nginx.conf")), oldSite);

        m_host->rewrite = nullptr;
        QVERIFY(connect());
        m_rig->fixture->clearCalls();
        const DeployReport next = deploy();
        QVERIFY2(next.outcome == DeployReport::Outcome::Deployed, qPrintable(next.message));
        QCOMPARE(next.steps.first().phase, StepPhase::Recover);
        QVERIFY(readAll(path("/etc/nginx/sites-available/saltant_nginx.conf")).contains("client_max_body_size 35M;"));
        QVERIFY(m_rig->fixture->callsOf(QStringLiteral("systemctl"))
                    .contains(QStringLiteral("systemctl reload-or-restart nginx.service")));
        QCOMPARE(deploy().outcome, DeployReport::Outcome::NothingToDo);
    }

    // (7)
    void missingCheckout_clearError_serverUntouched()
    {
        QVERIFY(QDir(path("/home/saltant")).removeRecursively());
        const QString before = m_rig->fixture->treeSignature();
        const DeployReport report = deploy();
        QCOMPARE(report.outcome, DeployReport::Outcome::Refused);
        QVERIFY2(report.message.contains(path("/home/saltant")), qPrintable(report.message));
        QCOMPARE(m_host->uploads, 0);
        QCOMPARE(m_rig->fixture->treeSignature(), before);
        QVERIFY(m_rig->fixture->calls().isEmpty());
    }

    // Cancel after the last upload: nothing put in place, and the uploaded copies (secrets among them) are removed.
    void cancelAfterUpload_stagedCopiesRemoved_serverUntouched()
    {
        const QString before = m_rig->fixture->treeSignature();
        Plan plan;
        QString error;
        QVERIFY2(DeployRunner::makePlan(*m_host, m_rig->fixture->project, m_rig->fixture->secrets(), &plan, &error),
                 qPrintable(error));
        const int total = static_cast<int>(plan.uploads().size());
        QVERIFY(total > 3);
        std::atomic_bool cancel{false};
        m_host->beforeUpload = [&cancel, total](int n) {
            if (n == total) {
                cancel.store(true);
            }
        };
        DeployOptions options;
        options.cancel = &cancel;
        const DeployReport report = DeployRunner::apply(*m_host, plan, m_rig->fixture->secrets(), options);
        QCOMPARE(report.outcome, DeployReport::Outcome::Cancelled);
        QCOMPARE(m_host->uploads, total);
        // Every file as it was; only the directories Prepare created are new.
        const QStringList beforeLines = before.split(QLatin1Char('\n'));
        for (const QString& line : m_rig->fixture->treeSignature().split(QLatin1Char('\n'))) {
            const QString entry = line.section(QLatin1Char(' '), 0, 0);
            QVERIFY2(beforeLines.contains(line) || QFileInfo(entry).isDir(), qPrintable(line));
        }
        for (const QString& line : beforeLines) {
            QVERIFY2(m_rig->fixture->treeSignature().contains(line), qPrintable(line));
        }
        QVERIFY(m_rig->fixture->callsOf(QStringLiteral("systemctl")).isEmpty());
        const QStringList left =
            QDir(m_ssh->stagingDirectory()).entryList({QStringLiteral("*.saltant-stage")}, QDir::Files);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
        // The next deploy completes.
        m_host->beforeUpload = nullptr;
        QCOMPARE(deploy().outcome, DeployReport::Outcome::Deployed);
    }

    // (7)
    void targetNotWritable_clearError_serverUntouched()
    {
        QVERIFY(QDir().mkpath(path("/etc/uwsgi/emperor.ini")));
        const QString before = m_rig->fixture->treeSignature();
        const DeployReport report = deploy();
        QCOMPARE(report.outcome, DeployReport::Outcome::Refused);
        QVERIFY2(report.message.contains(QStringLiteral("emperor.ini on the server is not a regular file")),
                 qPrintable(report.message));
        QCOMPARE(m_host->uploads, 0);
        QCOMPARE(m_rig->fixture->treeSignature(), before);
    }

    // (5) end to end through the CLI: a changed host key stops the deploy before anything is read or sent.
    void changedHostKey_cliDeployAborts_beforeAnythingIsRead()
    {
        QString error;
        const QString known = m_rig->knownHostsPath();
        QVERIFY(QFile::copy(m_rig->peer->knownHostsPath(), known));
        QVERIFY2(m_rig->trust(known, &error), qPrintable(error));
        const QString projectFile = m_rig->saveProject(QStringLiteral("test.saltant.json"), &error);
        QVERIFY2(!projectFile.isEmpty(), qPrintable(error));
        m_host.reset();
        m_ssh.reset();
        m_session.reset();
        QVERIFY2(m_rig->peer->rotateHostKey(QStringLiteral("ed25519"), &error), qPrintable(error));
        const QString before = m_rig->fixture->treeSignature();

        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_rig->directory());
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(SALTANT_BINARY_DIR "/app/saltant-deploy-cli"),
                  {QStringLiteral("deploy"), QStringLiteral("--yes"), QStringLiteral("--no-checks"),
                   QStringLiteral("--project"), projectFile});
        QVERIFY(cli.waitForFinished(120000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitCode(), 5); // ExitCode::HostKey
        QVERIFY2(err.contains(QStringLiteral("changed"), Qt::CaseInsensitive), qPrintable(err));
        QVERIFY(m_rig->fixture->calls().isEmpty());
        QCOMPARE(m_rig->fixture->treeSignature(), before);
        QVERIFY(!QFile::exists(path("/etc/uwsgi/emperor.ini")));
    }
};

QTEST_GUILESS_MAIN(TestDeploy)
#include "TestDeploy.moc"
#include "model/SettingKeys.h"
