#pragma once

#include "lint/Lint.h"
#include "model/Project.h"
#include "model/Schema.h"

#include <QHash>
#include <QList>
#include <QScrollArea>
#include <functional>

class QFormLayout;
class QLabel;

namespace saltant {

class BrandingPicker;
class FieldEditor;
class SectionExtension;

// The form of one section, built from Schema alone: a FieldEditor per setting of the section, in schema order, then
// the section's secrets. No section has a hand-written form; what a section edits besides its settings comes
// below them as a SectionExtension (the Worker hosts section's list of hosts).
//
// The form is built by ensureBuilt() (the window calls it when the section is first shown, or in the background
// after the first paint), not by the constructor: until then editors(), editor() and secretWidget() find nothing,
// and load(), setIssues(), setSecretStates() and setSecretWidgetFactory() are remembered and applied when it is built.
class SectionPage : public QScrollArea
{
    Q_OBJECT

public:
    // Makes the widget that shows (and may edit) one secret of the section. The default shows its name and
    // whether the keychain holds it (setSecretStates()).
    using SecretWidgetFactory = std::function<QWidget*(const SecretSpec& secret, QWidget* parent)>;
    // Makes what the section shows below its fields and secrets (built with the form).
    using ExtensionFactory = std::function<SectionExtension*(QWidget* parent)>;

    SectionPage(const SectionSpec& section, const SecretWidgetFactory& secretFactory = {}, QWidget* parent = nullptr);

    QString sectionId() const { return m_sectionId; }
    QString title() const;

    bool isBuilt() const { return m_form != nullptr; }
    // Builds the form (once) and fills it from what the page was told so far.
    void ensureBuilt();
    QList<FieldEditor*> editors() const { return m_editors; }
    FieldEditor* editor(const QString& key) const { return m_byKey.value(key); }
    QWidget* secretWidget(const QString& name) const { return m_secretWidgets.value(name); }

    // Replaces every secret's widget with one made by factory (the default rows when factory is empty).
    void setSecretWidgetFactory(const SecretWidgetFactory& factory);
    QList<QWidget*> secretWidgets() const { return m_secretWidgets.values(); }
    // Set before the form is built.
    void setExtensionFactory(const ExtensionFactory& factory) { m_extensionFactory = factory; }
    SectionExtension* extension() const { return m_extension; }

    void load(const Project& project);
    // The setting key changed in project: loads its editor and the editors that follow it (derived settings whose
    // placeholder changes), no other.
    void reload(const Project& project, const QString& key);
    // Shows, under each field, the most severe issue about it (issues arrive sorted by severity).
    void setIssues(const QList<LintIssue>& issues);
    // name -> 1 stored, 0 not stored, -1 unknown. Only used by the default secret rows.
    void setSecretStates(const QHash<QString, int>& states);
    // Scrolls to the setting or secret and gives it the keyboard focus (building the form first).
    bool focusField(const QString& keyOrSecret);

    // Before the form is built the page's hints depend only on its style and font, and they are kept: the window's
    // splitter asks for every page's on each layout pass before the first paint (QStackedLayout::minimumSize()).
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // The form has just been built (its secret widgets are new).
    void built();
    void edited(const QString& key, const QVariant& value);
    void editingFinished();

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* defaultSecretRow(const SecretSpec& secret, QWidget* parent);
    void buildSecrets(const SecretWidgetFactory& factory);
    // hint() once the form is built; before, the value kept in kept (computed by hint() the first time).
    template<typename Hint>
    QSize keptHint(QSize& kept, const Hint& hint) const;

    QString m_sectionId;
    SectionSpec m_section;
    QWidget* m_form = nullptr;
    SecretWidgetFactory m_secretFactory;
    Project m_project;
    bool m_loaded = false;
    QList<LintIssue> m_issues;
    QHash<QString, int> m_secretStateValues;
    QList<FieldEditor*> m_editors;
    QHash<QString, FieldEditor*> m_byKey;
    QHash<QString, BrandingPicker*> m_pickers;
    QHash<QString, QWidget*> m_secretWidgets;
    QHash<QString, QLabel*> m_secretStates;
    QWidget* m_secretsBox = nullptr;
    ExtensionFactory m_extensionFactory;
    SectionExtension* m_extension = nullptr;
    mutable QSize m_shellSizeHint;        // kept while the form is not built (invalid: not asked yet)
    mutable QSize m_shellMinimumSizeHint; // likewise
};

} // namespace saltant
