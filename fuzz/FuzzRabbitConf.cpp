#include "FuzzInput.h"
#include "parse/RabbitConfParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto result = saltant::RabbitConfParser::parse(fuzzText(data, size));
    for (const auto& entry : result.entries) {
        result.value(entry.key);
    }
    return 0;
}
