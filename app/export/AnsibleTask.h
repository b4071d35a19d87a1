#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace saltant {

// One task (or handler) of an exported play, written as block YAML at an indentation:
//   - name: !unsafe "<name>"
//     <module>:
//       <arg>: <value>
//     <field>: <value>
// Used by AnsiblePlaybook and AnsibleFileTasks; values are given already as YAML (AnsibleYaml).
struct AnsibleTask
{
    QString name;                          // literal text (!unsafe)
    QString module;                        // "ansible.builtin.shell"
    QList<QPair<QString, QString>> args;   // module arguments, values already YAML
    QList<QPair<QString, QString>> fields; // register, when, notify, ... values already YAML

    AnsibleTask& arg(const QString& key, const QString& value);
    AnsibleTask& field(const QString& key, const QString& value);
    // Read-only: never "changed", runs in --check too, its exit status only registered in registerName.
    AnsibleTask& readOnly(const QString& registerName);
    QString yaml(int indent) const;

    // A literal shell command; stdinSecret (a secret's name) is written on its standard input from the vault.
    static AnsibleTask shell(const QString& name, const QString& command, const QString& stdinSecret = QString());
    // A "when" condition (a Jinja2 expression) as YAML.
    static QString when(const QString& condition);
};

} // namespace saltant
