#include "FuzzInput.h"
#include "parse/SystemdUnitParser.h"

#include <QSet>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto unit = saltant::SystemdUnitParser::parse(fuzzText(data, size));
    const QHash<QChar, QString> specifiers{{QLatin1Char('h'), QStringLiteral("/home/u")},
                                           {QLatin1Char('i'), QString()}};
    for (const auto& entry : unit.entries) {
        // Every value goes through the command splitter and the specifier expansion, as ExecStart= does.
        saltant::SystemdUnitParser::splitCommand(entry.value);
        QString expanded;
        QString error;
        saltant::SystemdUnitParser::expandSpecifiers(entry.value, specifiers, &expanded, &error);
    }
    // values() scans every entry: for a few distinct keys only, or the harness itself is quadratic.
    QSet<QString> seen;
    for (const auto& entry : unit.entries) {
        const QString id = entry.section + QLatin1Char('\n') + entry.key;
        if (seen.size() < 16 && !seen.contains(id)) {
            seen.insert(id);
            unit.values(entry.section, entry.key);
        }
    }
    return 0;
}
