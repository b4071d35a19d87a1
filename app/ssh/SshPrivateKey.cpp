#include "ssh/SshPrivateKey.h"

#include "model/SettingKeys.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>
#include <libssh/libssh.h>

namespace saltant {

namespace {

// Overwrites a buffer that held key material or a passphrase before it is freed.
void scrub(QByteArray& bytes)
{
    bytes.fill('\0');
    bytes.clear();
}

} // namespace

void SshPrivateKey::KeyDeleter::operator()(ssh_key key) const
{
    ssh_key_free(key);
}

SshPrivateKey::SshPrivateKey() = default;
SshPrivateKey::~SshPrivateKey() = default;

bool SshPrivateKey::isEncrypted(const QByteArray& keyFileContent)
{
    if (keyFileContent.contains("ENCRYPTED")) {
        return true;
    }
    static const QByteArray begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    static const QByteArray end = "-----END OPENSSH PRIVATE KEY-----";
    const int from = keyFileContent.indexOf(begin);
    const int to = keyFileContent.indexOf(end);
    if (from < 0 || to < from) {
        return false;
    }
    const QByteArray body =
        QByteArray::fromBase64(keyFileContent.mid(from + begin.size(), to - from - begin.size()).simplified());
    // "openssh-key-v1\0", then the cipher name as a uint32 length + bytes.
    static const QByteArray magic("openssh-key-v1\0", 15);
    if (!body.startsWith(magic) || body.size() < magic.size() + 4) {
        return false;
    }
    const quint32 length = qFromBigEndian<quint32>(body.constData() + magic.size());
    return body.mid(magic.size() + 4, int(length)) != "none";
}

SshPrivateKey::Status SshPrivateKey::load(const QString& path, const std::function<QString()>& passphrase)
{
    m_key.reset();
    const QFileInfo info(path);
    if (!info.exists()) {
        m_errorString = tr("The identity file %1 does not exist.").arg(path);
        return Missing;
    }
    QFile file(path);
    if (info.isDir() || !file.open(QIODevice::ReadOnly)) {
        m_errorString = tr("The identity file %1 cannot be read: %2")
                            .arg(path, info.isDir() ? tr("it is a directory") : file.errorString());
        return Unreadable;
    }
    QByteArray content = file.read(1024 * 1024);
    content.append('\0');
    ssh_key key = nullptr;
    Status status = Loaded;
    if (isEncrypted(content)) {
        QByteArray secret = passphrase ? passphrase().toUtf8() : QByteArray();
        if (secret.isEmpty()) {
            m_errorString = tr("The identity file %1 is protected by a passphrase, and none is stored "
                               "in the keychain: add the key passphrase there.")
                                .arg(path);
            status = NeedsPassphrase;
        } else if (ssh_pki_import_privkey_base64(content.constData(), secret.constData(), nullptr, nullptr, &key) !=
                   SSH_OK) {
            m_errorString = tr("The passphrase in the keychain does not unlock the identity file %1: "
                               "update the key passphrase there.")
                                .arg(path);
            status = WrongPassphrase;
        }
        scrub(secret);
    } else if (ssh_pki_import_privkey_base64(content.constData(), nullptr, nullptr, nullptr, &key) != SSH_OK) {
        m_errorString = tr("The identity file %1 is not a private key libssh can read (OpenSSH, PEM "
                           "or PKCS#8 formats of ed25519, ECDSA and RSA keys are).")
                            .arg(path);
        status = NotAKey;
    }
    scrub(content);
    m_key.reset(key);
    if (status == Loaded) {
        m_errorString.clear();
    }
    return status;
}

} // namespace saltant
