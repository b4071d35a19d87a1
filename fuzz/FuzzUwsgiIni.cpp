#include "FuzzInput.h"
#include "parse/UwsgiIniParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto ini = saltant::UwsgiIniParser::parse(fuzzText(data, size));
    // value() scans every entry: for the first few only, or the harness itself is quadratic.
    for (qsizetype i = 0; i < ini.entries.size() && i < 16; ++i) {
        ini.value(ini.entries.at(i).section, ini.entries.at(i).key);
    }
    return 0;
}
