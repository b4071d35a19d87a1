#include "model/ProjectFile.h"
#include "secrets/SecretStore.h"

#include <QTest>

using namespace saltant;

// Worker hosts in the model: names, overrides, the settings in effect on a host, validation and the project file.
class TestWorkerHosts : public QObject
{
    Q_OBJECT

private slots:
    void addWorker_refusesBadAndTakenNames_data();
    void addWorker_refusesBadAndTakenNames();
    void overrides_onlyForHostSettings();
    void forWorker_appliesOverridesOverSharedValues();
    void duplicateRenameMove_keepOrderAndOverrides();
    void validate_namesEachHostProblem();
    void validate_queueNamesWithSpacesOrCommas_areRefused();
    void validate_taskEnvironment_mayNotShadowGeneratedVariables();
    void projectFile_roundTripsWorkers();
    void projectFile_withoutWorkers_loadsAndWritesNoWorkerHosts();
    void projectFile_version1_loadsUnchanged();
    void projectFile_badWorkerHosts_giveErrorNamingPath_data();
    void projectFile_badWorkerHosts_giveErrorNamingPath();

private:
    static Project withTwoWorkers();
};

Project TestWorkerHosts::withTwoWorkers()
{
    Project p = Project::example();
    QString error;
    const bool ok = p.addWorker(QStringLiteral("gpu-1"), &error) && p.addWorker(QStringLiteral("cpu-2"), &error) &&
                    p.setWorkerValue(QStringLiteral("gpu-1"), Key::SshHost, QStringLiteral("10.0.0.11"), &error) &&
                    p.setWorkerValue(QStringLiteral("cpu-2"), Key::SshHost, QStringLiteral("10.0.0.12"), &error) &&
                    p.setWorkerValue(QStringLiteral("gpu-1"), Key::WorkersQueues,
                                     QStringList{QStringLiteral("gpu"), QStringLiteral("long")}, &error) &&
                    p.setWorkerValue(QStringLiteral("cpu-2"), Key::WorkersConcurrency, 8, &error);
    if (!ok) {
        qFatal("withTwoWorkers: %s", qPrintable(error));
    }
    return p;
}

void TestWorkerHosts::addWorker_refusesBadAndTakenNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("plain") << QStringLiteral("worker1") << true;
    QTest::newRow("hyphen") << QStringLiteral("gpu-1") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("upper case") << QStringLiteral("Gpu") << false;
    QTest::newRow("leading digit") << QStringLiteral("1gpu") << false;
    QTest::newRow("trailing hyphen") << QStringLiteral("gpu-") << false;
    QTest::newRow("space") << QStringLiteral("gpu 1") << false;
    QTest::newRow("at sign") << QStringLiteral("gpu@host") << false;
    QTest::newRow("slash") << QStringLiteral("../etc") << false;
    QTest::newRow("newline") << QStringLiteral("gpu\nExecStart=/bin/sh") << false;
    QTest::newRow("too long") << QString(33, QLatin1Char('a')) << false;
    QTest::newRow("taken") << QStringLiteral("gpu-1") << false;
}

void TestWorkerHosts::addWorker_refusesBadAndTakenNames()
{
    QFETCH(QString, name);
    QFETCH(bool, accepted);
    Project p = Project::example();
    if (QByteArray(QTest::currentDataTag()) == "taken") {
        QVERIFY(p.addWorker(name));
    }
    const Project before = p;
    QString error;
    QCOMPARE(p.addWorker(name, &error), accepted);
    if (!accepted) {
        QVERIFY(!error.isEmpty());
        QCOMPARE(p, before);
    }
}

void TestWorkerHosts::overrides_onlyForHostSettings()
{
    Project p = withTwoWorkers();
    QString error;
    QVERIFY(!p.setWorkerValue(QStringLiteral("gpu-1"), Key::ServerDomain, QStringLiteral("x.org"), &error));
    QVERIFY2(error.contains(QLatin1String("server.domain")), qPrintable(error));
    QVERIFY(!p.setWorkerValue(QStringLiteral("gpu-1"), Key::WorkersConcurrency, QStringLiteral("8"), &error));
    QVERIFY(!p.setWorkerValue(QStringLiteral("gpu-1"), Key::WorkersConcurrency, 5000, &error));
    QVERIFY(!p.setWorkerValue(QStringLiteral("nope"), Key::SshPort, 22, &error));
    QVERIFY2(error.contains(QLatin1String("gpu-1")), qPrintable(error));
    QVERIFY(p.setWorkerFromString(QStringLiteral("gpu-1"), Key::SshPort, QStringLiteral("2222"), &error));
    QVERIFY(
        p.setWorkerFromString(QStringLiteral("gpu-1"), Key::WorkerLogsDirectory, QStringLiteral("/srv/logs"), &error));
    QCOMPARE(p.workers().at(0).overrides.value(Key::SshPort.name()), QVariant(2222));
    QVERIFY(p.clearWorkerValue(QStringLiteral("gpu-1"), Key::SshPort, &error));
    QVERIFY(!p.workers().at(0).overrides.contains(Key::SshPort.name()));
}

void TestWorkerHosts::forWorker_appliesOverridesOverSharedValues()
{
    Project p = withTwoWorkers();
    QVERIFY(p.setValue(Key::WorkersConcurrency, 2));
    QVERIFY(p.setValue(Key::ServerDeployUser, QStringLiteral("saltant")));
    const Project gpu = p.forWorker(QStringLiteral("gpu-1"));
    const Project cpu = p.forWorker(QStringLiteral("cpu-2"));
    QVERIFY(gpu.isWorker());
    QVERIFY(!p.isWorker());
    QCOMPARE(gpu.hostName(), QStringLiteral("gpu-1"));
    QVERIFY(gpu.workers().isEmpty());
    QCOMPARE(gpu.text(Key::SshHost), QStringLiteral("10.0.0.11"));
    QCOMPARE(gpu.list(Key::WorkersQueues), (QStringList{QStringLiteral("gpu"), QStringLiteral("long")}));
    QCOMPARE(gpu.integer(Key::WorkersConcurrency), 2);
    QCOMPARE(cpu.integer(Key::WorkersConcurrency), 8);
    QCOMPARE(cpu.list(Key::WorkersQueues), QStringList{QStringLiteral("celery")});
    // Derived shared settings follow the server's values.
    QCOMPARE(cpu.text(Key::WorkersUser), QStringLiteral("saltant"));
    QCOMPARE(cpu.text(Key::WorkersProjectDir), p.text(Key::DjangoProjectDir));
    QCOMPARE(gpu.text(Key::ServerDomain), p.text(Key::ServerDomain));
    QVERIFY(p.forWorker(QStringLiteral("absent")).hostName().isEmpty());
}

void TestWorkerHosts::duplicateRenameMove_keepOrderAndOverrides()
{
    Project p = withTwoWorkers();
    QString error;
    QVERIFY2(p.duplicateWorker(QStringLiteral("gpu-1"), QStringLiteral("gpu-2"), &error), qPrintable(error));
    QCOMPARE(p.workers().size(), 3);
    QCOMPARE(p.workers().at(1).name, QStringLiteral("gpu-2"));
    QCOMPARE(p.workers().at(1).overrides, p.workers().at(0).overrides);
    QVERIFY(!p.duplicateWorker(QStringLiteral("gpu-1"), QStringLiteral("cpu-2"), &error));
    QVERIFY(!p.renameWorker(QStringLiteral("gpu-2"), QStringLiteral("cpu-2"), &error));
    QVERIFY(!p.renameWorker(QStringLiteral("gpu-2"), QStringLiteral("Bad Name"), &error));
    QVERIFY(p.renameWorker(QStringLiteral("gpu-2"), QStringLiteral("gpu-3"), &error));
    QVERIFY(p.moveWorker(2, 0));
    QCOMPARE(p.workers().at(0).name, QStringLiteral("cpu-2"));
    QVERIFY(!p.moveWorker(0, 3));
    QVERIFY(p.removeWorker(QStringLiteral("gpu-3"), &error));
    QVERIFY(!p.removeWorker(QStringLiteral("gpu-3"), &error));
    QCOMPARE(p.workers().size(), 2);
}

void TestWorkerHosts::validate_namesEachHostProblem()
{
    Project p = withTwoWorkers();
    QVERIFY(p.validate().isEmpty());
    QVERIFY(p.addWorker(QStringLiteral("no-host")));
    QVERIFY(p.addWorker(QStringLiteral("same-host")));
    QVERIFY(p.setWorkerValue(QStringLiteral("same-host"), Key::SshHost, p.text(Key::SshHost).toUpper()));
    QVERIFY(p.setWorkerValue(QStringLiteral("cpu-2"), Key::SshHost, QStringLiteral("bad host;rm")));
    QStringList keys;
    for (const FieldProblem& problem : p.validate()) {
        keys << problem.key;
        QVERIFY2(problem.message.startsWith(QLatin1String("Worker ")), qPrintable(problem.message));
    }
    QCOMPARE(keys, (QStringList{QStringLiteral("workers.cpu-2.ssh.host"), QStringLiteral("workers.no-host.ssh.host"),
                                QStringLiteral("workers.same-host.ssh.host")}));
    // Another port on the same machine is another target.
    QVERIFY(p.setWorkerValue(QStringLiteral("same-host"), Key::SshPort, 2222));
    QCOMPARE(p.validate().size(), 2);
}

void TestWorkerHosts::validate_queueNamesWithSpacesOrCommas_areRefused()
{
    Project p = withTwoWorkers();
    QString error;
    QVERIFY(p.setWorkerValue(QStringLiteral("gpu-1"), Key::WorkersQueues, QStringList{QStringLiteral("a b")}));
    QVERIFY(p.setWorkerValue(QStringLiteral("cpu-2"), Key::WorkersQueues, QStringList{QStringLiteral("a,b")}));
    const QList<FieldProblem> problems = p.validate();
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems.at(0).key, QStringLiteral("workers.gpu-1.workers.queues"));
    QVERIFY2(problems.at(0).message.contains(QLatin1String("\"a b\"")), qPrintable(problems.at(0).message));
    // --queues a,b on the command line is two queues, never one with a comma.
    QVERIFY(p.setWorkerFromString(QStringLiteral("cpu-2"), Key::WorkersQueues, QStringLiteral("a, b,,"), &error));
    QCOMPARE(p.forWorker(QStringLiteral("cpu-2")).list(Key::WorkersQueues),
             (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(p.setWorkerValue(QStringLiteral("cpu-2"), Key::WorkersQueues, QStringList()));
    bool emptyReported = false;
    for (const FieldProblem& problem : p.validate()) {
        emptyReported = emptyReported || problem.key == QLatin1String("workers.cpu-2.workers.queues");
    }
    QVERIFY(emptyReported);
}

void TestWorkerHosts::validate_taskEnvironment_mayNotShadowGeneratedVariables()
{
    Project p = withTwoWorkers();
    QVERIFY(p.setValue(Key::WorkersExtraEnv, QStringList{QStringLiteral("MY_SETTING=it's $HOME # literal")}));
    QVERIFY(p.validate().isEmpty());
    QVERIFY(p.setValue(Key::WorkersExtraEnv,
                       QStringList{QStringLiteral("CELERY_BROKER_URL=amqp://evil"), QStringLiteral("A=1"),
                                   QStringLiteral("A=2"), QStringLiteral("1BAD=x"), QStringLiteral("NOEQUALS")}));
    QStringList messages;
    for (const FieldProblem& problem : p.validate()) {
        QCOMPARE(problem.key, QStringLiteral("workers.extraEnv"));
        messages << problem.message;
    }
    // The format error (first bad entry) plus the shadowed and the repeated name; reported once, not per host.
    QCOMPARE(messages.size(), 3);
    QVERIFY(messages.join(QLatin1Char('\n')).contains(QLatin1String("CELERY_BROKER_URL")));

    // Secret task variables: names only (values in the keychain), none the .env or the task environment sets.
    QVERIFY(p.setValue(Key::WorkersExtraEnv, QStringList{QStringLiteral("A=1")}));
    QVERIFY(p.setValue(Key::WorkersSecretEnv, QStringList{QStringLiteral("TOKEN")}));
    QVERIFY(p.validate().isEmpty());
    QCOMPARE(p.taskSecretNames(), QStringList{QStringLiteral("taskEnv.TOKEN")});
    QVERIFY(p.setWorkerValue(QStringLiteral("gpu-1"), Key::WorkersSecretEnv,
                             QStringList{QStringLiteral("TOKEN"), QStringLiteral("GPU_KEY")}));
    QCOMPARE(p.taskSecretNames(), (QStringList{QStringLiteral("taskEnv.TOKEN"), QStringLiteral("taskEnv.GPU_KEY")}));
    QVERIFY(p.setValue(Key::WorkersSecretEnv,
                       QStringList{QStringLiteral("A"), QStringLiteral("API_AUTH_TOKEN"), QStringLiteral("bad-name")}));
    QStringList keys;
    for (const FieldProblem& problem : p.validate()) {
        keys << problem.key;
    }
    QCOMPARE(keys, (QStringList{QStringLiteral("workers.secretEnv"), QStringLiteral("workers.secretEnv"),
                                QStringLiteral("workers.secretEnv")}));
    QVERIFY(WorkerHost::isTaskSecretName(QStringLiteral("taskEnv.TOKEN")));
    QVERIFY(!WorkerHost::isTaskSecretName(QStringLiteral("taskEnv.1X")));
    QVERIFY(!WorkerHost::isTaskSecretName(QStringLiteral("taskEnv.X;rm")));
    QVERIFY(!WorkerHost::isTaskSecretName(QStringLiteral("rabbitmq.password")));
    // The keychain takes them under that name (`secret set taskEnv.TOKEN`), and no other made-up name.
    QString error;
    QVERIFY(SecretStore::checkName(QStringLiteral("taskEnv.TOKEN"), &error));
    QVERIFY(!SecretStore::checkName(QStringLiteral("taskEnv.bad-name"), &error));
    QVERIFY2(error.contains(QLatin1String("taskEnv.NAME")), qPrintable(error));
}

void TestWorkerHosts::projectFile_roundTripsWorkers()
{
    Project p = withTwoWorkers();
    QVERIFY(p.setWorkerValue(QStringLiteral("gpu-1"), Key::WorkersExtraEnv,
                             QStringList{QStringLiteral("CUDA_VISIBLE_DEVICES=0,1")}));
    QVERIFY(p.addWorker(QStringLiteral("bare")));
    const QByteArray json = ProjectFile::toJson(p);
    QVERIFY(json.contains("\"workerHosts\": [\n        {\n            \"name\": \"gpu-1\",\n            \"ssh\": {\n"
                          "                \"host\": \"10.0.0.11\"\n            },\n"));
    QVERIFY(json.contains("            \"name\": \"bare\"\n        }\n    ]\n}\n"));
    Project loaded;
    QString error;
    QVERIFY2(ProjectFile::fromJson(json, &loaded, &error), qPrintable(error));
    QCOMPARE(loaded, p);
    QCOMPARE(ProjectFile::toJson(loaded), json);
}

void TestWorkerHosts::projectFile_withoutWorkers_loadsAndWritesNoWorkerHosts()
{
    const QByteArray json = ProjectFile::toJson(Project::example());
    QVERIFY(!json.contains("workerHosts"));
    QVERIFY(json.endsWith("    }\n}\n"));
}

void TestWorkerHosts::projectFile_version1_loadsUnchanged()
{
    const QByteArray v1 = "{\"schemaVersion\": 1, \"projectId\": \"abc\", \"server\": {\"domain\": \"old.example\"}}";
    Project loaded;
    QString error;
    QVERIFY2(ProjectFile::fromJson(v1, &loaded, &error), qPrintable(error));
    QCOMPARE(loaded.text(Key::ServerDomain), QStringLiteral("old.example"));
    QVERIFY(loaded.workers().isEmpty());
    QCOMPARE(loaded.list(Key::WorkersQueues), QStringList{QStringLiteral("celery")});
}

void TestWorkerHosts::projectFile_badWorkerHosts_giveErrorNamingPath_data()
{
    QTest::addColumn<QByteArray>("hosts");
    QTest::addColumn<QString>("path");
    QTest::newRow("not an array") << QByteArray("{}") << QStringLiteral("$.workerHosts:");
    QTest::newRow("not an object") << QByteArray("[1]") << QStringLiteral("$.workerHosts[0]:");
    QTest::newRow("no name") << QByteArray("[{}]") << QStringLiteral("$.workerHosts[0].name:");
    QTest::newRow("bad name") << QByteArray("[{\"name\": \"a b\"}]") << QStringLiteral("$.workerHosts[0].name:");
    QTest::newRow("duplicate") << QByteArray("[{\"name\": \"a\"}, {\"name\": \"a\"}]")
                               << QStringLiteral("$.workerHosts[1].name:");
    QTest::newRow("server setting") << QByteArray("[{\"name\": \"a\", \"server\": {\"domain\": \"x.org\"}}]")
                                    << QStringLiteral("$.workerHosts[0].server.domain:");
    QTest::newRow("unknown group") << QByteArray("[{\"name\": \"a\", \"bogus\": {}}]")
                                   << QStringLiteral("$.workerHosts[0].bogus:");
    QTest::newRow("wrong type") << QByteArray("[{\"name\": \"a\", \"ssh\": {\"port\": \"22\"}}]")
                                << QStringLiteral("$.workerHosts[0].ssh.port:");
}

void TestWorkerHosts::projectFile_badWorkerHosts_giveErrorNamingPath()
{
    QFETCH(QByteArray, hosts);
    QFETCH(QString, path);
    const QByteArray json = "{\"schemaVersion\": 2, \"workerHosts\": " + hosts + "}";
    Project loaded;
    QString error;
    QVERIFY(!ProjectFile::fromJson(json, &loaded, &error));
    QVERIFY2(error.startsWith(path), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestWorkerHosts)
#include "TestWorkerHosts.moc"
