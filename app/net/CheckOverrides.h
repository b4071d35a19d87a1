#pragma once

#include "net/CheckOptions.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace saltant {

// The overrides that let the checks reach a server before DNS points to it or through a tunnel, read from what the
// admin typed: the CLI's --resolve/--port/--ca-file and the Server Checks panel's fields, one parser for both.
// Each returns false with error saying what was expected (the caller names the option or field).
class CheckOverrides
{
    Q_DECLARE_TR_FUNCTIONS(saltant::CheckOverrides)

public:
    // "www.example.com=198.51.100.4"
    static bool addResolve(const QString& entry, CheckOptions* options, QString* error);
    // "443=8443": the server's port, the port contacted instead
    static bool addPortMapping(const QString& entry, CheckOptions* options, QString* error);
    // A PEM file whose CA certificates are trusted besides the system's.
    static bool addCaFile(const QString& path, CheckOptions* options, QString* error);
    // The entries of a field: separated by spaces or commas, empty ones dropped.
    static QStringList entries(const QString& text);
};

} // namespace saltant
