#include "KeyringPeer.h"
#include "SshdRig.h"
#include "plan/DeployManifest.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>
#include <memory>
#include <sys/stat.h>

using namespace saltant;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

bool append(const QString& path, const QByteArray& text)
{
    QFile f(path);
    return f.open(QIODevice::Append) && f.write(text) == text.size();
}

int modeOf(const QString& path)
{
    struct stat st = {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? static_cast<int>(st.st_mode & 07777) : -1;
}

// Every file under dir with its content's hash: to prove the state directory did not change.
QStringList listing(const QString& dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        out << p + QLatin1Char(' ') + DeployManifest::sha256(readAll(p));
    }
    out.sort();
    return out;
}

} // namespace

// Drift detection end to end: saltant-deploy-cli deploy/plan/drift against a real sshd (SshdRig) in front of a
// pretend server, the secrets in an unlocked gnome-keyring (KeyringPeer), the deploy state directory inside the
// test's temporary directory (server.stateDirectory).
class TestDrift : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<KeyringPeer> m_keyring;
    std::unique_ptr<SshdRig> m_rig;
    QString m_projectFile;

    KeyringPeer::Run cli(const QStringList& args) const
    {
        const KeyringPeer::Run run = m_keyring->cli(
            args + QStringList{QStringLiteral("--accept-new-host-key"), QStringLiteral("--project"), m_projectFile});
        if (!run.finished) {
            qWarning("%s", qPrintable(run.describe()));
        }
        return run;
    }
    KeyringPeer::Run deploy(const QStringList& extra = QStringList()) const
    {
        return cli(QStringList{QStringLiteral("deploy"), QStringLiteral("--yes"), QStringLiteral("--no-checks")} +
                   extra);
    }
    QString path(const char* relative) const { return m_rig->fixture->path(QString::fromLatin1(relative)); }
    QString state() const { return path("/var/lib/saltant-deploy"); }
    QString site() const { return path("/etc/nginx/sites-available/saltant_nginx.conf"); }
    QString dotenv() const { return path("/home/saltant/.env"); }
    DeployManifest manifest() const
    {
        DeployManifest m;
        QString error;
        if (!DeployManifest::fromJson(readAll(DeployManifest::manifestPath(state())), &m, &error)) {
            qWarning("%s", qPrintable(error));
        }
        return m;
    }
    static QString out(const KeyringPeer::Run& run) { return QString::fromUtf8(run.out); }
    static QString both(const KeyringPeer::Run& run)
    {
        return QString::fromUtf8(run.out) + QStringLiteral("\n--- stderr:\n") + QString::fromUtf8(run.err);
    }

private slots:
    void initTestCase()
    {
        m_keyring = std::make_unique<KeyringPeer>(KeyringPeer::Mode::UnlockedKeyring);
        QString error;
        QVERIFY2(m_keyring->start(&error), qPrintable(error));
    }

    void init()
    {
        m_rig = std::make_unique<SshdRig>();
        QString error;
        QVERIFY2(m_rig->start(SshdRig::KnownHosts::Empty, &error), qPrintable(error));
        QCOMPARE(m_rig->fixture->project.text(Key::ServerStateDirectory), state());
        m_projectFile = m_rig->saveProject(QStringLiteral("test.saltant.json"), &error);
        QVERIFY2(!m_projectFile.isEmpty(), qPrintable(error));
        QVERIFY2(m_keyring->storeSecrets(m_rig->fixture->secrets(), m_projectFile, &error), qPrintable(error));
    }

    void cleanup() { m_rig.reset(); }

    // Never deployed: unknown (exit 0); the first deploy writes the manifest and the copies; then no drift.
    void firstDeploy_writesManifest_thenNoDrift()
    {
        KeyringPeer::Run run = cli({QStringLiteral("drift")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(out(run).startsWith(QStringLiteral("unknown: never deployed by Saltant Deploy")),
                 qPrintable(both(run)));
        run = cli({QStringLiteral("plan")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(out(run).contains(QStringLiteral("No manifest: drift unknown")), qPrintable(both(run)));

        run = deploy();
        QVERIFY2(run.exitCode == 0, qPrintable(both(run)));
        QCOMPARE(modeOf(state()), 0700);
        QCOMPARE(modeOf(DeployManifest::manifestPath(state())), 0600);
        const DeployManifest m = manifest();
        QCOMPARE(m.project, m_rig->fixture->project.text(Key::ServerDomain));
        QCOMPARE(m.toolVersion, QStringLiteral(SALTANT_VERSION));
        QVERIFY(qAbs(m.time.secsTo(QDateTime::currentDateTimeUtc())) < 600);
        const ManifestFile* env = m.find(dotenv());
        QVERIFY(env);
        QCOMPARE(env->sha256, DeployManifest::sha256(readAll(dotenv()))); // the bytes installed, secrets and all
        QCOMPARE(env->mode, 0640);
        QVERIFY(m.find(site()));
        QVERIFY(m.files.size() > 5);
        for (const ManifestFile& f : m.files) {
            const QString copy = DeployManifest::deployedCopyPath(state(), f.path);
            QCOMPARE(readAll(copy), readAll(f.path));
            QCOMPARE(modeOf(copy), 0600);
        }
        QVERIFY(!readAll(DeployManifest::manifestPath(state())).contains("django-secret-k3y"));

        run = cli({QStringLiteral("plan")});
        QVERIFY2(out(run).contains(QStringLiteral("No drift: every file is as the last deploy")),
                 qPrintable(both(run)));
        run = cli({QStringLiteral("drift")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(out(run).startsWith(QStringLiteral("no drift: ")), qPrintable(both(run)));
    }

    // A re-deploy that changes nothing writes nothing, not even the manifest.
    void unchangedRedeploy_leavesTheManifestAlone()
    {
        QCOMPARE(deploy().exitCode, 0);
        const QStringList before = listing(state());
        m_rig->fixture->clearCalls();
        const KeyringPeer::Run run = deploy();
        QVERIFY2(run.exitCode == 0, qPrintable(both(run)));
        QVERIFY2(out(run).contains(QStringLiteral("nothing to do")), qPrintable(both(run)));
        QCOMPARE(listing(state()), before);
        QVERIFY(m_rig->fixture->calls().isEmpty());
    }

    // A file edited by hand: plan shows the three versions, drift exits 1, deploy refuses with exit 9.
    void editByHand_planShowsIt_driftOne_deployRefusedNine()
    {
        QCOMPARE(deploy().exitCode, 0);
        QVERIFY(append(site(), "# added by hand\n"));
        const QByteArray edited = readAll(site());

        KeyringPeer::Run run = cli({QStringLiteral("plan")});
        QCOMPARE(run.exitCode, 0);
        const QString plan = out(run);
        QVERIFY2(plan.contains(QStringLiteral("Changed on the server since the last deploy (")), qPrintable(plan));
        QVERIFY2(plan.contains(site() + QStringLiteral(": content changed (this deploy would overwrite it)")),
                 qPrintable(plan));
        QVERIFY2(plan.contains(QStringLiteral("--- ") + site() + QStringLiteral(" (last deployed)\n+++ ") + site() +
                               QStringLiteral(" (now on the server)\n")),
                 qPrintable(plan));
        QVERIFY2(plan.contains(QStringLiteral("+# added by hand\n")), qPrintable(plan));
        QVERIFY2(plan.contains(QStringLiteral("--- ") + site() + QStringLiteral(" (now on the server)\n+++ ") + site() +
                               QStringLiteral(" (this deploy)\n")),
                 qPrintable(plan));
        QVERIFY2(plan.contains(QStringLiteral("-# added by hand\n")), qPrintable(plan));

        run = cli({QStringLiteral("drift")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(out(run).startsWith(site() + QStringLiteral(": content changed\n")), qPrintable(both(run)));

        const QString before = m_rig->fixture->treeSignature();
        const QStringList stateBefore = listing(state());
        m_rig->fixture->clearCalls();
        run = deploy();
        QCOMPARE(run.exitCode, 9);
        QVERIFY2(QString::fromUtf8(run.err).contains(QStringLiteral("--overwrite-drift")), qPrintable(both(run)));
        QCOMPARE(readAll(site()), edited);
        QCOMPARE(m_rig->fixture->treeSignature(), before);
        QCOMPARE(listing(state()), stateBefore);
        QVERIFY(m_rig->fixture->calls().isEmpty());

        run = deploy({QStringLiteral("--overwrite-drift"), QStringLiteral("--keep-drift")});
        QCOMPARE(run.exitCode, 2);
    }

    // --keep-drift: the edited file stays, the rest is deployed, the file is still reported as drift.
    void keepDrift_leavesTheEdit_deploysTheRest()
    {
        QCOMPARE(deploy().exitCode, 0);
        const ManifestFile recorded = *manifest().find(site());
        QVERIFY(append(site(), "# added by hand\n"));
        const QByteArray edited = readAll(site());
        const KeyringPeer::Run run =
            deploy({QStringLiteral("--keep-drift"), QStringLiteral("--set"), QStringLiteral("django.debug=true")});
        QVERIFY2(run.exitCode == 0, qPrintable(both(run)));
        QCOMPARE(readAll(site()), edited);
        QVERIFY(readAll(dotenv()).contains("DEBUG=True"));
        const DeployManifest m = manifest();
        QVERIFY(*m.find(site()) == recorded); // not recorded as deployed
        QCOMPARE(m.find(dotenv())->sha256, DeployManifest::sha256(readAll(dotenv())));
        QVERIFY(readAll(DeployManifest::deployedCopyPath(state(), dotenv())).contains("DEBUG=True"));
        const KeyringPeer::Run drift =
            cli({QStringLiteral("drift"), QStringLiteral("--set"), QStringLiteral("django.debug=true")});
        QCOMPARE(drift.exitCode, 1);
        QVERIFY2(out(drift).startsWith(site() + QStringLiteral(": content changed\n")), qPrintable(both(drift)));
    }

    // --overwrite-drift: the file is put back; no drift after.
    void overwriteDrift_replacesTheEdit()
    {
        QCOMPARE(deploy().exitCode, 0);
        const QByteArray deployed = readAll(site());
        QVERIFY(append(site(), "# added by hand\n"));
        QVERIFY(::chmod(QFile::encodeName(dotenv()).constData(), 0644) == 0);
        KeyringPeer::Run run = cli({QStringLiteral("drift")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(out(run).contains(dotenv() + QStringLiteral(": mode 0640 -> 0644\n")), qPrintable(both(run)));
        run = deploy({QStringLiteral("--overwrite-drift")});
        QVERIFY2(run.exitCode == 0, qPrintable(both(run)));
        QCOMPARE(readAll(site()), deployed);
        QCOMPARE(modeOf(dotenv()), 0640);
        run = cli({QStringLiteral("drift")});
        QCOMPARE(run.exitCode, 0);
        // A file deleted on the server is drift too.
        QVERIFY(QFile::remove(site()));
        run = cli({QStringLiteral("drift")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(out(run).startsWith(site() + QStringLiteral(": deleted on the server\n")), qPrintable(both(run)));
    }

    // drift exits 2 when it cannot tell: no connection.
    void drift_cannotConnect_exitsTwo()
    {
        const KeyringPeer::Run run =
            cli({QStringLiteral("drift"), QStringLiteral("--set"), QStringLiteral("ssh.port=1")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(QStringLiteral("drift unknown")), qPrintable(both(run)));
    }

    // A server deployed before the manifest existed: unknown; the next deploy writes the manifest and touches
    // nothing else.
    void deployedWithoutManifest_unknown_nextDeployWritesIt()
    {
        QCOMPARE(deploy().exitCode, 0);
        QVERIFY(QDir(state()).removeRecursively());
        KeyringPeer::Run run = cli({QStringLiteral("drift")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(out(run).startsWith(QStringLiteral("unknown: never deployed by Saltant Deploy")),
                 qPrintable(both(run)));
        run = cli({QStringLiteral("plan")});
        QVERIFY2(out(run).contains(QStringLiteral("No manifest: drift unknown")), qPrintable(both(run)));
        QVERIFY2(out(run).contains(QStringLiteral("this deploy writes it")), qPrintable(both(run)));

        const QString before = m_rig->fixture->treeSignature();
        m_rig->fixture->clearCalls();
        run = deploy();
        QVERIFY2(run.exitCode == 0, qPrintable(both(run)));
        QCOMPARE(m_rig->fixture->treeSignature(), before);
        QVERIFY2(m_rig->fixture->calls().isEmpty(), qPrintable(m_rig->fixture->calls().join(QLatin1Char('\n'))));
        QCOMPARE(manifest().find(dotenv())->sha256, DeployManifest::sha256(readAll(dotenv())));
        QCOMPARE(readAll(DeployManifest::deployedCopyPath(state(), site())), readAll(site()));
        QCOMPARE(cli({QStringLiteral("drift")}).exitCode, 0);
    }

    // Validation fails: every file is restored, and so are the old manifest and copies.
    void rolledBackDeploy_leavesTheOldManifest()
    {
        QCOMPARE(deploy().exitCode, 0);
        const QStringList before = listing(state());
        const KeyringPeer::Run run =
            deploy({QStringLiteral("--set"), QStringLiteral("nginx.uwsgiParams=") + path("/etc/nginx/no-such-params"),
                    QStringLiteral("--set"), QStringLiteral("django.debug=true")});
        QCOMPARE(run.exitCode, 7);
        QCOMPARE(listing(state()), before);
        QVERIFY(!readAll(dotenv()).contains("DEBUG=True"));
        QCOMPARE(cli({QStringLiteral("drift")}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestDrift)
#include "TestDrift.moc"
#include "model/SettingKeys.h"
