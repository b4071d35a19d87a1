#pragma once

#include "export/AnsibleHost.h"
#include "export/AnsibleTask.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace saltant {

// The parts of a host's play that install its generated files and links (see AnsiblePlaybook):
//   - saltant_expected and saltant_w<n>[l<k>]: what each file and link must be, and whether it would change;
//   - the stat of every file and link (read-only, also in --check): what they are now, what the rescue restores;
//   - the block that copies the files (with backups) and sets the links, runs the Validate steps, removes the
//     backups, and its rescue that puts every replaced file and link back and fails the host.
// File n registers saltant_f<n>, its link k saltant_f<n>l<k>, in the order of the host's deployable files.
class AnsibleFileTasks
{
public:
    // notify: the handler names each file's (and its links') tasks notify, by file id.
    AnsibleFileTasks(const AnsibleHost& host, const QList<GeneratedFile>& files,
                     const QHash<QString, QStringList>& notify);

    bool isEmpty() const { return m_files.isEmpty(); }
    // The play's vars saltant_expected and saltant_w... (4 spaces in); empty without files.
    QString expectedVars() const;
    // The stat task (a task of the play, 4 spaces in); empty without files.
    QString statTask() const;
    // The "Install the files, validate, or restore them all" block (4 spaces in) with validateTasks (8 spaces in)
    // after the files and links; empty without files.
    QString block(const QString& validateTasks) const;

    // Whether any of the files triggeredBy names (every file when empty) and their links would change, before
    // they are installed: "(saltant_w0 | bool) or ..."; "false" when none is on this host.
    QString wouldChange(const QStringList& triggeredBy) const;
    // Whether any of them changed, after they are installed: "(saltant_f0 is changed) or ..."; "false" when none.
    QString changed(const QStringList& triggeredBy) const;

private:
    QString registers(const QString& prefix, const QStringList& triggeredBy, const QString& format) const;
    QString copyTask(qsizetype n) const;
    QString linkTask(qsizetype n, qsizetype k) const;
    QString restoreTasks(qsizetype n) const;
    QString restoreLinkTasks(qsizetype n, qsizetype k) const;
    QString beforeField(const QString& path, const QString& field, const QString& fallback) const;
    void notify(AnsibleTask& task, const GeneratedFile& file) const;

    const AnsibleHost& m_host;
    const QList<GeneratedFile>& m_files;
    const QHash<QString, QStringList>& m_notify;
    QHash<QString, qsizetype> m_before; // path -> its index in the stat task's loop (saltant_before.results)
};

} // namespace saltant
