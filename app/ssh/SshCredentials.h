#pragma once

#include <QString>
#include <functional>

namespace saltant {

// Where the SSH layer gets secrets from. The caller (GUI/CLI) fills it from the keychain; the SSH layer asks only
// for what it needs, when it needs it, and never stores or logs the values.
struct SshCredentials
{
    // Returns the secret stored under name, or an empty string when there is none. Names used:
    // "ssh.passphrase" (identity file), "ssh.password" (login), "sudo.password" (sudo -S).
    std::function<QString(const QString& name)> secret;

    QString value(const QString& name) const { return secret ? secret(name) : QString(); }
};

} // namespace saltant
