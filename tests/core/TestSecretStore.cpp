#include "model/Schema.h"
#include "MemorySecretStore.h"
#include "secrets/SecretValues.h"

#include <QSignalSpy>
#include <QTest>

using namespace saltant;

// The SecretStore contract (asynchronous results, scoping, name and value checks, states, readAll), through the
// in-memory store. The keychain store is covered end to end by tests/integration/TestKeychain*.
class TestSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void request_finishesLaterNeverInsideTheCall();
    void write_thenRead_givesTheValue();
    void keys_areScopedByProjectId();
    void setProjectId_switchesScopeAndForgetsStates();
    void unknownName_failsListingValidNames();
    void invalidValue_isRefusedBeforeTheKeychain_data();
    void invalidValue_isRefusedBeforeTheKeychain();
    void flowerPasswordWithComma_isRefusedWithTheReason();
    void probe_reportsStateWithoutValue();
    void read_ofMissing_isNotFoundNamingTheCommand();
    void remove_ofMissing_succeeds();
    void stateChanged_followsWritesAndRemoves();
    void states_listsEverySchemaSecret();
    void readAll_skipsUnsetAndStopsAtFailure();
    void failure_reachesCallerWithMessage();
    void result_wipeClearsValue();
};

void TestSecretStore::request_finishesLaterNeverInsideTheCall()
{
    MemorySecretStore store(QStringLiteral("p1"));
    QSignalSpy spy(&store, &SecretStore::finished);
    const quint64 id = store.write(QStringLiteral("sudo.password"), QStringLiteral("s3cret"));
    QCOMPARE(spy.count(), 0);
    QVERIFY(spy.wait());
    const auto result = spy.at(0).at(0).value<SecretResult>();
    QCOMPARE(result.requestId, id);
    QCOMPARE(result.operation, SecretOperation::Write);
    QCOMPARE(result.name, QStringLiteral("sudo.password"));
    QVERIFY(result.ok);
    QVERIFY(result.stored);
    QVERIFY(result.value.isEmpty());

    const quint64 bad = store.read(QStringLiteral("nope"));
    QCOMPARE(spy.count(), 1);
    QVERIFY(spy.wait());
    QCOMPARE(spy.at(1).at(0).value<SecretResult>().requestId, bad);
}

void TestSecretStore::write_thenRead_givesTheValue()
{
    MemorySecretStore store(QStringLiteral("p1"));
    QVERIFY(store.writeNow(QStringLiteral("rabbitmq.password"), QStringLiteral("ünïcödé and spaces")).ok);
    const SecretResult read = store.readNow(QStringLiteral("rabbitmq.password"));
    QVERIFY(read.ok);
    QCOMPARE(read.value, QStringLiteral("ünïcödé and spaces"));
    QCOMPARE(read.errorKind, SecretErrorKind::None);
}

void TestSecretStore::keys_areScopedByProjectId()
{
    QCOMPARE(SecretStore::serviceName(), QStringLiteral("saltant-deploy"));
    QCOMPARE(SecretStore::keyFor(QStringLiteral("abc"), QStringLiteral("sudo.password")),
             QStringLiteral("abc:sudo.password"));
    MemorySecretStore store(QStringLiteral("abc"));
    QVERIFY(store.writeNow(QStringLiteral("sudo.password"), QStringLiteral("x")).ok);
    QCOMPARE(store.keys(), QStringList{QStringLiteral("abc:sudo.password")});
}

void TestSecretStore::setProjectId_switchesScopeAndForgetsStates()
{
    MemorySecretStore store(QStringLiteral("one"));
    QVERIFY(store.writeNow(QStringLiteral("flower.password"), QStringLiteral("x")).ok);
    QCOMPARE(store.knownState(QStringLiteral("flower.password")), 1);
    store.setProjectId(QStringLiteral("two"));
    QCOMPARE(store.knownState(QStringLiteral("flower.password")), -1);
    const SecretResult probe = store.probeNow(QStringLiteral("flower.password"));
    QVERIFY(probe.ok);
    QVERIFY(!probe.stored);
    QCOMPARE(store.knownState(QStringLiteral("flower.password")), 0);
}

void TestSecretStore::unknownName_failsListingValidNames()
{
    MemorySecretStore store(QStringLiteral("p"));
    const SecretResult result = store.writeNow(QStringLiteral("sudo.pasword"), QStringLiteral("x"));
    QVERIFY(!result.ok);
    QCOMPARE(result.errorKind, SecretErrorKind::UnknownName);
    QVERIFY2(result.errorMessage.startsWith(QStringLiteral("Unknown secret \"sudo.pasword\". Valid names: ")),
             qPrintable(result.errorMessage));
    for (const SecretSpec& spec : Schema::secrets()) {
        QVERIFY2(result.errorMessage.contains(spec.name), qPrintable(spec.name));
    }
    QCOMPARE(store.requestCount(), 0);
}

void TestSecretStore::invalidValue_isRefusedBeforeTheKeychain_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("line break");
    QTest::newRow("carriage return") << QStringLiteral("a\r") << QStringLiteral("line break");
    QTest::newRow("tab") << QStringLiteral("a\tb") << QStringLiteral("U+0009");
    QTest::newRow("nul") << QString(QChar(0)) << QStringLiteral("U+0000");
}

void TestSecretStore::invalidValue_isRefusedBeforeTheKeychain()
{
    QFETCH(QString, value);
    QFETCH(QString, reason);
    MemorySecretStore store(QStringLiteral("p"));
    const SecretResult result = store.writeNow(QStringLiteral("email.password"), value);
    QVERIFY(!result.ok);
    QCOMPARE(result.errorKind, SecretErrorKind::InvalidValue);
    QVERIFY2(result.errorMessage.contains(reason), qPrintable(result.errorMessage));
    QCOMPARE(store.requestCount(), 0);
    QVERIFY(SecretStore::checkValue(QStringLiteral("email.password"),
                                    QStringLiteral("A-z0_9.~ !\"#$%&'()*+,/:;<=>?@[\\]^`{|}ü€"), nullptr));
}

// Flower splits FLOWER_BASIC_AUTH at commas: such a Flower password could never log in. Other secrets may hold one.
void TestSecretStore::flowerPasswordWithComma_isRefusedWithTheReason()
{
    MemorySecretStore store(QStringLiteral("p"));
    const SecretResult refused = store.writeNow(QStringLiteral("flower.password"), QStringLiteral("long,password-1"));
    QVERIFY(!refused.ok);
    QCOMPARE(refused.errorKind, SecretErrorKind::InvalidValue);
    QVERIFY2(refused.errorMessage.contains(QStringLiteral("comma")), qPrintable(refused.errorMessage));
    QVERIFY2(refused.errorMessage.contains(QStringLiteral("without a comma")), qPrintable(refused.errorMessage));
    QCOMPARE(store.requestCount(), 0);
    QVERIFY(store.writeNow(QStringLiteral("rabbitmq.password"), QStringLiteral("long,password-1")).ok);
    QVERIFY(store.writeNow(QStringLiteral("flower.password"), QStringLiteral("long;password-1")).ok);
}

void TestSecretStore::probe_reportsStateWithoutValue()
{
    MemorySecretStore store(QStringLiteral("p"));
    QVERIFY(store.writeNow(QStringLiteral("rollbar.token"), QStringLiteral("tok")).ok);
    const SecretResult probe = store.probeNow(QStringLiteral("rollbar.token"));
    QVERIFY(probe.ok);
    QVERIFY(probe.stored);
    QVERIFY(probe.value.isEmpty());
    QCOMPARE(store.knownState(QStringLiteral("rollbar.token")), 1);
}

void TestSecretStore::read_ofMissing_isNotFoundNamingTheCommand()
{
    MemorySecretStore store(QStringLiteral("p"));
    const SecretResult read = store.readNow(QStringLiteral("ssh.passphrase"));
    QVERIFY(!read.ok);
    QVERIFY(!read.stored);
    QCOMPARE(read.errorKind, SecretErrorKind::NotFound);
    QVERIFY2(read.errorMessage.contains(QStringLiteral("saltant-deploy-cli secret set ssh.passphrase")),
             qPrintable(read.errorMessage));
    QCOMPARE(store.knownState(QStringLiteral("ssh.passphrase")), 0);
}

void TestSecretStore::remove_ofMissing_succeeds()
{
    MemorySecretStore store(QStringLiteral("p"));
    const SecretResult removed = store.removeNow(QStringLiteral("aws.secretKey"));
    QVERIFY(removed.ok);
    QVERIFY(!removed.stored);
}

void TestSecretStore::stateChanged_followsWritesAndRemoves()
{
    MemorySecretStore store(QStringLiteral("p"));
    QSignalSpy spy(&store, &SecretStore::stateChanged);
    QVERIFY(store.writeNow(QStringLiteral("database.password"), QStringLiteral("x")).ok);
    QVERIFY(store.probeNow(QStringLiteral("database.password")).ok);
    QVERIFY(store.removeNow(QStringLiteral("database.password")).ok);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(0), (QList<QVariant>{QStringLiteral("database.password"), true}));
    QCOMPARE(spy.at(1), (QList<QVariant>{QStringLiteral("database.password"), false}));
    QVERIFY(store.keys().isEmpty());
}

void TestSecretStore::states_listsEverySchemaSecret()
{
    MemorySecretStore store(QStringLiteral("p"));
    QVERIFY(store.writeNow(QStringLiteral("django.secretKey"), QStringLiteral("k")).ok);
    QHash<QString, bool> stored;
    QVERIFY(store.states(&stored).ok);
    QCOMPARE(stored.size(), Schema::secrets().size());
    for (const SecretSpec& spec : Schema::secrets()) {
        QCOMPARE(stored.value(spec.name), spec.name == QLatin1String("django.secretKey"));
    }
}

void TestSecretStore::readAll_skipsUnsetAndStopsAtFailure()
{
    MemorySecretStore store(QStringLiteral("p"));
    QVERIFY(store.writeNow(QStringLiteral("sudo.password"), QStringLiteral("su")).ok);
    QVERIFY(store.writeNow(QStringLiteral("flower.password"), QStringLiteral("fl")).ok);
    SecretValues values;
    QVERIFY(store.readAll(&values).ok);
    QCOMPARE(values.names().size(), 2);
    QCOMPARE(values.value(QStringLiteral("sudo.password")), QStringLiteral("su"));
    QCOMPARE(values.value(QStringLiteral("flower.password")), QStringLiteral("fl"));

    store.failWith(SecretErrorKind::Locked, QStringLiteral("locked!"));
    SecretValues none;
    const SecretResult failed = store.readAll(&none);
    QVERIFY(!failed.ok);
    QCOMPARE(failed.errorKind, SecretErrorKind::Locked);
    QVERIFY(none.isEmpty());
}

void TestSecretStore::failure_reachesCallerWithMessage()
{
    MemorySecretStore store(QStringLiteral("p"));
    store.failWith(SecretErrorKind::NoBackend, QStringLiteral("No Secret Service"));
    QSignalSpy changed(&store, &SecretStore::stateChanged);
    const SecretResult write = store.writeNow(QStringLiteral("sudo.password"), QStringLiteral("x"));
    QVERIFY(!write.ok);
    QCOMPARE(write.errorKind, SecretErrorKind::NoBackend);
    QCOMPARE(write.errorMessage, QStringLiteral("No Secret Service"));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(store.knownState(QStringLiteral("sudo.password")), -1);
    QHash<QString, bool> stored;
    QCOMPARE(store.states(&stored).errorKind, SecretErrorKind::NoBackend);
    store.clearFailure();
    QVERIFY(store.writeNow(QStringLiteral("sudo.password"), QStringLiteral("x")).ok);
}

void TestSecretStore::result_wipeClearsValue()
{
    SecretResult result;
    result.value = QStringLiteral("secret-value");
    result.wipe();
    QVERIFY(result.value.isEmpty());
    SecretResult shared;
    shared.value = QStringLiteral("shared-value");
    const QString copy = shared.value;
    shared.wipe(); // not the only owner: the copy keeps its value
    QCOMPARE(copy, QStringLiteral("shared-value"));
    QVERIFY(shared.value.isEmpty());
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "TestSecretStore.moc"
