#pragma once

#include <QString>

namespace saltant {

// IP address literals as the server's programs read them (inet_pton: dotted-quad IPv4 or RFC 4291 IPv6, no zone, no
// brackets, no shortened "127.1"). Here rather than QHostAddress so that the window's core needs no Qt Network: the
// libraries behind it load only with the deploy module (ui/window/RemoteModule.h).
class IpAddress
{
public:
    static bool isValid(const QString& value);
    // 127.0.0.0/8, ::1 and an IPv4-mapped 127.x address (::ffff:127.0.0.1).
    static bool isLoopback(const QString& value);
};

} // namespace saltant
