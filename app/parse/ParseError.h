#pragma once

#include <QString>

namespace saltant {

// Limits every parser of foreign input (files read off a server) holds to, so hostile content gives a clear
// message instead of a crash, a hang or unbounded memory.
namespace ParseLimits {
constexpr qsizetype MaxInputChars = 4 * 1024 * 1024; // a configuration file larger than 4 Mi characters is refused
constexpr int MaxDepth = 64;                         // blocks, lists, tuples nested deeper are refused
constexpr qsizetype MaxValueChars = 1024 * 1024;     // a value grown beyond this by expansion is refused
} // namespace ParseLimits

// Where and why a parser stopped. line and column count from 1; 0 means "the whole input".
struct ParseError
{
    int line = 0;
    int column = 0;
    QString message;

    bool isNull() const { return message.isEmpty(); }
    // "FILE:LINE:COLUMN: MESSAGE" (the form compilers use, which editors can jump to).
    QString toString(const QString& file) const;
};

// Refuses input over ParseLimits::MaxInputChars (message names the size and the limit).
bool checkInputSize(const QString& text, ParseError* error);

} // namespace saltant
