#pragma once

#include "lint/Lint.h"
#include "model/FieldSpec.h"

#include <QVariant>
#include <QWidget>

class QLabel;
class QToolButton;

namespace saltant {

class Project;

// The editor of one setting, chosen by its FieldSpec: a line edit (text, comma-separated list; local paths get a
// Browse button), a spin box, a check box or a combo box. Load/commit: load() copies the model into the widget
// without emitting; a user edit emits edited() with the new stored value. The input's objectName is
// "field_<key with . replaced by _>" (after namePrefix, for a second editor of the same setting elsewhere, e.g. a
// worker host's); a message under it shows the field's problem.
class FieldEditor : public QWidget
{
    Q_OBJECT

public:
    FieldEditor(const FieldSpec& spec, QWidget* parent = nullptr, const QString& namePrefix = QString());

    static QString objectNameFor(const QString& key);

    const FieldSpec& spec() const { return m_spec; }
    QString key() const { return m_spec.key; }
    QWidget* input() const { return m_input; }
    // The text a label shows for this setting (translated).
    QString label() const;
    bool usesOwnLabel() const { return m_spec.editor() == EditorKind::CheckBox; }

    void load(const Project& project);
    // How often load() ran (an edit loads only the editors it changes; tests count them).
    int loadCount() const { return m_loads; }
    // Whether project changes what the editor shows although its own setting did not change: the value a derived
    // setting follows when left empty (its placeholder) differs from the one shown.
    bool followsChangedSetting(const Project& project) const;
    // An empty message clears the problem. Errors frame the input in red, warnings in amber.
    void setIssue(const QString& message, Severity severity);
    bool isInvalid() const { return !m_issue.isEmpty() && m_severity == Severity::Error; }
    QString issue() const { return m_issue; }
    // Shows the value as one followed from elsewhere (a worker host's field showing the shared setting): greyed and
    // italic, with hint as tooltip. Editing it still emits edited().
    void setShared(bool shared, const QString& hint = QString());
    bool isShared() const { return m_shared; }

signals:
    void edited(const QString& key, const QVariant& value);
    void editingFinished();

private:
    QWidget* createInput();
    void browse();
    QVariant currentValue() const;
    void updateFrame();

    FieldSpec m_spec;
    QWidget* m_input = nullptr;
    QToolButton* m_browse = nullptr;
    QLabel* m_message = nullptr;
    QString m_issue;
    Severity m_severity = Severity::Info;
    int m_loads = 0;
    bool m_shared = false;
};

} // namespace saltant
