#include "ChecksPanelHarness.h"
#include "MemorySecretStore.h"
#include "SshdRig.h"
#include "TlsPeer.h"
#include "UiTestMain.h"
#include "deploy/HostKeyDialog.h"
#include "model/SettingKeys.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace saltant;

// The Server Checks panel's "Worker Hosts" button against two worker hosts, each a real sshd on loopback (SshdRig;
// the worker is this machine, logged in as the test's user, root, so runuser works), driven by objectName: the
// checks run on each host over SSH against tests/data/worker-checks/fake_amqp_broker.py (TLS with TlsPeer's
// certificate, a login accepted only with the right password), a venv whose python is Debian's python3 with Celery
// and a stub docker. w1's host key is known; w2's is not and is asked about (HostKeyDialog).
class TestChecksPanelWorkers : public QObject, public ChecksPanelHarness
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void noWorkerHosts_buttonDisabled();
    void everyHost_resultsByHost_failingCheckShowsItsRemedy();
    void rejectedHostKey_thatHostIsNotChecked();
    void changedHostKey_thatHostIsRefused();
    void cancel_stopsTheRunningHost_andTheRest();
    void cancel_whileTheHostKeyIsAsked_closesTheQuestion();
    void keychainFailure_noHostChecked();
    void resolveField_givesTheWorkersTheBrokerAddress();

private:
    bool startBroker(quint16* port, QString* error);
    HostKeyDialog* waitForHostKeyDialog() const;
    QStringList idsOf(const QString& host) const;

    std::unique_ptr<TlsPeer> m_tls;
    TlsPeer::Leaf m_leaf;
    QTemporaryDir m_worker; // the checkout, the venv and the stub docker
    std::vector<std::unique_ptr<SshdRig>> m_rigs;
    std::vector<std::unique_ptr<QProcess>> m_brokers;
    std::unique_ptr<MemorySecretStore> m_store;
    Project m_project;
};

namespace {

const QString Broker = QStringLiteral("broker.saltant.test");
const QString Password = QStringLiteral("p@ss:w/rd 'q' $HOME #x,y\\z");

bool writeFile(const QString& path, const QByteArray& content, QFile::Permissions permissions = {})
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        return false;
    }
    file.close();
    return permissions == QFile::Permissions() || file.setPermissions(permissions);
}

} // namespace

void TestChecksPanelWorkers::initTestCase()
{
    QVERIFY(verdictIconsDiffer());
    QVERIFY(m_worker.isValid());
    m_tls = std::make_unique<TlsPeer>();
    QVERIFY2(m_tls->createCa(), qPrintable(m_tls->errorString()));
    QVERIFY2(m_tls->issue(QStringLiteral("broker"), {Broker}, TlsPeer::Validity::Valid, &m_leaf),
             qPrintable(m_tls->errorString()));
    const QString root = m_worker.path();
    QVERIFY(QDir().mkpath(root + QStringLiteral("/checkout/saltant")));
    QVERIFY(writeFile(root + QStringLiteral("/checkout/saltant/__init__.py"),
                      "import celery\napp = celery.Celery('saltant')\n"));
    QVERIFY(writeFile(root + QStringLiteral("/checkout/.env"), "IM_A_CELERY_WORKER=True\n"));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/venv/bin")));
    QVERIFY(QFile::link(QStringLiteral("/usr/bin/python3"), root + QStringLiteral("/venv/bin/python")));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/stubs")));
    QVERIFY(writeFile(root + QStringLiteral("/stubs/docker"), "#!/bin/sh\nexit 0\n",
                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
}

void TestChecksPanelWorkers::init()
{
    QSettings().clear();
    QString error;
    const QString root = m_worker.path();
    for (int i = 1; i <= 2; ++i) {
        auto rig = std::make_unique<SshdRig>();
        // w2's key is not known yet: the panel asks.
        QVERIFY2(rig->start(i == 2 ? SshdRig::KnownHosts::Empty : SshdRig::KnownHosts::Peer, &error,
                            root + QStringLiteral("/stubs")),
                 qPrintable(error));
        m_rigs.push_back(std::move(rig));
    }
    Project p = m_rigs.at(0)->fixture->project;
    QVERIFY(p.setValue(Key::SshHost, QStringLiteral("server.invalid"))); // only the workers are checked
    for (int i = 1; i <= 2; ++i) {
        SshdRig* rig = m_rigs.at(i - 1).get();
        const QString name = QStringLiteral("w%1").arg(i);
        QVERIFY2(rig->fixture->prepareWorkerHost(&error) && p.addWorker(name, &error), qPrintable(error));
        for (const auto& [key, value] : rig->fixture->workerHostSettings(*rig->peer)) {
            QVERIFY2(p.setWorkerFromString(name, key, value, &error), qPrintable(error));
        }
        if (i == 2) {
            QVERIFY(p.setWorkerFromString(name, Key::SshKnownHostsFile, rig->knownHostsPath(), &error));
        }
        QVERIFY(p.setWorkerValue(name, Key::WorkersUser, rig->peer->user()));
        QVERIFY(p.setWorkerValue(name, Key::WorkersProjectDir, QString(root + QStringLiteral("/checkout"))));
        QVERIFY(p.setWorkerValue(name, Key::WorkersVenvDir, QString(root + QStringLiteral("/venv"))));
    }
    // w1 runs Docker (the stub is there); w2 is meant to run Singularity, which is not installed.
    QVERIFY(p.setWorkerValue(QStringLiteral("w1"), Key::WorkersContainerRuntime, QStringLiteral("docker")));
    QVERIFY(p.setWorkerValue(QStringLiteral("w2"), Key::WorkersContainerRuntime, QStringLiteral("singularity")));
    QVERIFY(p.setValue(Key::RabbitmqOnNetwork, true));
    QVERIFY(p.setValue(Key::RabbitmqTlsEnabled, true));
    QVERIFY(p.setValue(Key::TlsEnabled, true));
    QVERIFY(p.setValue(Key::RabbitmqBrokerHost, Broker));
    QVERIFY(p.setValue(Key::DjangoCeleryApp, QStringLiteral("saltant")));
    m_project = p;

    m_store = std::make_unique<MemorySecretStore>(m_project.projectId());
    QVERIFY(m_store->writeNow(QStringLiteral("rabbitmq.password"), Password).ok);
    QVERIFY(openPanel(m_project));
    m_panel->setSecretStore(m_store.get());
}

void TestChecksPanelWorkers::cleanup()
{
    closePanel();
    for (auto& broker : m_brokers) {
        broker->kill();
        broker->waitForFinished(5000);
    }
    m_brokers.clear();
    m_store.reset();
    m_rigs.clear();
}

bool TestChecksPanelWorkers::startBroker(quint16* port, QString* error)
{
    *port = TlsPeer::freePort();
    auto broker = std::make_unique<QProcess>();
    broker->setProcessChannelMode(QProcess::MergedChannels);
    broker->start(QStringLiteral("/usr/bin/python3"),
                  {QStringLiteral(SALTANT_SOURCE_DIR "/tests/data/worker-checks/fake_amqp_broker.py"),
                   QString::number(*port), m_leaf.certPath, m_leaf.keyPath});
    if (!broker->waitForStarted(10000)) {
        *error = QStringLiteral("the fake broker did not start: ") + broker->errorString();
        return false;
    }
    broker->write(Password.toUtf8() + '\n');
    broker->closeWriteChannel();
    while (!broker->canReadLine() && broker->waitForReadyRead(10000)) {
    }
    const QByteArray ready = broker->readLine().trimmed();
    if (ready != "ready") {
        *error = QStringLiteral("the fake broker did not get ready: ") + QString::fromUtf8(ready + broker->readAll());
        return false;
    }
    m_brokers.push_back(std::move(broker));
    return true;
}

HostKeyDialog* TestChecksPanelWorkers::waitForHostKeyDialog() const
{
    HostKeyDialog* found = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            found = m_panel->findChild<HostKeyDialog*>(QStringLiteral("hostKeyDialog"));
            return found && found->isVisible();
        },
        60000);
    return shown ? found : nullptr;
}

QStringList TestChecksPanelWorkers::idsOf(const QString& host) const
{
    QStringList out;
    for (const QString& id : ids()) {
        if (id.startsWith(QStringLiteral("worker.") + host + QLatin1Char('.'))) {
            out << id;
        }
    }
    return out;
}

void TestChecksPanelWorkers::noWorkerHosts_buttonDisabled()
{
    QVERIFY(button("checkWorkersButton")->isEnabled());
    Project single = m_project;
    QVERIFY(single.removeWorker(QStringLiteral("w1")));
    QVERIFY(single.removeWorker(QStringLiteral("w2")));
    m_panel->setProject(single);
    QVERIFY(!button("checkWorkersButton")->isEnabled());
    QVERIFY(button("checkWorkersButton")->toolTip().contains(QStringLiteral("no worker hosts")));
    m_panel->setProject(m_project);
    QVERIFY(button("checkWorkersButton")->isEnabled());
}

void TestChecksPanelWorkers::everyHost_resultsByHost_failingCheckShowsItsRemedy()
{
    quint16 port = 0;
    QString error;
    QVERIFY2(startBroker(&port, &error), qPrintable(error));
    WorkerCheckOptions options;
    options.brokerAddress = QStringLiteral("127.0.0.1");
    options.brokerPort = port;
    options.caFileOnWorker = m_tls->path(QStringLiteral("ca.pem"));
    m_panel->setWorkerOptions(options);
    m_panel->findChild<QSpinBox*>(QStringLiteral("checkTimeout"))->setValue(5);
    QCOMPARE(m_panel->workerOptions().timeoutSeconds, 5);

    const qsizetype before = m_finished->size();
    button("checkWorkersButton")->click();
    QVERIFY(!button("checkWorkersButton")->isEnabled() && !button("preflightButton")->isEnabled() &&
            button("cancelButton")->isEnabled());
    HostKeyDialog* ask = waitForHostKeyDialog(); // w2's unknown key, while w1 is done or under way
    QVERIFY2(ask, qPrintable(rowsText()));
    QVERIFY(ask->findChild<QLabel*>(QStringLiteral("hostKeyHost"))
                ->text()
                .contains(QString::number(m_rigs.at(1)->peer->port())));
    ask->findChild<QPushButton*>(QStringLiteral("acceptHostKeyButton"))->click();
    QVERIFY2(QTest::qWaitFor([&] { return m_finished->size() > before; }, 120000), qPrintable(rowsText()));
    QVERIFY2(!m_finished->last().at(0).toBool(), qPrintable(rowsText()));
    QVERIFY(QFile::exists(m_rigs.at(1)->knownHostsPath())); // the trusted key was recorded

    const QStringList w1 = idsOf(QStringLiteral("w1"));
    const QStringList w2 = idsOf(QStringLiteral("w2"));
    QCOMPARE(w1, WorkerChecks::ids(m_project.forWorker(QStringLiteral("w1")), options));
    QCOMPARE(w2, WorkerChecks::ids(m_project.forWorker(QStringLiteral("w2")), options));
    QCOMPARE(ids(), w1 + w2); // host after host
    for (const QString& id : w1) {
        VERIFY_ROW(id, CheckVerdict::Pass);
        QVERIFY2(text(id, ChecksPanel::CheckColumn).startsWith(QStringLiteral("w1: ")), qPrintable(rowsText()));
    }
    VERIFY_ROW("worker.w1.amqp-login", CheckVerdict::Pass); // the password from the keychain reached the broker
    VERIFY_ROW("worker.w2.runtime", CheckVerdict::Fail);
    VERIFY_TEXT("worker.w2.runtime", CheckColumn, startsWith, "w2: ");
    VERIFY_TEXT("worker.w2.runtime", DetailColumn, contains, "singularity is not installed on w2");
    QVERIFY2(!text(QStringLiteral("worker.w2.runtime"), ChecksPanel::RemedyColumn).isEmpty(), qPrintable(rowsText()));
    VERIFY_ROW("worker.w2.venv", CheckVerdict::Pass);
    QCOMPARE(m_finished->last().at(1).toInt(), 1);
    QCOMPARE(m_panel->results().size(), w1.size() + w2.size());
    QCOMPARE(status(), QStringLiteral("1 of %1 checks failed.").arg(w1.size() + w2.size()));
    QVERIFY(!rowsText().contains(Password));
    QVERIFY(button("checkWorkersButton")->isEnabled() && !button("cancelButton")->isEnabled());

    // The other suites still show only their own rows afterwards.
    m_panel->setOptions(silentOptions(TlsPeer::freePort()));
    m_panel->findChild<QSpinBox*>(QStringLiteral("checkTimeout"))->setValue(1);
    VERIFY_RUN("healthButton");
    QVERIFY(idsOf(QStringLiteral("w1")).isEmpty());
}

void TestChecksPanelWorkers::rejectedHostKey_thatHostIsNotChecked()
{
    WorkerCheckOptions options;
    options.brokerAddress = QStringLiteral("127.0.0.1");
    options.brokerPort = TlsPeer::freePort(); // closed: w1's port check fails, the rest is not tried
    m_panel->setWorkerOptions(options);
    const qsizetype before = m_finished->size();
    button("checkWorkersButton")->click();
    HostKeyDialog* ask = waitForHostKeyDialog();
    QVERIFY2(ask, qPrintable(rowsText()));
    ask->findChild<QPushButton*>(QStringLiteral("rejectHostKeyButton"))->click();
    QVERIFY2(QTest::qWaitFor([&] { return m_finished->size() > before; }, 120000), qPrintable(rowsText()));
    QVERIFY(!m_finished->last().at(0).toBool());

    QCOMPARE(idsOf(QStringLiteral("w1")), WorkerChecks::ids(m_project.forWorker(QStringLiteral("w1")), options));
    VERIFY_ROW("worker.w1.port", CheckVerdict::Fail);
    VERIFY_TEXT("worker.w1.port", DetailColumn, contains, "refused");
    QCOMPARE(idsOf(QStringLiteral("w2")), QStringList{QStringLiteral("worker.w2.connection")});
    VERIFY_ROW("worker.w2.connection", CheckVerdict::Warn);
    VERIFY_TEXT("worker.w2.connection", CheckColumn, startsWith, "w2: ");
    VERIFY_TEXT("worker.w2.connection", DetailColumn, startsWith, "not checked: its host key");
    VERIFY_TEXT("worker.w2.connection", RemedyColumn, contains, "ssh-keygen -lf");
    QVERIFY(!QFile::exists(m_rigs.at(1)->knownHostsPath())); // nothing trusted
}

void TestChecksPanelWorkers::changedHostKey_thatHostIsRefused()
{
    // w2's known_hosts names its address and port with w1's key: a changed key.
    QFile known(m_rigs.at(0)->peer->knownHostsPath());
    QVERIFY(known.open(QIODevice::ReadOnly));
    const QByteArray w1Port = QByteArray("]:") + QByteArray::number(m_rigs.at(0)->peer->port());
    const QByteArray w2Port = QByteArray("]:") + QByteArray::number(m_rigs.at(1)->peer->port());
    QByteArray lines = known.readAll();
    QVERIFY2(lines.contains(w1Port), lines.constData());
    lines.replace(w1Port, w2Port);
    QVERIFY(writeFile(m_rigs.at(1)->knownHostsPath(), lines));

    WorkerCheckOptions options;
    options.brokerAddress = QStringLiteral("127.0.0.1");
    options.brokerPort = TlsPeer::freePort();
    m_panel->setWorkerOptions(options);
    VERIFY_RUN("checkWorkersButton");
    QVERIFY(!m_panel->findChild<HostKeyDialog*>()); // not asked: refused
    QCOMPARE(idsOf(QStringLiteral("w2")), QStringList{QStringLiteral("worker.w2.connection")});
    VERIFY_ROW("worker.w2.connection", CheckVerdict::Fail);
    VERIFY_TEXT("worker.w2.connection", DetailColumn, startsWith, "refused: the host key of w2");
    VERIFY_TEXT("worker.w2.connection", RemedyColumn, contains, "ssh-keygen -R");
    QVERIFY(!idsOf(QStringLiteral("w1")).isEmpty());
}

void TestChecksPanelWorkers::cancel_stopsTheRunningHost_andTheRest()
{
    // A broker that accepts and never answers: w1's certificate check waits for its time limit.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    WorkerCheckOptions options;
    options.brokerAddress = QStringLiteral("127.0.0.1");
    options.brokerPort = silent.serverPort();
    options.caFileOnWorker = m_tls->path(QStringLiteral("ca.pem"));
    m_panel->setWorkerOptions(options);
    m_panel->findChild<QSpinBox*>(QStringLiteral("checkTimeout"))->setValue(60);
    const qsizetype before = m_finished->size();
    button("checkWorkersButton")->click();
    QVERIFY2(QTest::qWaitFor([&] { return row(QStringLiteral("worker.w1.port")) != nullptr; }, 60000),
             qPrintable(rowsText()));
    QElapsedTimer timer;
    timer.start();
    button("cancelButton")->click();
    QVERIFY2(QTest::qWaitFor([&] { return m_finished->size() > before; }, 30000), qPrintable(rowsText()));
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(m_finished->last().at(0).toBool());
    QVERIFY2(status().startsWith(QStringLiteral("Cancelled after")), qPrintable(status()));
    QVERIFY(idsOf(QStringLiteral("w2")).isEmpty()); // the next host was not started
    QTest::qWait(200);
    QCOMPARE(m_finished->size(), before + 1); // once: a deploy waiting for the panel starts its own checks then
    QVERIFY(!m_panel->findChild<HostKeyDialog*>());
    QVERIFY(!m_panel->isRunning());
    QVERIFY(button("checkWorkersButton")->isEnabled());
}

void TestChecksPanelWorkers::cancel_whileTheHostKeyIsAsked_closesTheQuestion()
{
    WorkerCheckOptions options;
    options.brokerAddress = QStringLiteral("127.0.0.1");
    options.brokerPort = TlsPeer::freePort();
    m_panel->setWorkerOptions(options);
    const qsizetype before = m_finished->size();
    button("checkWorkersButton")->click();
    HostKeyDialog* ask = waitForHostKeyDialog();
    QVERIFY2(ask, qPrintable(rowsText()));
    QVERIFY(button("cancelButton")->isEnabled());
    button("cancelButton")->click();
    QVERIFY2(QTest::qWaitFor([&] { return m_finished->size() > before; }, 10000), qPrintable(rowsText()));
    QVERIFY(m_finished->last().at(0).toBool());
    QTRY_VERIFY(!m_panel->findChild<HostKeyDialog*>());
    QVERIFY(idsOf(QStringLiteral("w2")).isEmpty());
    QVERIFY(!QFile::exists(m_rigs.at(1)->knownHostsPath()));
    QVERIFY(!m_panel->isRunning());
    QTest::qWait(200);
    QCOMPARE(m_finished->size(), before + 1);
}

void TestChecksPanelWorkers::keychainFailure_noHostChecked()
{
    m_store->failWith(SecretErrorKind::Locked, QStringLiteral("The keychain is locked."));
    const qsizetype before = m_finished->size();
    button("checkWorkersButton")->click();
    QVERIFY(QTest::qWaitFor([&] { return m_finished->size() > before; }, 10000));
    QCOMPARE(m_finished->last(), (QList<QVariant>{true, 0}));
    QVERIFY(ids().isEmpty());
    QVERIFY2(status().startsWith(QStringLiteral("The secrets could not be read from the keychain, so no worker host "
                                                "was checked: The keychain is locked.")),
             qPrintable(status()));
    QVERIFY(button("checkWorkersButton")->isEnabled() && !m_panel->isRunning());
}

void TestChecksPanelWorkers::resolveField_givesTheWorkersTheBrokerAddress()
{
    Project one = m_project;
    QVERIFY(one.removeWorker(QStringLiteral("w2")));
    m_panel->setProject(one);
    auto* resolve = m_panel->findChild<QLineEdit*>(QStringLiteral("checkResolve"));
    QVERIFY(resolve);
    resolve->setText(Broker + QStringLiteral("=127.0.0.1"));
    WorkerCheckOptions options;
    options.brokerPort = TlsPeer::freePort(); // closed
    m_panel->setWorkerOptions(options);
    VERIFY_RUN("checkWorkersButton");
    QVERIFY2(!row(QStringLiteral("worker.w1.dns")), qPrintable(rowsText())); // no name to resolve: an address
    VERIFY_ROW("worker.w1.port", CheckVerdict::Fail);
    VERIFY_TEXT("worker.w1.port", DetailColumn, contains, "refused"); // 127.0.0.1 answered
    options.brokerAddress = QStringLiteral("127.0.0.1");
    QCOMPARE(ids(), WorkerChecks::ids(one.forWorker(QStringLiteral("w1")), options));

    resolve->setText(QStringLiteral("nonsense"));
    const qsizetype before = m_finished->size();
    button("checkWorkersButton")->click();
    QVERIFY(QTest::qWaitFor([&] { return m_finished->size() > before; }, 10000));
    QCOMPARE(m_finished->last(), (QList<QVariant>{true, 0}));
    QVERIFY2(status().startsWith(QStringLiteral("Resolve nonsense: ")), qPrintable(status()));
    QVERIFY(ids().isEmpty());
}

SALTANT_UI_TEST_MAIN(TestChecksPanelWorkers)
#include "TestChecksPanelWorkers.moc"
