#include "export/AnsiblePlaybook.h"

#include "export/AnsibleYaml.h"
#include "plan/Plan.h"

#include <QCryptographicHash>

namespace saltant {
namespace {

using Y = AnsibleYaml;

// One task (or handler) of the play: written as block YAML at an indentation.
struct Task
{
    QString name;                          // literal text (!unsafe)
    QString module;                        // "ansible.builtin.shell"
    QList<QPair<QString, QString>> args;   // module arguments, values already YAML
    QList<QPair<QString, QString>> fields; // register, when, notify, ... values already YAML

    Task& arg(const QString& key, const QString& value)
    {
        args.append({key, value});
        return *this;
    }
    Task& field(const QString& key, const QString& value)
    {
        fields.append({key, value});
        return *this;
    }
    QString yaml(int indent) const
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
};

// Read-only: never "changed", runs in --check too, its exit status only registered.
Task& readOnly(Task& task, const QString& registerName)
{
    return task.field(QStringLiteral("register"), registerName)
        .field(QStringLiteral("changed_when"), QStringLiteral("false"))
        .field(QStringLiteral("failed_when"), QStringLiteral("false"))
        .field(QStringLiteral("check_mode"), QStringLiteral("false"));
}

Task shellTask(const QString& name, const QString& command, const QString& stdinSecret = QString())
{
    Task task{name, QStringLiteral("ansible.builtin.shell"), {}, {}};
    task.arg(QStringLiteral("cmd"), Y::unsafe(command));
    if (!stdinSecret.isEmpty()) {
        // The deploy writes the value and a newline; so does Ansible (stdin_add_newline).
        task.arg(
            QStringLiteral("stdin"),
            Y::quoted(QStringLiteral("{{ ") + AnsiblePlaybook::secretVariable(stdinSecret) + QStringLiteral(" }}")));
    }
    return task;
}

QString when(const QString& condition)
{
    return Y::quoted(condition);
}

// Whether the files a step is triggered by (every file when empty) changed: "(F) or (F) ...", F formatting the
// name of each file's (P<n>) and link's (P<n>l<k>) variable; "false" when none is on this host.
class Registers
{
public:
    explicit Registers(const QList<GeneratedFile>& files) : m_files(files) {}

    QString changed(const QString& prefix, const QStringList& triggeredBy, const QString& format) const
    {
        QStringList parts;
        for (qsizetype n = 0; n < m_files.size(); ++n) {
            if (!triggeredBy.isEmpty() && !triggeredBy.contains(m_files.at(n).id)) {
                continue;
            }
            parts << format.arg(prefix + QString::number(n));
            for (qsizetype k = 0; k < m_files.at(n).symlinks.size(); ++k) {
                parts << format.arg(QStringLiteral("%1%2l%3").arg(prefix).arg(n).arg(k));
            }
        }
        return parts.isEmpty() ? QStringLiteral("false") : parts.join(QStringLiteral(" or "));
    }

private:
    const QList<GeneratedFile>& m_files;
};

QString handlerName(qsizetype index, const DeployStep& step)
{
    // Handler names are matched by notify and templated: no Jinja2 delimiters in them.
    return QStringLiteral("saltant handler %1: %2").arg(index).arg(Y::plainLabel(step.title));
}

} // namespace

QString AnsiblePlaybook::secretVariable(const QString& secretName)
{
    QString out = QStringLiteral("saltant_secret_");
    for (const QChar c : secretName) {
        out += c.isLetterOrNumber() && c.unicode() < 0x80 ? c.toLower() : QLatin1Char('_');
    }
    return out;
}

QString AnsiblePlaybook::checksumVariable(const AnsibleHost& host, const GeneratedFile& file)
{
    QString out = QStringLiteral("saltant_sha1_");
    for (const QChar c : QString(host.name + QLatin1Char('_') + file.id)) {
        out += c.isLetterOrNumber() && c.unicode() < 0x80 ? c.toLower() : QLatin1Char('_');
    }
    return out;
}

QString AnsiblePlaybook::localPath(const AnsibleHost& host, const GeneratedFile& file)
{
    return QStringLiteral("files/") + host.name + QLatin1Char('/') + file.id;
}

QList<GeneratedFile> AnsiblePlaybook::deployable(const RenderResult& rendered)
{
    QList<GeneratedFile> out;
    for (const GeneratedFile& file : rendered.files) {
        if (!file.previewOnly) {
            out.append(file);
        }
    }
    return out;
}

QStringList AnsiblePlaybook::stdinSecrets(const AnsibleHost& host)
{
    QStringList out;
    for (const DeployStep& step : host.rendered.steps) {
        if (step.phase != StepPhase::Check && !step.stdinSecret.isEmpty() && !out.contains(step.stdinSecret)) {
            out << step.stdinSecret;
        }
    }
    return out;
}

QString AnsiblePlaybook::play(const AnsibleHost& host, bool becomePassword)
{
    const QList<GeneratedFile> files = deployable(host.rendered);
    const QList<DeployStep>& steps = host.rendered.steps;
    const Registers registers(files);
    const QString installMissing = QStringLiteral("(saltant_install_missing | default(false) | bool)");
    const QString fileVar = QStringLiteral("saltant_f");
    const QString wouldVar = QStringLiteral("saltant_w");

    QString out = QStringLiteral("- name: ") + Y::unsafe(QStringLiteral("saltant ") + host.label) + QLatin1Char('\n');
    out += QStringLiteral("  hosts: ") + Y::quoted(host.name) + QLatin1Char('\n');
    out += QStringLiteral("  gather_facts: false\n  vars_files:\n    - \"vault.yml\"\n");
    QString vars;
    if (becomePassword) {
        vars +=
            QStringLiteral("    ansible_become_password: ") +
            Y::quoted(QStringLiteral("{{ ") + secretVariable(QStringLiteral("sudo.password")) + QStringLiteral(" }}")) +
            QLatin1Char('\n');
    }
    // What each file and link must be (the stat task's loop, in this order), and for each whether it would change
    // (evaluated when used, after the stat task): content (SHA-1, of files holding secrets from the vault), mode,
    // owner and group; a link's target.
    if (!files.isEmpty()) {
        vars += QStringLiteral("    saltant_expected:\n");
        QString would;
        qsizetype j = 0;
        const auto result = [](qsizetype index) {
            return QStringLiteral("{% set b = saltant_before.results[%1].stat %}{% set e = saltant_expected[%1] %}")
                .arg(index);
        };
        for (qsizetype n = 0; n < files.size(); ++n) {
            const GeneratedFile& file = files.at(n);
            const QString checksum =
                file.holdsSecrets
                    ? QStringLiteral("{{ ") + checksumVariable(host, file) + QStringLiteral(" }}")
                    : QString::fromLatin1(
                          QCryptographicHash::hash(file.content.toUtf8(), QCryptographicHash::Sha1).toHex());
            vars += QStringLiteral("      - {path: %1, checksum: %2, mode: %3, owner: %4, group: %5}\n")
                        .arg(Y::unsafe(file.remotePath), Y::quoted(checksum), Y::quoted(file.modeString()),
                             Y::unsafe(file.owner), Y::unsafe(file.group));
            would += QStringLiteral("    saltant_w%1: ").arg(n) +
                     Y::quoted(result(j++) +
                               QStringLiteral("{{ not (b.exists and b.isreg and b.checksum == e.checksum and b.mode == "
                                              "e.mode and b.pw_name == e.owner and b.gr_name == e.group) }}")) +
                     QLatin1Char('\n');
            for (qsizetype k = 0; k < file.symlinks.size(); ++k) {
                vars += QStringLiteral("      - {path: %1, link: %2}\n")
                            .arg(Y::unsafe(file.symlinks.at(k)), Y::unsafe(file.remotePath));
                would += QStringLiteral("    saltant_w%1l%2: ").arg(n).arg(k) +
                         Y::quoted(result(j++) +
                                   QStringLiteral("{{ not (b.exists and b.islnk and b.lnk_target == e.link) }}")) +
                         QLatin1Char('\n');
            }
        }
        vars += would;
    }
    if (!vars.isEmpty()) {
        out += QStringLiteral("  vars:\n") + vars;
    }

    // Which handler steps each file notifies.
    QHash<QString, QStringList> notify;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const DeployStep& step = steps.at(i);
        if (step.phase != StepPhase::Handlers) {
            continue;
        }
        for (const GeneratedFile& file : files) {
            if (step.triggeredBy.isEmpty() || step.triggeredBy.contains(file.id)) {
                notify[file.id] << handlerName(i, step);
            }
        }
    }
    const auto notifyField = [&notify](Task& task, const QString& id) {
        if (!notify.value(id).isEmpty()) {
            QStringList quoted;
            for (const QString& name : notify.value(id)) {
                quoted << Y::quoted(name);
            }
            task.field(QStringLiteral("notify"),
                       QLatin1Char('[') + quoted.join(QStringLiteral(", ")) + QLatin1Char(']'));
        }
    };
    const auto probeFailed = [](qsizetype i) {
        return QStringLiteral("(saltant_p%1.rc != 0)").arg(i);
    };
    const auto needed = [&](qsizetype i, const QString& prefix) {
        const DeployStep& step = steps.at(i);
        QString condition =
            registers.changed(prefix, step.triggeredBy,
                              prefix == wouldVar ? QStringLiteral("(%1 | bool)") : QStringLiteral("(%1 is changed)"));
        if (!step.satisfiedWhen.isEmpty()) {
            condition = QLatin1Char('(') + condition + QStringLiteral(") or ") + probeFailed(i);
        }
        return condition;
    };

    QString tasks;
    // 1. Checks, as the plan's snapshot runs them.
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const DeployStep& step = steps.at(i);
        if (step.phase != StepPhase::Check) {
            continue;
        }
        const QString check = QStringLiteral("saltant_c%1").arg(i);
        const QString missing = QStringLiteral("(%1.rc != 0)").arg(check);
        Task probe = shellTask(QStringLiteral("Check: ") + step.title, step.command);
        tasks += readOnly(probe, check).yaml(4);
        QString alternativeOk;
        if (!step.alternativeProbe.isEmpty()) {
            const QString alternative = QStringLiteral("saltant_a%1").arg(i);
            Task task = shellTask(QStringLiteral("Check (alternative): ") + step.title, step.alternativeProbe);
            tasks += readOnly(task, alternative).yaml(4);
            alternativeOk = QStringLiteral("(%1.rc == 0)").arg(alternative);
        }
        QString refuse = missing;
        if (!step.installCommand.isEmpty()) {
            Task install = shellTask(QStringLiteral("Install: ") + step.title, step.installCommand);
            install.field(QStringLiteral("when"), when(missing + QStringLiteral(" and ") + installMissing));
            tasks += install.yaml(4);
            refuse += QStringLiteral(" and not ") + installMissing;
        }
        // The plan's own sentence for a missing program (with the install command and the remedy).
        const auto message = [&step](const QString& remedy) {
            Plan plan;
            plan.missingPrograms.append({step.title, step.command, step.installCommand, remedy});
            return plan.refusals(false).value(0);
        };
        const QList<QPair<QString, QString>> refusals =
            alternativeOk.isEmpty()
                ? QList<QPair<QString, QString>>{{refuse, message(step.remedy)}}
                : QList<QPair<QString, QString>>{
                      {refuse + QStringLiteral(" and not ") + alternativeOk, message(step.remedy)},
                      {refuse + QStringLiteral(" and ") + alternativeOk, message(step.alternativeRemedy)}};
        for (const auto& refusal : refusals) {
            Task fail{QStringLiteral("Missing: ") + step.title, QStringLiteral("ansible.builtin.fail"), {}, {}};
            fail.arg(QStringLiteral("msg"), Y::unsafe(refusal.second));
            fail.field(QStringLiteral("when"), when(refusal.first));
            tasks += fail.yaml(4);
        }
    }
    // 2. Every probe, before anything changes.
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const DeployStep& step = steps.at(i);
        if (step.phase == StepPhase::Check || step.satisfiedWhen.isEmpty()) {
            continue;
        }
        Task probe = shellTask(QStringLiteral("Probe: ") + step.title, step.satisfiedWhen);
        tasks += readOnly(probe, QStringLiteral("saltant_p%1").arg(i)).yaml(4);
    }
    // 3. What the files and links are now (read-only, also in --check): whether each would change (content, mode,
    // owner, link target), and what the rescue restores.
    QStringList paths;
    QHash<QString, qsizetype> before;
    for (const GeneratedFile& file : files) {
        for (const QString& path : QStringList{file.remotePath} + file.symlinks) {
            before.insert(path, paths.size());
            paths << path;
        }
    }
    if (!files.isEmpty()) {
        Task stat{QStringLiteral("What the files and links are now"), QStringLiteral("ansible.builtin.stat"), {}, {}};
        stat.arg(QStringLiteral("path"), Y::quoted(QStringLiteral("{{ item.path }}")))
            .arg(QStringLiteral("get_checksum"), QStringLiteral("true"))
            .arg(QStringLiteral("checksum_algorithm"), QStringLiteral("sha1"))
            .arg(QStringLiteral("get_mime"), QStringLiteral("false"))
            .arg(QStringLiteral("get_attributes"), QStringLiteral("false"));
        stat.field(QStringLiteral("loop"), Y::quoted(QStringLiteral("{{ saltant_expected }}")))
            .field(QStringLiteral("loop_control"), QStringLiteral("{label: \"{{ item.path }}\"}"))
            .field(QStringLiteral("register"), QStringLiteral("saltant_before"));
        tasks += stat.yaml(4);
    }
    const auto copyTask = [&](qsizetype n, const QString& name) {
        const GeneratedFile& file = files.at(n);
        Task task{name + file.remotePath, QStringLiteral("ansible.builtin.copy"), {}, {}};
        task.arg(QStringLiteral("src"), Y::quoted(QStringLiteral("{{ playbook_dir }}/") + localPath(host, file)))
            .arg(QStringLiteral("dest"), Y::unsafe(file.remotePath))
            .arg(QStringLiteral("mode"), Y::quoted(file.modeString()))
            .arg(QStringLiteral("owner"), Y::unsafe(file.owner))
            .arg(QStringLiteral("group"), Y::unsafe(file.group));
        return task;
    };
    const auto linkTask = [&](qsizetype n, qsizetype k, const QString& name) {
        const GeneratedFile& file = files.at(n);
        Task task{name + file.symlinks.at(k), QStringLiteral("ansible.builtin.file"), {}, {}};
        task.arg(QStringLiteral("src"), Y::unsafe(file.remotePath))
            .arg(QStringLiteral("dest"), Y::unsafe(file.symlinks.at(k)))
            .arg(QStringLiteral("state"), QStringLiteral("link"));
        return task;
    };
    // 4. Prepare steps, when the plan would run them.
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const DeployStep& step = steps.at(i);
        if (step.phase == StepPhase::Prepare) {
            Task task = shellTask(QStringLiteral("Prepare: ") + step.title, step.command, step.stdinSecret);
            task.field(QStringLiteral("when"), when(needed(i, wouldVar)));
            tasks += task.yaml(4);
        }
    }
    // 6. The files, links and validation as one block; the rescue restores.
    QString block;
    QString rescue;
    QStringList backups;
    const auto beforeField = [&before](const QString& path, const QString& field, const QString& fallback) {
        return QStringLiteral("(saltant_before.results[%1].stat.%2 | default(%3))")
            .arg(before.value(path))
            .arg(field, fallback);
    };
    for (qsizetype n = 0; n < files.size(); ++n) {
        const GeneratedFile& file = files.at(n);
        const QString reg = fileVar + QString::number(n);
        Task task = copyTask(n, QStringLiteral("File "));
        task.arg(QStringLiteral("backup"), QStringLiteral("true")).field(QStringLiteral("register"), reg);
        notifyField(task, file.id);
        block += task.yaml(8);
        backups << reg;
        Task restore{QStringLiteral("Restore ") + file.remotePath, QStringLiteral("ansible.builtin.command"), {}, {}};
        restore.arg(QStringLiteral("argv"), QStringLiteral("[\"mv\", \"-f\", \"--\", \"{{ %1.backup_file }}\", %2]")
                                                .arg(reg, Y::unsafe(file.remotePath)));
        restore.field(QStringLiteral("when"),
                      when(QStringLiteral("%1 is defined and %1.backup_file is defined").arg(reg)));
        rescue += restore.yaml(8);
        Task remove{
            QStringLiteral("Remove the new ") + file.remotePath, QStringLiteral("ansible.builtin.file"), {}, {}};
        remove.arg(QStringLiteral("path"), Y::unsafe(file.remotePath))
            .arg(QStringLiteral("state"), QStringLiteral("absent"));
        remove.field(QStringLiteral("when"), when(QStringLiteral("%1 is defined and %1 is changed and not %2")
                                                      .arg(reg, beforeField(file.remotePath, QStringLiteral("exists"),
                                                                            QStringLiteral("true")))));
        rescue += remove.yaml(8);
        for (qsizetype k = 0; k < file.symlinks.size(); ++k) {
            const QString link = file.symlinks.at(k);
            const QString linkReg = QStringLiteral("%1l%2").arg(reg).arg(k);
            Task linking = linkTask(n, k, QStringLiteral("Link "));
            linking.field(QStringLiteral("register"), linkReg);
            notifyField(linking, file.id);
            block += linking.yaml(8);
            Task relink{QStringLiteral("Restore the link ") + link, QStringLiteral("ansible.builtin.file"), {}, {}};
            relink
                .arg(QStringLiteral("src"),
                     Y::quoted(
                         QStringLiteral("{{ saltant_before.results[%1].stat.lnk_target }}").arg(before.value(link))))
                .arg(QStringLiteral("dest"), Y::unsafe(link))
                .arg(QStringLiteral("state"), QStringLiteral("link"))
                .arg(QStringLiteral("force"), QStringLiteral("true"));
            relink.field(QStringLiteral("when"),
                         when(QStringLiteral("%1 is defined and %1 is changed and %2")
                                  .arg(linkReg, beforeField(link, QStringLiteral("islnk"), QStringLiteral("false")))));
            rescue += relink.yaml(8);
            Task unlink{QStringLiteral("Remove the new link ") + link, QStringLiteral("ansible.builtin.file"), {}, {}};
            unlink.arg(QStringLiteral("path"), Y::unsafe(link)).arg(QStringLiteral("state"), QStringLiteral("absent"));
            unlink.field(QStringLiteral("when"),
                         when(QStringLiteral("%1 is defined and %1 is changed and not %2")
                                  .arg(linkReg, beforeField(link, QStringLiteral("exists"), QStringLiteral("true")))));
            rescue += unlink.yaml(8);
        }
    }
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const DeployStep& step = steps.at(i);
        if (step.phase == StepPhase::Validate) {
            Task task = shellTask(QStringLiteral("Validate: ") + step.title, step.command, step.stdinSecret);
            task.field(QStringLiteral("when"), when(needed(i, fileVar)));
            block += task.yaml(8);
        }
    }
    if (!files.isEmpty()) {
        Task clean{
            QStringLiteral("Remove the backups of the replaced files"), QStringLiteral("ansible.builtin.file"), {}, {}};
        clean.arg(QStringLiteral("path"), Y::quoted(QStringLiteral("{{ item }}")))
            .arg(QStringLiteral("state"), QStringLiteral("absent"));
        clean.field(QStringLiteral("loop"),
                    Y::quoted(QStringLiteral("{{ [") + backups.join(QStringLiteral(", ")) +
                              QStringLiteral("] | selectattr('backup_file', 'defined') | map(attribute='backup_file') "
                                             "| list }}")));
        block += clean.yaml(8);
        Task fail{QStringLiteral("The server rejected the new configuration; every file was restored"),
                  QStringLiteral("ansible.builtin.fail"),
                  {},
                  {}};
        fail.arg(QStringLiteral("msg"),
                 Y::quoted(QStringLiteral("The server rejected the new configuration; every file was restored. "
                                          "{{ ansible_failed_result.stderr | default(ansible_failed_result.msg | "
                                          "default('')) }}")));
        rescue += fail.yaml(8);
        tasks += QStringLiteral("    - name: \"Install the files, validate, or restore them all\"\n      block:\n") +
                 block + QStringLiteral("      rescue:\n") + rescue;
    }
    // 7. Provisioning, in the deploy's order.
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const DeployStep& step = steps.at(i);
        if (step.phase == StepPhase::Provision) {
            Task task = shellTask(QStringLiteral("Provision: ") + step.title, step.command, step.stdinSecret);
            task.field(QStringLiteral("when"), when(needed(i, fileVar)));
            tasks += task.yaml(4);
        }
    }
    // 8. A handler whose probe reports drift runs even without a changed file.
    QString handlers;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const DeployStep& step = steps.at(i);
        if (step.phase != StepPhase::Handlers) {
            continue;
        }
        if (!step.satisfiedWhen.isEmpty()) {
            Task drift{QStringLiteral("Drift: ") + step.title, QStringLiteral("ansible.builtin.debug"), {}, {}};
            drift.arg(QStringLiteral("msg"), Y::unsafe(QStringLiteral("needed: ") + step.title));
            drift.field(QStringLiteral("changed_when"), QStringLiteral("true"))
                .field(QStringLiteral("when"), when(probeFailed(i)))
                .field(QStringLiteral("notify"), QLatin1Char('[') + Y::quoted(handlerName(i, step)) + QLatin1Char(']'));
            tasks += drift.yaml(4);
        }
        Task handler = shellTask(QString(), step.command, step.stdinSecret);
        QString yaml = handler.yaml(4);
        // Handlers are looked up by name: a plain one, not !unsafe.
        yaml.replace(0, yaml.indexOf(QLatin1Char('\n')),
                     QStringLiteral("    - name: ") + Y::quoted(handlerName(i, step)));
        handlers += yaml;
    }
    out += tasks.isEmpty() ? QStringLiteral("  tasks: []\n") : QStringLiteral("  tasks:\n") + tasks;
    if (!handlers.isEmpty()) {
        out += QStringLiteral("  handlers:\n") + handlers;
    }
    return out;
}

} // namespace saltant
