#include "parse/ParseError.h"

#include <QCoreApplication>

namespace saltant {

QString ParseError::toString(const QString& file) const
{
    if (line <= 0) {
        return file + QStringLiteral(": ") + message;
    }
    if (column <= 0) {
        return QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(message);
    }
    return QStringLiteral("%1:%2:%3: %4").arg(file).arg(line).arg(column).arg(message);
}

bool checkInputSize(const QString& text, ParseError* error)
{
    if (text.size() <= ParseLimits::MaxInputChars) {
        return true;
    }
    error->line = 0;
    error->column = 0;
    error->message = QCoreApplication::translate(
                         "saltant::ParseError", "The file has %1 characters, more than the %2 a configuration file may "
                                                "have here. Is it the right file?")
                         .arg(text.size())
                         .arg(ParseLimits::MaxInputChars);
    return false;
}

} // namespace saltant
