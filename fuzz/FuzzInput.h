#pragma once

#include <QString>
#include <cstddef>
#include <cstdint>

// Fuzz input as the importer hands it to a parser: bytes read off a server, decoded as UTF-8 (invalid sequences
// become U+FFFD, NUL bytes stay).
inline QString fuzzText(const uint8_t* data, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
}
