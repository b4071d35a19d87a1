#include "RealServerScenario.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QThread>

using namespace saltant;

// A worker host on the real programs: an empty server and a second machine with only saltant's checkout and
// virtualenv (booted Debian 12 containers, real systemd and SSH), configured by one `deploy --all` in parallel. The
// worker host's unit runs saltant's own Celery app, which takes a task sent from this machine through the server's
// RabbitMQ over AMQPS. A second `deploy --all` has nothing to do anywhere. The functions run in order.
class TestRealWorkerHost : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void deployAll_bringsServerAndWorkerHostUp();
    void workerHost_runsATaskFromTheServersBroker();
    void checkHost_onTheWorker_againstTheRealBroker();
    void deployAllAgain_changesNothingAnywhere();

private:
    KeyringPeer::Run cli(const QStringList& args) const
    {
        return m_scenario.keyring().cli(args + QStringList{QStringLiteral("--project"), m_scenario.projectPath()});
    }
    KeyringPeer::Run deployAll() const
    {
        return cli({QStringLiteral("deploy"), QStringLiteral("--all"), QStringLiteral("--yes"),
                    QStringLiteral("--install-missing"), QStringLiteral("--accept-new-host-key"),
                    QStringLiteral("--no-checks")});
    }
    QString onWorker(const QString& command) const
    {
        const RealServerPeer::Result r = m_scenario.workerHost().ssh(command);
        return r.ok() ? QString::fromUtf8(r.out).trimmed() : QStringLiteral("<failed: %1>").arg(r.describe());
    }
    // The worker's journal (saltant's Celery worker logs there), polled until it holds text or timeoutMs passed.
    bool journalShows(const QString& text, int timeoutMs) const
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (onWorker(QStringLiteral("journalctl -u saltant-worker.service --no-pager -o cat")).contains(text)) {
                return true;
            }
            QThread::msleep(500);
        }
        return false;
    }

    RealServerScenario m_scenario;
    static constexpr quint16 WorkerSshPort = 2298;
};

void TestRealWorkerHost::initTestCase()
{
    QString error;
    QVERIFY2(m_scenario.start(QStringLiteral("0755"), &error), qPrintable(error));
    QVERIFY2(m_scenario.startWorkerHost(WorkerSshPort, &error), qPrintable(error));
    // The admin's side: one worker host on the second machine, on its own queue.
    const KeyringPeer::Run added = cli(
        {QStringLiteral("worker"), QStringLiteral("add"), QStringLiteral("w1"), QStringLiteral("--host"),
         QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QString::number(WorkerSshPort),
         QStringLiteral("--queues"), QStringLiteral("e2e-w1"), QStringLiteral("--concurrency"), QStringLiteral("1")});
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const KeyringPeer::Run set = cli({QStringLiteral("set"), QStringLiteral("workers.w1.ssh.identityFile=") +
                                                                 m_scenario.workerHost().identityFile()});
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
}

void TestRealWorkerHost::cleanupTestCase()
{
    m_scenario.stop();
}

void TestRealWorkerHost::deployAll_bringsServerAndWorkerHostUp()
{
    QElapsedTimer timer;
    timer.start();
    const KeyringPeer::Run run = deployAll();
    qInfo("e2e: deploy --all (server + worker host, first deploy) took %.1f s", double(timer.elapsed()) / 1000.0);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe() + QString::fromUtf8(run.out.right(6000))));
    // The server's .env is new (the broker credentials): it went first, then the worker host.
    QVERIFY2(run.out.contains("deploying the server first"), run.out.right(3000).constData());
    QVERIFY2(run.out.contains("  server (") && run.out.contains("  w1 ("), run.out.right(3000).constData());
    QCOMPARE(onWorker(QStringLiteral("systemctl is-active saltant-worker.service")), QStringLiteral("active"));
    QCOMPARE(onWorker(QStringLiteral("stat -c '%a %U' /home/ubuntu/saltant/.env")), QStringLiteral("640 ubuntu"));
    const QString env = onWorker(QStringLiteral("cat /home/ubuntu/saltant/.env"));
    QVERIFY2(env.contains(QLatin1String("IM_A_CELERY_WORKER=True")), qPrintable(env));
    QVERIFY(!env.contains(QLatin1String("SECRET_KEY")));
    QVERIFY(!env.contains(m_scenario.secret(QStringLiteral("database.password"))));
    // systemd on the worker host accepts the unit as written (the deploy validated it; verify again, read-only).
    const QString verify =
        onWorker(QStringLiteral("systemd-analyze verify /etc/systemd/system/saltant-worker.service 2>&1; echo rc=$?"));
    QVERIFY2(verify.endsWith(QLatin1String("rc=0")), qPrintable(verify));
    QVERIFY2(journalShows(QStringLiteral("w1@saltant-e2e ready."), 60000),
             qPrintable(onWorker(QStringLiteral("journalctl -u saltant-worker.service --no-pager -o cat | tail -40"))));
}

void TestRealWorkerHost::workerHost_runsATaskFromTheServersBroker()
{
    QString error;
    QVERIFY2(m_scenario.fetchRootCa(&error), qPrintable(error));
    QVERIFY2(!m_scenario.localCheckout(&error).isEmpty(), qPrintable(error));
    const QString value = QStringLiteral("from-the-machine-%1").arg(QDateTime::currentMSecsSinceEpoch());
    // Sent from this machine over AMQPS verifying the broker's certificate; the worker host runs saltant's own app,
    // so the task is Celery's built-in celery.accumulate, which every app registers.
    const KeyringPeer::Run sent =
        m_scenario.celeryClient({QStringLiteral("send-builtin"), value, QStringLiteral("e2e-w1")});
    QVERIFY2(sent.exitCode == 0, qPrintable(sent.describe()));
    QVERIFY2(journalShows(QStringLiteral("succeeded"), 60000) && journalShows(value, 1000),
             qPrintable(onWorker(QStringLiteral("journalctl -u saltant-worker.service --no-pager -o cat | tail -40"))));
}

void TestRealWorkerHost::checkHost_onTheWorker_againstTheRealBroker()
{
    // The checks run on the worker host: its resolver, its route to 5671, its TLS stack (trusting pebble's root,
    // copied there), the real RabbitMQ's AMQP login with the stored password, its venv importing saltant's app.
    QFile root(m_scenario.rootCa());
    QVERIFY(root.open(QIODevice::ReadOnly));
    QString error;
    QVERIFY2(m_scenario.workerHost().writeFile(QStringLiteral("/etc/saltant-e2e/pebble-root.pem"), root.readAll(),
                                               QStringLiteral("0644"), &error),
             qPrintable(error));
    // The AMQP login runs as the worker user, who must read the CA file too (writeFile makes directories 0700).
    QCOMPARE(onWorker(QStringLiteral("chmod 0755 /etc/saltant-e2e && echo ok")), QStringLiteral("ok"));
    const KeyringPeer::Run run =
        cli({QStringLiteral("check"), QStringLiteral("--host"), QStringLiteral("w1"),
             QStringLiteral("--worker-ca-file"), QStringLiteral("/etc/saltant-e2e/pebble-root.pem")});
    const QString out = QString::fromUtf8(run.out);
    if (m_scenario.workerHostBrokerAddress() == QLatin1String("127.0.0.1")) {
        // No other address on this machine: the broker resolves to loopback on the worker, which the check refuses.
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(out.contains(QLatin1String("loopback")), qPrintable(out + QString::fromUtf8(run.err)));
        return;
    }
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe() + out));
    for (const char* check : {"PASS  w1: broker name saltant.test resolves", "PASS  w1: AMQPS port 5671 reachable",
                              "PASS  w1: certificate of saltant.test verifies", "PASS  w1: AMQP login as",
                              "PASS  w1: virtualenv imports celery and saltant"}) {
        QVERIFY2(out.contains(QLatin1String(check)),
                 qPrintable(QString::fromLatin1(check) + QStringLiteral(" missing: ") + out));
    }
    QVERIFY2(!out.contains(m_scenario.secret(QStringLiteral("rabbitmq.password"))), "the password leaked");
    // Negative control: a wrong password is refused by the real broker.
    const QString password = m_scenario.secret(QStringLiteral("rabbitmq.password"));
    QVERIFY2(m_scenario.setSecret(QStringLiteral("rabbitmq.password"), QStringLiteral("not-the-password"), &error),
             qPrintable(error));
    const KeyringPeer::Run wrong =
        cli({QStringLiteral("check"), QStringLiteral("--host"), QStringLiteral("w1"),
             QStringLiteral("--worker-ca-file"), QStringLiteral("/etc/saltant-e2e/pebble-root.pem")});
    QVERIFY2(m_scenario.setSecret(QStringLiteral("rabbitmq.password"), password, &error), qPrintable(error));
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY2(QString::fromUtf8(wrong.out).contains(QLatin1String("FAIL  w1: AMQP login as")), wrong.out.constData());
}

void TestRealWorkerHost::deployAllAgain_changesNothingAnywhere()
{
    const QString since = onWorker(QStringLiteral("systemctl show -P ActiveEnterTimestamp saltant-worker.service"));
    QElapsedTimer timer;
    timer.start();
    const KeyringPeer::Run run = deployAll();
    qInfo("e2e: deploy --all with nothing to do took %.1f s", double(timer.elapsed()) / 1000.0);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains("  server (") && run.out.contains("  w1 ("), run.out.right(3000).constData());
    QCOMPARE(run.out.count("): nothing to do: Nothing to do"), 2); // the summary line of each host
    QCOMPARE(onWorker(QStringLiteral("systemctl show -P ActiveEnterTimestamp saltant-worker.service")), since);
}

QTEST_GUILESS_MAIN(TestRealWorkerHost)
#include "TestRealWorkerHost.moc"
