#include "FuzzInput.h"
#include "parse/UwsgiIniParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto ini = saltant::UwsgiIniParser::parse(fuzzText(data, size));
    for (const auto& entry : ini.entries) {
        ini.value(entry.section, entry.key);
    }
    return 0;
}
