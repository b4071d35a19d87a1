#include "TestLintSupport.h"
#include "generate/SiteFacts.h"
#include "lint/WorkerRules.h"
#include "model/SettingKeys.h"

using namespace saltant;

// The worker-host rules (app/lint/WorkerRules.cpp) and the worker side of missing-secret: each fires with its id,
// severity, field and a message naming the host, stays quiet on the compliant case, and its fix clears it.
class TestLintWorkers : public QObject
{
    Q_OBJECT

private slots:
    void noWorkers_noWorkerFinding();
    void fleet_isClean();
    void brokerOffNetwork_isErrorWithFix();
    void brokerLoopback_isError_data();
    void brokerLoopback_isError();
    void sameMachineSameFiles_isError();
    void sameMachineSameQueues_ownFiles_isWarning();
    void sameMachineOtherQueues_ownFiles_isQuiet();
    void knownQueues_queueServedByNoWorker_isNamed();
    void knownQueues_emptyOrAllServed_isQuiet();
    void knownQueues_unknownQueue_namesHostAndField();
    void knownQueues_notOverridablePerHost();
    void apiToken_missingWithWorkers_warnsNamingThem();
    void brokerTlsUnverified_isInfoWithWhatToDo();
    void brokerTlsUnverified_quietWithoutTlsOrWorkers();
    void loopbackHost_recognised_data();
    void loopbackHost_recognised();

private:
    // Two worker hosts on their own machines, gpu-1 with queues gpu and long-jobs, cpu-2 with the shared "celery".
    static Project fleet();
    static QList<LintIssue> run(const Project& p, const QString& rule, const QStringList& secrets = {});
    static void set(Project& p, const QString& host, SettingKey key, const QVariant& value);
};

Project TestLintWorkers::fleet()
{
    Project p = Project::example();
    QString error;
    const bool ok = p.addWorker(QStringLiteral("gpu-1"), &error) && p.addWorker(QStringLiteral("cpu-2"), &error) &&
                    p.setWorkerValue(QStringLiteral("gpu-1"), Key::SshHost, QStringLiteral("10.0.0.11"), &error) &&
                    p.setWorkerValue(QStringLiteral("cpu-2"), Key::SshHost, QStringLiteral("10.0.0.12"), &error) &&
                    p.setWorkerValue(QStringLiteral("gpu-1"), Key::WorkersQueues,
                                     QStringList{QStringLiteral("gpu"), QStringLiteral("long-jobs")}, &error);
    if (!ok) {
        qFatal("fleet: %s", qPrintable(error));
    }
    return p;
}

QList<LintIssue> TestLintWorkers::run(const Project& p, const QString& rule, const QStringList& secrets)
{
    return lintcheck::lint(p, lintcheck::secrets(secrets), rule);
}

void TestLintWorkers::set(Project& p, const QString& host, SettingKey key, const QVariant& value)
{
    QString error;
    const bool ok = host.isEmpty() ? p.setValue(key, value, &error) : p.setWorkerValue(host, key, value, &error);
    if (!ok) {
        qFatal("set %s: %s", key.latin1(), qPrintable(error));
    }
}

void TestLintWorkers::noWorkers_noWorkerFinding()
{
    Project p = Project::example();
    set(p, QString(), Key::RabbitmqOnNetwork, false);
    set(p, QString(), Key::WorkersKnownQueues, QStringList{QStringLiteral("nobody-serves-this")});
    for (const char* rule : {"worker-broker-localhost", "broker-tls-unverified-by-saltant", "workers-share-files",
                             "duplicate-worker", "queue-without-worker", "unknown-queue"}) {
        QVERIFY2(run(p, QString::fromLatin1(rule)).isEmpty(), rule);
    }
}

void TestLintWorkers::fleet_isClean()
{
    const Project p = fleet();
    QVERIFY(p.validate().isEmpty());
    for (const char* rule : {"worker-broker-localhost", "workers-share-files", "duplicate-worker",
                             "queue-without-worker", "unknown-queue"}) {
        QVERIFY2(run(p, QString::fromLatin1(rule)).isEmpty(), rule);
    }
}

void TestLintWorkers::brokerOffNetwork_isErrorWithFix()
{
    Project p = fleet();
    set(p, QString(), Key::RabbitmqOnNetwork, false);
    const QList<LintIssue> found = run(p, QStringLiteral("worker-broker-localhost"));
    QCOMPARE(found.size(), 1);
    const LintIssue& issue = found.first();
    QCOMPARE(issue.severity, Severity::Error);
    QCOMPARE(issue.field, Key::RabbitmqOnNetwork.name());
    QVERIFY2(issue.message.contains(QStringLiteral("gpu-1, cpu-2")) &&
                 issue.message.contains(QStringLiteral("localhost")),
             qPrintable(issue.message));
    QVERIFY(issue.message.contains(QStringLiteral("Turn \"Workers connect over the network\" on")));
    QVERIFY(issue.fix.has_value());
    QString error;
    QVERIFY2(Linter::applyFix(p, *issue.fix, &error), qPrintable(error));
    QVERIFY(run(p, QStringLiteral("worker-broker-localhost")).isEmpty());
}

void TestLintWorkers::brokerLoopback_isError_data()
{
    QTest::addColumn<QString>("broker");
    QTest::newRow("localhost") << QStringLiteral("localhost");
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1");
    QTest::newRow("127.0.1.1 (Debian's host name address)") << QStringLiteral("127.0.1.1");
    QTest::newRow("::1") << QStringLiteral("::1");
    QTest::newRow("LOCALHOST") << QStringLiteral("LOCALHOST");
}

void TestLintWorkers::brokerLoopback_isError()
{
    QFETCH(QString, broker);
    Project p = fleet();
    set(p, QString(), Key::RabbitmqBrokerHost, broker);
    const QList<LintIssue> found = run(p, QStringLiteral("worker-broker-localhost"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().severity, Severity::Error);
    QCOMPARE(found.first().field, Key::RabbitmqBrokerHost.name());
    QVERIFY2(found.first().message.contains(broker) && found.first().message.contains(QStringLiteral("gpu-1")),
             qPrintable(found.first().message));
    // The fix lets the broker host follow the domain again.
    QVERIFY(found.first().fix.has_value());
    QString error;
    QVERIFY2(Linter::applyFix(p, *found.first().fix, &error), qPrintable(error));
    QCOMPARE(p.text(Key::RabbitmqBrokerHost), p.text(Key::ServerDomain));
    QVERIFY(run(p, QStringLiteral("worker-broker-localhost")).isEmpty());
}

void TestLintWorkers::sameMachineSameFiles_isError()
{
    Project p = fleet();
    set(p, QStringLiteral("cpu-2"), Key::SshHost, QStringLiteral("10.0.0.11"));
    const QList<LintIssue> found = run(p, QStringLiteral("workers-share-files"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().severity, Severity::Error);
    QCOMPARE(found.first().field, QStringLiteral("workers.cpu-2.ssh.host"));
    QVERIFY2(found.first().message.contains(QStringLiteral("gpu-1 and cpu-2")) &&
                 found.first().message.contains(p.text(Key::WorkersUnitPath)),
             qPrintable(found.first().message));
    // Host names differ only in case: still one machine.
    set(p, QStringLiteral("cpu-2"), Key::SshHost, QStringLiteral("Worker.Example.org"));
    set(p, QStringLiteral("gpu-1"), Key::SshHost, QStringLiteral("worker.example.org"));
    QCOMPARE(run(p, QStringLiteral("workers-share-files")).size(), 1);
    // Another SSH port is another machine (a NAT gateway): quiet.
    set(p, QStringLiteral("cpu-2"), Key::SshPort, 2222);
    QVERIFY(run(p, QStringLiteral("workers-share-files")).isEmpty());
}

void TestLintWorkers::sameMachineSameQueues_ownFiles_isWarning()
{
    Project p = fleet();
    set(p, QStringLiteral("cpu-2"), Key::SshHost, QStringLiteral("10.0.0.11"));
    set(p, QStringLiteral("cpu-2"), Key::WorkersQueues,
        QStringList{QStringLiteral("long-jobs"), QStringLiteral("gpu")});
    set(p, QStringLiteral("cpu-2"), Key::WorkersUnitPath,
        QStringLiteral("/etc/systemd/system/saltant-worker-2.service"));
    set(p, QStringLiteral("cpu-2"), Key::WorkersProjectDir, QStringLiteral("/srv/saltant-2"));
    QVERIFY(run(p, QStringLiteral("workers-share-files")).isEmpty());
    const QList<LintIssue> found = run(p, QStringLiteral("duplicate-worker"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().severity, Severity::Warning);
    QCOMPARE(found.first().field, QStringLiteral("workers.cpu-2.ssh.host"));
    QVERIFY2(found.first().message.contains(QStringLiteral("gpu, long-jobs")), qPrintable(found.first().message));
}

void TestLintWorkers::sameMachineOtherQueues_ownFiles_isQuiet()
{
    Project p = fleet();
    set(p, QStringLiteral("cpu-2"), Key::SshHost, QStringLiteral("10.0.0.11"));
    set(p, QStringLiteral("cpu-2"), Key::WorkersUnitPath,
        QStringLiteral("/etc/systemd/system/saltant-worker-2.service"));
    set(p, QStringLiteral("cpu-2"), Key::WorkersProjectDir, QStringLiteral("/srv/saltant-2"));
    QVERIFY(run(p, QStringLiteral("workers-share-files")).isEmpty());
    QVERIFY(run(p, QStringLiteral("duplicate-worker")).isEmpty());
}

void TestLintWorkers::knownQueues_queueServedByNoWorker_isNamed()
{
    Project p = fleet();
    QVERIFY(Schema::field(Key::WorkersKnownQueues));
    QCOMPARE(Schema::field(Key::WorkersKnownQueues)->section, QStringLiteral("workers"));
    QVERIFY(p.list(Key::WorkersKnownQueues).isEmpty()); // optional: empty by default
    set(p, QString(), Key::WorkersKnownQueues,
        QStringList{QStringLiteral("celery"), QStringLiteral("gpu"), QStringLiteral("long-jobs"),
                    QStringLiteral("bigmem"), QStringLiteral("nightly")});
    QVERIFY(p.validate().isEmpty());
    const QList<LintIssue> found = run(p, QStringLiteral("queue-without-worker"));
    QCOMPARE(found.size(), 2);
    for (const LintIssue& i : found) {
        QCOMPARE(i.severity, Severity::Warning);
        QCOMPARE(i.field, Key::WorkersKnownQueues.name());
    }
    QVERIFY2(found.at(0).message.startsWith(QStringLiteral("Queue bigmem is served by no worker host")),
             qPrintable(found.at(0).message));
    QVERIFY2(found.at(1).message.startsWith(QStringLiteral("Queue nightly is served by no worker host")),
             qPrintable(found.at(1).message));
}

void TestLintWorkers::knownQueues_emptyOrAllServed_isQuiet()
{
    Project p = fleet();
    QVERIFY(run(p, QStringLiteral("queue-without-worker")).isEmpty());
    set(p, QString(), Key::WorkersKnownQueues,
        QStringList{QStringLiteral("celery"), QStringLiteral("gpu"), QStringLiteral("long-jobs")});
    QVERIFY(run(p, QStringLiteral("queue-without-worker")).isEmpty());
    QVERIFY(run(p, QStringLiteral("unknown-queue")).isEmpty());
    // A bad name is validation's (invalid-value), as for workers.queues.
    set(p, QString(), Key::WorkersKnownQueues, QStringList{QStringLiteral("-bad")});
    bool refused = false;
    for (const FieldProblem& problem : p.validate()) {
        refused = refused || problem.key == Key::WorkersKnownQueues.name();
    }
    QVERIFY(refused);
}

void TestLintWorkers::knownQueues_unknownQueue_namesHostAndField()
{
    Project p = fleet();
    set(p, QString(), Key::WorkersKnownQueues, QStringList{QStringLiteral("celery"), QStringLiteral("gpu")});
    // gpu-1 holds its own queues (gpu, long-jobs): long-jobs is unknown there.
    QList<LintIssue> found = run(p, QStringLiteral("unknown-queue"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().field, QStringLiteral("workers.gpu-1.workers.queues"));
    QVERIFY2(found.first().message.contains(QStringLiteral("gpu-1")) &&
                 found.first().message.contains(QStringLiteral("long-jobs")),
             qPrintable(found.first().message));
    // The shared list is named once, by its own key, whatever the number of hosts following it.
    set(p, QString(), Key::WorkersQueues, QStringList{QStringLiteral("celry")});
    QVERIFY(p.addWorker(QStringLiteral("cpu-3")));
    set(p, QStringLiteral("cpu-3"), Key::SshHost, QStringLiteral("10.0.0.13"));
    found = run(p, QStringLiteral("unknown-queue"));
    QCOMPARE(found.size(), 2);
    QCOMPARE(found.at(1).field, Key::WorkersQueues.name());
    QVERIFY(found.at(1).message.contains(QStringLiteral("celry")));
}

void TestLintWorkers::knownQueues_notOverridablePerHost()
{
    Project p = fleet();
    QString error;
    QVERIFY(!p.setWorkerValue(QStringLiteral("gpu-1"), Key::WorkersKnownQueues, QStringList{QStringLiteral("gpu")},
                              &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(WorkerHost::isOverridable(Key::WorkersQueues));
}

void TestLintWorkers::apiToken_missingWithWorkers_warnsNamingThem()
{
    const Project p = fleet();
    QList<LintIssue> found;
    for (const LintIssue& i : run(p, QStringLiteral("missing-secret"), {QStringLiteral("-django.apiToken")})) {
        if (i.field == QLatin1String("django.apiToken")) {
            found << i;
        }
    }
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().severity, Severity::Warning);
    QVERIFY2(found.first().message.contains(QStringLiteral("API_AUTH_TOKEN")) &&
                 found.first().message.contains(QStringLiteral("gpu-1, cpu-2")),
             qPrintable(found.first().message));
    // Stored: quiet.
    QVERIFY(run(p, QStringLiteral("missing-secret")).isEmpty());
}

void TestLintWorkers::brokerTlsUnverified_isInfoWithWhatToDo()
{
    const Project p = fleet();
    QVERIFY(SiteFacts(p).amqpTls());
    const QList<LintIssue> found = run(p, QStringLiteral("broker-tls-unverified-by-saltant"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().severity, Severity::Info);
    QCOMPARE(found.first().field, Key::RabbitmqTlsEnabled.name());
    const QString m = found.first().message;
    QVERIFY2(m.contains(QStringLiteral("CERT_NONE")) && m.contains(QStringLiteral("ssl.CERT_REQUIRED")) &&
                 m.contains(QStringLiteral("ca_certs")) && m.contains(QStringLiteral("settings.py")) &&
                 m.contains(SiteFacts(p).brokerHost()),
             qPrintable(m));
    QVERIFY(!found.first().fix.has_value()); // saltant's file, not ours
}

void TestLintWorkers::brokerTlsUnverified_quietWithoutTlsOrWorkers()
{
    QVERIFY(run(Project::example(), QStringLiteral("broker-tls-unverified-by-saltant")).isEmpty());
    Project p = fleet();
    set(p, QString(), Key::RabbitmqTlsEnabled, false);
    QVERIFY(run(p, QStringLiteral("broker-tls-unverified-by-saltant")).isEmpty());
}

void TestLintWorkers::loopbackHost_recognised_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("localhost") << QStringLiteral("localhost") << true;
    QTest::newRow("sub.localhost") << QStringLiteral("rabbit.localhost") << true;
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
    QTest::newRow("127.1.2.3") << QStringLiteral("127.1.2.3") << true;
    QTest::newRow("::1") << QStringLiteral("::1") << true;
    QTest::newRow("domain") << QStringLiteral("fictionaljobrunner.com") << false;
    QTest::newRow("localhost as a label") << QStringLiteral("localhost.example.org") << false;
    QTest::newRow("private address") << QStringLiteral("10.0.0.1") << false;
}

void TestLintWorkers::loopbackHost_recognised()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(WorkerRules::isLoopbackHost(host), loopback);
}

QTEST_GUILESS_MAIN(TestLintWorkers)
#include "TestLintWorkers.moc"
