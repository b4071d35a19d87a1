#include "model/Schema.h"

#include "model/SchemaTable.h"

#include <QCoreApplication>
#include <QHash>

namespace saltant {

QString SecretSpec::displayLabel() const
{
    return QCoreApplication::translate("Secret", label);
}

QString SecretSpec::displayHelp() const
{
    return QCoreApplication::translate("Secret", help);
}

QString SectionSpec::displayTitle() const
{
    return QCoreApplication::translate("Section", title);
}

const QList<FieldSpec>& Schema::fields()
{
    static const QList<FieldSpec> all = SchemaTable::fields();
    return all;
}

const FieldSpec* Schema::field(const QString& key)
{
    static const QHash<QString, const FieldSpec*> index = [] {
        QHash<QString, const FieldSpec*> h;
        for (const FieldSpec& f : fields()) {
            h.insert(f.key, &f);
        }
        return h;
    }();
    return index.value(key, nullptr);
}

const FieldSpec* Schema::field(SettingKey key)
{
    static const QHash<SettingKey, const FieldSpec*> index = [] {
        QHash<SettingKey, const FieldSpec*> h;
        for (const FieldSpec& f : fields()) {
            h.insert(f.key, &f);
        }
        return h;
    }();
    return index.value(key, nullptr);
}

const QList<SecretSpec>& Schema::secrets()
{
    static const QList<SecretSpec> all = SchemaTable::secrets();
    return all;
}

const SecretSpec* Schema::secret(const QString& name)
{
    static const QHash<QString, const SecretSpec*> index = [] {
        QHash<QString, const SecretSpec*> h;
        for (const SecretSpec& s : secrets()) {
            h.insert(s.name, &s);
        }
        return h;
    }();
    return index.value(name, nullptr);
}

const QList<SectionSpec>& Schema::sections()
{
    static const QList<SectionSpec> all = SchemaTable::sections();
    return all;
}

QList<const FieldSpec*> Schema::fieldsOfSection(const QString& sectionId)
{
    QList<const FieldSpec*> out;
    for (const FieldSpec& f : fields()) {
        if (f.section == sectionId) {
            out << &f;
        }
    }
    return out;
}

QList<const SecretSpec*> Schema::secretsOfSection(const QString& sectionId)
{
    QList<const SecretSpec*> out;
    for (const SecretSpec& s : secrets()) {
        if (s.section == sectionId) {
            out << &s;
        }
    }
    return out;
}

} // namespace saltant
