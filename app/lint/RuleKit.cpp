#include "lint/RuleKit.h"

namespace saltant {

QString RuleKit::label(const QString& key)
{
    const FieldSpec* spec = Schema::field(key);
    return spec ? QCoreApplication::translate("Field", spec->label) : key;
}

QString RuleKit::secretLabel(const QString& name)
{
    const SecretSpec* spec = Schema::secret(name);
    return spec ? QCoreApplication::translate("Secret", spec->label) : name;
}

} // namespace saltant
