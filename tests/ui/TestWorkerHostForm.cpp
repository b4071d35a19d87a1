#include "MemorySecretStore.h"
#include "UiTestMain.h"
#include "document/ProjectAnalyzer.h"
#include "document/ProjectDocument.h"
#include "forms/FieldEditor.h"
#include "forms/WorkerHostForm.h"
#include "preview/LineNumberEditor.h"
#include "preview/PreviewPane.h"
#include "window/MainWindow.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <memory>

using namespace saltant;

// The selected worker host's own settings: each field shows the value in effect on the host, a shared one greyed;
// typing makes it the host's own (one undo step per field, like the other forms), "Use shared value" gives it back;
// the host's preview follows, and its problems show at its fields and in the Problems dock.
class TestWorkerHostForm : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void form_hasAnEditorForEveryOverridableSetting();
    void sharedValues_areShownGreyed();
    void typingSshHost_overridesIt_andUpdatesThatHostsPreviewOnly();
    void typing_isOneUndoStep_undoRedoRestoreTheHostsPreview();
    void useShared_clearsTheOverride_undoBringsItBack();
    void sharedEdit_showsOnAHostThatDoesNotOverride();
    void missingSshHost_isShownAtTheHostsField();
    void problemJump_selectsTheHostAndFocusesItsField();
    void invalidHostValue_keepsThatHostsLastFilesAndSaysSo();
    void selectingAnotherHost_showsItsValues();
    void revealOnAHostsFile_showsItsSecrets_anotherFileMasksAgain();

private:
    template<class T>
    T* host(const QString& key, const char* kind = "field_") const
    {
        QString name = key;
        name.replace(QLatin1Char('.'), QLatin1Char('_'));
        return m_window->findChild<T*>(QStringLiteral("host_") + QString::fromLatin1(kind) + name);
    }
    FieldEditor* editor(const QString& key) const { return m_window->findChild<WorkerHostForm*>()->editor(key); }
    void typeInto(QLineEdit* edit, const QString& text);
    QString preview(const QString& hostName, const char* fileId) const
    {
        return m_window->previewPane()->displayedText(PreviewPane::workerFileId(hostName, QString::fromLatin1(fileId)));
    }
    const WorkerHost* worker(const char* name) const
    {
        return m_window->document()->project().worker(QString::fromLatin1(name));
    }
    QUndoStack* stack() const { return m_window->document()->undoStack(); }

    std::unique_ptr<MainWindow> m_window;
};

void TestWorkerHostForm::init()
{
    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    m_window->startSession();
    QVERIFY(UiTest::showWithAllSections(m_window.get()));
    QVERIFY(m_window->showSection(QStringLiteral("workers")));
    ProjectDocument* document = m_window->document();
    QVERIFY(document->addWorker(QStringLiteral("gpu-1")));
    QVERIFY(document->setWorkerValue(QStringLiteral("gpu-1"), Key::SshHost, QStringLiteral("gpu1.example.org")));
    QVERIFY(document->addWorker(QStringLiteral("cpu-1")));
    QVERIFY(document->setWorkerValue(QStringLiteral("cpu-1"), Key::SshHost, QStringLiteral("cpu1.example.org")));
    document->finishTyping();
    m_window->findChild<QListWidget*>(QStringLiteral("workerHostList"))->setCurrentRow(0);
    m_window->analyzer()->refreshNow();
}

void TestWorkerHostForm::cleanup()
{
    m_window.reset();
}

void TestWorkerHostForm::typeInto(QLineEdit* edit, const QString& text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void TestWorkerHostForm::form_hasAnEditorForEveryOverridableSetting()
{
    int count = 0;
    for (const FieldSpec& spec : Schema::fields()) {
        QWidget* input = host<QWidget>(spec.key);
        QCOMPARE(input != nullptr, WorkerHost::isOverridable(spec.key));
        count += input ? 1 : 0;
    }
    QVERIFY(count >= 5 + 12 + 6);
    // The section's own editors keep their names: one "field_ssh_host", the server's.
    QCOMPARE(m_window->findChildren<QLineEdit*>(FieldEditor::objectNameFor(Key::SshHost)).size(), 1);
    QCOMPARE(m_window->findChild<QLabel*>(QStringLiteral("workerHostTitle"))->text(),
             QStringLiteral("Settings of gpu-1"));
}

void TestWorkerHostForm::sharedValues_areShownGreyed()
{
    const Project& project = m_window->document()->project();
    // Its own SSH host: normal, with "Use shared value".
    QCOMPARE(host<QLineEdit>(Key::SshHost)->text(), QStringLiteral("gpu1.example.org"));
    QVERIFY(!editor(Key::SshHost)->isShared());
    QVERIFY(host<QToolButton>(Key::SshHost, "useShared_")->isVisibleTo(m_window.get()));
    // The shared port and queues: shown, greyed, nothing to reset.
    QCOMPARE(host<QSpinBox>(Key::SshPort)->value(), project.integer(Key::SshPort));
    QVERIFY(editor(Key::SshPort)->isShared());
    QVERIFY(host<QSpinBox>(Key::SshPort)->font().italic());
    QVERIFY(!host<QToolButton>(Key::SshPort, "useShared_")->isVisibleTo(m_window.get()));
    QCOMPARE(host<QLineEdit>(Key::WorkersQueues)->text(), project.list(Key::WorkersQueues).join(QStringLiteral(", ")));
    QVERIFY(editor(Key::WorkersQueues)->isShared());
}

void TestWorkerHostForm::typingSshHost_overridesIt_andUpdatesThatHostsPreviewOnly()
{
    QVERIFY(preview(QStringLiteral("gpu-1"), "deploy-steps")
                .contains(QStringLiteral("worker host gpu-1 (gpu1.example.org)")));
    const QString cpuSteps = preview(QStringLiteral("cpu-1"), "deploy-steps");
    typeInto(host<QLineEdit>(Key::SshHost), QStringLiteral("gpu7.example.org"));
    QCOMPARE(worker("gpu-1")->overrides.value(Key::SshHost).toString(), QStringLiteral("gpu7.example.org"));
    QVERIFY(m_window->document()->isDirty());

    const quint64 renders = Renderer::renders();
    m_window->analyzer()->refreshNow();
    QCOMPARE(Renderer::renders() - renders, quint64(1)); // that host's files only: no server, no other host
    QVERIFY(preview(QStringLiteral("gpu-1"), "deploy-steps")
                .contains(QStringLiteral("worker host gpu-1 (gpu7.example.org)")));
    QCOMPARE(preview(QStringLiteral("cpu-1"), "deploy-steps"), cpuSteps);
}

void TestWorkerHostForm::typing_isOneUndoStep_undoRedoRestoreTheHostsPreview()
{
    const int steps = stack()->count();
    const QString before = preview(QStringLiteral("gpu-1"), "deploy-steps");
    typeInto(host<QLineEdit>(Key::SshHost), QStringLiteral("gpu7.example.org"));
    QCOMPARE(stack()->count(), steps + 1);
    QCOMPARE(stack()->undoText(), QStringLiteral("Change SSH host of gpu-1"));
    m_window->analyzer()->refreshNow();
    const QString after = preview(QStringLiteral("gpu-1"), "deploy-steps");
    QVERIFY(after != before);

    stack()->undo();
    QCOMPARE(host<QLineEdit>(Key::SshHost)->text(), QStringLiteral("gpu1.example.org"));
    m_window->analyzer()->refreshNow();
    QCOMPARE(preview(QStringLiteral("gpu-1"), "deploy-steps"), before);
    stack()->redo();
    QCOMPARE(host<QLineEdit>(Key::SshHost)->text(), QStringLiteral("gpu7.example.org"));
    m_window->analyzer()->refreshNow();
    QCOMPARE(preview(QStringLiteral("gpu-1"), "deploy-steps"), after);
}

void TestWorkerHostForm::useShared_clearsTheOverride_undoBringsItBack()
{
    auto* port = host<QSpinBox>(Key::SshPort);
    const int shared = port->value();
    port->setValue(2222);
    QCOMPARE(worker("gpu-1")->overrides.value(Key::SshPort).toInt(), 2222);
    QVERIFY(!editor(Key::SshPort)->isShared());
    auto* useShared = host<QToolButton>(Key::SshPort, "useShared_");
    QVERIFY(useShared->isVisibleTo(m_window.get()));
    const int steps = stack()->count();

    useShared->click();
    QVERIFY(!worker("gpu-1")->overrides.contains(Key::SshPort));
    QCOMPARE(port->value(), shared);
    QVERIFY(editor(Key::SshPort)->isShared());
    QVERIFY(!useShared->isVisibleTo(m_window.get()));
    QCOMPARE(stack()->count(), steps + 1);
    QCOMPARE(stack()->undoText(), QStringLiteral("Use the shared SSH port on gpu-1"));

    stack()->undo();
    QCOMPARE(worker("gpu-1")->overrides.value(Key::SshPort).toInt(), 2222);
    QCOMPARE(port->value(), 2222);
    QVERIFY(!editor(Key::SshPort)->isShared());
    stack()->redo();
    QVERIFY(!worker("gpu-1")->overrides.contains(Key::SshPort));
}

void TestWorkerHostForm::sharedEdit_showsOnAHostThatDoesNotOverride()
{
    auto* queues = m_window->findChild<QLineEdit*>(FieldEditor::objectNameFor(Key::WorkersQueues));
    QVERIFY(queues);
    typeInto(queues, QStringLiteral("celery, gpu"));
    QCOMPARE(host<QLineEdit>(Key::WorkersQueues)->text(), QStringLiteral("celery, gpu"));
    QVERIFY(editor(Key::WorkersQueues)->isShared());
    m_window->analyzer()->refreshNow();
    QVERIFY(preview(QStringLiteral("gpu-1"), "worker-unit").contains(QStringLiteral("celery,gpu")));
}

void TestWorkerHostForm::missingSshHost_isShownAtTheHostsField()
{
    auto* problem = host<QLabel>(Key::SshHost, "problem_");
    QVERIFY(problem);
    QVERIFY(!problem->isVisibleTo(m_window.get()));
    host<QToolButton>(Key::SshHost, "useShared_")->click(); // back to the server's: no host of its own
    m_window->analyzer()->refreshNow();
    QVERIFY(problem->isVisibleTo(m_window.get()));
    QVERIFY2(problem->text().contains(QStringLiteral("SSH host: required")), qPrintable(problem->text()));
    QVERIFY(editor(Key::SshHost)->isInvalid());
    // In the Problems dock, named after the host; the server's preview stays current.
    auto* problems = m_window->findChild<QTreeWidget*>(QStringLiteral("problemsList"));
    QVERIFY(!problems->findItems(QStringLiteral("SSH host of gpu-1"), Qt::MatchExactly, 1).isEmpty());
    QVERIFY(!m_window->findChild<QLabel*>(QStringLiteral("previewBanner"))->isVisibleTo(m_window.get()));
    // The other host has none.
    m_window->findChild<QListWidget*>(QStringLiteral("workerHostList"))->setCurrentRow(1);
    QVERIFY(!problem->isVisibleTo(m_window.get()));

    m_window->document()->undoStack()->undo();
    m_window->analyzer()->refreshNow();
    m_window->findChild<QListWidget*>(QStringLiteral("workerHostList"))->setCurrentRow(0);
    QVERIFY(!problem->isVisibleTo(m_window.get()));
}

void TestWorkerHostForm::invalidHostValue_keepsThatHostsLastFilesAndSaysSo()
{
    const QString before = preview(QStringLiteral("gpu-1"), "deploy-steps");
    typeInto(host<QLineEdit>(Key::SshHost), QStringLiteral("not a host!"));
    m_window->analyzer()->refreshNow();
    QVERIFY(editor(Key::SshHost)->isInvalid());
    QCOMPARE(preview(QStringLiteral("gpu-1"), "deploy-steps"), before);
    auto* files = m_window->findChild<QTreeWidget*>(QStringLiteral("previewFiles"));
    const auto groups = files->findItems(QStringLiteral("Worker gpu-1 (not updated"), Qt::MatchStartsWith);
    QCOMPARE(groups.size(), 1);
    QVERIFY2(groups.first()->text(0).contains(QStringLiteral("SSH host")), qPrintable(groups.first()->text(0)));
    QVERIFY(!files->findItems(QStringLiteral("Worker cpu-1"), Qt::MatchExactly).isEmpty());
    // The server's files are current.
    QVERIFY(!m_window->findChild<QLabel*>(QStringLiteral("previewBanner"))->isVisibleTo(m_window.get()));

    stack()->undo();
    m_window->analyzer()->refreshNow();
    QVERIFY(!files->findItems(QStringLiteral("Worker gpu-1"), Qt::MatchExactly).isEmpty());
}

void TestWorkerHostForm::problemJump_selectsTheHostAndFocusesItsField()
{
    QVERIFY(m_window->document()->clearWorkerValue(QStringLiteral("cpu-1"), Key::SshHost));
    m_window->analyzer()->refreshNow();
    QVERIFY(m_window->showSection(QStringLiteral("server")) || m_window->showSection(Schema::sections()[0].id));
    QVERIFY(m_window->goToField(QStringLiteral("workers.cpu-1.ssh.host")));
    QCOMPARE(m_window->currentSection(), QStringLiteral("workers"));
    QCOMPARE(m_window->findChild<QListWidget*>(QStringLiteral("workerHostList"))->currentItem()->text(),
             QStringLiteral("cpu-1"));
    QTRY_COMPARE(QApplication::focusWidget(), host<QWidget>(Key::SshHost));
}

void TestWorkerHostForm::selectingAnotherHost_showsItsValues()
{
    auto* list = m_window->findChild<QListWidget*>(QStringLiteral("workerHostList"));
    list->setCurrentRow(1);
    QCOMPARE(host<QLineEdit>(Key::SshHost)->text(), QStringLiteral("cpu1.example.org"));
    QCOMPARE(m_window->findChild<QLabel*>(QStringLiteral("workerHostTitle"))->text(),
             QStringLiteral("Settings of cpu-1"));
    typeInto(host<QLineEdit>(Key::SshHost), QStringLiteral("cpu9.example.org"));
    QCOMPARE(worker("cpu-1")->overrides.value(Key::SshHost).toString(), QStringLiteral("cpu9.example.org"));
    QCOMPARE(worker("gpu-1")->overrides.value(Key::SshHost).toString(), QStringLiteral("gpu1.example.org"));
}

void TestWorkerHostForm::revealOnAHostsFile_showsItsSecrets_anotherFileMasksAgain()
{
    const QString value = QStringLiteral("api-token-for-the-worker-test-0123456789");
    MemorySecretStore store(m_window->document()->project().projectId());
    QVERIFY(store.writeNow(QStringLiteral("django.apiToken"), value).ok);
    m_window->setSecretStore(&store);
    const QString dotenv = PreviewPane::workerFileId(QStringLiteral("gpu-1"), QStringLiteral("worker-dotenv"));
    PreviewPane* preview = m_window->previewPane();
    QVERIFY(preview->selectFile(dotenv));
    auto* editor = m_window->findChild<LineNumberEditor*>(QStringLiteral("previewEditor"));
    QVERIFY(!editor->toPlainText().contains(value));
    auto* reveal = m_window->findChild<QToolButton*>(QStringLiteral("previewReveal"));
    QVERIFY(reveal && reveal->isVisible());
    reveal->click();
    QTRY_VERIFY(editor->toPlainText().contains(value));
    QVERIFY(editor->toPlainText().contains(QStringLiteral("gpu-1")));
    QVERIFY(preview->selectFile(PreviewPane::workerFileId(QStringLiteral("cpu-1"), QStringLiteral("worker-dotenv"))));
    QVERIFY(!reveal->isChecked());
    QVERIFY(!editor->toPlainText().contains(value));
    m_window->setSecretStore(nullptr);
}

SALTANT_UI_TEST_MAIN(TestWorkerHostForm)
#include "TestWorkerHostForm.moc"
