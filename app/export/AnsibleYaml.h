#pragma once

#include <QString>
#include <QStringList>

namespace saltant {

// Scalars for the YAML files of an Ansible export. Every string is written double-quoted with JSON's escapes (JSON
// is valid YAML), every character YAML could read as a line break or a byte-order mark escaped; a value that holds
// anything the admin typed is also tagged !unsafe, so Ansible never evaluates a "{{ ... }}" in it as Jinja2.
class AnsibleYaml
{
public:
    // "text", escaped.
    static QString quoted(const QString& text);
    // !unsafe "text": taken literally by Ansible (no templating, however the value is used).
    static QString unsafe(const QString& text);
    // A flow sequence of unsafe strings: [!unsafe "a", !unsafe "b"].
    static QString unsafeList(const QStringList& items);
    // A Jinja2-free label: text without the characters that open or close a template ({, }, %, #).
    static QString plainLabel(const QString& text);
};

} // namespace saltant
