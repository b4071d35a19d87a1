#include "model/SchemaTable.h"

#include "model/Project.h"

namespace saltant {
namespace SchemaTable {

FieldSpec field(SettingKey key, const char* section, const char* label, const char* help, FieldType type,
                QVariant value)
{
    FieldSpec f;
    f.key = key;
    f.section = QString::fromLatin1(section);
    f.label = label;
    f.help = help;
    f.type = type;
    f.defaultValue = std::move(value);
    return f;
}

FieldSpec text(SettingKey key, const char* section, const char* label, const char* help, const char* value,
               ValueKind kind, bool optional)
{
    FieldSpec f = field(key, section, label, help, FieldType::Text, QString::fromUtf8(value));
    f.kind = kind;
    f.optional = optional;
    return f;
}

FieldSpec integer(SettingKey key, const char* section, const char* label, const char* help, int value, int minimum,
                  int maximum)
{
    FieldSpec f = field(key, section, label, help, FieldType::Integer, value);
    f.minimum = minimum;
    f.maximum = maximum;
    return f;
}

FieldSpec boolean(SettingKey key, const char* section, const char* label, const char* help, bool value)
{
    return field(key, section, label, help, FieldType::Boolean, value);
}

FieldSpec choice(SettingKey key, const char* section, const char* label, const char* help, const char* value,
                 QStringList choices, QList<const char*> choiceLabels)
{
    FieldSpec f = field(key, section, label, help, FieldType::Choice, QString::fromLatin1(value));
    f.choices = std::move(choices);
    f.choiceLabels = std::move(choiceLabels);
    return f;
}

FieldSpec list(SettingKey key, const char* section, const char* label, const char* help, QStringList value,
               ValueKind kind)
{
    FieldSpec f = field(key, section, label, help, FieldType::List, value);
    f.kind = kind;
    f.optional = true;
    return f;
}

FieldSpec derived(FieldSpec f, std::function<QString(const Project&)> derive)
{
    f.optional = true;
    f.derive = std::move(derive);
    return f;
}

FieldSpec image(FieldSpec f, const char* fileFilter, ImagePreview preview)
{
    f.fileFilter = fileFilter;
    f.preview = preview;
    return f;
}

QString under(const Project& p, SettingKey key, const char* tail)
{
    return p.text(key) + QString::fromLatin1(tail);
}

QList<FieldSpec> fields()
{
    QList<FieldSpec> f;
    appendSiteFields(f);
    appendServiceFields(f);
    appendWorkerFields(f);
    return f;
}

QList<SecretSpec> secrets()
{
    auto s = [](const char* name, const char* section, const char* label, const char* help) {
        return SecretSpec{QString::fromLatin1(name), QString::fromLatin1(section), label, help};
    };
    return {
        s("django.secretKey", "django", QT_TRANSLATE_NOOP("Secret", "Django SECRET_KEY"),
          QT_TRANSLATE_NOOP("Secret", "SECRET_KEY in .env: signs sessions and tokens.")),
        s("django.apiToken", "django", QT_TRANSLATE_NOOP("Secret", "API auth token"),
          QT_TRANSLATE_NOOP("Secret", "API_AUTH_TOKEN in .env: the token workers use to talk to the API.")),
        s("email.password", "django", QT_TRANSLATE_NOOP("Secret", "SMTP password"),
          QT_TRANSLATE_NOOP("Secret", "EMAIL_HOST_PASSWORD in .env.")),
        s("database.password", "database", QT_TRANSLATE_NOOP("Secret", "Database password"),
          QT_TRANSLATE_NOOP("Secret", "DATABASE_USER_PASSWORD in .env.")),
        s("rabbitmq.password", "rabbitmq", QT_TRANSLATE_NOOP("Secret", "RabbitMQ admin password"),
          QT_TRANSLATE_NOOP("Secret", "Password of the RabbitMQ admin user, part of CELERY_BROKER_URL.")),
        s("flower.password", "flower", QT_TRANSLATE_NOOP("Secret", "Flower password"),
          QT_TRANSLATE_NOOP("Secret", "Basic-auth password of Flower, in the Flower environment file.")),
        s("rollbar.token", "monitoring", QT_TRANSLATE_NOOP("Secret", "Rollbar access token"),
          QT_TRANSLATE_NOOP("Secret", "ROLLBAR_ACCESS_TOKEN in .env.")),
        s("aws.secretKey", "monitoring", QT_TRANSLATE_NOOP("Secret", "AWS secret access key"),
          QT_TRANSLATE_NOOP("Secret", "AWS_SECRET_ACCESS_KEY in .env.")),
        s("ssh.passphrase", "ssh", QT_TRANSLATE_NOOP("Secret", "Key passphrase"),
          QT_TRANSLATE_NOOP("Secret", "Unlocks the identity file when ssh-agent does not hold the key.")),
        s("ssh.password", "ssh", QT_TRANSLATE_NOOP("Secret", "SSH password"),
          QT_TRANSLATE_NOOP("Secret", "Login password, used only when no key is accepted.")),
        s("sudo.password", "ssh", QT_TRANSLATE_NOOP("Secret", "sudo password"),
          QT_TRANSLATE_NOOP("Secret", "Given to sudo on standard input when the SSH user is not root.")),
        s("ansible.vaultPassword", "ssh", QT_TRANSLATE_NOOP("Secret", "Ansible vault password"),
          QT_TRANSLATE_NOOP("Secret", "Encrypts the secrets of `export ansible` (ansible-vault); ansible-playbook "
                                      "asks for it (--ask-vault-pass).")),
    };
}

QList<SectionSpec> sections()
{
    return {
        {QStringLiteral("server"), QT_TRANSLATE_NOOP("Section", "Server & domain")},
        {QStringLiteral("django"), QT_TRANSLATE_NOOP("Section", "Django")},
        {QStringLiteral("database"), QT_TRANSLATE_NOOP("Section", "Database")},
        {QStringLiteral("uwsgi"), QT_TRANSLATE_NOOP("Section", "uWSGI")},
        {QStringLiteral("nginx"), QT_TRANSLATE_NOOP("Section", "nginx")},
        {QStringLiteral("tls"), QT_TRANSLATE_NOOP("Section", "TLS")},
        {QStringLiteral("rabbitmq"), QT_TRANSLATE_NOOP("Section", "RabbitMQ")},
        {QStringLiteral("flower"), QT_TRANSLATE_NOOP("Section", "Flower")},
        {QStringLiteral("monitoring"), QT_TRANSLATE_NOOP("Section", "Monitoring")},
        {QStringLiteral("branding"), QT_TRANSLATE_NOOP("Section", "Branding")},
        {QStringLiteral("ssh"), QT_TRANSLATE_NOOP("Section", "Deploy target")},
        {QStringLiteral("workers"), QT_TRANSLATE_NOOP("Section", "Worker hosts")},
    };
}

} // namespace SchemaTable
} // namespace saltant
