#include "plan/DeployManifest.h"
#include "plan/Plan.h"
#include "plan/PlanDrift.h"
#include "plan/PlanText.h"

#include <QTest>

using namespace saltant;

namespace {

const QString State = QStringLiteral("/state");
const QString SitePath = QStringLiteral("/etc/nginx/site.conf");
const QString EnvPath = QStringLiteral("/srv/app/.env");
const QString SiteText = QStringLiteral("server {\n    listen 80;\n    client_max_body_size 10M;\n}\n");
const QString EnvText = QStringLiteral("DEBUG=False\nSECRET_KEY=s3cr3t-value\nHOST=example.org\n");
const QString EnvMasked = QStringLiteral("DEBUG=False\nSECRET_KEY={{secret:django.secretKey}}\nHOST=example.org\n");

GeneratedFile site(const QString& content = SiteText)
{
    GeneratedFile f;
    f.id = QStringLiteral("nginx-site");
    f.remotePath = SitePath;
    f.format = FileFormat::Nginx;
    f.content = content;
    return f;
}

GeneratedFile env(const QString& content = EnvText)
{
    GeneratedFile f;
    f.id = QStringLiteral("dotenv");
    f.remotePath = EnvPath;
    f.mode = 0640;
    f.owner = QStringLiteral("ubuntu");
    f.group = QStringLiteral("www-data");
    f.format = FileFormat::Dotenv;
    f.holdsSecrets = true;
    f.content = content;
    return f;
}

RemoteEntry fileEntry(const QString& content, int mode = 0644, const QString& owner = QStringLiteral("root"),
                      const QString& group = QStringLiteral("root"))
{
    RemoteEntry e;
    e.kind = RemoteEntry::Kind::File;
    e.mode = mode;
    e.owner = owner;
    e.group = group;
    e.content = content.toUtf8();
    return e;
}

// A server the last deploy left with siteDeployed and envDeployed (recorded in the manifest, copies in STATE).
struct Server
{
    RemoteSnapshot snapshot;
    DeployManifest manifest;

    explicit Server(bool withManifest = true)
    {
        snapshot.stateDirectory = State;
        for (const QString& path : {SitePath, EnvPath}) {
            snapshot.paths[path].parent = RemoteEntry::Kind::Directory;
        }
        setFile(SitePath, fileEntry(SiteText));
        setFile(EnvPath, fileEntry(EnvText, 0640, QStringLiteral("ubuntu"), QStringLiteral("www-data")));
        if (withManifest) {
            manifest.project = QStringLiteral("example.org");
            manifest.toolVersion = QStringLiteral("0.9");
            manifest.time = QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);
            manifest.files = {{SitePath, DeployManifest::sha256(SiteText.toUtf8()), 0644, QStringLiteral("root"),
                               QStringLiteral("root")},
                              {EnvPath, DeployManifest::sha256(EnvText.toUtf8()), 0640, QStringLiteral("ubuntu"),
                               QStringLiteral("www-data")}};
            snapshot.paths[DeployManifest::manifestPath(State)].current =
                fileEntry(QString::fromUtf8(manifest.toJson()));
            snapshot.deployed[SitePath] = fileEntry(SiteText);
            snapshot.deployed[EnvPath] = fileEntry(EnvText, 0640);
        }
    }
    // The file now on the server (the snapshot sends the copy only when it differs; here it always has it).
    void setFile(const QString& path, const RemoteEntry& entry) { snapshot.paths[path].current = entry; }

    Plan plan(const QString& siteNext = SiteText, bool keepDrift = false) const
    {
        return Plan::build({site(siteNext), env()}, {site(siteNext), env(EnvMasked)}, {}, snapshot, keepDrift);
    }
};

const PlannedFile& planned(const Plan& plan, const QString& path)
{
    for (const PlannedFile& f : plan.files) {
        if (f.file.remotePath == path) {
            return f;
        }
    }
    static PlannedFile none;
    return none;
}

} // namespace

Q_DECLARE_METATYPE(saltant::RemoteEntry)

// Drift classification (Plan::build with a state directory) from hand-made snapshots, and how PlanText shows it.
class TestPlanDrift : public QObject
{
    Q_OBJECT

private slots:
    void request_asksForTheManifestAndTheCopies()
    {
        const SnapshotRequest request = Plan::request({site(), env()}, {}, State);
        QCOMPARE(request.stateDirectory, State);
        QCOMPARE(request.trackedFiles, QStringList({SitePath, EnvPath}));
        QVERIFY(request.paths.contains(QStringLiteral("/state/manifest.json")));
        const QString script = RemoteSnapshot::script(request);
        QVERIFY2(script.contains(QStringLiteral("/state/deployed/etc/nginx/site.conf")), qPrintable(script));
        const SnapshotRequest untracked = Plan::request({site()}, {});
        QVERIFY(untracked.trackedFiles.isEmpty());
        QCOMPARE(untracked.paths, QStringList{SitePath});
    }

    void noStateDirectory_notTracked_noManifestWritten()
    {
        Server server;
        server.snapshot.stateDirectory.clear();
        const Plan plan = server.plan();
        QCOMPARE(plan.manifestState, Plan::ManifestState::NotTracked);
        QVERIFY(!plan.writesManifest());
        QVERIFY(!plan.hasWork());
        QCOMPARE(planned(plan, SitePath).drift, PlannedFile::Drift::Unknown);
        QVERIFY(PlanText::drift(plan).isEmpty());
    }

    void noManifest_driftUnknown_theDeployWritesIt()
    {
        const Server server(false);
        const Plan plan = server.plan();
        QCOMPARE(plan.manifestState, Plan::ManifestState::Missing);
        QCOMPARE(planned(plan, SitePath).drift, PlannedFile::Drift::Unknown);
        QVERIFY(plan.drifted().isEmpty());
        QVERIFY(!plan.writesFiles());
        QVERIFY(plan.writesManifest());
        QVERIFY(plan.hasWork());
        QCOMPARE(PlanDrift::copiesToWrite(plan).size(), 2);
        const QString text = PlanText::render(plan);
        QVERIFY2(text.contains(QStringLiteral("No manifest: drift unknown")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("this deploy writes it")), qPrintable(text));
    }

    void unchangedServer_noDrift_noWork()
    {
        const Server server;
        const Plan plan = server.plan();
        QCOMPARE(plan.manifestState, Plan::ManifestState::Found);
        QCOMPARE(planned(plan, SitePath).drift, PlannedFile::Drift::None);
        QCOMPARE(planned(plan, EnvPath).drift, PlannedFile::Drift::None);
        QVERIFY(!plan.writesManifest());
        QVERIFY(!plan.hasWork());
        QVERIFY(PlanDrift::copiesToWrite(plan).isEmpty());
        QVERIFY2(PlanText::render(plan).contains(QStringLiteral("No drift: every file is as the last deploy "
                                                                "(2026-12-01T08:00:00Z) left it.")),
                 qPrintable(PlanText::render(plan)));
    }

    void projectChangeOnly_noDrift_manifestRewrittenWithTheNewHash()
    {
        const Server server;
        const QString next = QString(SiteText).replace(QStringLiteral("10M"), QStringLiteral("20M"));
        const Plan plan = server.plan(next);
        QCOMPARE(planned(plan, SitePath).drift, PlannedFile::Drift::None);
        QCOMPARE(planned(plan, SitePath).change, PlannedFile::Change::Changed);
        QVERIFY(plan.driftOverwritten().isEmpty());
        QVERIFY(plan.writesManifest());
        const DeployManifest m = PlanDrift::next(plan);
        QCOMPARE(m.find(SitePath)->sha256, DeployManifest::sha256(next.toUtf8()));
        QCOMPARE(m.find(EnvPath)->sha256, DeployManifest::sha256(EnvText.toUtf8()));
        QCOMPARE(PlanDrift::copiesToWrite(plan).size(), 1); // only the site's copy changes
    }

    void editedOnServer_changedOnServer_withThreeVersions()
    {
        Server server;
        const QString edited = QString(SiteText).replace(QStringLiteral("listen 80;"), QStringLiteral("listen 8080;"));
        server.setFile(SitePath, fileEntry(edited));
        const QString next = QString(SiteText).replace(QStringLiteral("10M"), QStringLiteral("20M"));
        const Plan plan = server.plan(next);
        const PlannedFile& f = planned(plan, SitePath);
        QCOMPARE(f.drift, PlannedFile::Drift::ChangedOnServer);
        QCOMPARE(f.driftWhat, QStringLiteral("content changed"));
        QCOMPARE(f.lastDeployedText, SiteText);
        QCOMPARE(f.serverText, edited);
        QCOMPARE(f.nextText, next);
        QVERIFY2(f.driftDiffServer.contains(QStringLiteral("-    listen 80;\n+    listen 8080;\n")),
                 qPrintable(f.driftDiffServer));
        QVERIFY2(f.driftDiffServer.startsWith(QStringLiteral("--- /etc/nginx/site.conf (last deployed)\n+++ "
                                                             "/etc/nginx/site.conf (now on the server)\n")),
                 qPrintable(f.driftDiffServer));
        QVERIFY2(f.driftDiffNext.contains(QStringLiteral("+    client_max_body_size 20M;")),
                 qPrintable(f.driftDiffNext));
        QVERIFY2(f.driftDiffNext.contains(QStringLiteral("-    listen 8080;")), qPrintable(f.driftDiffNext));
        QCOMPARE(plan.drifted().size(), 1);
        QCOMPARE(plan.driftOverwritten().size(), 1);
        QCOMPARE(planned(plan, EnvPath).drift, PlannedFile::Drift::None);

        const QString text = PlanText::render(plan);
        QVERIFY2(text.contains(QStringLiteral("Changed on the server since the last deploy (2026-12-01T08:00:00Z):\n"
                                              "  /etc/nginx/site.conf: content changed (this deploy would overwrite "
                                              "it)\n")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("[changed on the server]")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("last deployed -> now on the server:\n--- /etc/nginx/site.conf (last "
                                              "deployed)")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("now on the server -> this deploy:\n--- /etc/nginx/site.conf (now on "
                                              "the server)\n+++ /etc/nginx/site.conf (this deploy)")),
                 qPrintable(text));
    }

    // Changed by hand into exactly what the project now renders: reported, not refused; the deploy records it.
    void changedIntoTheNextVersion_notOverwritten_manifestRewritten()
    {
        Server server;
        const QString next = QString(SiteText).replace(QStringLiteral("10M"), QStringLiteral("20M"));
        server.setFile(SitePath, fileEntry(next));
        const Plan plan = server.plan(next);
        const PlannedFile& f = planned(plan, SitePath);
        QCOMPARE(f.drift, PlannedFile::Drift::ChangedOnServer);
        QCOMPARE(f.change, PlannedFile::Change::Unchanged);
        QVERIFY(plan.driftOverwritten().isEmpty());
        QVERIFY(!plan.writesFiles());
        QVERIFY(plan.writesManifest());
        QCOMPARE(PlanDrift::next(plan).find(SitePath)->sha256, DeployManifest::sha256(next.toUtf8()));
        QVERIFY2(PlanText::drift(plan).contains(QStringLiteral("(already what this deploy installs)")),
                 qPrintable(PlanText::drift(plan)));
    }

    void deletedModeOwner_changedOnServer_data()
    {
        QTest::addColumn<RemoteEntry>("now");
        QTest::addColumn<QString>("what");
        QTest::newRow("deleted") << RemoteEntry() << QStringLiteral("deleted on the server");
        QTest::newRow("mode") << fileEntry(SiteText, 0600) << QStringLiteral("mode 0644 -> 0600");
        QTest::newRow("owner") << fileEntry(SiteText, 0644, QStringLiteral("ubuntu"))
                               << QStringLiteral("owner root:root -> ubuntu:root");
        RemoteEntry link;
        link.kind = RemoteEntry::Kind::Link;
        link.linkTarget = QStringLiteral("/elsewhere");
        QTest::newRow("link") << link << QStringLiteral("no longer a regular file");
    }

    void deletedModeOwner_changedOnServer()
    {
        QFETCH(RemoteEntry, now);
        QFETCH(QString, what);
        Server server;
        server.setFile(SitePath, now);
        const Plan plan = server.plan();
        const PlannedFile& f = planned(plan, SitePath);
        QCOMPARE(f.drift, PlannedFile::Drift::ChangedOnServer);
        QCOMPARE(f.driftWhat, what);
        QVERIFY(f.change != PlannedFile::Change::Unchanged); // the deploy would put it back
        QCOMPARE(plan.driftOverwritten().size(), 1);
    }

    void keepDrift_fileLeftAsItIs_oldRecordKept()
    {
        Server server;
        const QString edited = SiteText + QStringLiteral("# by hand\n");
        server.setFile(SitePath, fileEntry(edited));
        const QString nextEnv = QString(EnvText).replace(QStringLiteral("DEBUG=False"), QStringLiteral("DEBUG=True"));
        const Plan plan = Plan::build(
            {site(), env(nextEnv)},
            {site(), env(QString(EnvMasked).replace(QStringLiteral("DEBUG=False"), QStringLiteral("DEBUG=True")))}, {},
            server.snapshot, true);
        const PlannedFile& f = planned(plan, SitePath);
        QCOMPARE(f.drift, PlannedFile::Drift::ChangedOnServer);
        QVERIFY(f.driftKept);
        QCOMPARE(f.change, PlannedFile::Change::Unchanged);
        QVERIFY(f.diff.isEmpty());
        QVERIFY(plan.driftOverwritten().isEmpty());
        QCOMPARE(plan.uploads().size(), 1);
        QCOMPARE(plan.uploads().first()->file.remotePath, EnvPath);
        const DeployManifest m = PlanDrift::next(plan);
        QVERIFY(*m.find(SitePath) == server.manifest.files.at(0)); // still the last deployed version: still drift
        QCOMPARE(m.find(EnvPath)->sha256, DeployManifest::sha256(nextEnv.toUtf8()));
        const QList<const PlannedFile*> copies = PlanDrift::copiesToWrite(plan);
        QCOMPARE(copies.size(), 1);
        QCOMPARE(copies.first()->file.remotePath, EnvPath);
        QVERIFY2(PlanText::render(plan).contains(QStringLiteral("(kept: this deploy leaves it as it is)")),
                 qPrintable(PlanText::render(plan)));
    }

    void secretFile_threeVersionsMasked()
    {
        Server server;
        const QString edited = QString(EnvText).replace(QStringLiteral("s3cr3t-value"), QStringLiteral("hand-secret"));
        server.setFile(EnvPath, fileEntry(edited + QStringLiteral("EXTRA=1\n"), 0640, QStringLiteral("ubuntu"),
                                          QStringLiteral("www-data")));
        const Plan plan = server.plan();
        const PlannedFile& f = planned(plan, EnvPath);
        QCOMPARE(f.drift, PlannedFile::Drift::ChangedOnServer);
        const QString text = PlanText::render(plan);
        for (const QString& shown :
             {f.lastDeployedText, f.serverText, f.nextText, f.driftDiffServer, f.driftDiffNext, text}) {
            QVERIFY2(!shown.contains(QStringLiteral("s3cr3t-value")), qPrintable(shown));
            QVERIFY2(!shown.contains(QStringLiteral("hand-secret")), qPrintable(shown));
        }
        QVERIFY2(f.serverText.contains(QStringLiteral("SECRET_KEY=<secret>")), qPrintable(f.serverText));
        QVERIFY2(f.driftDiffServer.contains(QStringLiteral("+EXTRA=<secret>")), qPrintable(f.driftDiffServer));
    }

    void notInTheManifest_noDrift()
    {
        Server server;
        server.manifest.files.removeLast();
        server.snapshot.paths[DeployManifest::manifestPath(State)].current =
            fileEntry(QString::fromUtf8(server.manifest.toJson()));
        server.setFile(EnvPath, fileEntry(QStringLiteral("ANY=1\n"), 0600));
        const Plan plan = server.plan();
        QCOMPARE(planned(plan, EnvPath).drift, PlannedFile::Drift::None);
        QVERIFY(plan.drifted().isEmpty());
    }

    void unreadableManifest_driftUnknown_rewritten()
    {
        Server server;
        server.snapshot.paths[DeployManifest::manifestPath(State)].current = fileEntry(QStringLiteral("{broken"));
        const Plan plan = server.plan();
        QCOMPARE(plan.manifestState, Plan::ManifestState::Unreadable);
        QVERIFY(plan.writesManifest());
        QVERIFY2(PlanText::drift(plan).contains(QStringLiteral("cannot be read")), qPrintable(PlanText::drift(plan)));
    }

    void noCopyOfTheLastDeployed_saidSo()
    {
        Server server;
        server.snapshot.deployed.remove(SitePath);
        server.setFile(SitePath, fileEntry(SiteText + QStringLiteral("# x\n")));
        const Plan plan = server.plan();
        const PlannedFile& f = planned(plan, SitePath);
        QCOMPARE(f.drift, PlannedFile::Drift::ChangedOnServer);
        QVERIFY(f.driftDiffServer.isEmpty());
        QVERIFY(f.lastDeployedText.contains(QStringLiteral("no copy")));
        QVERIFY(!f.deployedCopyPresent);
        QVERIFY2(PlanText::drift(plan).contains(QStringLiteral("(no copy of the last deployed version")),
                 qPrintable(PlanText::drift(plan)));
    }
};

QTEST_GUILESS_MAIN(TestPlanDrift)
#include "TestPlanDrift.moc"
