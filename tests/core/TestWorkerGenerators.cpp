#include "GoldenFiles.h"
#include "generate/worker/WorkerLogShipping.h"
#include "model/ProjectFile.h"
#include "parse/DotenvParser.h"
#include "parse/SystemdUnitParser.h"

#include <QDir>
#include <QTest>

using namespace saltant;

// A worker host's generated files: golden files per host (tests/data/golden-workers/<case>/<host>/), and what each
// file must and must not hold.
class TestWorkerGenerators : public QObject
{
    Q_OBJECT

private slots:
    void golden_data();
    void golden();
    void dotenv_holdsOnlyWhatAWorkerReads();
    void dotenv_parsesBackToTheValues();
    void unit_runsCeleryWithTheHostsQueues();
    void unit_escapesCelerysPercentH();
    void logShipping_keysOnlyInARootOnlyFile();
    void serverRender_isUnchangedByWorkers();

private:
    static Project fleet();
    static GeneratedFile file(const RenderResult& result, const QString& id);
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden-workers")};
};

Project TestWorkerGenerators::fleet()
{
    return GoldenFiles::fleetProject();
}

GeneratedFile TestWorkerGenerators::file(const RenderResult& result, const QString& id)
{
    for (const GeneratedFile& f : result.files) {
        if (f.id == id) {
            return f;
        }
    }
    return GeneratedFile();
}

void TestWorkerGenerators::golden_data()
{
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<QString>("host");
    for (const QString& caseName : m_golden.cases()) {
        Project project;
        QString error;
        QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
        for (const WorkerHost& host : project.workers()) {
            QTest::addRow("%s/%s", qPrintable(caseName), qPrintable(host.name)) << caseName << host.name;
        }
    }
}

void TestWorkerGenerators::golden()
{
    QFETCH(QString, caseName);
    QFETCH(QString, host);
    Project project;
    QString message;
    QVERIFY2(m_golden.loadProject(caseName, &project, &message), qPrintable(message));
    const RenderResult result = Renderer::render(project.forWorker(host));
    QVERIFY2(result.ok(), qPrintable(result.problems.value(0).message));
    if (GoldenFiles::updateRequested()) {
        QVERIFY(QDir().mkpath(m_golden.casePath(caseName) + QLatin1Char('/') + host));
    }
    QStringList names;
    for (const GeneratedFile& f : result.files) {
        const QString name = host + QLatin1Char('/') + GoldenFiles::expectedFileName(f);
        names << GoldenFiles::expectedFileName(f);
        QVERIFY2(m_golden.compare(caseName, name, f.content, &message), qPrintable(message));
    }
    QVERIFY2(m_golden.compare(caseName, host + QStringLiteral("/manifest.txt"), GoldenFiles::manifest(result.files),
                              &message),
             qPrintable(message));
    names << QStringLiteral("manifest.txt");
    QStringList present = QDir(m_golden.casePath(caseName) + QLatin1Char('/') + host).entryList(QDir::Files);
    names.sort();
    present.sort();
    if (!GoldenFiles::updateRequested()) {
        QCOMPARE(present, names);
    }
}

void TestWorkerGenerators::dotenv_holdsOnlyWhatAWorkerReads()
{
    const Project project = fleet();
    for (const WorkerHost& host : project.workers()) {
        const RenderResult result = Renderer::render(project.forWorker(host.name));
        const GeneratedFile env = file(result, QStringLiteral("worker-dotenv"));
        QCOMPARE(env.mode, 0640);
        QVERIFY(env.holdsSecrets);
        QVERIFY(env.content.contains(QLatin1String("\nIM_A_CELERY_WORKER=True\n")));
        for (const char* absent : {"SECRET_KEY", "DATABASE_USER_PASSWORD", "DATABASE_", "EMAIL_HOST_PASSWORD",
                                   "ALLOWED_HOSTS", "<secret:django.secretKey>", "<secret:database.password>"}) {
            QVERIFY2(!env.content.contains(QLatin1String(absent)), absent);
        }
        QVERIFY(env.content.contains(QLatin1String("API_AUTH_TOKEN='<secret:django.apiToken>'")));
    }
    // A secret task variable is a placeholder until its value comes from the keychain.
    const RenderResult gpu = Renderer::render(project.forWorker(QStringLiteral("gpu-1")));
    QVERIFY(file(gpu, QStringLiteral("worker-dotenv"))
                .content.contains(QLatin1String("\nHF_TOKEN='<secret:taskEnv.HF_TOKEN>'\n")));
    QCOMPARE(project.taskSecretNames(), QStringList{QStringLiteral("taskEnv.HF_TOKEN")});
}

void TestWorkerGenerators::dotenv_parsesBackToTheValues()
{
    const Project project = fleet();
    SecretValues secrets;
    secrets.set(QStringLiteral("rabbitmq.password"), QStringLiteral("p@ss'word/$x"));
    secrets.set(QStringLiteral("django.apiToken"), QStringLiteral("tok'en"));
    secrets.set(QStringLiteral("aws.secretKey"), QStringLiteral("aws/secret+key"));
    secrets.set(QStringLiteral("taskEnv.HF_TOKEN"), QStringLiteral("hf_'$x#y\\"));
    const RenderResult result = Renderer::render(project.forWorker(QStringLiteral("gpu-1")), &secrets);
    QVERIFY(result.ok());
    const DotenvParser::Result env = DotenvParser::parse(file(result, QStringLiteral("worker-dotenv")).content);
    QVERIFY(env.error.isNull());
    QVERIFY(env.rejectedLines.isEmpty());
    QCOMPARE(env.values.value(QStringLiteral("QUOTED")), QStringLiteral("it's $HOME # not a comment"));
    QCOMPARE(env.values.value(QStringLiteral("CUDA_VISIBLE_DEVICES")), QStringLiteral("0,1"));
    QCOMPARE(env.values.value(QStringLiteral("HF_TOKEN")), QStringLiteral("hf_'$x#y\\"));
    QCOMPARE(env.values.value(QStringLiteral("API_AUTH_TOKEN")), QStringLiteral("tok'en"));
    QCOMPARE(env.values.value(QStringLiteral("WORKER_LOGS_DIRECTORY")), QStringLiteral("/srv/saltant/logs"));
    QCOMPARE(env.values.value(QStringLiteral("IM_A_CELERY_WORKER")), QStringLiteral("True"));
    QVERIFY2(env.values.value(QStringLiteral("CELERY_BROKER_URL")).contains(QLatin1String(":p%40ss%27word%2F%24x@")),
             qPrintable(env.values.value(QStringLiteral("CELERY_BROKER_URL"))));
}

void TestWorkerGenerators::unit_runsCeleryWithTheHostsQueues()
{
    const Project project = fleet();
    const RenderResult result = Renderer::render(project.forWorker(QStringLiteral("gpu-1")));
    const SystemdUnitParser::Result unit =
        SystemdUnitParser::parse(file(result, QStringLiteral("worker-unit")).content);
    QVERIFY(unit.problems.isEmpty());
    QCOMPARE(unit.value(QStringLiteral("Service"), QStringLiteral("User")), QStringLiteral("saltant"));
    QCOMPARE(unit.value(QStringLiteral("Service"), QStringLiteral("KillMode")), QStringLiteral("mixed"));
    const SystemdUnitParser::Command command =
        SystemdUnitParser::splitCommand(unit.value(QStringLiteral("Service"), QStringLiteral("ExecStart")));
    QVERIFY2(command.error.isEmpty(), qPrintable(command.error));
    const QStringList argv = command.argv;
    QCOMPARE(argv.mid(0, 6), (QStringList{QStringLiteral("/srv/saltant/venv/bin/python"), QStringLiteral("-m"),
                                          QStringLiteral("celery"), QStringLiteral("-A"), QStringLiteral("saltant"),
                                          QStringLiteral("worker")}));
    QVERIFY(argv.contains(QStringLiteral("--queues=gpu,long-jobs")));
    QVERIFY(argv.contains(QStringLiteral("--concurrency=4")));
}

void TestWorkerGenerators::unit_escapesCelerysPercentH()
{
    const Project project = fleet();
    const RenderResult result = Renderer::render(project.forWorker(QStringLiteral("cpu-2")));
    const QString unit = file(result, QStringLiteral("worker-unit")).content;
    QVERIFY2(unit.contains(QLatin1String(" \"--hostname=cpu-2@%%h\" ")), qPrintable(unit));
    // systemd turns %% into %, so Celery receives --hostname=cpu-2@%h and expands it to the machine's name.
    const SystemdUnitParser::Result parsed = SystemdUnitParser::parse(unit);
    const SystemdUnitParser::Command command =
        SystemdUnitParser::splitCommand(parsed.value(QStringLiteral("Service"), QStringLiteral("ExecStart")));
    QVERIFY2(command.error.isEmpty(), qPrintable(command.error));
    QStringList expanded;
    for (const QString& arg : command.argv) {
        QString out;
        QString error;
        QVERIFY2(SystemdUnitParser::expandSpecifiers(arg, {}, &out, &error), qPrintable(error));
        expanded << out;
    }
    QVERIFY2(expanded.contains(QStringLiteral("--hostname=cpu-2@%h")), qPrintable(expanded.join(QLatin1Char(' '))));
}

void TestWorkerGenerators::logShipping_keysOnlyInARootOnlyFile()
{
    const Project project = fleet();
    const RenderResult gpu = Renderer::render(project.forWorker(QStringLiteral("gpu-1")));
    const GeneratedFile env = file(gpu, QStringLiteral("worker-logs-env"));
    QCOMPARE(env.mode, 0600);
    QCOMPARE(env.owner, QStringLiteral("root"));
    QVERIFY(env.holdsSecrets);
    QVERIFY(env.content.contains(QLatin1String("AWS_SECRET_ACCESS_KEY='<secret:aws.secretKey>'")));
    const QString service = file(gpu, QStringLiteral("worker-logs-service")).content;
    QVERIFY(!service.contains(QLatin1String("secret")));
    QVERIFY(service.contains(QLatin1String("s3 sync --no-progress /srv/saltant/logs s3://saltant-logs/")));
    // Off for cpu-2: no log shipping files at all.
    const RenderResult cpu = Renderer::render(project.forWorker(QStringLiteral("cpu-2")));
    QVERIFY(file(cpu, QStringLiteral("worker-logs-env")).id.isEmpty());
    QVERIFY(file(cpu, QStringLiteral("worker-logs-timer")).id.isEmpty());
}

void TestWorkerGenerators::serverRender_isUnchangedByWorkers()
{
    Project project = fleet();
    const RenderResult withWorkers = Renderer::render(project);
    while (!project.workers().isEmpty()) {
        QVERIFY(project.removeWorker(project.workers().first().name));
    }
    const RenderResult without = Renderer::render(project);
    QVERIFY(withWorkers.ok());
    QCOMPARE(withWorkers.files.size(), without.files.size());
    for (qsizetype i = 0; i < without.files.size(); ++i) {
        QCOMPARE(withWorkers.files.at(i).content, without.files.at(i).content);
    }
}

QTEST_GUILESS_MAIN(TestWorkerGenerators)
#include "TestWorkerGenerators.moc"
