#include "FuzzInput.h"
#include "parse/RabbitConfParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto result = saltant::RabbitConfParser::parse(fuzzText(data, size));
    // value() scans every entry: for the first few only, or the harness itself is quadratic.
    for (qsizetype i = 0; i < result.entries.size() && i < 16; ++i) {
        result.value(result.entries.at(i).key);
    }
    return 0;
}
