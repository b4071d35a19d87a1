#pragma once

#include "model/FieldSpec.h"

#include <QCoreApplication>
#include <QString>

namespace saltant {

// Content checks for text values.
class Validators
{
    Q_DECLARE_TR_FUNCTIONS(saltant::Validators)

public:
    // True when value is allowed, else false and error: one sentence that says what is allowed (the caller prefixes
    // the field).
    static bool check(ValueKind kind, const QString& value, QString* error);

    static bool isHostname(const QString& value);
    static bool isIpAddress(const QString& value);
    static bool isAbsolutePath(const QString& value);
    static bool isPrintableLine(const QString& value);

private:
    // What check() says about value: empty when it is allowed.
    static QString reason(ValueKind kind, const QString& value);
    // reason() without the memory of allowed values.
    static QString firstReason(ValueKind kind, const QString& value);
};

} // namespace saltant
