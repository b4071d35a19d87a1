#include "FuzzInput.h"
#include "parse/DotenvParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto result =
        saltant::DotenvParser::parse(fuzzText(data, size), {{QStringLiteral("HOME"), QStringLiteral("/h")}});
    // Every key read has its line; the parser's own bookkeeping must agree.
    if (result.keys.size() != result.keyLines.size() ||
        result.rejectedLines.size() != result.rejectedLineNumbers.size()) {
        __builtin_trap();
    }
    return 0;
}
