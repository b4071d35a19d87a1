#pragma once

#include "model/SettingKeys.h"

#include <QString>
#include <QStringList>
#include <QVariant>
#include <functional>

namespace saltant {

class Project;

// The kind of value a setting holds; decides its JSON type and its editor widget.
enum class FieldType
{
    Text,    // JSON string
    Integer, // JSON number (integral), bounded by minimum/maximum
    Boolean, // JSON true/false
    Choice,  // JSON string, one of choices
    List,    // JSON array of strings
};

// What a textual value must look like. Each kind is checked by Validators::check().
enum class ValueKind
{
    FreeText,        // any printable text on one line
    Hostname,        // RFC 1123 DNS name
    HostOrIp,        // DNS name, IPv4 or IPv6 address
    AllowedHost,     // Django ALLOWED_HOSTS entry: host, IP, ".suffix" or "*"
    AbsolutePath,    // remote absolute path made of portable file name characters
    FileName,        // a single portable file name, no slash
    LocalPath,       // a path on the admin's machine ("~/" allowed)
    Identifier,      // [A-Za-z0-9_.-]+ (RabbitMQ users and vhosts, database names)
    UnixName,        // POSIX user or group name
    PythonModule,    // dotted Python module path
    Url,             // http(s) URL
    HttpsUrl,        // https URL
    Email,           // plain mailbox address
    NginxSize,       // nginx size: digits with an optional k/m/g suffix
    TimeZone,        // IANA time zone name
    UrlPathSegment,  // a single URL path segment (no slash)
    SystemdUnitPath, // absolute path of a unit file ending in .service
    AwsKeyId,        // AWS access key id
    BucketName,      // S3 bucket name
    EnvAssignment,   // NAME=value for an environment file: a shell-style variable name, then any printable text
    EnvName,         // a shell-style variable name: letters, digits, underscores, not starting with a digit
};

// The widget that edits a setting, decided by the schema so forms only read it.
enum class EditorKind
{
    LineEdit,  // FieldType::Text
    LocalFile, // FieldType::Text of ValueKind::LocalPath: a line edit with a Browse button
    ListEdit,  // FieldType::List: a comma-separated line edit
    SpinBox,   // FieldType::Integer
    CheckBox,  // FieldType::Boolean; the check box carries the label
    ComboBox,  // FieldType::Choice
};

// A preview the form shows under a local image file (the branding picker).
enum class ImagePreview
{
    None,
    SquarePng, // the site logo: a square PNG
    Icon,      // the favicon: an .ico
};

// One setting of the project model: its dotted key, type, default and how it is checked.
struct FieldSpec
{
    SettingKey key;    // Key::NginxClientMaxBodySize ("nginx.clientMaxBodySize")
    QString section;   // GUI section id ("nginx")
    const char* label; // short label, untranslated (QT_TRANSLATE_NOOP context "Field")
    const char* help;  // one sentence: what it does and what it becomes in which file
    FieldType type = FieldType::Text;
    QVariant defaultValue;
    ValueKind kind = ValueKind::FreeText;
    int minimum = 0;
    int maximum = 0;
    QStringList choices; // FieldType::Choice
    // FieldType::Choice: human names parallel to choices, untranslated (context "saltant::FieldEditor"); an empty
    // list shows the stored values.
    QList<const char*> choiceLabels;
    QStringList suggestions; // FieldType::Text: common values the form offers (any valid value is allowed)
    bool optional = false;   // an empty text is allowed
    // For settings that follow another one when left empty (e.g. the static dir follows the project dir).
    std::function<QString(const Project&)> derive;
    // ValueKind::LocalPath: the file dialog's filter, untranslated (context "saltant::FieldEditor"); null: all files.
    const char* fileFilter = nullptr;
    ImagePreview preview = ImagePreview::None;

    // The label and help text in the user's language.
    QString displayLabel() const;
    QString displayHelp() const;
    // The name the form shows for a choice value (the value itself when it has none).
    QString choiceLabel(const QString& value) const;
    // The filter of the file dialog that picks a ValueKind::LocalPath value.
    QString fileDialogFilter() const;
    EditorKind editor() const;
};

} // namespace saltant
