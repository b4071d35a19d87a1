#pragma once

#include "model/SettingKeys.h"

#include <QtGlobal>

namespace saltant {

// The setting key a test table names as text ("tls.enabled=false" rows, hostile-value loops over the schema).
// Product code reads text through SettingKey::parse and reports an unknown name; in a test it is a bug in the test,
// so it stops the test run with the parser's message.
inline SettingKey settingKey(const QString& name)
{
    QString error;
    const std::optional<SettingKey> key = SettingKey::parse(name, &error);
    if (!key) {
        qFatal("%s", qPrintable(error));
    }
    return *key;
}

} // namespace saltant
