#include "model/SettingKeys.h"

#include "model/Schema.h"

namespace saltant {

std::optional<SettingKey> SettingKey::parse(const QString& text, QString* error)
{
    if (const FieldSpec* spec = Schema::field(text)) {
        return spec->key;
    }
    if (error) {
        *error = tr("There is no setting \"%1\"; `saltant-deploy-cli settings` lists them all.").arg(text);
    }
    return std::nullopt;
}

} // namespace saltant
