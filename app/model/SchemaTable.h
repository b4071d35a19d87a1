#pragma once

#include "model/Schema.h"

namespace saltant {

// The data of Schema: every setting, secret and section, in form order. Only Schema.cpp reads it; everything else
// asks Schema.
namespace SchemaTable {

QList<FieldSpec> fields();
QList<SecretSpec> secrets();
QList<SectionSpec> sections();

// The parts of fields(), one file each so the table stays readable.
void appendSiteFields(QList<FieldSpec>& f);    // server, django, database, uwsgi, nginx, tls
void appendServiceFields(QList<FieldSpec>& f); // rabbitmq, flower, monitoring, branding, ssh
void appendWorkerFields(QList<FieldSpec>& f);  // workers: what every worker host shares

// The one factory of a field, and what each type adds to it.
FieldSpec field(SettingKey key, const char* section, const char* label, const char* help, FieldType type,
                QVariant value);
FieldSpec text(SettingKey key, const char* section, const char* label, const char* help, const char* value,
               ValueKind kind, bool optional = false);
FieldSpec integer(SettingKey key, const char* section, const char* label, const char* help, int value, int minimum,
                  int maximum);
FieldSpec boolean(SettingKey key, const char* section, const char* label, const char* help, bool value);
FieldSpec choice(SettingKey key, const char* section, const char* label, const char* help, const char* value,
                 QStringList choices, QList<const char*> choiceLabels);
FieldSpec list(SettingKey key, const char* section, const char* label, const char* help, QStringList value,
               ValueKind kind);
// A text field that follows derive when left empty.
FieldSpec derived(FieldSpec f, std::function<QString(const Project&)> derive);
// A local image file the site shows, picked with a filtered file dialog and previewed by the form.
FieldSpec image(FieldSpec f, const char* fileFilter, ImagePreview preview);
// The text of key with tail appended (derived paths under another setting).
QString under(const Project& p, SettingKey key, const char* tail);

} // namespace SchemaTable
} // namespace saltant
