#pragma once

#include <QCoreApplication>
#include <QString>
#include <functional>
#include <memory>

struct ssh_key_struct;

namespace saltant {

// A private key file loaded for public-key authentication (RAII over the libssh key). Tells apart the ways it can
// fail, so the user learns whether the file is missing, unreadable, not a key, or locked by a passphrase.
class SshPrivateKey
{
    Q_DECLARE_TR_FUNCTIONS(saltant::SshPrivateKey)

public:
    enum Status
    {
        Loaded,
        Missing,
        Unreadable,
        NotAKey,
        NeedsPassphrase,
        WrongPassphrase
    };

    SshPrivateKey();
    ~SshPrivateKey();
    SshPrivateKey(const SshPrivateKey&) = delete;
    SshPrivateKey& operator=(const SshPrivateKey&) = delete;

    // Reads the key; asks passphrase() only when the file is encrypted.
    Status load(const QString& path, const std::function<QString()>& passphrase);
    // Why load() failed, as a sentence naming the file.
    QString errorString() const { return m_errorString; }
    ssh_key_struct* handle() const { return m_key.get(); }

    // True for an OpenSSH-format key with a cipher other than "none", or a PEM key marked ENCRYPTED.
    static bool isEncrypted(const QByteArray& keyFileContent);

private:
    struct KeyDeleter
    {
        void operator()(ssh_key_struct* key) const;
    };

    std::unique_ptr<ssh_key_struct, KeyDeleter> m_key;
    QString m_errorString;
};

} // namespace saltant
