#include "GoldenFiles.h"
#include "StepLookup.h"
#include "generate/DeploySteps.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;
using namespace saltant::StepLookup;

namespace {

// Distinctive values for every secret, with characters a careless shell line would mangle.
SecretValues everySecret()
{
    SecretValues secrets;
    int n = 0;
    for (const SecretSpec& spec : Schema::secrets()) {
        secrets.set(spec.name, QStringLiteral("S3cr3t-%1-'$x\"`;").arg(++n));
    }
    return secrets;
}

} // namespace

class TestDeploySteps : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(); }
    void golden();
    void manifest_data() { m_golden.addCaseRows(); }
    void manifest();
    void preview_isValidShell_data() { m_golden.addCaseRows(); }
    void preview_isValidShell();
    void steps_neverCarrySecretValues_data() { m_golden.addCaseRows(); }
    void steps_neverCarrySecretValues();
    void steps_avoidTheGuidesPitfalls_data() { m_golden.addCaseRows(); }
    void steps_avoidTheGuidesPitfalls();
    void steps_validateBeforeAnyHandlerAndUploadEveryFile_data() { m_golden.addCaseRows(); }
    void steps_validateBeforeAnyHandlerAndUploadEveryFile();
    void handlers_areTriggeredByTheFilesTheyServe();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestDeploySteps::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("deploy-steps"), &message), qPrintable(message));
}

void TestDeploySteps::manifest()
{
    QFETCH(QString, caseName);
    RenderResult result;
    QString message;
    QVERIFY2(m_golden.render(caseName, &result, &message), qPrintable(message));
    QVERIFY2(m_golden.compare(caseName, QStringLiteral("manifest.txt"), GoldenFiles::manifest(result.files), &message),
             qPrintable(message));
    if (caseName == QLatin1String("example")) {
        // The example case is the built-in example project, not a copy that drifted from it.
        Project project;
        QVERIFY2(m_golden.loadProject(caseName, &project, &message), qPrintable(message));
        Project example = Project::example();
        example.setProjectId(project.projectId());
        QVERIFY(project == example);
    }
}

void TestDeploySteps::preview_isValidShell()
{
    QFETCH(QString, caseName);
    GeneratedFile preview;
    QString error;
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("deploy-steps"), &preview, &error), qPrintable(error));
    QVERIFY(preview.previewOnly);
    QVERIFY(!preview.holdsSecrets);
    QVERIFY(preview.content.startsWith(QLatin1String("#!/bin/sh\n")));
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-n")});
    QVERIFY(sh.waitForStarted());
    sh.write(preview.content.toUtf8());
    sh.closeWriteChannel();
    QVERIFY(sh.waitForFinished());
    QVERIFY2(sh.exitCode() == 0, sh.readAllStandardError().constData());
}

void TestDeploySteps::steps_neverCarrySecretValues()
{
    QFETCH(QString, caseName);
    Project project;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    const SecretValues secrets = everySecret();
    const QList<GeneratedFile> files = renderFiles(project, &secrets);
    QVERIFY(!files.isEmpty());
    const GenerateContext context(project, &secrets);
    const QList<DeployStep> steps = DeploySteps::build(context, files);
    QVERIFY(!steps.isEmpty());
    for (const QString& name : secrets.names()) {
        const QString value = secrets.value(name);
        QVERIFY2(!files.last().content.contains(value), qPrintable(name));
        for (const DeployStep& step : steps) {
            QVERIFY2(!step.command.contains(value) && !step.title.contains(value), qPrintable(step.command));
        }
    }
    // The commands that need a secret read it on standard input and have no password argument.
    QStringList withSecret;
    for (const DeployStep& step : steps) {
        if (!step.stdinSecret.isEmpty()) {
            withSecret << step.stdinSecret;
            QVERIFY(Schema::secret(step.stdinSecret));
            if (step.stdinSecret == QLatin1String("rabbitmq.password")) {
                const QString user = project.text(Key::RabbitmqAdminUser);
                QVERIFY(step.command.contains(QStringLiteral("rabbitmqctl add_user ") + user + QStringLiteral("; fi")));
                QVERIFY(
                    step.command.contains(QStringLiteral("rabbitmqctl change_password ") + user + QLatin1Char(';')));
                QCOMPARE(step.stdinReaders, QStringList({QStringLiteral("rabbitmqctl change_password ") + user,
                                                         QStringLiteral("rabbitmqctl add_user ") + user}));
            } else {
                QCOMPARE(step.stdinSecret, QStringLiteral("database.password"));
                QVERIFY(step.command.contains(QStringLiteral("IFS= read -r pw && ")));
            }
        }
    }
    QStringList expected{QStringLiteral("rabbitmq.password")};
    if (SiteFacts(project).databaseProvisioned()) {
        expected << QStringLiteral("database.password");
    }
    QCOMPARE(withSecret, expected);
}

void TestDeploySteps::steps_avoidTheGuidesPitfalls()
{
    QFETCH(QString, caseName);
    Project project;
    GeneratedFile preview;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("deploy-steps"), &preview, &error), qPrintable(error));
    const QString& s = preview.content;
    QVERIFY(!s.contains(QLatin1String("servicectl")));
    QVERIFY2(!s.contains(QLatin1Char('`')), "a stray backtick (the guide's add_vhost ...``)");
    QVERIFY(!s.contains(QLatin1String("chmod +x")));
    QVERIFY(
        s.contains(QStringLiteral("rabbitmqctl add_vhost ") + project.text(Key::RabbitmqVhost) + QLatin1Char('\n')));
    QVERIFY(s.contains(QLatin1String("administrator")));
    // certbot must not edit the site file the app owns.
    QVERIFY(!s.contains(QLatin1String("--nginx")));
    const bool tls = project.flag(Key::TlsEnabled);
    QCOMPARE(s.contains(QLatin1String("certbot certonly --webroot -w ")), tls);
    QCOMPARE(s.count(QLatin1String("certbot certonly")), tls ? 1 : 0);
    QVERIFY(!s.contains(QLatin1String("--standalone")));
    QCOMPARE(s.contains(QLatin1String("rabbitmqctl delete_user guest")), project.flag(Key::RabbitmqRemoveGuest));
    QCOMPARE(s.contains(QLatin1String("rabbitmqctl delete_vhost /")), project.flag(Key::RabbitmqRemoveDefaultVhost));
    QVERIFY(s.contains(QLatin1String("manage.py collectstatic --noinput")));
}

void TestDeploySteps::steps_validateBeforeAnyHandlerAndUploadEveryFile()
{
    QFETCH(QString, caseName);
    Project project;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    const QList<GeneratedFile> files = renderFiles(project, nullptr);
    const QList<DeployStep> steps = DeploySteps::build(GenerateContext(project), files);

    for (qsizetype i = 1; i < steps.size(); ++i) {
        QVERIFY2(int(steps.at(i - 1).phase) <= int(steps.at(i).phase), qPrintable(steps.at(i).title));
    }
    const DeployStep* nginxTest = findCommand(steps, QStringLiteral("nginx -t"));
    QVERIFY(nginxTest);
    QCOMPARE(nginxTest->phase, StepPhase::Validate);
    // With TLS, the certificate is obtained (behind a temporary ACME-only site) before any file is replaced, so
    // the HTTPS site can pass nginx -t on a first deploy; the temporary site is removed whatever certbot did.
    const DeployStep* certificate = findStep(steps, QStringLiteral("certbot certonly"));
    QCOMPARE(certificate != nullptr, project.flag(Key::TlsEnabled));
    if (certificate) {
        QCOMPARE(certificate->phase, StepPhase::Prepare);
        QVERIFY(certificate->command.startsWith(QStringLiteral("test -e ")));
        QVERIFY(!certificate->satisfiedWhen.isEmpty());
        const QString bootstrap =
            certificate->command.section(QStringLiteral(" > "), 1).section(QLatin1Char(' '), 0, 0);
        QVERIFY2(!bootstrap.section(QLatin1Char('/'), -1).startsWith(QLatin1Char('.')), qPrintable(bootstrap));
        QVERIFY(certificate->command.contains(QStringLiteral("rm -f ") + bootstrap));
    }

    QStringList uploaded;
    for (const DeployStep& step : steps) {
        if (step.phase == StepPhase::Files && step.command.startsWith(QLatin1String("install "))) {
            uploaded << step.triggeredBy;
        }
    }
    QStringList expected;
    for (const GeneratedFile& file : files) {
        if (!file.previewOnly) {
            expected << file.id;
            const DeployStep* upload =
                findStep(steps, QStringLiteral("\"$STAGING\"/") + file.id + QLatin1Char(' ') + file.remotePath);
            QVERIFY2(upload, qPrintable(file.remotePath));
            QVERIFY(upload->command.startsWith(QStringLiteral("install -m ") + file.modeString() +
                                               QStringLiteral(" -o ") + file.owner + QStringLiteral(" -g ") +
                                               file.group));
            for (const QString& link : file.symlinks) {
                QVERIFY(findStep(steps, QStringLiteral("ln -sfn ") + file.remotePath + QLatin1Char(' ') + link));
            }
        }
    }
    QCOMPARE(uploaded, expected);
}

void TestDeploySteps::handlers_areTriggeredByTheFilesTheyServe()
{
    const Project project = Project::example();
    const QList<DeployStep> steps = DeploySteps::build(GenerateContext(project), renderFiles(project, nullptr));
    const DeployStep* nginx = findCommand(steps, QStringLiteral("systemctl reload-or-restart nginx.service"));
    const DeployStep* emperor = findStep(steps, QStringLiteral("systemctl restart emperor.uwsgi.service"));
    const DeployStep* flower = findStep(steps, QStringLiteral("systemctl restart flower.service"));
    const DeployStep* rabbit = findCommand(steps, QStringLiteral("systemctl restart rabbitmq-server.service"));
    const DeployStep* reload = findStep(steps, QStringLiteral("systemctl daemon-reload"));
    QVERIFY(nginx && emperor && flower && rabbit && reload);
    for (const DeployStep* step : {nginx, emperor, flower, rabbit, reload}) {
        QCOMPARE(step->phase, StepPhase::Handlers);
    }
    QCOMPARE(nginx->triggeredBy, QStringList{QStringLiteral("nginx-site")});
    QCOMPARE(rabbit->triggeredBy, (QStringList{QStringLiteral("rabbitmq-conf"), QStringLiteral("rabbitmq-env"),
                                               QStringLiteral("epmd-socket")}));
    // Django and Flower read .env only at start.
    QVERIFY(emperor->triggeredBy.contains(QStringLiteral("dotenv")));
    QVERIFY(emperor->triggeredBy.contains(QStringLiteral("uwsgi-unit")));
    QVERIFY(flower->triggeredBy.contains(QStringLiteral("dotenv")));
    QVERIFY(flower->triggeredBy.contains(QStringLiteral("flower-env")));
    QVERIFY(reload->triggeredBy.contains(QStringLiteral("flower-unit")));
    QVERIFY(emperor->command.startsWith(QLatin1String("systemctl enable emperor.uwsgi.service")));
}

QTEST_GUILESS_MAIN(TestDeploySteps)
#include "TestDeploySteps.moc"
#include "model/SettingKeys.h"
