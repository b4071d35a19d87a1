#include "export/AnsibleFileTasks.h"

#include "export/AnsiblePlaybook.h"
#include "export/AnsibleYaml.h"

#include <QCryptographicHash>

namespace saltant {

using Y = AnsibleYaml;
using Task = AnsibleTask;

AnsibleFileTasks::AnsibleFileTasks(const AnsibleHost& host, const QList<GeneratedFile>& files,
                                   const QHash<QString, QStringList>& notify)
    : m_host(host), m_files(files), m_notify(notify)
{
    qsizetype index = 0;
    for (const GeneratedFile& file : files) {
        for (const QString& path : QStringList{file.remotePath} + file.symlinks) {
            m_before.insert(path, index++);
        }
    }
}

// What each file and link must be (the stat task's loop, in this order), and for each whether it would change
// (evaluated when used, after the stat task): content (SHA-1, of files holding secrets from the vault), mode,
// owner and group; a link's target.
QString AnsibleFileTasks::expectedVars() const
{
    if (m_files.isEmpty()) {
        return QString();
    }
    QString vars = QStringLiteral("    saltant_expected:\n");
    QString would;
    qsizetype j = 0;
    const auto result = [](qsizetype index) {
        return QStringLiteral("{% set b = saltant_before.results[%1].stat %}{% set e = saltant_expected[%1] %}")
            .arg(index);
    };
    for (qsizetype n = 0; n < m_files.size(); ++n) {
        const GeneratedFile& file = m_files.at(n);
        const QString checksum =
            file.holdsSecrets
                ? QStringLiteral("{{ ") + AnsiblePlaybook::checksumVariable(m_host, file) + QStringLiteral(" }}")
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
            would +=
                QStringLiteral("    saltant_w%1l%2: ").arg(n).arg(k) +
                Y::quoted(result(j++) + QStringLiteral("{{ not (b.exists and b.islnk and b.lnk_target == e.link) }}")) +
                QLatin1Char('\n');
        }
    }
    return vars + would;
}

// Ansible stats every path once, read-only (also in --check), before anything changes: as our plan's snapshot.
QString AnsibleFileTasks::statTask() const
{
    if (m_files.isEmpty()) {
        return QString();
    }
    Task stat{QStringLiteral("What the files and links are now"), QStringLiteral("ansible.builtin.stat"), {}, {}};
    stat.arg(QStringLiteral("path"), Y::quoted(QStringLiteral("{{ item.path }}")))
        .arg(QStringLiteral("get_checksum"), QStringLiteral("true"))
        .arg(QStringLiteral("checksum_algorithm"), QStringLiteral("sha1"))
        .arg(QStringLiteral("get_mime"), QStringLiteral("false"))
        .arg(QStringLiteral("get_attributes"), QStringLiteral("false"));
    stat.field(QStringLiteral("loop"), Y::quoted(QStringLiteral("{{ saltant_expected }}")))
        .field(QStringLiteral("loop_control"), QStringLiteral("{label: \"{{ item.path }}\"}"))
        .field(QStringLiteral("register"), QStringLiteral("saltant_before"));
    return stat.yaml(4);
}

// Ansible copies every file (keeping a backup), sets every link, validates; any failure runs the rescue, which
// restores what was there and fails the host so no handler runs (our deploy's transaction and rollback).
QString AnsibleFileTasks::block(const QString& validateTasks) const
{
    if (m_files.isEmpty()) {
        return QString();
    }
    QString block;
    QString rescue;
    QStringList backups;
    for (qsizetype n = 0; n < m_files.size(); ++n) {
        block += copyTask(n);
        rescue += restoreTasks(n);
        backups << QStringLiteral("saltant_f%1").arg(n);
        for (qsizetype k = 0; k < m_files.at(n).symlinks.size(); ++k) {
            block += linkTask(n, k);
            rescue += restoreLinkTasks(n, k);
        }
    }
    block += validateTasks;
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
    return QStringLiteral("    - name: \"Install the files, validate, or restore them all\"\n      block:\n") + block +
           QStringLiteral("      rescue:\n") + rescue;
}

QString AnsibleFileTasks::wouldChange(const QStringList& triggeredBy) const
{
    return registers(QStringLiteral("saltant_w"), triggeredBy, QStringLiteral("(%1 | bool)"));
}

QString AnsibleFileTasks::changed(const QStringList& triggeredBy) const
{
    return registers(QStringLiteral("saltant_f"), triggeredBy, QStringLiteral("(%1 is changed)"));
}

// "(F) or (F) ...", F formatting the name of each file's (P<n>) and link's (P<n>l<k>) variable.
QString AnsibleFileTasks::registers(const QString& prefix, const QStringList& triggeredBy, const QString& format) const
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

// Ansible copies the file with its mode and owner, backing up the one it replaces; notifies its handlers.
QString AnsibleFileTasks::copyTask(qsizetype n) const
{
    const GeneratedFile& file = m_files.at(n);
    Task task{QStringLiteral("File ") + file.remotePath, QStringLiteral("ansible.builtin.copy"), {}, {}};
    task.arg(QStringLiteral("src"),
             Y::quoted(QStringLiteral("{{ playbook_dir }}/") + AnsiblePlaybook::localPath(m_host, file)))
        .arg(QStringLiteral("dest"), Y::unsafe(file.remotePath))
        .arg(QStringLiteral("mode"), Y::quoted(file.modeString()))
        .arg(QStringLiteral("owner"), Y::unsafe(file.owner))
        .arg(QStringLiteral("group"), Y::unsafe(file.group))
        .arg(QStringLiteral("backup"), QStringLiteral("true"));
    task.field(QStringLiteral("register"), QStringLiteral("saltant_f%1").arg(n));
    notify(task, file);
    return task.yaml(8);
}

// Ansible points the link at the file; notifies the file's handlers.
QString AnsibleFileTasks::linkTask(qsizetype n, qsizetype k) const
{
    const GeneratedFile& file = m_files.at(n);
    Task task{QStringLiteral("Link ") + file.symlinks.at(k), QStringLiteral("ansible.builtin.file"), {}, {}};
    task.arg(QStringLiteral("src"), Y::unsafe(file.remotePath))
        .arg(QStringLiteral("dest"), Y::unsafe(file.symlinks.at(k)))
        .arg(QStringLiteral("state"), QStringLiteral("link"));
    task.field(QStringLiteral("register"), QStringLiteral("saltant_f%1l%2").arg(n).arg(k));
    notify(task, file);
    return task.yaml(8);
}

// Rescue: Ansible moves the backup back over the file, or removes a file that did not exist before.
QString AnsibleFileTasks::restoreTasks(qsizetype n) const
{
    const GeneratedFile& file = m_files.at(n);
    const QString reg = QStringLiteral("saltant_f%1").arg(n);
    Task restore{QStringLiteral("Restore ") + file.remotePath, QStringLiteral("ansible.builtin.command"), {}, {}};
    restore.arg(
        QStringLiteral("argv"),
        QStringLiteral("[\"mv\", \"-f\", \"--\", \"{{ %1.backup_file }}\", %2]").arg(reg, Y::unsafe(file.remotePath)));
    restore.field(QStringLiteral("when"),
                  Task::when(QStringLiteral("%1 is defined and %1.backup_file is defined").arg(reg)));
    Task remove{QStringLiteral("Remove the new ") + file.remotePath, QStringLiteral("ansible.builtin.file"), {}, {}};
    remove.arg(QStringLiteral("path"), Y::unsafe(file.remotePath))
        .arg(QStringLiteral("state"), QStringLiteral("absent"));
    remove.field(QStringLiteral("when"), Task::when(QStringLiteral("%1 is defined and %1 is changed and not %2")
                                                        .arg(reg, beforeField(file.remotePath, QStringLiteral("exists"),
                                                                              QStringLiteral("true")))));
    return restore.yaml(8) + remove.yaml(8);
}

// Rescue: Ansible points a changed link back at its old target, or removes a link that did not exist before.
QString AnsibleFileTasks::restoreLinkTasks(qsizetype n, qsizetype k) const
{
    const QString link = m_files.at(n).symlinks.at(k);
    const QString linkReg = QStringLiteral("saltant_f%1l%2").arg(n).arg(k);
    Task relink{QStringLiteral("Restore the link ") + link, QStringLiteral("ansible.builtin.file"), {}, {}};
    relink
        .arg(QStringLiteral("src"),
             Y::quoted(QStringLiteral("{{ saltant_before.results[%1].stat.lnk_target }}").arg(m_before.value(link))))
        .arg(QStringLiteral("dest"), Y::unsafe(link))
        .arg(QStringLiteral("state"), QStringLiteral("link"))
        .arg(QStringLiteral("force"), QStringLiteral("true"));
    relink.field(QStringLiteral("when"),
                 Task::when(QStringLiteral("%1 is defined and %1 is changed and %2")
                                .arg(linkReg, beforeField(link, QStringLiteral("islnk"), QStringLiteral("false")))));
    Task unlink{QStringLiteral("Remove the new link ") + link, QStringLiteral("ansible.builtin.file"), {}, {}};
    unlink.arg(QStringLiteral("path"), Y::unsafe(link)).arg(QStringLiteral("state"), QStringLiteral("absent"));
    unlink.field(QStringLiteral("when"),
                 Task::when(QStringLiteral("%1 is defined and %1 is changed and not %2")
                                .arg(linkReg, beforeField(link, QStringLiteral("exists"), QStringLiteral("true")))));
    return relink.yaml(8) + unlink.yaml(8);
}

// A field of what the stat found at path, with a fallback when the stat did not run.
QString AnsibleFileTasks::beforeField(const QString& path, const QString& field, const QString& fallback) const
{
    return QStringLiteral("(saltant_before.results[%1].stat.%2 | default(%3))")
        .arg(m_before.value(path))
        .arg(field, fallback);
}

void AnsibleFileTasks::notify(AnsibleTask& task, const GeneratedFile& file) const
{
    if (!m_notify.value(file.id).isEmpty()) {
        QStringList quoted;
        for (const QString& name : m_notify.value(file.id)) {
            quoted << Y::quoted(name);
        }
        task.field(QStringLiteral("notify"), QLatin1Char('[') + quoted.join(QStringLiteral(", ")) + QLatin1Char(']'));
    }
}

} // namespace saltant
