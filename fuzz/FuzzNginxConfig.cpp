#include "FuzzInput.h"
#include "parse/NginxConfigParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = fuzzText(data, size);
    // Includes resolve to the input itself (a cycle) or to a small fixed file, so the include logic is fuzzed too.
    const saltant::NginxConfigParser::IncludeLoader loader =
        [&text](const QString& pattern, QList<saltant::NginxConfigParser::IncludedFile>* files, QString* error) {
            if (pattern.startsWith(QLatin1Char('s'))) {
                files->append({QStringLiteral("self"), text});
            } else if (pattern.startsWith(QLatin1Char('x'))) {
                *error = QStringLiteral("missing");
                return false;
            } else {
                files->append({pattern, QStringLiteral("listen 80;\nlocation / { include x; }\n")});
            }
            return true;
        };
    saltant::NginxConfigParser::parseWithIncludes(text, QStringLiteral("self"), loader);
    return 0;
}
