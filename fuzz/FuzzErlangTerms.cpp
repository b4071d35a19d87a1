#include "FuzzInput.h"
#include "parse/ErlangTermParser.h"

namespace {

void walk(const saltant::ErlangTerm& term)
{
    term.property(QStringLiteral("rabbit"));
    for (const saltant::ErlangTerm& item : term.items) {
        walk(item);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto result = saltant::ErlangTermParser::parse(fuzzText(data, size));
    for (const saltant::ErlangTerm& term : result.terms) {
        walk(term);
    }
    return 0;
}
