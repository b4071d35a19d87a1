#include "UiTestMain.h"
#include "document/ProjectAnalyzer.h"
#include "document/ProjectDocument.h"
#include "preview/PreviewPane.h"
#include "window/MainWindow.h"

#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>
#include <memory>

using namespace saltant;

// The list of worker hosts in the Worker hosts section: add by name (a refused name shows why and changes nothing),
// duplicate, rename, remove and reorder, each one undoable step that marks the project modified; the preview lists
// each host's files in a group under its name.
class TestWorkerHostsPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void add_byName_isOneUndoableStep();
    void add_refusedName_showsWhyAndChangesNothing_data();
    void add_refusedName_showsWhyAndChangesNothing();
    void duplicate_copiesTheHostsSettingsUnderTheNextName();
    void duplicate_typedName_isUsed();
    void rename_usesTheTypedName();
    void remove_selectsTheNextHost_undoBringsItBack();
    void moveUpAndDown_reorder_undoRestoresTheOrder();
    void buttons_followTheSelection();
    void preview_listsEachHostsFilesUnderItsName();
    void preview_removedHost_leavesThePreview();
    void openProjectWithHosts_showsThemAndTheirGoldenFiles();
    void save_keepsTheHosts_andMarksTheProjectSaved();

private:
    template<class T>
    T* child(const char* name) const
    {
        return m_window->findChild<T*>(QString::fromLatin1(name));
    }
    QStringList names() const;
    QStringList listed() const;
    bool add(const QString& name);
    void click(const char* button) { child<QPushButton>(button)->click(); }
    QUndoStack* stack() const { return m_window->document()->undoStack(); }

    std::unique_ptr<MainWindow> m_window;
};

void TestWorkerHostsPanel::init()
{
    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    m_window->startSession();
    QVERIFY(UiTest::showWithAllSections(m_window.get()));
    QVERIFY(m_window->showSection(QStringLiteral("workers")));
    m_window->analyzer()->refreshNow();
    QVERIFY(m_window->document()->project().workers().isEmpty());
    QVERIFY(child<QListWidget>("workerHostList"));
    QVERIFY(child<QLineEdit>("workerNameEdit"));
    QVERIFY(child<QLabel>("workerHostsEmpty")->isVisible());
}

void TestWorkerHostsPanel::cleanup()
{
    m_window.reset();
}

QStringList TestWorkerHostsPanel::names() const
{
    QStringList out;
    for (const WorkerHost& host : m_window->document()->project().workers()) {
        out << host.name;
    }
    return out;
}

QStringList TestWorkerHostsPanel::listed() const
{
    QStringList out;
    auto* list = child<QListWidget>("workerHostList");
    for (int row = 0; row < list->count(); ++row) {
        out << list->item(row)->text();
    }
    return out;
}

bool TestWorkerHostsPanel::add(const QString& name)
{
    auto* edit = child<QLineEdit>("workerNameEdit");
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, name);
    click("addWorkerButton");
    return m_window->document()->project().worker(name) != nullptr;
}

void TestWorkerHostsPanel::add_byName_isOneUndoableStep()
{
    QVERIFY(!m_window->document()->isDirty());
    QVERIFY(add(QStringLiteral("gpu-1")));
    QCOMPARE(names(), QStringList({QStringLiteral("gpu-1")}));
    QCOMPARE(listed(), names());
    QCOMPARE(child<QListWidget>("workerHostList")->currentItem()->text(), QStringLiteral("gpu-1"));
    QVERIFY(child<QLineEdit>("workerNameEdit")->text().isEmpty());
    QVERIFY(!child<QLabel>("workerHostsEmpty")->isVisible());
    QVERIFY(m_window->document()->isDirty());
    QCOMPARE(stack()->count(), 1);
    QCOMPARE(stack()->undoText(), QStringLiteral("Add worker host gpu-1"));

    stack()->undo();
    QVERIFY(names().isEmpty());
    QVERIFY(listed().isEmpty());
    QVERIFY(!m_window->document()->isDirty());
    stack()->redo();
    QCOMPARE(listed(), QStringList({QStringLiteral("gpu-1")}));
}

void TestWorkerHostsPanel::add_refusedName_showsWhyAndChangesNothing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reason");
    QTest::newRow("upper case and space") << QStringLiteral("GPU 1") << QStringLiteral("is not a worker name");
    QTest::newRow("empty") << QString() << QStringLiteral("is not a worker name");
    QTest::newRow("trailing hyphen") << QStringLiteral("gpu-") << QStringLiteral("is not a worker name");
    QTest::newRow("taken") << QStringLiteral("cpu-1") << QStringLiteral("already a worker host named \"cpu-1\"");
}

void TestWorkerHostsPanel::add_refusedName_showsWhyAndChangesNothing()
{
    QFETCH(QString, name);
    QFETCH(QString, reason);
    QVERIFY(add(QStringLiteral("cpu-1")));
    const int steps = stack()->count();
    auto* error = child<QLabel>("workerNameError");
    QVERIFY(!error->isVisible());

    add(name);
    QCOMPARE(names(), QStringList({QStringLiteral("cpu-1")}));
    QCOMPARE(stack()->count(), steps);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(reason), qPrintable(error->text()));
    // What was typed stays to be corrected; typing hides the message.
    QCOMPARE(child<QLineEdit>("workerNameEdit")->text(), name);
    QTest::keyClick(child<QLineEdit>("workerNameEdit"), Qt::Key_X);
    QVERIFY(!error->isVisible());
}

void TestWorkerHostsPanel::duplicate_copiesTheHostsSettingsUnderTheNextName()
{
    QVERIFY(add(QStringLiteral("gpu-1")));
    QVERIFY(add(QStringLiteral("cpu")));
    QVERIFY(m_window->document()->setWorkerValue(QStringLiteral("gpu-1"), Key::SshHost,
                                                 QStringLiteral("gpu1.example.org")));
    QVERIFY(m_window->document()->setWorkerValue(QStringLiteral("gpu-1"), Key::WorkersConcurrency, 4));
    child<QListWidget>("workerHostList")->setCurrentRow(0);
    const int steps = stack()->count();

    click("duplicateWorkerButton");
    QCOMPARE(names(), QStringList({QStringLiteral("gpu-1"), QStringLiteral("gpu-2"), QStringLiteral("cpu")}));
    QCOMPARE(listed(), names());
    QCOMPARE(child<QListWidget>("workerHostList")->currentItem()->text(), QStringLiteral("gpu-2"));
    const Project& project = m_window->document()->project();
    QCOMPARE(project.worker(QStringLiteral("gpu-2"))->overrides, project.worker(QStringLiteral("gpu-1"))->overrides);
    QCOMPARE(stack()->count(), steps + 1);

    // cpu has no number: its copy is cpu-2.
    child<QListWidget>("workerHostList")->setCurrentRow(2);
    click("duplicateWorkerButton");
    QCOMPARE(names().last(), QStringLiteral("cpu-2"));

    stack()->undo();
    stack()->undo();
    QCOMPARE(names(), QStringList({QStringLiteral("gpu-1"), QStringLiteral("cpu")}));
    stack()->redo();
    QCOMPARE(names(), QStringList({QStringLiteral("gpu-1"), QStringLiteral("gpu-2"), QStringLiteral("cpu")}));
}

void TestWorkerHostsPanel::duplicate_typedName_isUsed()
{
    QVERIFY(add(QStringLiteral("gpu-1")));
    QTest::keyClicks(child<QLineEdit>("workerNameEdit"), QStringLiteral("big-gpu"));
    click("duplicateWorkerButton");
    QCOMPARE(names(), QStringList({QStringLiteral("gpu-1"), QStringLiteral("big-gpu")}));
    // A refused one says why.
    QTest::keyClicks(child<QLineEdit>("workerNameEdit"), QStringLiteral("Big"));
    click("duplicateWorkerButton");
    QCOMPARE(names().size(), 2);
    QVERIFY(child<QLabel>("workerNameError")->text().contains(QStringLiteral("is not a worker name")));
}

void TestWorkerHostsPanel::rename_usesTheTypedName()
{
    QVERIFY(add(QStringLiteral("gpu-1")));
    QVERIFY(m_window->document()->setWorkerValue(QStringLiteral("gpu-1"), Key::SshHost,
                                                 QStringLiteral("gpu1.example.org")));
    click("renameWorkerButton");
    QVERIFY(child<QLabel>("workerNameError")->isVisible()); // nothing typed: says what to do
    QTest::keyClicks(child<QLineEdit>("workerNameEdit"), QStringLiteral("gpu-a"));
    click("renameWorkerButton");
    QVERIFY2(!child<QLabel>("workerNameError")->isVisible(), qPrintable(child<QLabel>("workerNameError")->text()));
    QCOMPARE(names(), QStringList({QStringLiteral("gpu-a")}));
    QCOMPARE(listed(), names());
    QCOMPARE(m_window->document()->project().forWorker(QStringLiteral("gpu-a")).text(Key::SshHost),
             QStringLiteral("gpu1.example.org"));
    stack()->undo();
    QCOMPARE(listed(), QStringList({QStringLiteral("gpu-1")}));
}

void TestWorkerHostsPanel::remove_selectsTheNextHost_undoBringsItBack()
{
    for (const char* name : {"a", "b", "c"}) {
        QVERIFY(add(QString::fromLatin1(name)));
    }
    auto* list = child<QListWidget>("workerHostList");
    list->setCurrentRow(1);
    click("removeWorkerButton");
    QCOMPARE(names(), QStringList({QStringLiteral("a"), QStringLiteral("c")}));
    QCOMPARE(list->currentItem()->text(), QStringLiteral("c"));
    QCOMPARE(stack()->undoText(), QStringLiteral("Remove worker host b"));
    stack()->undo();
    QCOMPARE(listed(), QStringList({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    stack()->redo();
    QCOMPARE(listed(), QStringList({QStringLiteral("a"), QStringLiteral("c")}));
}

void TestWorkerHostsPanel::moveUpAndDown_reorder_undoRestoresTheOrder()
{
    for (const char* name : {"a", "b", "c"}) {
        QVERIFY(add(QString::fromLatin1(name)));
    }
    auto* list = child<QListWidget>("workerHostList");
    list->setCurrentRow(2);
    click("moveWorkerUpButton");
    QCOMPARE(names(), QStringList({QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("b")}));
    QCOMPARE(list->currentItem()->text(), QStringLiteral("c")); // the moved host stays selected
    click("moveWorkerUpButton");
    QCOMPARE(names(), QStringList({QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(!child<QPushButton>("moveWorkerUpButton")->isEnabled());
    click("moveWorkerDownButton");
    QCOMPARE(listed(), QStringList({QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("b")}));

    stack()->undo();
    QCOMPARE(listed(), QStringList({QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")}));
    stack()->undo();
    stack()->undo();
    QCOMPARE(listed(), QStringList({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    stack()->redo();
    QCOMPARE(listed(), QStringList({QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("b")}));
}

void TestWorkerHostsPanel::buttons_followTheSelection()
{
    for (const char* button : {"duplicateWorkerButton", "renameWorkerButton", "removeWorkerButton",
                               "moveWorkerUpButton", "moveWorkerDownButton"}) {
        QVERIFY2(!child<QPushButton>(button)->isEnabled(), button);
    }
    QVERIFY(add(QStringLiteral("a")));
    QVERIFY(add(QStringLiteral("b")));
    auto* list = child<QListWidget>("workerHostList");
    list->setCurrentRow(0);
    QVERIFY(child<QPushButton>("removeWorkerButton")->isEnabled());
    QVERIFY(!child<QPushButton>("moveWorkerUpButton")->isEnabled());
    QVERIFY(child<QPushButton>("moveWorkerDownButton")->isEnabled());
    list->setCurrentRow(1);
    QVERIFY(child<QPushButton>("moveWorkerUpButton")->isEnabled());
    QVERIFY(!child<QPushButton>("moveWorkerDownButton")->isEnabled());
}

void TestWorkerHostsPanel::preview_listsEachHostsFilesUnderItsName()
{
    auto* files = child<QTreeWidget>("previewFiles");
    const int serverFiles = files->topLevelItemCount();
    QVERIFY(add(QStringLiteral("gpu-1")));
    QVERIFY(add(QStringLiteral("cpu-1")));
    m_window->analyzer()->refreshNow();
    QCOMPARE(files->topLevelItemCount(), serverFiles + 2);
    QTreeWidgetItem* gpu = files->topLevelItem(serverFiles);
    QCOMPARE(gpu->text(0), QStringLiteral("Worker gpu-1"));
    QCOMPARE(files->topLevelItem(serverFiles + 1)->text(0), QStringLiteral("Worker cpu-1"));
    QStringList ids;
    for (int i = 0; i < gpu->childCount(); ++i) {
        ids << gpu->child(i)->data(0, Qt::UserRole).toString();
    }
    QVERIFY2(ids.contains(PreviewPane::workerFileId(QStringLiteral("gpu-1"), QStringLiteral("worker-dotenv"))),
             qPrintable(ids.join(QLatin1Char(' '))));
    QVERIFY(ids.contains(PreviewPane::workerFileId(QStringLiteral("gpu-1"), QStringLiteral("worker-unit"))));
    QCOMPARE(ids.last(), PreviewPane::workerFileId(QStringLiteral("gpu-1"), QStringLiteral("deploy-steps")));

    // Selecting one shows it; its secrets are masked like the server's.
    PreviewPane* preview = m_window->previewPane();
    const QString dotenv = PreviewPane::workerFileId(QStringLiteral("gpu-1"), QStringLiteral("worker-dotenv"));
    QVERIFY(preview->selectFile(dotenv));
    QCOMPARE(preview->currentFileId(), dotenv);
    QVERIFY(!preview->displayedText(dotenv).isEmpty());
    QVERIFY(!preview->displayedText(dotenv).contains(QStringLiteral("<secret:")));
    QVERIFY(preview->displayedText(PreviewPane::workerFileId(QStringLiteral("gpu-1"), QStringLiteral("deploy-steps")))
                .contains(QStringLiteral("worker host gpu-1")));
    // The server's own preview is not stale although the new hosts have no SSH host yet.
    QVERIFY(!child<QLabel>("previewBanner")->isVisible());
}

void TestWorkerHostsPanel::preview_removedHost_leavesThePreview()
{
    QVERIFY(add(QStringLiteral("gpu-1")));
    m_window->analyzer()->refreshNow();
    PreviewPane* preview = m_window->previewPane();
    const QString steps = PreviewPane::workerFileId(QStringLiteral("gpu-1"), QStringLiteral("deploy-steps"));
    QVERIFY(preview->selectFile(steps));
    click("removeWorkerButton");
    m_window->analyzer()->refreshNow();
    QVERIFY(!preview->selectFile(steps));
    QVERIFY(!preview->currentFileId().isEmpty()); // back to a server file
    QVERIFY(!preview->currentFileId().contains(QLatin1Char('/')));
    QCOMPARE(child<QTreeWidget>("previewFiles")->topLevelItemCount(), m_window->analyzer()->lastResult().files.size());
}

void TestWorkerHostsPanel::openProjectWithHosts_showsThemAndTheirGoldenFiles()
{
    const QString fleet = QStringLiteral(SALTANT_SOURCE_DIR "/tests/data/golden-workers/fleet");
    QVERIFY(QFileInfo::exists(fleet + QStringLiteral("/project.saltant.json")));
    QVERIFY(m_window->openFile(fleet + QStringLiteral("/project.saltant.json")));
    m_window->analyzer()->refreshNow();
    QCOMPARE(listed(), QStringList({QStringLiteral("gpu-1"), QStringLiteral("cpu-2")}));
    QCOMPARE(child<QListWidget>("workerHostList")->currentRow(), 0);
    QVERIFY(m_window->analyzer()->serverProblems().isEmpty());
    // What the preview shows of each host is its golden file, secrets masked.
    for (const QString& host : listed()) {
        QFile golden(fleet + QLatin1Char('/') + host + QStringLiteral("/deploy-steps.sh"));
        QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable(golden.fileName()));
        QCOMPARE(
            m_window->previewPane()->displayedText(PreviewPane::workerFileId(host, QStringLiteral("deploy-steps"))),
            QString::fromUtf8(golden.readAll()));
    }
    // Undo has nothing to take back: the file was just opened.
    QVERIFY(!stack()->canUndo());
}

void TestWorkerHostsPanel::save_keepsTheHosts_andMarksTheProjectSaved()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("fleet.saltant.json"));
    QVERIFY(add(QStringLiteral("gpu-1")));
    QVERIFY(m_window->document()->setWorkerValue(QStringLiteral("gpu-1"), Key::SshHost,
                                                 QStringLiteral("gpu1.example.org")));
    QVERIFY(add(QStringLiteral("cpu-1")));
    QString error;
    QVERIFY2(m_window->document()->save(path, &error), qPrintable(error));
    QVERIFY(!m_window->document()->isDirty());
    const Project saved = m_window->document()->project();

    m_window->newProject();
    QVERIFY(listed().isEmpty());
    QVERIFY(m_window->openFile(path));
    QCOMPARE(listed(), QStringList({QStringLiteral("gpu-1"), QStringLiteral("cpu-1")}));
    QCOMPARE(m_window->document()->project().workers(), saved.workers());
    QVERIFY(!m_window->document()->isDirty());
    // A change after saving marks it modified again; undoing it, saved.
    child<QListWidget>("workerHostList")->setCurrentRow(1);
    click("moveWorkerUpButton");
    QVERIFY(m_window->document()->isDirty());
    stack()->undo();
    QVERIFY(!m_window->document()->isDirty());
}

SALTANT_UI_TEST_MAIN(TestWorkerHostsPanel)
#include "TestWorkerHostsPanel.moc"
