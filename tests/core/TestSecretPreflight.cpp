#include "secrets/CoreDumps.h"
#include "secrets/KeychainPreflight.h"
#include "secrets/KeychainSecretStore.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

// The checks in front of QtKeychain that need no peer: desktop detection as QtKeychain 0.13 does it, the
// no-bus refusal (in this process, with the bus variables unset), the unwritable plain-text settings, core dumps.
class TestSecretPreflight : public QObject
{
    Q_OBJECT

private slots:
    void detectedDesktop_matchesQtKeychain_data();
    void detectedDesktop_matchesQtKeychain();
    void noSessionBus_isRefusedWithoutTouchingDBus();
    void keychainStore_withoutBus_failsWithMessageAndWritesNothing();
    void plainTextFallbackSettings_cannotBeWritten();
    void coreDumps_disable_turnsThemOff();
};

void TestSecretPreflight::detectedDesktop_matchesQtKeychain_data()
{
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("desktop");
    QTest::addColumn<bool>("prefersKWallet");
    QTest::addColumn<bool>("kwalletOnly");
    QTest::newRow("nothing") << QStringList() << QStringLiteral("other") << false << false;
    QTest::newRow("gnome") << QStringList{QStringLiteral("XDG_CURRENT_DESKTOP=GNOME")} << QStringLiteral("GNOME")
                           << false << false;
    QTest::newRow("ubuntu:GNOME is not GNOME")
        << QStringList{QStringLiteral("XDG_CURRENT_DESKTOP=ubuntu:GNOME")} << QStringLiteral("other") << false << false;
    QTest::newRow("KDE without version") << QStringList{QStringLiteral("XDG_CURRENT_DESKTOP=KDE")}
                                         << QStringLiteral("other") << false << false;
    QTest::newRow("KDE 4") << QStringList{QStringLiteral("XDG_CURRENT_DESKTOP=KDE"),
                                          QStringLiteral("KDE_SESSION_VERSION=4")}
                           << QStringLiteral("KDE 4") << true << true;
    QTest::newRow("Plasma 5") << QStringList{QStringLiteral("XDG_CURRENT_DESKTOP=KDE"),
                                             QStringLiteral("KDE_SESSION_VERSION=5")}
                              << QStringLiteral("Plasma 5") << true << false;
    QTest::newRow("DESKTOP_SESSION=kde4")
        << QStringList{QStringLiteral("DESKTOP_SESSION=kde4")} << QStringLiteral("KDE 4") << true << true;
    QTest::newRow("KDE_FULL_SESSION") << QStringList{QStringLiteral("KDE_FULL_SESSION=true"),
                                                     QStringLiteral("KDE_SESSION_VERSION=5")}
                                      << QStringLiteral("Plasma 5") << true << false;
    QTest::newRow("XDG wins over DESKTOP_SESSION")
        << QStringList{QStringLiteral("XDG_CURRENT_DESKTOP=GNOME"), QStringLiteral("DESKTOP_SESSION=kde4")}
        << QStringLiteral("GNOME") << false << false;
}

void TestSecretPreflight::detectedDesktop_matchesQtKeychain()
{
    QFETCH(QStringList, env);
    QFETCH(QString, desktop);
    QFETCH(bool, prefersKWallet);
    QFETCH(bool, kwalletOnly);
    QProcessEnvironment environment;
    for (const QString& entry : env) {
        environment.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    }
    bool prefers = !prefersKWallet;
    bool only = !kwalletOnly;
    QCOMPARE(KeychainPreflight::detectedDesktop(environment, &prefers, &only), desktop);
    QCOMPARE(prefers, prefersKWallet);
    QCOMPARE(only, kwalletOnly);
}

void TestSecretPreflight::noSessionBus_isRefusedWithoutTouchingDBus()
{
    QTemporaryDir runtime;
    QVERIFY(runtime.isValid());
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
    KeychainPreflight::Backend backend = KeychainPreflight::Backend::KWallet;
    const KeychainDiagnosis diagnosis = KeychainPreflight::beforeUse(&backend);
    QCOMPARE(diagnosis.kind, SecretErrorKind::NoSessionBus);
    QCOMPARE(diagnosis.message, KeychainPreflight::noSessionBusMessage());
    QVERIFY(diagnosis.message.startsWith(QStringLiteral("No D-Bus session bus")));
    QVERIFY(QDir(runtime.path()).isEmpty());
}

void TestSecretPreflight::keychainStore_withoutBus_failsWithMessageAndWritesNothing()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(home.filePath(QStringLiteral("run"))));
    qputenv("HOME", QFile::encodeName(home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral(".config"))));
    KeychainSecretStore store(QStringLiteral("p"));
    for (const QString& name : {QStringLiteral("sudo.password"), QStringLiteral("ssh.passphrase")}) {
        const SecretResult write = store.writeNow(name, QStringLiteral("never-on-disk"));
        QVERIFY(!write.ok);
        QCOMPARE(write.errorKind, SecretErrorKind::NoSessionBus);
        QCOMPARE(write.errorMessage, KeychainPreflight::noSessionBusMessage());
        const SecretResult read = store.readNow(name);
        QCOMPARE(read.errorKind, SecretErrorKind::NoSessionBus);
        QCOMPARE(store.removeNow(name).errorKind, SecretErrorKind::NoSessionBus);
    }
    QVERIFY2(QDir(home.path()).isEmpty(),
             qPrintable(QDir(home.path())
                            .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
                            .join(QLatin1Char(' '))));
}

void TestSecretPreflight::plainTextFallbackSettings_cannotBeWritten()
{
    const QString path = KeychainPreflight::noPlainTextSettingsPath();
    QVERIFY(path.startsWith(QStringLiteral("/dev/null/")));
    QSettings settings(path, QSettings::IniFormat);
    settings.setValue(QStringLiteral("p:x/data"), QStringLiteral("plain"));
    settings.sync();
    QCOMPARE(settings.status(), QSettings::AccessError);
    QVERIFY(!QFileInfo::exists(path));
}

void TestSecretPreflight::coreDumps_disable_turnsThemOff()
{
    QVERIFY(CoreDumps::disable());
    QVERIFY(!CoreDumps::enabled());
#ifdef NDEBUG
    QVERIFY(CoreDumps::disableInReleaseBuilds());
    QVERIFY(!CoreDumps::enabled());
#endif
}

QTEST_GUILESS_MAIN(TestSecretPreflight)
#include "TestSecretPreflight.moc"
