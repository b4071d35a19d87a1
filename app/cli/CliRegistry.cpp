#include "cli/CliCommand.h"

#include <algorithm>

namespace saltant {
namespace {

std::vector<std::unique_ptr<CliCommand>>& registry()
{
    static std::vector<std::unique_ptr<CliCommand>> all;
    return all;
}

} // namespace

bool CliRegistry::add(std::unique_ptr<CliCommand> command)
{
    auto& all = registry();
    const auto pos = std::lower_bound(all.begin(), all.end(), command,
                                      [](const auto& a, const auto& b) { return a->name() < b->name(); });
    all.insert(pos, std::move(command));
    return true;
}

const std::vector<std::unique_ptr<CliCommand>>& CliRegistry::commands()
{
    return registry();
}

const CliCommand* CliRegistry::find(const QString& name)
{
    for (const auto& command : registry()) {
        if (command->name() == name) {
            return command.get();
        }
    }
    return nullptr;
}

} // namespace saltant
