#include "DeployFixture.h"
#include "LocalRemoteHost.h"
#include "RecordingTools.h"
#include "deploy/DeployRunner.h"
#include "generate/DeploySteps.h"
#include "generate/Renderer.h"
#include "plan/PlanText.h"
#include "plan/RemoteSnapshot.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

// The plan against a pretend server on this machine (LocalRemoteHost): what it finds, selects and refuses.
class TestPlan : public QObject
{
    Q_OBJECT

private:
    struct Setup
    {
        QTemporaryDir dir;
        std::unique_ptr<DeployFixture> fixture;
        std::unique_ptr<LocalRemoteHost> host;
    };

    static std::unique_ptr<Setup> setUp()
    {
        auto s = std::make_unique<Setup>();
        s->fixture = std::make_unique<DeployFixture>(s->dir.path());
        QString error;
        if (!s->fixture->setUp(&error)) {
            qWarning("%s", qPrintable(error));
            return nullptr;
        }
        s->host = std::make_unique<LocalRemoteHost>(s->fixture->stagingDir());
        s->host->setPathPrefix({s->fixture->binDir()});
        return s;
    }

    static Plan plan(Setup& s, const SecretValues& secrets)
    {
        Plan p;
        QString error;
        if (!DeployRunner::makePlan(*s.host, s.fixture->project, secrets, &p, &error)) {
            qWarning("%s", qPrintable(error));
        }
        return p;
    }

    static const PlannedFile* file(const Plan& p, const QString& id)
    {
        for (const PlannedFile& f : p.files) {
            if (f.file.id == id) {
                return &f;
            }
        }
        return nullptr;
    }

    static QStringList titles(const QList<DeployStep>& steps)
    {
        QStringList out;
        for (const DeployStep& step : steps) {
            out << step.title;
        }
        return out;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The one rule the CLI's deploy and the window's plan dialog follow (Plan::refusals).
    void refusals_missingProgramsBlockUnlessInstalled_remedyOnlyChecksAlways()
    {
        Plan plan;
        QVERIFY(plan.refusals(false).isEmpty());
        plan.missingPrograms << MissingProgram{QStringLiteral("nginx is installed"), QStringLiteral("command -v nginx"),
                                               QStringLiteral("apt-get install -y nginx"), QString()};
        QCOMPARE(plan.refusals(false),
                 QStringList{QStringLiteral("nginx is installed is missing (install: apt-get install -y nginx)")});
        QVERIFY(plan.refusals(true).isEmpty());
        QCOMPARE(plan.installs(),
                 QStringList{QStringLiteral("nginx is installed will be installed: apt-get install -y nginx")});
        plan.missingPrograms << MissingProgram{QStringLiteral("The Flower release matches"),
                                               QStringLiteral("python -c …"), QString(),
                                               QStringLiteral("Set the Flower release to 0.9.x.")};
        QCOMPARE(plan.refusals(true),
                 QStringList{QStringLiteral("The Flower release matches: no. Set the Flower release to 0.9.x.")});
        plan.blockers << QStringLiteral("The user ubuntu does not exist on the server.");
        QCOMPARE(plan.refusals(true).size(), 2);
        QCOMPARE(plan.refusals(true).constFirst(), QStringLiteral("The user ubuntu does not exist on the server."));
    }

    void emptyServer_everyFileNew_everyHandlerSelected()
    {
        auto s = setUp();
        QVERIFY(s);
        const Plan p = plan(*s, s->fixture->secrets());
        QVERIFY2(p.blockers.isEmpty(), qPrintable(p.blockers.join(QLatin1Char('\n'))));
        QVERIFY(p.missingPrograms.isEmpty());
        QVERIFY(p.files.size() >= 8);
        for (const PlannedFile& f : p.files) {
            QCOMPARE(f.change, PlannedFile::Change::New);
            QVERIFY(!f.diff.isEmpty());
        }
        QCOMPARE(p.links.size(), 1);
        QVERIFY(p.links.first().changed);
        const QStringList handlers = titles(p.handlers);
        QVERIFY2(handlers.contains(QStringLiteral("Reload nginx")), qPrintable(handlers.join(QLatin1Char(','))));
        QVERIFY(handlers.contains(QStringLiteral("Reload systemd")));
        QVERIFY(handlers.contains(QStringLiteral("Restart RabbitMQ")));
        QVERIFY(titles(p.validate).contains(QStringLiteral("nginx accepts the configuration")));
        QVERIFY(titles(p.provision).contains(QStringLiteral("RabbitMQ vhost")));
        // The snapshot and the plan changed nothing.
        QVERIFY(!QFile::exists(s->fixture->path(QStringLiteral("/etc/uwsgi/emperor.ini"))));
        QCOMPARE(s->host->uploadCount(), 0);
        QVERIFY(s->fixture->callsOf(QStringLiteral("systemctl")).isEmpty());
    }

    // A deploy renders once: the plan takes the render's masked files and steps instead of rendering again.
    void makePlan_rendersOnce_reusingTheMaskedFilesAndStepsOfTheRender()
    {
        auto s = setUp();
        QVERIFY(s);
        const SecretValues secrets = s->fixture->secrets();
        const quint64 before = Renderer::renders();
        const Plan p = plan(*s, secrets);
        QCOMPARE(Renderer::renders() - before, quint64(1));
        QVERIFY(p.hasWork());

        const RenderResult rendered = Renderer::render(s->fixture->project, &secrets);
        const RenderResult unsecret = Renderer::render(s->fixture->project);
        QCOMPARE(rendered.masked.size(), rendered.files.size());
        QCOMPARE(rendered.masked.size(), unsecret.files.size());
        int holding = 0;
        for (int i = 0; i < rendered.masked.size(); ++i) {
            QCOMPARE(rendered.masked[i].id, unsecret.files[i].id);
            if (rendered.files[i].holdsSecrets) {
                ++holding;
                QCOMPARE(rendered.masked[i].content, unsecret.files[i].content);
                QVERIFY(rendered.files[i].content != unsecret.files[i].content);
            }
        }
        QVERIFY(holding > 0);
        const GenerateContext context(s->fixture->project, &secrets);
        QCOMPARE(titles(rendered.steps), titles(DeploySteps::build(context, rendered.files)));
    }

    void planText_neverShowsSecretValues()
    {
        auto s = setUp();
        QVERIFY(s);
        const SecretValues secrets = s->fixture->secrets();
        const QString text = PlanText::render(plan(*s, secrets));
        for (const QString& name : secrets.names()) {
            QVERIFY2(!text.contains(secrets.value(name)), qPrintable(name));
        }
        QVERIFY(text.contains(QStringLiteral("<secret:django.secretKey>")));
        QVERIFY(text.contains(QStringLiteral("Reload nginx")));
    }

    void missingSecret_isNamedAndBlocks()
    {
        auto s = setUp();
        QVERIFY(s);
        SecretValues secrets = s->fixture->secrets();
        secrets.set(QStringLiteral("rabbitmq.password"), QString());
        const Plan p = plan(*s, secrets);
        QVERIFY(p.missingSecrets.contains(QStringLiteral("rabbitmq.password")));
        QVERIFY(p.blockers.join(QLatin1Char('\n')).contains(QStringLiteral("rabbitmq.password")));
        const DeployReport report = DeployRunner::apply(*s->host, p, secrets);
        QCOMPARE(report.outcome, DeployReport::Outcome::Refused);
        QCOMPARE(s->host->uploadCount(), 0);
    }

    // A check no install can fix (the virtualenv's Flower does not match the Flower release setting) shows its
    // remedy instead of an install command, and refuses the deploy even with --install-missing.
    void failedCheckWithRemedy_showsTheRemedyAndRefusesEvenWithInstallMissing()
    {
        auto s = setUp();
        QVERIFY(s);
        QString error;
        // A python that answers the version probe with "no" (as Flower 0.9.x would for the default setting).
        QVERIFY2(RecordingTools::writeScript(s->fixture->path(QStringLiteral("/home/saltant/venv/bin/python")),
                                             QStringLiteral("#!/bin/sh\n[ \"$1\" = -I ] && exit 1\nexit 0\n"), &error),
                 qPrintable(error));
        const Plan p = plan(*s, s->fixture->secrets());
        QCOMPARE(p.missingPrograms.size(), 1);
        const MissingProgram& m = p.missingPrograms.first();
        QVERIFY(m.installCommand.isEmpty());
        QVERIFY2(m.remedy.contains(QStringLiteral("Flower 0.9.x: flower -A APP")), qPrintable(m.remedy));
        const QString text = PlanText::render(p);
        QVERIFY2(text.contains(m.remedy), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("(install it by hand)")));

        const QString before = s->fixture->treeSignature();
        DeployOptions options;
        options.installMissing = true;
        const DeployReport refused = DeployRunner::apply(*s->host, p, s->fixture->secrets(), options);
        QCOMPARE(refused.outcome, DeployReport::Outcome::Refused);
        QVERIFY2(refused.message.contains(m.remedy), qPrintable(refused.message));
        QCOMPARE(s->fixture->treeSignature(), before);
    }

    void missingProgram_offeredAsInstallStep_neverRunUnasked()
    {
        auto s = setUp();
        QVERIFY(s);
        QVERIFY(QFile::remove(s->fixture->path(QStringLiteral("/home/saltant/venv/bin/flower"))));
        const Plan p = plan(*s, s->fixture->secrets());
        QCOMPARE(p.missingPrograms.size(), 1);
        QVERIFY2(p.missingPrograms.first().installCommand.endsWith(QStringLiteral("/venv/bin/pip install flower")),
                 qPrintable(p.missingPrograms.first().installCommand));
        const QString before = s->fixture->treeSignature();
        const DeployReport refused = DeployRunner::apply(*s->host, p, s->fixture->secrets());
        QCOMPARE(refused.outcome, DeployReport::Outcome::Refused);
        QVERIFY(refused.message.contains(QStringLiteral("pip install flower")));
        QCOMPARE(s->fixture->treeSignature(), before);
        QVERIFY(s->fixture->callsOf(QStringLiteral("pip")).isEmpty());

        DeployOptions options;
        options.installMissing = true;
        const DeployReport installed = DeployRunner::apply(*s->host, p, s->fixture->secrets(), options);
        QCOMPARE(installed.outcome, DeployReport::Outcome::Deployed);
        QCOMPARE(s->fixture->callsOf(QStringLiteral("pip")), QStringList{QStringLiteral("pip install flower")});
    }

    void checkoutMissing_isABlocker_serverUntouched()
    {
        auto s = setUp();
        QVERIFY(s);
        QVERIFY(QDir(s->fixture->path(QStringLiteral("/home/saltant"))).removeRecursively());
        const Plan p = plan(*s, s->fixture->secrets());
        QVERIFY2(p.blockers.join(QLatin1Char('\n')).contains(s->fixture->path(QStringLiteral("/home/saltant"))),
                 qPrintable(p.blockers.join(QLatin1Char('\n'))));
        const DeployReport report = DeployRunner::apply(*s->host, p, s->fixture->secrets());
        QCOMPARE(report.outcome, DeployReport::Outcome::Refused);
        QVERIFY(!QFile::exists(s->fixture->path(QStringLiteral("/etc/uwsgi"))));
    }

    void targetIsADirectory_isABlocker()
    {
        auto s = setUp();
        QVERIFY(s);
        QVERIFY(QDir().mkpath(s->fixture->path(QStringLiteral("/etc/rabbitmq/rabbitmq.conf"))));
        const Plan p = plan(*s, s->fixture->secrets());
        QVERIFY2(p.blockers.join(QLatin1Char('\n'))
                     .contains(QStringLiteral("rabbitmq.conf on the server is not a "
                                              "regular file")),
                 qPrintable(p.blockers.join(QLatin1Char('\n'))));
    }

    void unknownOwner_isABlocker()
    {
        auto s = setUp();
        QVERIFY(s);
        QVERIFY(s->fixture->project.setFromString(Key::ServerDeployUser, QStringLiteral("nosuchuser-saltant")));
        const Plan p = plan(*s, s->fixture->secrets());
        QVERIFY2(p.blockers.join(QLatin1Char('\n')).contains(QStringLiteral("user nosuchuser-saltant does not exist")),
                 qPrintable(p.blockers.join(QLatin1Char('\n'))));
    }

    void unchangedServer_withDrift_runsOnlyTheProbedStep()
    {
        auto s = setUp();
        QVERIFY(s);
        const DeployReport first =
            DeployRunner::apply(*s->host, plan(*s, s->fixture->secrets()), s->fixture->secrets());
        QVERIFY2(first.outcome == DeployReport::Outcome::Deployed, qPrintable(first.message));
        QCOMPARE(plan(*s, s->fixture->secrets()).hasWork(), false);

        const QString fullchain = s->fixture->project.text(Key::TlsLetsencryptDir) +
                                  QStringLiteral("/live/fictionaljobrunner.com/fullchain.pem");
        QVERIFY(QFile::remove(fullchain));
        const Plan p = plan(*s, s->fixture->secrets());
        QVERIFY(p.uploads().isEmpty());
        QVERIFY(p.handlers.isEmpty());
        QVERIFY(p.validate.isEmpty());
        QVERIFY(p.provision.isEmpty());
        QCOMPARE(titles(p.prepare), QStringList{QStringLiteral("Obtain the certificate when missing")});
        s->fixture->clearCalls();
        const DeployReport report = DeployRunner::apply(*s->host, p, s->fixture->secrets());
        QVERIFY2(report.outcome == DeployReport::Outcome::Deployed, qPrintable(report.message));
        QCOMPARE(report.handlersRun, 0);
        QCOMPARE(s->fixture->callsOf(QStringLiteral("certbot")).size(), 1);
        // Only the temporary ACME site's reloads (on, then off again); no handler.
        QCOMPARE(s->fixture->callsOf(QStringLiteral("systemctl")),
                 QStringList(2, QStringLiteral("systemctl reload-or-restart nginx.service")));
        // Our site was set aside while certbot ran (it names the missing certificate) and is back in place.
        const QString enabled = s->fixture->project.text(Key::NginxSitesEnabledDir);
        QVERIFY(QFileInfo(enabled + QStringLiteral("/saltant_nginx.conf")).isSymLink());
        QCOMPARE(QDir(enabled).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("saltant_nginx.conf")});
    }

    void missingProgram_withTheOtherKindPresent_saysWhichSettingSelectsIt()
    {
        DeployStep check;
        check.phase = StepPhase::Check;
        check.title = QStringLiteral("uWSGI is installed");
        check.command = QStringLiteral("test -x /usr/bin/uwsgi");
        check.installCommand = QStringLiteral("apt-get install -y uwsgi");
        check.remedy = QStringLiteral("plain remedy");
        check.alternativeProbe = QStringLiteral("test -x /srv/venv/bin/uwsgi");
        check.alternativeRemedy = QStringLiteral("set uWSGI installation to 'venv'");
        DeployStep other;
        other.phase = StepPhase::Check;
        other.title = QStringLiteral("nginx is installed");
        other.command = QStringLiteral("command -v nginx");
        const QList<DeployStep> steps{check, other};
        // The probe of the alternative is asked right after its check, before the next check.
        QCOMPARE(Plan::request({}, steps).commands,
                 (QStringList{check.command, check.alternativeProbe, other.command}));

        RemoteSnapshot snapshot;
        snapshot.commandOk = {false, true, false};
        Plan p = Plan::build({}, {}, steps, snapshot);
        QCOMPARE(p.missingPrograms.size(), 2);
        QCOMPARE(p.missingPrograms.at(0).remedy, check.alternativeRemedy);
        QCOMPARE(p.missingPrograms.at(0).installCommand, check.installCommand);
        QCOMPARE(p.missingPrograms.at(1).title, other.title);
        const QString text = PlanText::render(p);
        QVERIFY2(text.contains(QStringLiteral("\n  apt-get install -y uwsgi\n  set uWSGI installation to 'venv'\n")),
                 qPrintable(text));

        snapshot.commandOk = {false, false, true};
        p = Plan::build({}, {}, steps, snapshot);
        QCOMPARE(p.missingPrograms.size(), 1);
        QCOMPARE(p.missingPrograms.at(0).remedy, check.remedy);

        snapshot.commandOk = {true, true, true};
        QVERIFY(Plan::build({}, {}, steps, snapshot).missingPrograms.isEmpty());
    }

    void truncatedSnapshot_isAnError()
    {
        SnapshotRequest request;
        request.paths = {QStringLiteral("/etc/a")};
        request.commands = {QStringLiteral("true")};
        RemoteSnapshot snapshot;
        QString error;
        QVERIFY(!RemoteSnapshot::parse("cur N\nbak N\nnew N\n", request, &snapshot, &error));
        QVERIFY(error.contains(QStringLiteral("incomplete")));
        QVERIFY(!RemoteSnapshot::parse("cur N\nbak N\nnew N\ntxn N\npending N\nparent D\ncmd 1\nend\n", request,
                                       &snapshot, &error)); // no "files" block
        QVERIFY(RemoteSnapshot::parse("cur N\nbak N\nnew N\ntxn N\npending N\nparent D\nfiles 0\ncmd 1\nend\n", request,
                                      &snapshot, &error));
        QCOMPARE(snapshot.commandOk, QList<bool>{false});
        QCOMPARE(snapshot.paths.value(QStringLiteral("/etc/a")).parent, RemoteEntry::Kind::Directory);
    }

    void marker_isHiddenBesideTheTarget()
    {
        QCOMPARE(RemoteSnapshot::marker(QStringLiteral("/etc/nginx/sites-enabled/s.conf"), QStringLiteral("bak")),
                 QStringLiteral("/etc/nginx/sites-enabled/.s.conf.saltant-bak"));
    }
};

QTEST_GUILESS_MAIN(TestPlan)
#include "TestPlan.moc"
#include "model/SettingKeys.h"
