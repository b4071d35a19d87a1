#pragma once

#include "model/FieldSpec.h"

#include <QCoreApplication>
#include <QString>

namespace saltant {

// Content checks for text values. Each returns an empty string when the value is allowed, else one sentence
// that says what is allowed (the caller prefixes the field).
class Validators
{
    Q_DECLARE_TR_FUNCTIONS(saltant::Validators)

public:
    static QString check(ValueKind kind, const QString& value);

    static bool isHostname(const QString& value);
    static bool isIpAddress(const QString& value);
    static bool isAbsolutePath(const QString& value);
    static bool isPrintableLine(const QString& value);
};

} // namespace saltant
