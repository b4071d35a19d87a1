#include "lint/RuleKit.h"

namespace saltant {

QString RuleKit::label(const QString& key)
{
    const FieldSpec* spec = Schema::field(key);
    return spec ? spec->displayLabel() : key;
}

QString RuleKit::secretLabel(const QString& name)
{
    const SecretSpec* spec = Schema::secret(name);
    return spec ? spec->displayLabel() : name;
}

} // namespace saltant
