#include "KeyringPeer.h"
#include "secrets/KeychainPreflight.h"

#include <QFileInfo>
#include <QTest>
#include <functional>

using namespace saltant;

// Every way the keychain can be missing or unusable, with the real peers: each CLI command exits 4 with the
// message that says what is missing, and no file anywhere in the session (HOME, XDG dirs, TMPDIR) is created or
// changed; in particular QtKeychain's plain-text ~/.config/saltant-deploy.conf never appears.
class TestKeychainFailures : public QObject
{
    Q_OBJECT

private slots:
    void noSessionBus_isRefused();
    void busWithoutSecretService_isRefused();
    void secretServiceWithoutDefaultKeyring_isRefused();
    void lockedKeyring_isReportedNotMistakenForUnset();
    void kwalletPathWithoutKwalletd_isRefused_data();
    void kwalletPathWithoutKwalletd_isRefused();
    void plasma5WithSecretService_usesTheSecretService();

private:
    using MessageCheck = std::function<bool(const QString&)>;
    static MessageCheck exactly(const QString& message)
    {
        return [message](const QString& text) {
            return text == message;
        };
    }
    // Runs every command that touches the keychain; each must fail with exit 4 and a message passing check, and
    // write nothing.
    static void expectRefusedEverywhere(const KeyringPeer& peer, const QStringList& env, const MessageCheck& check);
};

void TestKeychainFailures::expectRefusedEverywhere(const KeyringPeer& peer, const QStringList& env,
                                                   const MessageCheck& check)
{
    const QByteArray value = "NeverOnDisk7f3a9c";
    const auto before = KeyringPeer::settledSnapshot(peer.writableDirs());
    const QList<QStringList> commands = {
        {QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("sudo.password")},
        {QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("ssh.passphrase")},
        {QStringLiteral("secret"), QStringLiteral("list")},
        {QStringLiteral("secret"), QStringLiteral("delete"), QStringLiteral("sudo.password")},
        {QStringLiteral("render"), QStringLiteral("--with-secrets"), QStringLiteral("--out"),
         peer.tmpDir() + QStringLiteral("/render")},
    };
    for (const QStringList& args : commands) {
        const KeyringPeer::Run run = peer.cli(args, value + '\n', env);
        const QString what = args.join(QLatin1Char(' ')) + QStringLiteral(": ") + run.describe();
        QVERIFY2(run.finished && run.exitCode == 4, qPrintable(what));
        QVERIFY2(check(QString::fromUtf8(run.err).trimmed()), qPrintable(what));
        QVERIFY2(run.out.isEmpty(), qPrintable(what));
    }
    // settings still prints every setting, says the secret states are unknown and why.
    const KeyringPeer::Run settings = peer.cli({QStringLiteral("settings")}, QByteArray(), env);
    QVERIFY2(settings.exitCode == 0, qPrintable(settings.describe()));
    QVERIFY(settings.out.contains("\nsecret.sudo.password=<unknown>\n"));
    const QString note = QString::fromUtf8(settings.err).trimmed();
    QVERIFY2(note.startsWith(QStringLiteral("settings: secret states unknown: ")), qPrintable(note));
    QVERIFY2(check(note.mid(QStringLiteral("settings: secret states unknown: ").size())), qPrintable(note));

    const QStringList changes = KeyringPeer::differences(before, KeyringPeer::snapshot(peer.writableDirs()));
    QVERIFY2(changes.isEmpty(), qPrintable(changes.join(QLatin1Char('\n'))));
    QVERIFY(!QFileInfo::exists(peer.home() + QStringLiteral("/.config/saltant-deploy.conf")));
    const QStringList holding = KeyringPeer::filesContaining({peer.root()}, value);
    QVERIFY2(holding.isEmpty(), qPrintable(holding.join(QLatin1Char('\n'))));
}

void TestKeychainFailures::noSessionBus_isRefused()
{
    KeyringPeer peer(KeyringPeer::Mode::NoBus);
    QString error;
    QVERIFY2(peer.start(&error), qPrintable(error));
    expectRefusedEverywhere(peer, {}, exactly(KeychainPreflight::noSessionBusMessage()));
    // Also with a display set: Qt must not autolaunch a bus (dbus-launch would write ~/.dbus).
    expectRefusedEverywhere(peer, {QStringLiteral("DISPLAY=:97")}, exactly(KeychainPreflight::noSessionBusMessage()));
    QVERIFY(!QFileInfo::exists(peer.home() + QStringLiteral("/.dbus")));
}

void TestKeychainFailures::busWithoutSecretService_isRefused()
{
    KeyringPeer peer(KeyringPeer::Mode::BusWithoutSecrets);
    QString error;
    QVERIFY2(peer.start(&error), qPrintable(error));
    expectRefusedEverywhere(peer, {}, exactly(KeychainPreflight::noSecretServiceMessage()));
    QCOMPARE(KeychainPreflight::noSecretServiceMessage(),
             QStringLiteral("No Secret Service on the session bus: install and unlock gnome-keyring (or another "
                            "Secret Service such as KeePassXC), or start KWallet."));
}

void TestKeychainFailures::secretServiceWithoutDefaultKeyring_isRefused()
{
    // The system's session bus config: gnome-keyring is started on demand, but there is no login keyring and no
    // one to answer its "create a keyring" prompt.
    KeyringPeer peer(KeyringPeer::Mode::BusWithoutKeyring);
    QString error;
    QVERIFY2(peer.start(&error), qPrintable(error));
    expectRefusedEverywhere(peer, {}, exactly(KeychainPreflight::noDefaultKeyringMessage()));
}

void TestKeychainFailures::lockedKeyring_isReportedNotMistakenForUnset()
{
    KeyringPeer peer(KeyringPeer::Mode::UnlockedKeyring);
    QString error;
    QVERIFY2(peer.start(&error), qPrintable(error));
    const KeyringPeer::Run set =
        peer.cli({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("sudo.password")}, "before-lock\n");
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    QVERIFY2(peer.lockKeyring(&error), qPrintable(error));
    // A locked gnome-keyring answers lookups with "not found" and removals with success: the CLI must not print
    // "unset" or "deleted".
    expectRefusedEverywhere(peer, {}, exactly(KeychainPreflight::lockedMessage()));
    QVERIFY(KeychainPreflight::lockedMessage().startsWith(QStringLiteral("The keyring is locked: unlock it")));
}

void TestKeychainFailures::kwalletPathWithoutKwalletd_isRefused_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("desktop");
    const int bare = int(KeyringPeer::Mode::BusWithoutSecrets);
    const int keyring = int(KeyringPeer::Mode::UnlockedKeyring);
    const QStringList kde4 = {QStringLiteral("XDG_CURRENT_DESKTOP=KDE"), QStringLiteral("KDE_SESSION_VERSION=4")};
    const QStringList plasma5 = {QStringLiteral("XDG_CURRENT_DESKTOP=KDE"), QStringLiteral("KDE_SESSION_VERSION=5")};
    QTest::newRow("KDE 4, no kwalletd, no Secret Service") << bare << kde4 << QStringLiteral("KDE 4");
    QTest::newRow("KDE 4, no kwalletd, gnome-keyring running") << keyring << kde4 << QStringLiteral("KDE 4");
    QTest::newRow("DESKTOP_SESSION=kde4")
        << keyring << QStringList{QStringLiteral("DESKTOP_SESSION=kde4")} << QStringLiteral("KDE 4");
    // Plasma 5 without kwalletd and without a Secret Service: nothing to store into, said as such.
    QTest::newRow("Plasma 5, no kwalletd, no Secret Service") << bare << plasma5 << QString();
}

void TestKeychainFailures::kwalletPathWithoutKwalletd_isRefused()
{
    QFETCH(int, mode);
    QFETCH(QStringList, env);
    QFETCH(QString, desktop);
    KeyringPeer peer(static_cast<KeyringPeer::Mode>(mode));
    QString error;
    QVERIFY2(peer.start(&error), qPrintable(error));
    const MessageCheck check = desktop.isEmpty()
                                   ? exactly(KeychainPreflight::noSecretServiceMessage())
                                   : MessageCheck([desktop](const QString& text) {
                                         return text.startsWith(QStringLiteral("This is a ") + desktop +
                                                                QStringLiteral(" session, so the keychain library "
                                                                               "would use KWallet, but kwalletd is "
                                                                               "not running")) &&
                                                text.contains(QStringLiteral("nothing was stored")) &&
                                                text.contains(QStringLiteral("Start KWallet"));
                                     });
    expectRefusedEverywhere(peer, env, check);
}

void TestKeychainFailures::plasma5WithSecretService_usesTheSecretService()
{
    // The control for the row above: on Plasma 5 without kwalletd QtKeychain uses the Secret Service, which is safe.
    KeyringPeer peer(KeyringPeer::Mode::UnlockedKeyring);
    QString error;
    QVERIFY2(peer.start(&error), qPrintable(error));
    const QStringList env = {QStringLiteral("XDG_CURRENT_DESKTOP=KDE"), QStringLiteral("KDE_SESSION_VERSION=5")};
    const KeyringPeer::Run set = peer.cli(
        {QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("flower.password")}, "plasma-value\n", env);
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    QCOMPARE(peer.lookup(QStringLiteral("example:flower.password")).out, QByteArray("plasma-value"));
    QVERIFY(!QFileInfo::exists(peer.home() + QStringLiteral("/.config/saltant-deploy.conf")));
    QVERIFY(KeyringPeer::filesContaining({peer.root()}, "plasma-value").isEmpty());
}

QTEST_GUILESS_MAIN(TestKeychainFailures)
#include "TestKeychainFailures.moc"
