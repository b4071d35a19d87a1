#include "export/AnsibleTask.h"

#include "export/AnsiblePlaybook.h"
#include "export/AnsibleYaml.h"

namespace saltant {

using Y = AnsibleYaml;

AnsibleTask& AnsibleTask::arg(const QString& key, const QString& value)
{
    args.append({key, value});
    return *this;
}

AnsibleTask& AnsibleTask::field(const QString& key, const QString& value)
{
    fields.append({key, value});
    return *this;
}

AnsibleTask& AnsibleTask::readOnly(const QString& registerName)
{
    return field(QStringLiteral("register"), registerName)
        .field(QStringLiteral("changed_when"), QStringLiteral("false"))
        .field(QStringLiteral("failed_when"), QStringLiteral("false"))
        .field(QStringLiteral("check_mode"), QStringLiteral("false"));
}

QString AnsibleTask::yaml(int indent) const
{
    const QString pad(indent, QLatin1Char(' '));
    QString out = pad + QStringLiteral("- name: ") + Y::unsafe(name) + QLatin1Char('\n');
    out += pad + QStringLiteral("  ") + module + QStringLiteral(":\n");
    for (const auto& a : args) {
        out += pad + QStringLiteral("    ") + a.first + QStringLiteral(": ") + a.second + QLatin1Char('\n');
    }
    for (const auto& f : fields) {
        out += pad + QStringLiteral("  ") + f.first + QStringLiteral(": ") + f.second + QLatin1Char('\n');
    }
    return out;
}

AnsibleTask AnsibleTask::shell(const QString& name, const QString& command, const QString& stdinSecret)
{
    AnsibleTask task{name, QStringLiteral("ansible.builtin.shell"), {}, {}};
    task.arg(QStringLiteral("cmd"), Y::unsafe(command));
    if (!stdinSecret.isEmpty()) {
        // The deploy writes the value and a newline; so does Ansible (stdin_add_newline).
        task.arg(
            QStringLiteral("stdin"),
            Y::quoted(QStringLiteral("{{ ") + AnsiblePlaybook::secretVariable(stdinSecret) + QStringLiteral(" }}")));
    }
    return task;
}

QString AnsibleTask::when(const QString& condition)
{
    return Y::quoted(condition);
}

} // namespace saltant
