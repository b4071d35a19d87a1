#include "DeployFixture.h"
#include "InterceptingHost.h"
#include "LocalRemoteHost.h"
#include "RecordingTools.h"
#include "deploy/DeployRunner.h"
#include "plan/RemoteSnapshot.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <sys/stat.h>

using namespace saltant;

namespace {

// The script up to (not including) the n-th line starting with prefix, then a hard stop without clean-up.
QString cutBefore(const QString& script, const QString& prefix, int n)
{
    const QStringList lines = script.split(QLatin1Char('\n'));
    QStringList kept;
    int seen = 0;
    for (const QString& line : lines) {
        if (line.startsWith(prefix) && ++seen == n) {
            break;
        }
        kept << line;
    }
    return kept.join(QLatin1Char('\n')) + QStringLiteral("\nkill -KILL $$\n");
}

// The transaction's apply script (the only one that installs files).
bool isApply(const QString& command)
{
    return command.contains(QStringLiteral("install -m "));
}

int modeOf(const QString& path)
{
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? static_cast<int>(st.st_mode & 07777) : -1;
}

QString read(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QStringLiteral("<missing>");
}

QStringList leftovers(const QString& root)
{
    QStringList out;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        if (p.contains(QStringLiteral(".saltant-"))) {
            out << p;
        }
    }
    return out;
}

} // namespace

// The transaction against a pretend server on this machine (LocalRemoteHost), including cut scripts.
class TestTransaction : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<DeployFixture> m_fixture;
    std::unique_ptr<LocalRemoteHost> m_local;
    std::unique_ptr<InterceptingHost> m_host;

    DeployReport deploy(Project project, const SecretValues& secrets, DeployOptions options = DeployOptions())
    {
        Plan plan;
        QString error;
        if (!DeployRunner::makePlan(*m_host, project, secrets, &plan, &error)) {
            DeployReport failed;
            failed.outcome = DeployReport::Outcome::Refused;
            failed.message = error;
            return failed;
        }
        return DeployRunner::apply(*m_host, plan, secrets, options);
    }
    DeployReport deploy() { return deploy(m_fixture->project, m_fixture->secrets()); }
    QString site() const { return m_fixture->path(QStringLiteral("/etc/nginx/sites-available/saltant_nginx.conf")); }
    QString dotenv() const { return m_fixture->path(QStringLiteral("/home/saltant/.env")); }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QVERIFY(QDir(m_dir.path()).removeRecursively());
        QVERIFY(QDir().mkpath(m_dir.path()));
        m_fixture = std::make_unique<DeployFixture>(m_dir.path());
        QString error;
        QVERIFY2(m_fixture->setUp(&error), qPrintable(error));
        m_local = std::make_unique<LocalRemoteHost>(m_fixture->stagingDir());
        m_local->setPathPrefix({m_fixture->binDir()});
        m_host = std::make_unique<InterceptingHost>(*m_local);
    }

    void firstDeploy_thenSecond_isANoOp()
    {
        const DeployReport first = deploy();
        QVERIFY2(first.outcome == DeployReport::Outcome::Deployed, qPrintable(first.message));
        QVERIFY(read(site()).contains(QStringLiteral("server_name")));
        QCOMPARE(modeOf(dotenv()), 0640);
        QCOMPARE(modeOf(m_fixture->path(QStringLiteral("/etc/saltant/flower.env"))), 0600);
        QCOMPARE(
            QFileInfo(m_fixture->path(QStringLiteral("/etc/nginx/sites-enabled/saltant_nginx.conf"))).symLinkTarget(),
            site());
        QVERIFY(leftovers(m_dir.path() + QStringLiteral("/etc")).isEmpty());
        QVERIFY(m_fixture->callsOf(QStringLiteral("systemctl")).contains(QStringLiteral("systemctl daemon-reload")));

        m_fixture->clearCalls();
        m_host->uploads = 0;
        const QString before = m_fixture->treeSignature();
        const DeployReport second = deploy();
        QCOMPARE(second.outcome, DeployReport::Outcome::NothingToDo);
        QCOMPARE(m_host->uploads, 0);
        QCOMPARE(second.handlersRun, 0);
        QVERIFY(second.steps.isEmpty());
        QVERIFY2(m_fixture->calls().isEmpty(), qPrintable(m_fixture->calls().join(QLatin1Char('\n'))));
        QCOMPARE(m_fixture->treeSignature(), before);
    }

    void deployLog_isWritten_withoutSecrets()
    {
        const DeployReport report = deploy();
        QVERIFY(!report.logPath.isEmpty());
        QVERIFY(report.logPath.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)));
        const QString log = read(report.logPath);
        QVERIFY(log.contains(QStringLiteral("Reload nginx")));
        const SecretValues secrets = m_fixture->secrets();
        for (const QString& name : secrets.names()) {
            QVERIFY2(!log.contains(secrets.value(name)), qPrintable(name));
        }
        // The password went to rabbitmqctl on standard input, not on its command line.
        const QStringList rabbit = m_fixture->callsOf(QStringLiteral("rabbitmqctl"));
        QVERIFY2(rabbit.contains(QStringLiteral("rabbitmqctl add_user AzureDiamond <stdin:16 bytes>")),
                 qPrintable(rabbit.join(QLatin1Char('\n'))));
    }

    void cutAfterSecondRename_nextDeployRestoresThenApplies()
    {
        QVERIFY(deploy().ok());
        const QString oldSite = read(site());
        const QString oldEnv = read(dotenv());
        Project changed = m_fixture->project;
        QVERIFY(changed.setFromString(Key::NginxClientMaxBodySize, QStringLiteral("20M")));
        QVERIFY(changed.setFromString(Key::DjangoDebug, QStringLiteral("true")));
        m_host->rewrite = [](const QString& command) {
            return isApply(command) ? cutBefore(command, QStringLiteral("mv -fT"), 2) : command;
        };
        const DeployReport cut = deploy(changed, m_fixture->secrets());
        QVERIFY(!cut.ok());
        // The first renamed file is new, the second old; the markers say what to undo.
        QVERIFY(read(dotenv()) != oldEnv);
        QCOMPARE(read(site()), oldSite);
        QVERIFY(!leftovers(m_dir.path() + QStringLiteral("/home")).isEmpty());

        m_host->rewrite = nullptr;
        Plan plan;
        QString error;
        QVERIFY2(DeployRunner::makePlan(*m_host, changed, m_fixture->secrets(), &plan, &error), qPrintable(error));
        QVERIFY(!plan.recovery.isEmpty());
        for (const PlannedRecovery& r : plan.recovery) {
            QVERIFY(!r.forward);
        }
        m_fixture->clearCalls();
        const DeployReport next = DeployRunner::apply(*m_host, plan, m_fixture->secrets());
        QVERIFY2(next.outcome == DeployReport::Outcome::Deployed, qPrintable(next.message));
        QVERIFY(read(site()).contains(QStringLiteral("client_max_body_size 20M;")));
        QVERIFY(read(dotenv()).contains(QStringLiteral("DEBUG=True")));
        QVERIFY(leftovers(m_dir.path() + QStringLiteral("/etc")).isEmpty());
        QVERIFY(leftovers(m_dir.path() + QStringLiteral("/home")).isEmpty());
        QVERIFY(m_fixture->callsOf(QStringLiteral("systemctl"))
                    .contains(QStringLiteral("systemctl reload-or-restart nginx.service")));
    }

    void cutDuringCommit_nextDeployKeepsNewFilesAndRunsHandlers()
    {
        QVERIFY(deploy().ok());
        Project changed = m_fixture->project;
        QVERIFY(changed.setFromString(Key::NginxClientMaxBodySize, QStringLiteral("30M")));
        QVERIFY(changed.setFromString(Key::DjangoDebug, QStringLiteral("true")));
        m_host->rewrite = [](const QString& command) {
            // Cut the commit after its first pending marker, before any backup is removed.
            const bool commit = command.startsWith(QStringLiteral("set -u\nstatus=0\nprintf"));
            return commit ? cutBefore(command, QStringLiteral("printf"), 2) : command;
        };
        m_fixture->clearCalls();
        QVERIFY(!deploy(changed, m_fixture->secrets()).ok());
        QVERIFY(m_fixture->callsOf(QStringLiteral("systemctl")).isEmpty());

        m_host->rewrite = nullptr;
        Plan plan;
        QString error;
        QVERIFY2(DeployRunner::makePlan(*m_host, changed, m_fixture->secrets(), &plan, &error), qPrintable(error));
        QVERIFY(!plan.recovery.isEmpty());
        for (const PlannedRecovery& r : plan.recovery) {
            QVERIFY(r.forward);
        }
        QVERIFY(plan.uploads().isEmpty());
        const DeployReport next = DeployRunner::apply(*m_host, plan, m_fixture->secrets());
        QVERIFY2(next.outcome == DeployReport::Outcome::Deployed, qPrintable(next.message));
        QCOMPARE(next.uploaded, 0);
        QVERIFY(read(site()).contains(QStringLiteral("client_max_body_size 30M;")));
        QVERIFY(m_fixture->callsOf(QStringLiteral("systemctl"))
                    .contains(QStringLiteral("systemctl reload-or-restart nginx.service")));
        QVERIFY(leftovers(m_dir.path() + QStringLiteral("/etc")).isEmpty());
    }

    void failingHandler_stops_andNextDeployRunsItAgain()
    {
        QString error;
        QVERIFY(RecordingTools::writeScript(
            m_fixture->binDir() + QStringLiteral("/systemctl"),
            QStringLiteral("#!/bin/sh\necho \"systemctl $*\" >> '%1'\n"
                           "case \"$*\" in *nginx*) echo 'nginx: failed' >&2; exit 1;; esac\n")
                .arg(m_fixture->logPath()),
            &error));
        const DeployReport failed = deploy();
        QCOMPARE(failed.outcome, DeployReport::Outcome::StepFailed);
        QVERIFY(failed.message.contains(QStringLiteral("Reload nginx")));
        QVERIFY(failed.steps.last().output.contains(QStringLiteral("nginx: failed")));
        QVERIFY(m_fixture->callsOf(QStringLiteral("systemctl restart rabbitmq-server.service")).isEmpty());

        QVERIFY(RecordingTools::install(m_fixture->binDir(), m_fixture->logPath(), &error));
        m_fixture->clearCalls();
        m_host->uploads = 0;
        const DeployReport again = deploy();
        QVERIFY2(again.outcome == DeployReport::Outcome::Deployed, qPrintable(again.message));
        QCOMPARE(m_host->uploads, 0);
        QVERIFY(m_fixture->callsOf(QStringLiteral("systemctl"))
                    .contains(QStringLiteral("systemctl reload-or-restart nginx.service")));
        QCOMPARE(deploy().outcome, DeployReport::Outcome::NothingToDo);
    }

    void failureInsideTheApplyScript_restoresEveryFile()
    {
        QVERIFY(deploy().ok());
        const QString before = m_fixture->treeSignature();
        Project changed = m_fixture->project;
        QVERIFY(changed.setFromString(Key::NginxClientMaxBodySize, QStringLiteral("40M")));
        QVERIFY(changed.setFromString(Key::DjangoDebug, QStringLiteral("true")));
        // The second staged file vanishes before the script installs it.
        m_host->rewrite = [this](const QString& command) {
            if (isApply(command)) {
                QDir staging(m_fixture->stagingDir());
                const QStringList staged = staging.entryList(QDir::Files, QDir::Name);
                if (staged.size() > 1) {
                    QFile::remove(staging.filePath(staged.at(1)));
                }
            }
            return command;
        };
        const DeployReport report = deploy(changed, m_fixture->secrets());
        QCOMPARE(report.outcome, DeployReport::Outcome::TransactionFailed);
        QVERIFY2(report.steps.last().output.contains(QStringLiteral("every file was restored")),
                 qPrintable(report.steps.last().output));
        QCOMPARE(m_fixture->treeSignature(), before);
    }
};

QTEST_GUILESS_MAIN(TestTransaction)
#include "TestTransaction.moc"
#include "model/SettingKeys.h"
