#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

struct ssh_session_struct;

namespace saltant {

// What the server's host key is, compared with the known_hosts file.
struct HostKeyCheck
{
    enum Status
    {
        NotChecked, // no connection yet, or the check itself failed (message says why)
        Known,      // matches a known_hosts line: go on
        Unknown,    // no line for this server (or no known_hosts file yet): ask the user, then acceptHostKey()
        Changed,    // a line for this server holds a different key: refused, possible man-in-the-middle
        OtherType,  // known_hosts has a key of another type for this server: refused like Changed
    };

    Status status = NotChecked;
    QString keyType;        // "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa", ...
    QString fingerprint;    // "SHA256:<base64 without padding>", as ssh-keygen -l prints it
    QString hostName;       // the known_hosts name: "host" or "[host]:port"
    QString knownHostsFile; // the file checked (and written by acceptHostKey())
    QList<int> lines;       // 1-based lines of knownHostsFile naming this server (Changed/OtherType)
    QString message;        // human explanation for NotChecked, Unknown, Changed and OtherType

    // Only a known key lets the connection continue without a decision by the user.
    bool isTrusted() const { return status == Known; }
    // Never true for Changed/OtherType: those are refused whatever the user or the CLI flags say.
    bool canBeAccepted() const { return status == Unknown; }
};

// The host-key rule of the deploy: known -> continue; unknown -> show the fingerprint and let the user accept it
// (written to known_hosts in OpenSSH format); changed or other type -> refuse, send nothing.
class HostKeyPolicy
{
    Q_DECLARE_TR_FUNCTIONS(saltant::HostKeyPolicy)

public:
    // Checks the key of a connected (not yet authenticated) session against its known_hosts options.
    static HostKeyCheck check(ssh_session_struct* session, const QString& host, int port,
                              const QString& knownHostsFile);
    // Appends the server's current key to the known_hosts file (creating the file and its directory, 0700).
    static bool accept(ssh_session_struct* session, const QString& knownHostsFile, QString* error);

    // 1-based numbers of the lines of an OpenSSH known_hosts file that name hostName (plain, comma lists,
    // "[host]:port", hashed |1|salt|hmac entries; negated and wildcard patterns are ignored).
    static QList<int> linesNaming(const QString& knownHostsFile, const QString& hostName);
};

} // namespace saltant
