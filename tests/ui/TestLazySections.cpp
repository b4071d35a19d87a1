#include "MemorySecretStore.h"
#include "UiTestMain.h"
#include "document/ProjectAnalyzer.h"
#include "document/ProjectDocument.h"
#include "forms/FieldEditor.h"
#include "forms/SecretEditor.h"
#include "forms/SectionPage.h"
#include "generate/Renderer.h"
#include "model/Schema.h"
#include "panels/ProblemsPanel.h"
#include "window/MainWindow.h"

#include <QCheckBox>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QTreeWidget>
#include <QUndoStack>
#include <memory>

using namespace saltant;

// The window builds the current section's form at once and every other form when first needed (shown, a
// Problems jump) or in the background after its first paint; what the forms show does not depend on when.
class TestLazySections : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void onlyTheCurrentSection_isBuiltAtFirst();
    void showingASection_buildsIt();
    void unbuiltPage_keepsItsHintsUntilBuiltOrRestyled();
    void problemJump_buildsTheSectionAndFocusesTheField();
    void editsAndUndo_beforeTheBuild_showInTheForm();
    void afterTheFirstPaint_everySectionIsBuiltAndTheKeychainProbed();
    void firstAnalysis_waitsForTheFirstPaint();

private:
    template<class T>
    T* field(const QString& key) const
    {
        return m_window->findChild<T*>(FieldEditor::objectNameFor(key));
    }
    QString otherSection(const QString& keyToAvoid = QString()) const;

    std::unique_ptr<MemorySecretStore> m_store;
    std::unique_ptr<MainWindow> m_window;
};

void TestLazySections::init()
{
    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    m_window->startSession();
    m_store = std::make_unique<MemorySecretStore>(m_window->document()->project().projectId());
    m_window->setSecretStore(m_store.get());
    m_window->analyzer()->refreshNow();
}

void TestLazySections::cleanup()
{
    m_window.reset();
    m_store.reset();
}

QString TestLazySections::otherSection(const QString& keyToAvoid) const
{
    for (const SectionSpec& section : Schema::sections()) {
        if (section.id != m_window->currentSection() && !Schema::fieldsOfSection(section.id).isEmpty() &&
            (keyToAvoid.isEmpty() || Schema::field(keyToAvoid)->section != section.id)) {
            return section.id;
        }
    }
    return QString();
}

void TestLazySections::onlyTheCurrentSection_isBuiltAtFirst()
{
    const QString current = m_window->currentSection();
    QCOMPARE(current, Schema::sections().constFirst().id);
    for (const SectionSpec& section : Schema::sections()) {
        const bool isCurrent = section.id == current;
        QCOMPARE(m_window->page(section.id)->isBuilt(), isCurrent);
        for (const FieldSpec* spec : Schema::fieldsOfSection(section.id)) {
            QVERIFY2((field<QWidget>(spec->key) != nullptr) == isCurrent, qPrintable(spec->key));
        }
        for (const SecretSpec* secret : Schema::secretsOfSection(section.id)) {
            const auto* editor = m_window->findChild<SecretEditor*>(SecretEditor::objectNameFor(secret->name));
            QVERIFY2((editor != nullptr) == isCurrent, qPrintable(secret->name));
        }
    }
}

// An unbuilt page keeps its size hints (the splitter asks for every page's on each layout pass): they are those of an
// empty scroll area like it, follow a font change, and once the form is built they are the form's.
void TestLazySections::unbuiltPage_keepsItsHintsUntilBuiltOrRestyled()
{
    SectionPage* page = m_window->page(otherSection());
    QVERIFY(!page->isBuilt());
    QScrollArea empty;
    empty.setWidgetResizable(true);
    empty.setFrameShape(QFrame::NoFrame);
    QCOMPARE(page->sizeHint(), empty.sizeHint());
    QCOMPARE(page->minimumSizeHint(), empty.minimumSizeHint());

    QFont larger = page->font();
    larger.setPointSizeF(larger.pointSizeF() * 2);
    page->setFont(larger);
    empty.setFont(larger);
    QVERIFY(page->sizeHint() != QSize(0, 0));
    QCOMPARE(page->sizeHint(), empty.sizeHint());
    QCOMPARE(page->minimumSizeHint(), empty.minimumSizeHint());
    page->setFont(QFont());

    const QSize shell = page->sizeHint();
    page->ensureBuilt();
    QVERIFY(page->isBuilt());
    QVERIFY(page->widget());
    QVERIFY2(page->sizeHint() != shell, "the built page still answers with the empty page's hint");
}

void TestLazySections::showingASection_buildsIt()
{
    const QString section = otherSection();
    QVERIFY(!m_window->page(section)->isBuilt());
    QVERIFY(m_window->showSection(section));
    QVERIFY(m_window->page(section)->isBuilt());
    for (const FieldSpec* spec : Schema::fieldsOfSection(section)) {
        QVERIFY2(field<QWidget>(spec->key), qPrintable(spec->key));
    }
    m_window->ensureAllSectionsBuilt();
    for (const SectionSpec& each : Schema::sections()) {
        QVERIFY2(m_window->page(each.id)->isBuilt(), qPrintable(each.id));
    }
}

void TestLazySections::problemJump_buildsTheSectionAndFocusesTheField()
{
    const QString key = Key::DjangoDebug;
    QVERIFY(m_window->currentSection() != QLatin1String("django"));
    QVERIFY(!m_window->page(QStringLiteral("django"))->isBuilt());
    m_window->document()->setValue(key, true);
    m_window->analyzer()->refreshNow();
    QVERIFY(!m_window->page(QStringLiteral("django"))->isBuilt());

    auto* list = m_window->problemsPanel()->findChild<QTreeWidget*>(QStringLiteral("problemsList"));
    QVERIFY(list);
    const QList<QTreeWidgetItem*> items = list->findItems(ProblemsPanel::fieldLabel(key), Qt::MatchExactly, 1);
    QVERIFY(!items.isEmpty());
    list->setCurrentItem(items.constFirst());
    emit list->itemActivated(items.constFirst(), 0);

    QCOMPARE(m_window->currentSection(), QStringLiteral("django"));
    QVERIFY(m_window->page(QStringLiteral("django"))->isBuilt());
    auto* debug = field<QCheckBox>(key);
    QVERIFY(debug);
    QVERIFY(debug->isChecked());
    QCOMPARE(m_window->focusWidget(), debug);
}

void TestLazySections::editsAndUndo_beforeTheBuild_showInTheForm()
{
    const SettingKey key = Key::EmailPort;
    const QString section = Schema::field(key)->section;
    QVERIFY(m_window->currentSection() != section);
    const int before = m_window->document()->project().integer(key);
    m_window->document()->setValue(key, before + 1);
    m_window->document()->setValue(key, before + 2);
    m_window->document()->undoStack()->undo();
    const int expected = m_window->document()->project().integer(key);
    QVERIFY(expected != before + 2);
    QVERIFY(!m_window->page(section)->isBuilt());

    QVERIFY(m_window->showSection(section));
    auto* port = field<QSpinBox>(key);
    QVERIFY(port);
    QCOMPARE(port->value(), expected);
    m_window->document()->undoStack()->redo();
    QCOMPARE(port->value(), before + 2);
}

void TestLazySections::afterTheFirstPaint_everySectionIsBuiltAndTheKeychainProbed()
{
    const SecretSpec& secret = Schema::secrets().constLast();
    QVERIFY(m_window->currentSection() != secret.section);
    QVERIFY(m_store->writeNow(secret.name, QStringLiteral("a-value-for-the-lazy-test-0123456789")).ok);
    QVERIFY(!m_window->page(secret.section)->isBuilt());

    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    for (const SectionSpec& section : Schema::sections()) {
        QTRY_VERIFY2(m_window->page(section.id)->isBuilt(), qPrintable(section.id));
    }
    auto* editor = m_window->findChild<SecretEditor*>(SecretEditor::objectNameFor(secret.name));
    QVERIFY(editor);
    QTRY_COMPARE(editor->state(), SecretEditor::State::Stored);
    QTRY_VERIFY(!m_window->analyzer()->issues().isEmpty());
    for (const LintIssue& issue : m_window->analyzer()->issues()) {
        QVERIFY2(!(issue.field == secret.name && issue.ruleId == QLatin1String("missing-secret")),
                 qPrintable(issue.message));
    }
}

// What the GUI's main() does without --screenshot or --preview: the window paints its forms first and renders the
// preview right after; edits in between are analysed then, once.
void TestLazySections::firstAnalysis_waitsForTheFirstPaint()
{
    m_window.reset();
    m_window = std::make_unique<MainWindow>();
    m_window->startSession();
    m_window->setSecretStore(m_store.get());
    const quint64 renders = Renderer::renders();
    m_window->analyseAfterFirstPaint();
    QTest::qWait(50);
    m_window->document()->setValue(Key::NginxClientMaxBodySize, QStringLiteral("30M"));
    QTest::qWait(50);
    QCOMPARE(Renderer::renders(), renders); // held: nothing rendered before the window is painted
    QVERIFY(m_window->analyzer()->lastResult().files.isEmpty());

    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY(!m_window->analyzer()->lastResult().files.isEmpty());
    QCOMPARE(Renderer::renders(), renders + 1);
    bool found = false;
    for (const GeneratedFile& file : m_window->analyzer()->lastResult().files) {
        found = found || (file.id == QLatin1String("nginx-site") && file.content.contains(QLatin1String("30M")));
    }
    QVERIFY(found); // the edit made before the paint is in the first analysis

    // Released: an edit is analysed on the next turn of the event loop again.
    m_window->document()->setValue(Key::NginxClientMaxBodySize, QStringLiteral("40M"));
    QTRY_COMPARE(Renderer::renders(), renders + 2);
    // Asked again once painted, there is nothing to wait for: edits are still analysed.
    m_window->analyseAfterFirstPaint();
    m_window->document()->setValue(Key::NginxClientMaxBodySize, QStringLiteral("50M"));
    QTRY_COMPARE(Renderer::renders(), renders + 3);
}

SALTANT_UI_TEST_MAIN(TestLazySections)
#include "TestLazySections.moc"
