#pragma once

#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>

namespace saltant {

// A verdict on the keychain: kind None when it may be used, else what is missing and how to fix it.
struct KeychainDiagnosis
{
    SecretErrorKind kind = SecretErrorKind::None;
    QString message;
    bool ok() const { return kind == SecretErrorKind::None; }
};

// Decides, before QtKeychain is asked anything, whether it will reach a real keychain, and explains failures
// after it answered.
//
// QtKeychain 0.13 on Linux picks its backend from the desktop environment (XDG_CURRENT_DESKTOP, DESKTOP_SESSION,
// KDE_SESSION_VERSION, KDE_FULL_SESSION): a KDE 4 session always gets KWallet, a Plasma 5 session gets KWallet
// when kwalletd5 answers and otherwise the Secret Service through libsecret (dlopen'ed), every other session the
// Secret Service first. On the KWallet path with no kwalletd, a job with insecureFallback on writes the value to
// ~/.config/<service>.conf in plain text. Saltant Deploy never turns that fallback on and gives each job a
// QSettings that cannot be written (noPlainTextSettingsPath()), and beforeUse() refuses that path outright.
class KeychainPreflight
{
    Q_DECLARE_TR_FUNCTIONS(saltant::KeychainPreflight)

public:
    enum class Backend
    {
        SecretService, // org.freedesktop.secrets through libsecret (gnome-keyring, KeePassXC, KWallet >= 5.97, ...)
        KWallet,       // kwalletd over D-Bus
    };

    // A session bus is reachable, and the backend QtKeychain will choose is a running keychain.
    static KeychainDiagnosis beforeUse(Backend* backend);

    // After the Secret Service answered "not found" or refused: does a default keyring exist, and is it unlocked?
    // (A locked gnome-keyring answers lookups with "not found" and removals with success.)
    static KeychainDiagnosis secretServiceKeyring();

    // Turns QtKeychain's error (QKeychain::Error code and text) into a diagnosis with a message for a human.
    static KeychainDiagnosis fromKeychainError(int code, const QString& text, Backend backend);

    // Where QtKeychain's plain-text fallback is pointed: a path below /dev/null, which no one can create.
    static QString noPlainTextSettingsPath();

    // The desktop QtKeychain 0.13 detects from env ("KDE 4", "Plasma 5", "GNOME", "other"), and whether that
    // desktop makes QtKeychain prefer KWallet. Public for tests.
    static QString detectedDesktop(const QProcessEnvironment& env, bool* prefersKWallet, bool* kwalletOnly);

    static QString noSessionBusMessage();
    static QString noSecretServiceMessage();
    static QString lockedMessage();
    static QString noDefaultKeyringMessage();
};

} // namespace saltant
