#pragma once

#include "net/CheckOptions.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>

namespace saltant {

// Resolves host names for the checks: the overrides of CheckOptions first, address literals as they are, then
// the reserved names of RFC 6761 without asking any DNS server (*.invalid never resolves, *.localhost is
// localhost), everything else through the system resolver (QHostInfo: /etc/hosts, DNS, A and AAAA).
class HostResolver
{
public:
    // addresses is empty when the name does not resolve; error then says why.
    using Callback = std::function<void(const QList<QHostAddress>& addresses, const QString& error)>;

    // Calls back later on context's thread (never from inside lookup) unless context is destroyed first. Returns
    // an id for abort(), or -1 when no system lookup was started.
    static int lookup(const QString& host, const CheckOptions& options, QObject* context, const Callback& callback);
    static void abort(int id);
};

} // namespace saltant
