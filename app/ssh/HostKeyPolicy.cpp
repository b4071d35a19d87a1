#include "ssh/HostKeyPolicy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageAuthenticationCode>
#include <libssh/libssh.h>
#include <memory>

namespace saltant {

namespace {

struct KeyFree
{
    void operator()(ssh_key key) const { ssh_key_free(key); }
};

struct StringFree
{
    void operator()(char* text) const { ssh_string_free_char(text); }
};

struct HashFree
{
    void operator()(unsigned char* hash) const { ssh_clean_pubkey_hash(&hash); }
};

// "~/.ssh/known_hosts" rather than "/home/ann/.ssh/known_hosts" in messages.
QString shortPath(const QString& path)
{
    const QString home = QDir::homePath();
    if (!home.isEmpty() && path.startsWith(home + QLatin1Char('/'))) {
        return QLatin1Char('~') + path.mid(home.size());
    }
    return path;
}

QString lineList(const QList<int>& lines)
{
    QStringList numbers;
    for (const int line : lines) {
        numbers << QString::number(line);
    }
    return numbers.join(QStringLiteral(", "));
}

bool hostPatternMatches(const QByteArray& pattern, const QByteArray& hostName)
{
    if (pattern.startsWith("|1|")) {
        const QList<QByteArray> parts = pattern.mid(3).split('|');
        if (parts.size() != 2) {
            return false;
        }
        const QByteArray salt = QByteArray::fromBase64(parts.at(0));
        const QByteArray hash = QByteArray::fromBase64(parts.at(1));
        return QMessageAuthenticationCode::hash(hostName, salt, QCryptographicHash::Sha1) == hash;
    }
    const QList<QByteArray> names = pattern.split(',');
    for (const QByteArray& name : names) {
        if (name == hostName) {
            return true;
        }
    }
    return false;
}

} // namespace

HostKeyCheck HostKeyPolicy::check(ssh_session session, const QString& host, int port, const QString& knownHostsFile)
{
    HostKeyCheck result;
    result.hostName = port == 22 ? host : QStringLiteral("[%1]:%2").arg(host).arg(port);
    result.knownHostsFile = knownHostsFile;

    ssh_key rawKey = nullptr;
    if (ssh_get_server_publickey(session, &rawKey) != SSH_OK || !rawKey) {
        result.message = tr("The server at %1 did not present a host key: %2")
                             .arg(result.hostName, QString::fromUtf8(ssh_get_error(session)));
        return result;
    }
    const std::unique_ptr<ssh_key_struct, KeyFree> key(rawKey);
    result.keyType = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key.get())));

    unsigned char* rawHash = nullptr;
    size_t hashLength = 0;
    if (ssh_get_publickey_hash(key.get(), SSH_PUBLICKEY_HASH_SHA256, &rawHash, &hashLength) != SSH_OK) {
        result.message = tr("Could not compute the fingerprint of the host key of %1.").arg(result.hostName);
        return result;
    }
    const std::unique_ptr<unsigned char, HashFree> hash(rawHash);
    const std::unique_ptr<char, StringFree> fingerprint(
        ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash.get(), hashLength));
    result.fingerprint = QString::fromLatin1(fingerprint.get());

    const QString file = shortPath(knownHostsFile);
    switch (ssh_session_is_known_server(session)) {
    case SSH_KNOWN_HOSTS_OK:
        result.status = HostKeyCheck::Known;
        return result;
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        result.status = HostKeyCheck::Unknown;
        result.message = tr("The authenticity of %1 cannot be established: it is not in %2. Its %3 host key has the "
                            "fingerprint %4. Accept it only if it matches the server's key (on the server: "
                            "ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub).")
                             .arg(result.hostName, file, result.keyType, result.fingerprint);
        return result;
    case SSH_KNOWN_HOSTS_CHANGED:
        result.status = HostKeyCheck::Changed;
        result.lines = linesNaming(knownHostsFile, result.hostName);
        result.message =
            tr("The server's host key changed since the last connection (%1 key %2). This can mean "
               "someone is intercepting the connection (a man-in-the-middle attack), or that the server "
               "was reinstalled. Nothing was sent to %3. Check the new fingerprint with the server's "
               "administrator; if the key change is expected, remove the old line %4 from %5 "
               "(ssh-keygen -R '%3' -f %5) and connect again.")
                .arg(result.keyType, result.fingerprint, result.hostName,
                     result.lines.isEmpty() ? tr("for %1").arg(result.hostName) : lineList(result.lines), file);
        return result;
    case SSH_KNOWN_HOSTS_OTHER:
        result.status = HostKeyCheck::OtherType;
        result.lines = linesNaming(knownHostsFile, result.hostName);
        result.message = tr("The server presented a %1 host key (%2), but %3 holds a key of another type for %4. This "
                            "can mean someone is intercepting the connection (a man-in-the-middle attack), or that "
                            "the server's keys were replaced. Nothing was sent to the server. Check the fingerprint "
                            "with the server's administrator; if the change is expected, remove the old line %5 from "
                            "%3 (ssh-keygen -R '%4' -f %3) and connect again.")
                             .arg(result.keyType, result.fingerprint, file, result.hostName,
                                  result.lines.isEmpty() ? tr("for %1").arg(result.hostName) : lineList(result.lines));
        return result;
    case SSH_KNOWN_HOSTS_ERROR:
        break;
    }
    result.message =
        tr("The known_hosts file %1 could not be read: %2").arg(file, QString::fromUtf8(ssh_get_error(session)));
    return result;
}

bool HostKeyPolicy::accept(ssh_session session, const QString& knownHostsFile, QString* error)
{
    char* rawEntry = nullptr;
    if (ssh_session_export_known_hosts_entry(session, &rawEntry) != SSH_OK || !rawEntry) {
        if (error) {
            *error = tr("Could not export the server's host key: %1").arg(QString::fromUtf8(ssh_get_error(session)));
        }
        return false;
    }
    const std::unique_ptr<char, StringFree> entry(rawEntry);
    QByteArray line(entry.get());
    if (!line.endsWith('\n')) {
        line += '\n';
    }

    const QFileInfo info(knownHostsFile);
    if (!info.dir().exists()) {
        if (!QDir().mkpath(info.absolutePath()) ||
            !QFile::setPermissions(info.absolutePath(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
            if (error) {
                *error = tr("Could not create the directory %1 for known_hosts.").arg(info.absolutePath());
            }
            return false;
        }
    }
    QFile file(knownHostsFile);
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append)) {
        if (error) {
            *error = tr("Could not write %1: %2").arg(shortPath(knownHostsFile), file.errorString());
        }
        return false;
    }
    // Keep the file line-based if its last line lacks a newline.
    if (file.size() > 0 && file.seek(file.size() - 1) && file.read(1) != "\n") {
        line.prepend('\n');
    }
    if (file.write(line) != line.size() || !file.flush()) {
        if (error) {
            *error = tr("Could not write %1: %2").arg(shortPath(knownHostsFile), file.errorString());
        }
        return false;
    }
    return true;
}

QList<int> HostKeyPolicy::linesNaming(const QString& knownHostsFile, const QString& hostName)
{
    QList<int> lines;
    QFile file(knownHostsFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return lines;
    }
    const QByteArray name = hostName.toUtf8();
    int number = 0;
    while (!file.atEnd()) {
        ++number;
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#')) {
            continue;
        }
        QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.first().startsWith('@')) { // @cert-authority / @revoked marker
            fields.removeFirst();
        }
        if (!fields.isEmpty() && hostPatternMatches(fields.first(), name)) {
            lines << number;
        }
    }
    return lines;
}

} // namespace saltant
