#include "secrets/KeychainPreflight.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDBusVariant>
#include <QFileInfo>
#include <QLibrary>

namespace saltant {
namespace {

const QString SecretsService = QStringLiteral("org.freedesktop.secrets");
const QString SecretsPath = QStringLiteral("/org/freedesktop/secrets");

KeychainDiagnosis failure(SecretErrorKind kind, const QString& message)
{
    return KeychainDiagnosis{kind, message};
}

// libdbus finds the session bus through DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus, else X11
// autolaunch. Autolaunch would start a bus and write ~/.dbus: never let Qt try it.
bool sessionBusAddressKnown()
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        return true;
    }
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    return !runtime.isEmpty() && QFileInfo::exists(runtime + QStringLiteral("/bus"));
}

bool nameOnBus(const QDBusConnection& bus, const QString& name, bool* activatable)
{
    QDBusConnectionInterface* iface = bus.interface();
    if (!iface) {
        return false;
    }
    const QDBusReply<bool> owned = iface->isServiceRegistered(name);
    if (owned.isValid() && owned.value()) {
        return true;
    }
    if (activatable) {
        const QDBusReply<QStringList> names = iface->activatableServiceNames();
        *activatable = names.isValid() && names.value().contains(name);
    }
    return false;
}

// QtKeychain's own test: kwalletd answers networkWallet() within half a second.
bool kwalletAnswers(const QDBusConnection& bus, const QString& service, const QString& path)
{
    QDBusMessage call = QDBusMessage::createMethodCall(service, path, QStringLiteral("org.kde.KWallet"),
                                                       QStringLiteral("networkWallet"));
    const QDBusMessage reply = bus.call(call, QDBus::Block, 500);
    return reply.type() == QDBusMessage::ReplyMessage;
}

bool libsecretLoads()
{
    QLibrary library(QStringLiteral("secret-1"), 0);
    const bool loaded = library.load();
    // QLibrary::unload() only drops our reference; QtKeychain keeps its own.
    return loaded;
}

} // namespace

QString KeychainPreflight::noSessionBusMessage()
{
    return tr("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no keychain can be reached: run from a "
              "desktop session, or start a bus with an unlocked keyring in it, e.g. `dbus-run-session -- sh -c "
              "'gnome-keyring-daemon --unlock --components=secrets; saltant-deploy-cli …'`.");
}

QString KeychainPreflight::noSecretServiceMessage()
{
    return tr("No Secret Service on the session bus: install and unlock gnome-keyring (or another Secret Service "
              "such as KeePassXC), or start KWallet.");
}

QString KeychainPreflight::lockedMessage()
{
    return tr("The keyring is locked: unlock it (in Passwords and Keys/Seahorse, at your desktop's prompt, or with "
              "`gnome-keyring-daemon --unlock`) and try again.");
}

QString KeychainPreflight::noDefaultKeyringMessage()
{
    return tr("The Secret Service has no default keyring to store secrets in: create one and make it the default "
              "(Passwords and Keys/Seahorse), or let gnome-keyring create the login keyring "
              "(`gnome-keyring-daemon --unlock`).");
}

QString KeychainPreflight::noPlainTextSettingsPath()
{
    return QStringLiteral("/dev/null/saltant-deploy-refuses-plain-text.conf");
}

QString KeychainPreflight::detectedDesktop(const QProcessEnvironment& env, bool* prefersKWallet, bool* kwalletOnly)
{
    // The order of QtKeychain 0.13's detectDesktopEnvironment() (derived from Chromium's xdg_util).
    const QString version = env.value(QStringLiteral("KDE_SESSION_VERSION"));
    const auto kde = [&version]() -> QString {
        if (version == QLatin1String("4")) {
            return QStringLiteral("KDE 4");
        }
        if (version == QLatin1String("5") || version == QLatin1String("6")) {
            return QStringLiteral("Plasma ") + version;
        }
        return QStringLiteral("other");
    };
    QString desktop = QStringLiteral("other");
    const QString current = env.value(QStringLiteral("XDG_CURRENT_DESKTOP"));
    const QString session = env.value(QStringLiteral("DESKTOP_SESSION"));
    if (current == QLatin1String("GNOME") || current == QLatin1String("Unity") || current == QLatin1String("XFCE")) {
        desktop = current;
    } else if (current == QLatin1String("KDE")) {
        desktop = kde();
    } else if (session == QLatin1String("gnome") || session.contains(QLatin1String("xfce")) ||
               session == QLatin1String("xubuntu")) {
        desktop = session;
    } else if (session == QLatin1String("kde")) {
        desktop = kde();
    } else if (session == QLatin1String("kde4")) {
        desktop = QStringLiteral("KDE 4");
    } else if (!env.value(QStringLiteral("GNOME_DESKTOP_SESSION_ID")).isEmpty()) {
        desktop = QStringLiteral("GNOME");
    } else if (!env.value(QStringLiteral("KDE_FULL_SESSION")).isEmpty()) {
        desktop = kde();
    }
    *kwalletOnly = desktop == QLatin1String("KDE 4");
    *prefersKWallet = desktop.startsWith(QLatin1String("KDE")) || desktop.startsWith(QLatin1String("Plasma"));
    return desktop;
}

KeychainDiagnosis KeychainPreflight::beforeUse(Backend* backend)
{
    if (!sessionBusAddressKnown()) {
        return failure(SecretErrorKind::NoSessionBus, noSessionBusMessage());
    }
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        return failure(SecretErrorKind::NoSessionBus,
                       tr("Cannot connect to the D-Bus session bus (%1), so no keychain can be reached: run from a "
                          "desktop session or `dbus-run-session`, or fix DBUS_SESSION_BUS_ADDRESS.")
                           .arg(bus.lastError().message()));
    }

    bool prefersKWallet = false;
    bool kwalletOnly = false;
    const QString desktop = detectedDesktop(QProcessEnvironment::systemEnvironment(), &prefersKWallet, &kwalletOnly);
    const QString kwalletService = desktop == QLatin1String("KDE 4")      ? QStringLiteral("org.kde.kwalletd")
                                   : desktop == QLatin1String("Plasma 6") ? QStringLiteral("org.kde.kwalletd6")
                                                                          : QStringLiteral("org.kde.kwalletd5");
    const QString kwalletPath = QStringLiteral("/modules/") + kwalletService.mid(QStringLiteral("org.kde.").size());
    if (prefersKWallet && kwalletAnswers(bus, kwalletService, kwalletPath)) {
        *backend = Backend::KWallet;
        return {};
    }
    const bool libsecret = !kwalletOnly && libsecretLoads();
    if (!libsecret) {
        if (!kwalletOnly &&
            kwalletAnswers(bus, QStringLiteral("org.kde.kwalletd5"), QStringLiteral("/modules/kwalletd5"))) {
            *backend = Backend::KWallet;
            return {};
        }
        if (kwalletOnly || prefersKWallet) {
            return failure(SecretErrorKind::Insecure,
                           tr("This is a %1 session, so the keychain library would use KWallet, but kwalletd is not "
                              "running on the session bus, and that path can fall back to a plain-text file: "
                              "refused, nothing was stored. Start KWallet (kwalletd), or unset XDG_CURRENT_DESKTOP, "
                              "DESKTOP_SESSION and KDE_SESSION_VERSION to use the Secret Service (gnome-keyring).")
                               .arg(desktop));
        }
        return failure(SecretErrorKind::NoBackend,
                       tr("libsecret (libsecret-1.so.0) cannot be loaded, so the Secret Service cannot be used: "
                          "install libsecret-1-0 (Debian, Ubuntu) or libsecret (Fedora, Arch), or start KWallet."));
    }
    bool activatable = false;
    if (!nameOnBus(bus, SecretsService, &activatable) && !activatable) {
        return failure(SecretErrorKind::NoBackend, noSecretServiceMessage());
    }
    *backend = Backend::SecretService;
    return {};
}

KeychainDiagnosis KeychainPreflight::secretServiceKeyring()
{
    if (!sessionBusAddressKnown() || !QDBusConnection::sessionBus().isConnected()) {
        return failure(SecretErrorKind::NoSessionBus, noSessionBusMessage());
    }
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!nameOnBus(bus, SecretsService, nullptr)) {
        return failure(SecretErrorKind::NoBackend, noSecretServiceMessage());
    }
    QDBusMessage alias = QDBusMessage::createMethodCall(
        SecretsService, SecretsPath, QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("ReadAlias"));
    alias << QStringLiteral("default");
    const QDBusReply<QDBusObjectPath> collection = bus.call(alias, QDBus::Block, 5000);
    if (!collection.isValid()) {
        return failure(SecretErrorKind::Other, tr("The Secret Service did not answer (%1): restart it (e.g. log out "
                                                  "and in, or restart gnome-keyring) and try again.")
                                                   .arg(collection.error().message()));
    }
    if (collection.value().path() == QLatin1String("/")) {
        return failure(SecretErrorKind::NoDefaultKeyring, noDefaultKeyringMessage());
    }
    QDBusMessage get =
        QDBusMessage::createMethodCall(SecretsService, collection.value().path(),
                                       QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    const QDBusReply<QDBusVariant> locked = bus.call(get, QDBus::Block, 5000);
    if (!locked.isValid()) {
        return failure(SecretErrorKind::NoDefaultKeyring, noDefaultKeyringMessage());
    }
    if (locked.value().variant().toBool()) {
        return failure(SecretErrorKind::Locked, lockedMessage());
    }
    return {};
}

KeychainDiagnosis KeychainPreflight::fromKeychainError(int code, const QString& text, Backend backend)
{
    // The codes are those of the QKeychain::Error enum in <qt6keychain/keychain.h> (0 = no error, 1 = entry not
    // found, ... 7 = other error); the checks below map each to a kind and a message.
    if (code == 0) {
        return {};
    }
    if (code == 1) {
        return failure(SecretErrorKind::NotFound, text);
    }
    if (text.contains(QLatin1String("autolaunch D-Bus")) || text.contains(QLatin1String("D-Bus is not running"))) {
        return failure(SecretErrorKind::NoSessionBus, noSessionBusMessage());
    }
    if (text.contains(QLatin1String("not provided by any .service files")) && backend == Backend::SecretService) {
        return failure(SecretErrorKind::NoBackend, noSecretServiceMessage());
    }
    if (backend == Backend::SecretService) {
        const KeychainDiagnosis keyring = secretServiceKeyring();
        if (!keyring.ok()) {
            return keyring;
        }
    }
    switch (code) {
    case 2:
        return failure(
            SecretErrorKind::Other,
            tr("The keychain could not delete the secret (%1): check that it is unlocked and try again.").arg(text));
    case 3:
        return failure(SecretErrorKind::AccessDenied,
                       tr("Access to the keychain was refused at its prompt: allow it and try again."));
    case 4:
        return failure(SecretErrorKind::AccessDenied,
                       tr("The keychain refused access (%1): unlock it or allow Saltant Deploy to use it, and try "
                          "again.")
                           .arg(text));
    case 5:
    case 6:
        return failure(SecretErrorKind::NoBackend, backend == Backend::KWallet
                                                       ? tr("KWallet is not available (%1): start KWallet, or use "
                                                            "the Secret Service (gnome-keyring) instead.")
                                                             .arg(text)
                                                       : noSecretServiceMessage());
    default:
        return failure(SecretErrorKind::Other, tr("The keychain failed: %1.").arg(text));
    }
}

} // namespace saltant
