#include "export/AnsiblePlaybook.h"

#include "export/AnsibleFileTasks.h"
#include "export/AnsibleTask.h"
#include "export/AnsibleYaml.h"
#include "plan/Plan.h"

namespace saltant {
namespace {

using Y = AnsibleYaml;
using Task = AnsibleTask;

QString handlerName(qsizetype index, const DeployStep& step)
{
    // Handler names are matched by notify and templated: no Jinja2 delimiters in them.
    return QStringLiteral("saltant handler %1: %2").arg(index).arg(Y::plainLabel(step.title));
}

// Which handler steps each file notifies (every file, for a handler without triggers), in the deploy's order.
QHash<QString, QStringList> handlersByFile(const QList<DeployStep>& steps, const QList<GeneratedFile>& files)
{
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
    return notify;
}

// The play of one host, phase by phase as Plan::build orders our deploy.
class PlayWriter
{
public:
    PlayWriter(const AnsibleHost& host, bool becomePassword)
        : m_host(host), m_steps(host.rendered.steps), m_files(AnsiblePlaybook::deployable(host.rendered)),
          m_notify(handlersByFile(m_steps, m_files)), m_fileTasks(host, m_files, m_notify),
          m_becomePassword(becomePassword)
    {}

    Q_DISABLE_COPY(PlayWriter)

    QString play() const
    {
        const QString tasks = checks() + probes() + m_fileTasks.statTask() + prepare() + m_fileTasks.block(validate()) +
                              provision() + drift();
        QString out = header();
        out += tasks.isEmpty() ? QStringLiteral("  tasks: []\n") : QStringLiteral("  tasks:\n") + tasks;
        const QString handlerList = handlers();
        if (!handlerList.isEmpty()) {
            out += QStringLiteral("  handlers:\n") + handlerList;
        }
        return out;
    }

private:
    // The play's head: its host, no fact gathering (nothing uses facts), the vault, and its vars.
    QString header() const
    {
        QString out =
            QStringLiteral("- name: ") + Y::unsafe(QStringLiteral("saltant ") + m_host.label) + QLatin1Char('\n');
        out += QStringLiteral("  hosts: ") + Y::quoted(m_host.name) + QLatin1Char('\n');
        out += QStringLiteral("  gather_facts: false\n  vars_files:\n    - \"vault.yml\"\n");
        QString vars;
        if (m_becomePassword) {
            vars += QStringLiteral("    ansible_become_password: ") +
                    Y::quoted(QStringLiteral("{{ ") + AnsiblePlaybook::secretVariable(QStringLiteral("sudo.password")) +
                              QStringLiteral(" }}")) +
                    QLatin1Char('\n');
        }
        vars += m_fileTasks.expectedVars();
        if (!vars.isEmpty()) {
            out += QStringLiteral("  vars:\n") + vars;
        }
        return out;
    }

    // Check steps: Ansible runs each probe read-only (as the plan's snapshot) and fails the host with the plan's
    // remedy when the program is missing, or installs it first with -e saltant_install_missing=true.
    QString checks() const
    {
        QString tasks;
        for (qsizetype i = 0; i < m_steps.size(); ++i) {
            if (m_steps.at(i).phase == StepPhase::Check) {
                tasks += check(i);
            }
        }
        return tasks;
    }

    QString check(qsizetype i) const
    {
        static const QString installMissing = QStringLiteral("(saltant_install_missing | default(false) | bool)");
        const DeployStep& step = m_steps.at(i);
        const QString checked = QStringLiteral("saltant_c%1").arg(i);
        const QString missing = QStringLiteral("(%1.rc != 0)").arg(checked);
        QString tasks = Task::shell(QStringLiteral("Check: ") + step.title, step.command).readOnly(checked).yaml(4);
        QString alternativeOk;
        if (!step.alternativeProbe.isEmpty()) {
            const QString alternative = QStringLiteral("saltant_a%1").arg(i);
            tasks += Task::shell(QStringLiteral("Check (alternative): ") + step.title, step.alternativeProbe)
                         .readOnly(alternative)
                         .yaml(4);
            alternativeOk = QStringLiteral("(%1.rc == 0)").arg(alternative);
        }
        QString refuse = missing;
        if (!step.installCommand.isEmpty()) {
            Task install = Task::shell(QStringLiteral("Install: ") + step.title, step.installCommand);
            install.field(QStringLiteral("when"), Task::when(missing + QStringLiteral(" and ") + installMissing));
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
            fail.field(QStringLiteral("when"), Task::when(refusal.first));
            tasks += fail.yaml(4);
        }
        return tasks;
    }

    // Probes: Ansible runs every satisfiedWhen read-only before anything changes, as the plan's snapshot does.
    QString probes() const
    {
        QString tasks;
        for (qsizetype i = 0; i < m_steps.size(); ++i) {
            const DeployStep& step = m_steps.at(i);
            if (step.phase != StepPhase::Check && !step.satisfiedWhen.isEmpty()) {
                tasks += Task::shell(QStringLiteral("Probe: ") + step.title, step.satisfiedWhen)
                             .readOnly(QStringLiteral("saltant_p%1").arg(i))
                             .yaml(4);
            }
        }
        return tasks;
    }

    // Prepare steps: Ansible runs them before the files, when a file they are triggered by would change (the
    // stat) or their probe failed, as the plan would.
    QString prepare() const { return phaseTasks(StepPhase::Prepare, QStringLiteral("Prepare: "), 4, true); }

    // Validate steps (inside the files block): Ansible runs them when their files changed; a failure rescues.
    QString validate() const { return phaseTasks(StepPhase::Validate, QStringLiteral("Validate: "), 8, false); }

    // Provision steps: Ansible runs them after the files, when their files changed or their probe failed.
    QString provision() const { return phaseTasks(StepPhase::Provision, QStringLiteral("Provision: "), 4, false); }

    // A shell task for every step of a phase, when the plan would run it.
    QString phaseTasks(StepPhase phase, const QString& label, int indent, bool beforeFiles) const
    {
        QString tasks;
        for (qsizetype i = 0; i < m_steps.size(); ++i) {
            const DeployStep& step = m_steps.at(i);
            if (step.phase == phase) {
                Task task = Task::shell(label + step.title, step.command, step.stdinSecret);
                task.field(QStringLiteral("when"), Task::when(needed(i, beforeFiles)));
                tasks += task.yaml(indent);
            }
        }
        return tasks;
    }

    // Whether step i runs: its files would change (beforeFiles) or changed, or its probe failed.
    QString needed(qsizetype i, bool beforeFiles) const
    {
        const DeployStep& step = m_steps.at(i);
        QString condition =
            beforeFiles ? m_fileTasks.wouldChange(step.triggeredBy) : m_fileTasks.changed(step.triggeredBy);
        if (!step.satisfiedWhen.isEmpty()) {
            condition = QLatin1Char('(') + condition + QStringLiteral(") or ") + probeFailed(i);
        }
        return condition;
    }

    static QString probeFailed(qsizetype i) { return QStringLiteral("(saltant_p%1.rc != 0)").arg(i); }

    // Drift: a handler whose probe failed is notified by a "changed" debug task, so Ansible runs it even without a
    // changed file (the plan runs it for the drift).
    QString drift() const
    {
        QString tasks;
        for (qsizetype i = 0; i < m_steps.size(); ++i) {
            const DeployStep& step = m_steps.at(i);
            if (step.phase != StepPhase::Handlers || step.satisfiedWhen.isEmpty()) {
                continue;
            }
            Task notice{QStringLiteral("Drift: ") + step.title, QStringLiteral("ansible.builtin.debug"), {}, {}};
            notice.arg(QStringLiteral("msg"), Y::unsafe(QStringLiteral("needed: ") + step.title));
            notice.field(QStringLiteral("changed_when"), QStringLiteral("true"))
                .field(QStringLiteral("when"), Task::when(probeFailed(i)))
                .field(QStringLiteral("notify"), QLatin1Char('[') + Y::quoted(handlerName(i, step)) + QLatin1Char(']'));
            tasks += notice.yaml(4);
        }
        return tasks;
    }

    // Handlers steps: Ansible runs each notified handler once, after the tasks, in the deploy's order (the order
    // they are listed in), and none when the host failed (the rescue fails it).
    QString handlers() const
    {
        QString out;
        for (qsizetype i = 0; i < m_steps.size(); ++i) {
            const DeployStep& step = m_steps.at(i);
            if (step.phase != StepPhase::Handlers) {
                continue;
            }
            QString yaml = Task::shell(QString(), step.command, step.stdinSecret).yaml(4);
            // Handlers are looked up by name: a plain one, not !unsafe.
            yaml.replace(0, yaml.indexOf(QLatin1Char('\n')),
                         QStringLiteral("    - name: ") + Y::quoted(handlerName(i, step)));
            out += yaml;
        }
        return out;
    }

    const AnsibleHost& m_host;
    const QList<DeployStep>& m_steps;
    const QList<GeneratedFile> m_files;
    const QHash<QString, QStringList> m_notify;
    const AnsibleFileTasks m_fileTasks;
    const bool m_becomePassword;
};

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
    return PlayWriter(host, becomePassword).play();
}

} // namespace saltant
