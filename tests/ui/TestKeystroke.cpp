#include "UiTestMain.h"
#include "document/ProjectAnalyzer.h"
#include "document/ProjectDocument.h"
#include "forms/FieldEditor.h"
#include "forms/SectionPage.h"
#include "generate/Renderer.h"
#include "model/Schema.h"
#include "window/MainWindow.h"

#include <QLineEdit>
#include <QSettings>
#include <QUndoStack>
#include <memory>

using namespace saltant;

// What one keystroke costs: the edited setting's editor and the editors that follow it (derived settings showing
// it as their placeholder) load again, no other; the analysis after it validates the project once.
class TestKeystroke : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void keystroke_loadsTheFieldAndTheFieldsThatFollowIt();
    void keystroke_inAFieldNothingFollows_loadsOneEditor();
    void undo_loadsTheFieldAndItsFollowersAgain();
    void analysis_afterAKeystroke_validatesOnce();
    void workerHostKeystroke_rendersThatHostOnly();

private:
    // Every editor's key -> how often it has loaded.
    QHash<QString, int> loads() const;
    // The keys whose editors loaded since before.
    QStringList loadedSince(const QHash<QString, int>& before) const;
    QLineEdit* line(const QString& key) const
    {
        return m_window->findChild<QLineEdit*>(FieldEditor::objectNameFor(key));
    }
    void typeAtEnd(QLineEdit* edit, Qt::Key key);

    std::unique_ptr<MainWindow> m_window;
};

void TestKeystroke::init()
{
    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    m_window->startSession();
    QVERIFY(UiTest::showWithAllSections(m_window.get()));
    m_window->analyzer()->refreshNow();
}

void TestKeystroke::cleanup()
{
    m_window.reset();
}

QHash<QString, int> TestKeystroke::loads() const
{
    QHash<QString, int> counts;
    for (const SectionSpec& section : Schema::sections()) {
        for (const FieldEditor* editor : m_window->page(section.id)->editors()) {
            counts.insert(editor->key(), editor->loadCount());
        }
    }
    return counts;
}

QStringList TestKeystroke::loadedSince(const QHash<QString, int>& before) const
{
    QStringList keys;
    const QHash<QString, int> now = loads();
    for (auto it = now.constBegin(); it != now.constEnd(); ++it) {
        if (it.value() != before.value(it.key())) {
            keys << it.key();
        }
    }
    keys.sort();
    return keys;
}

void TestKeystroke::typeAtEnd(QLineEdit* edit, Qt::Key key)
{
    edit->setFocus();
    edit->end(false);
    QTest::keyClick(edit, key);
}

void TestKeystroke::keystroke_loadsTheFieldAndTheFieldsThatFollowIt()
{
    QCOMPARE(loads().size(), Schema::fields().size());
    QLineEdit* domain = line(Key::ServerDomain);
    QVERIFY(domain);
    const QHash<QString, int> before = loads();
    typeAtEnd(domain, Qt::Key_X);
    QVERIFY(domain->text().endsWith(QLatin1Char('x')));

    // The certificate name and the broker host follow the domain when left empty.
    QCOMPARE(loadedSince(before), QStringList({Key::RabbitmqBrokerHost, Key::ServerDomain, Key::TlsCertName}));
    QCOMPARE(line(Key::TlsCertName)->placeholderText(), domain->text());
    QCOMPARE(line(Key::RabbitmqBrokerHost)->placeholderText(), domain->text());
}

void TestKeystroke::keystroke_inAFieldNothingFollows_loadsOneEditor()
{
    QLineEdit* size = line(Key::NginxClientMaxBodySize);
    QVERIFY(size);
    const QHash<QString, int> before = loads();
    typeAtEnd(size, Qt::Key_0);
    QCOMPARE(loadedSince(before), QStringList({Key::NginxClientMaxBodySize}));
}

void TestKeystroke::undo_loadsTheFieldAndItsFollowersAgain()
{
    QLineEdit* domain = line(Key::ServerDomain);
    const QString original = domain->text();
    typeAtEnd(domain, Qt::Key_X);
    m_window->document()->finishTyping();
    const QHash<QString, int> before = loads();
    m_window->document()->undoStack()->undo();
    QCOMPARE(domain->text(), original);
    QCOMPARE(line(Key::TlsCertName)->placeholderText(), original);
    QCOMPARE(loadedSince(before), QStringList({Key::RabbitmqBrokerHost, Key::ServerDomain, Key::TlsCertName}));
}

void TestKeystroke::analysis_afterAKeystroke_validatesOnce()
{
    typeAtEnd(line(Key::ServerDomain), Qt::Key_X);
    const quint64 before = Project::validations();
    m_window->analyzer()->refreshNow();
    QCOMPARE(Project::validations() - before, quint64(1));
}

void TestKeystroke::workerHostKeystroke_rendersThatHostOnly()
{
    ProjectDocument* document = m_window->document();
    for (const char* name : {"gpu-1", "cpu-1"}) {
        const QString host = QString::fromLatin1(name);
        QVERIFY(document->addWorker(host));
        QVERIFY(document->setWorkerValue(host, Key::SshHost, QString(host + QStringLiteral(".example.org"))));
    }
    m_window->analyzer()->refreshNow();
    // The form shows the first host (the one selected when the list was filled).
    auto* host = m_window->findChild<QLineEdit*>(QStringLiteral("host_") + FieldEditor::objectNameFor(Key::SshHost));
    QVERIFY(host);
    QCOMPARE(host->text(), QStringLiteral("gpu-1.example.org"));
    const QHash<QString, int> before = loads();
    const quint64 renders = Renderer::renders();
    const quint64 validations = Project::validations();
    typeAtEnd(host, Qt::Key_X);
    m_window->analyzer()->refreshNow();
    QCOMPARE(loadedSince(before), QStringList()); // no editor of the sections
    // The host's files; the project's problems once (its hosts' included); the server's files are kept.
    QCOMPARE(Renderer::renders() - renders, quint64(1));
    QCOMPARE(Project::validations() - validations, quint64(2));

    // A shared setting renders the server and every host once.
    const quint64 sharedRenders = Renderer::renders();
    typeAtEnd(line(Key::NginxClientMaxBodySize), Qt::Key_0);
    m_window->analyzer()->refreshNow();
    QCOMPARE(Renderer::renders() - sharedRenders, quint64(3));
}

SALTANT_UI_TEST_MAIN(TestKeystroke)
#include "TestKeystroke.moc"
