#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QSslCertificate>
#include <QString>

namespace saltant {

// How checks run. The overrides let a check reach a server that is not (yet) in DNS, or a test peer on
// 127.0.0.1 and a high port, while TLS still verifies and sends (SNI) the real host name.
struct CheckOptions
{
    int timeoutMs = 10000;                      // per check: resolving, connecting, handshake and answer
    int expiryWarnDays = 14;                    // a certificate expiring sooner is a warning
    QList<QSslCertificate> extraCaCertificates; // trusted in addition to the system's CAs
    QString flowerPassword;                     // from the keychain; empty: the login check is skipped

    // Host name -> the addresses used instead of resolving it. An empty list means "does not resolve".
    QHash<QString, QList<QHostAddress>> hostAddresses;
    // Port on the server -> port actually contacted (e.g. 443 -> 18443).
    QHash<int, int> portMap;

    int mappedPort(int serverPort) const { return portMap.value(serverPort, serverPort); }
};

} // namespace saltant
