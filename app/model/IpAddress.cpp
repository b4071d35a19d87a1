#include "model/IpAddress.h"

#include <arpa/inet.h>
#include <cstring>

namespace saltant {

namespace {

enum class Family
{
    None,
    V4,
    V6
};

Family parse(const QString& value, unsigned char bytes[16])
{
    // An address is at most 45 characters (IPv6 with a dotted IPv4 tail); longer or non-ASCII text is not one.
    if (value.isEmpty() || value.size() > 45) {
        return Family::None;
    }
    for (const QChar c : value) {
        if (c.unicode() > 0x7f || c.unicode() == 0) {
            return Family::None;
        }
    }
    const QByteArray text = value.toLatin1();
    if (inet_pton(AF_INET, text.constData(), bytes) == 1) {
        return Family::V4;
    }
    if (inet_pton(AF_INET6, text.constData(), bytes) == 1) {
        return Family::V6;
    }
    return Family::None;
}

} // namespace

bool IpAddress::isValid(const QString& value)
{
    unsigned char bytes[16];
    return parse(value, bytes) != Family::None;
}

bool IpAddress::isLoopback(const QString& value)
{
    unsigned char bytes[16] = {};
    switch (parse(value, bytes)) {
    case Family::V4:
        return bytes[0] == 127;
    case Family::V6: {
        static const unsigned char loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        static const unsigned char mappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        return std::memcmp(bytes, loopback, 16) == 0 || (std::memcmp(bytes, mappedPrefix, 12) == 0 && bytes[12] == 127);
    }
    case Family::None:
        break;
    }
    return false;
}

} // namespace saltant
