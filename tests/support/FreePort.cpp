#include "FreePort.h"

#include <QHostAddress>
#include <QMutex>
#include <QSet>
#include <QTcpServer>

namespace saltant {

quint16 freeLoopbackPort()
{
    static QMutex mutex;
    static QSet<quint16> handedOut;
    const QMutexLocker lock(&mutex);
    for (int attempt = 0; attempt < 200; ++attempt) {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0)) {
            return 0;
        }
        const quint16 port = server.serverPort();
        if (!handedOut.contains(port)) {
            handedOut.insert(port);
            return port;
        }
    }
    return 0;
}

} // namespace saltant
