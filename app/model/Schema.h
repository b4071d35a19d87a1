#pragma once

#include "model/FieldSpec.h"

#include <QList>

namespace saltant {

// A secret the project needs. The model only names it; its value lives in the keychain.
struct SecretSpec
{
    QString name;      // "rabbitmq.password"
    QString section;   // GUI section id
    const char* label; // untranslated (context "Secret")
    const char* help;

    // The label and help text in the user's language.
    QString displayLabel() const;
    QString displayHelp() const;
};

// A page of the GUI and a group of the project file.
struct SectionSpec
{
    QString id;
    const char* title; // untranslated (context "Section")

    // The title in the user's language.
    QString displayTitle() const;
};

// The one table of every setting, secret and section. Order is the order of forms and of `settings`.
class Schema
{
public:
    static const QList<FieldSpec>& fields();
    static const FieldSpec* field(const QString& key);
    // The same without turning the key into text (the model looks fields up on every read).
    static const FieldSpec* field(SettingKey key);
    static const QList<SecretSpec>& secrets();
    static const SecretSpec* secret(const QString& name);
    static const QList<SectionSpec>& sections();
    static QList<const FieldSpec*> fieldsOfSection(const QString& sectionId);
    static QList<const SecretSpec*> secretsOfSection(const QString& sectionId);

    // 2: the workers group and workerHosts (files of version 1 load unchanged).
    static constexpr int CurrentVersion = 2;
    // ACME directories offered for tls.acmeServer.
    static constexpr const char* LetsEncryptProduction = "https://acme-v02.api.letsencrypt.org/directory";
    static constexpr const char* LetsEncryptStaging = "https://acme-staging-v02.api.letsencrypt.org/directory";
};

} // namespace saltant
