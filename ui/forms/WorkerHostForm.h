#pragma once

#include "lint/Lint.h"
#include "model/Project.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QLabel;
class QToolButton;

namespace saltant {

class FieldEditor;

// The settings of one worker host: a FieldEditor (named "host_field_<key>") for each setting a host may set for
// itself (WorkerHost::isOverridable(): SSH target, worker settings, worker directories), showing the value in effect
// on the host. A value the host does not set itself is the shared one, greyed; editing it makes it the host's own,
// and "Use shared value" ("host_useShared_<key>") gives it back. Edits go out as signals; the panel records them.
class WorkerHostForm : public QWidget
{
    Q_OBJECT

public:
    explicit WorkerHostForm(QWidget* parent = nullptr);

    // The settings a host may set for itself: ssh.*, workers.*, worker.*, each in schema order.
    static QList<const FieldSpec*> hostFields();

    QString host() const { return m_host; }
    FieldEditor* editor(const QString& key) const { return m_byKey.value(key); }
    QList<FieldEditor*> editors() const { return m_editors; }

    // Shows host of project (every field).
    void load(const Project& project, const QString& host);
    // Key changed, for the host or for all: loads its editor and the editors that follow it.
    void reload(const Project& project, const QString& key);
    // Shows under each field the most severe issue about it on this host ("workers.HOST.KEY").
    void setIssues(const QList<LintIssue>& issues);

signals:
    void edited(const QString& key, const QVariant& value);
    void editingFinished();
    void useSharedRequested(const QString& key);

private:
    void loadEditor(FieldEditor* editor, const Project& effective, const WorkerHost& host);

    QLabel* m_title;
    QString m_host;
    QList<FieldEditor*> m_editors;
    QHash<QString, FieldEditor*> m_byKey;
    QHash<QString, QToolButton*> m_useShared;
    QList<LintIssue> m_issues;
};

} // namespace saltant
