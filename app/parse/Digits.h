#pragma once

#include <QChar>

namespace saltant {

// The value of c as a digit of base (2 to 36: 0-9, then a-z or A-Z), or -1 when it is not one. Shared by the
// parsers' number and escape readers.
inline int digitValue(QChar c, int base)
{
    const char16_t u = c.unicode();
    int value = -1;
    if (u >= '0' && u <= '9') {
        value = u - '0';
    } else if (u >= 'a' && u <= 'z') {
        value = u - 'a' + 10;
    } else if (u >= 'A' && u <= 'Z') {
        value = u - 'A' + 10;
    }
    return value < base ? value : -1;
}

} // namespace saltant
