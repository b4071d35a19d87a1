#include "UiTestMain.h"
#include "document/ProjectDocument.h"
#include "document/SetValueCommand.h"

#include <QTemporaryDir>
#include <QUndoStack>
#include <memory>

using namespace saltant;

// Which edits become one undo step (SetValueCommand::mergeWith): consecutive edits of one field while typing merge,
// anything that ends the typing session (another field, finishTyping(), saving) starts a new step, and an edit
// typed back to where it started leaves no step at all.
class TestUndoMerging : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void sameField_consecutiveEdits_mergeIntoOneStep();
    void differentFields_doNotMerge();
    void sameField_afterAnotherField_isANewStep();
    void sameField_afterFinishTyping_isANewStep();
    void sameField_afterSave_isANewStep();
    void typedBackToTheStart_leavesNoStep();
    void sameValue_recordsNothing();
    void step_isNamedAfterTheField();
    void workerValue_consecutiveEdits_mergeIntoOneStep();
    void workerValue_otherHostOrField_isANewStep();
    void workerValue_useShared_isAStepOfItsOwn();
    void workerList_eachChangeIsAStep_andEndsTheTypingSession();

private:
    QString domain() const { return m_document->project().stored(Key::ServerDomain).toString(); }
    QString bodySize() const { return m_document->project().stored(Key::NginxClientMaxBodySize).toString(); }
    QUndoStack* stack() const { return m_document->undoStack(); }

    std::unique_ptr<ProjectDocument> m_document;
    QString m_domain;
    QString m_bodySize;
};

void TestUndoMerging::init()
{
    m_document = std::make_unique<ProjectDocument>();
    m_domain = domain();
    m_bodySize = bodySize();
    QVERIFY(!m_domain.isEmpty() && !m_bodySize.isEmpty());
    QCOMPARE(stack()->count(), 0);
}

void TestUndoMerging::cleanup()
{
    m_document.reset();
}

void TestUndoMerging::sameField_consecutiveEdits_mergeIntoOneStep()
{
    for (const QString& typed : {QStringLiteral("j"), QStringLiteral("jo"), QStringLiteral("jobs.example.net")}) {
        m_document->setValue(Key::ServerDomain, typed);
    }
    QCOMPARE(stack()->count(), 1);
    QCOMPARE(domain(), QStringLiteral("jobs.example.net"));
    QVERIFY(m_document->isDirty());
    stack()->undo();
    QCOMPARE(domain(), m_domain);
    QVERIFY(!m_document->isDirty());
    stack()->redo();
    QCOMPARE(domain(), QStringLiteral("jobs.example.net"));
}

void TestUndoMerging::differentFields_doNotMerge()
{
    m_document->setValue(Key::ServerDomain, QStringLiteral("jobs.example.net"));
    m_document->setValue(Key::NginxClientMaxBodySize, QStringLiteral("64M"));
    QCOMPARE(stack()->count(), 2);
    stack()->undo();
    QCOMPARE(bodySize(), m_bodySize);
    QCOMPARE(domain(), QStringLiteral("jobs.example.net"));
    stack()->undo();
    QCOMPARE(domain(), m_domain);
}

void TestUndoMerging::sameField_afterAnotherField_isANewStep()
{
    m_document->setValue(Key::ServerDomain, QStringLiteral("a.example.net"));
    m_document->setValue(Key::NginxClientMaxBodySize, QStringLiteral("64M"));
    m_document->setValue(Key::ServerDomain, QStringLiteral("b.example.net"));
    QCOMPARE(stack()->count(), 3);
    stack()->undo();
    QCOMPARE(domain(), QStringLiteral("a.example.net"));
    QCOMPARE(bodySize(), QStringLiteral("64M"));
}

void TestUndoMerging::sameField_afterFinishTyping_isANewStep()
{
    m_document->setValue(Key::ServerDomain, QStringLiteral("a.example.net"));
    m_document->finishTyping();
    m_document->setValue(Key::ServerDomain, QStringLiteral("b.example.net"));
    m_document->setValue(Key::ServerDomain, QStringLiteral("c.example.net"));
    QCOMPARE(stack()->count(), 2);
    stack()->undo();
    QCOMPARE(domain(), QStringLiteral("a.example.net"));
    stack()->undo();
    QCOMPARE(domain(), m_domain);
}

void TestUndoMerging::sameField_afterSave_isANewStep()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    m_document->setValue(Key::ServerDomain, QStringLiteral("a.example.net"));
    QString error;
    QVERIFY2(m_document->save(dir.filePath(QStringLiteral("p.saltant.json")), &error), qPrintable(error));
    QVERIFY(!m_document->isDirty());
    m_document->setValue(Key::ServerDomain, QStringLiteral("b.example.net"));
    QCOMPARE(stack()->count(), 2);
    QVERIFY(m_document->isDirty());
    // Undo goes back exactly to the saved state.
    stack()->undo();
    QCOMPARE(domain(), QStringLiteral("a.example.net"));
    QVERIFY(!m_document->isDirty());
}

void TestUndoMerging::typedBackToTheStart_leavesNoStep()
{
    m_document->setValue(Key::ServerDomain, QString(m_domain + QLatin1Char('x')));
    QCOMPARE(stack()->count(), 1);
    m_document->setValue(Key::ServerDomain, m_domain);
    QCOMPARE(stack()->count(), 0);
    QVERIFY(!m_document->isDirty());
    QVERIFY(!stack()->canUndo());
    QCOMPARE(domain(), m_domain);
}

void TestUndoMerging::sameValue_recordsNothing()
{
    m_document->setValue(Key::ServerDomain, m_domain);
    QCOMPARE(stack()->count(), 0);
    QVERIFY(!m_document->isDirty());
}

void TestUndoMerging::step_isNamedAfterTheField()
{
    m_document->setValue(Key::ServerDomain, QStringLiteral("a.example.net"));
    m_document->setValue(Key::ServerDomain, QStringLiteral("ab.example.net"));
    const auto* command = dynamic_cast<const SetValueCommand*>(stack()->command(0));
    QVERIFY(command);
    QCOMPARE(command->key(), Key::ServerDomain);
    QVERIFY2(command->text().startsWith(QStringLiteral("Change ")), qPrintable(command->text()));
    QVERIFY2(command->text().size() > QStringLiteral("Change ").size(), qPrintable(command->text()));
    QCOMPARE(stack()->undoText(), command->text());
}

void TestUndoMerging::workerValue_consecutiveEdits_mergeIntoOneStep()
{
    QVERIFY(m_document->addWorker(QStringLiteral("gpu-1")));
    const QString gpu = QStringLiteral("gpu-1");
    for (const QString& typed : {QStringLiteral("g"), QStringLiteral("gp"), QStringLiteral("gpu1.example.org")}) {
        QVERIFY(m_document->setWorkerValue(gpu, Key::SshHost, typed));
    }
    QCOMPARE(stack()->count(), 2); // add, then the typing
    QCOMPARE(m_document->project().worker(gpu)->overrides.value(Key::SshHost).toString(),
             QStringLiteral("gpu1.example.org"));
    stack()->undo();
    QVERIFY(!m_document->project().worker(gpu)->overrides.contains(Key::SshHost));
    stack()->redo();
    QCOMPARE(m_document->project().worker(gpu)->overrides.value(Key::SshHost).toString(),
             QStringLiteral("gpu1.example.org"));
    // The same value again records nothing; a refused one neither.
    QVERIFY(m_document->setWorkerValue(gpu, Key::SshHost, QStringLiteral("gpu1.example.org")));
    QString error;
    QVERIFY(!m_document->setWorkerValue(gpu, Key::ServerDomain, QStringLiteral("x.example.org"), &error));
    QVERIFY2(error.contains(QStringLiteral("same on every host")), qPrintable(error));
    QCOMPARE(stack()->count(), 2);
}

void TestUndoMerging::workerValue_otherHostOrField_isANewStep()
{
    QVERIFY(m_document->addWorker(QStringLiteral("a")));
    QVERIFY(m_document->addWorker(QStringLiteral("b")));
    const int steps = stack()->count();
    m_document->setWorkerValue(QStringLiteral("a"), Key::SshHost, QStringLiteral("a.example.org"));
    m_document->setWorkerValue(QStringLiteral("b"), Key::SshHost, QStringLiteral("b.example.org"));
    m_document->setWorkerValue(QStringLiteral("b"), Key::SshPort, 2222);
    // A server field of the same name is another setting too.
    m_document->setValue(Key::SshHost, QStringLiteral("web.example.org"));
    QCOMPARE(stack()->count(), steps + 4);
    stack()->undo();
    stack()->undo();
    QVERIFY(!m_document->project().worker(QStringLiteral("b"))->overrides.contains(Key::SshPort));
    QCOMPARE(m_document->project().worker(QStringLiteral("b"))->overrides.value(Key::SshHost).toString(),
             QStringLiteral("b.example.org"));
}

void TestUndoMerging::workerValue_useShared_isAStepOfItsOwn()
{
    const QString gpu = QStringLiteral("gpu-1");
    QVERIFY(m_document->addWorker(gpu));
    m_document->setWorkerValue(gpu, Key::SshPort, 2222);
    const int steps = stack()->count();
    QVERIFY(m_document->clearWorkerValue(gpu, Key::SshPort));
    QCOMPARE(stack()->count(), steps + 1);
    // Typing right after it does not merge into it.
    m_document->setWorkerValue(gpu, Key::SshPort, 2200);
    QCOMPARE(stack()->count(), steps + 2);
    stack()->undo();
    QVERIFY(!m_document->project().worker(gpu)->overrides.contains(Key::SshPort));
    stack()->undo();
    QCOMPARE(m_document->project().worker(gpu)->overrides.value(Key::SshPort).toInt(), 2222);
    // Clearing what the host does not set records nothing.
    QVERIFY(m_document->clearWorkerValue(gpu, Key::SshUser));
    QCOMPARE(stack()->count(), steps + 2);
}

void TestUndoMerging::workerList_eachChangeIsAStep_andEndsTheTypingSession()
{
    QVERIFY(m_document->addWorker(QStringLiteral("a")));
    m_document->setWorkerValue(QStringLiteral("a"), Key::SshHost, QStringLiteral("a1.example.org"));
    QVERIFY(m_document->duplicateWorker(QStringLiteral("a"), QStringLiteral("b")));
    m_document->setWorkerValue(QStringLiteral("a"), Key::SshHost, QStringLiteral("a2.example.org"));
    QVERIFY(m_document->moveWorker(1, 0));
    QVERIFY(m_document->renameWorker(QStringLiteral("b"), QStringLiteral("c")));
    QVERIFY(m_document->removeWorker(QStringLiteral("a")));
    QCOMPARE(stack()->count(), 7);
    QVERIFY(!m_document->moveWorker(0, 3));
    QVERIFY(!m_document->addWorker(QStringLiteral("c")));
    QCOMPARE(stack()->count(), 7);
    for (int i = 0; i < 7; ++i) {
        stack()->undo();
    }
    QVERIFY(m_document->project().workers().isEmpty());
    QVERIFY(!m_document->isDirty());
}

SALTANT_UI_TEST_MAIN(TestUndoMerging)
#include "TestUndoMerging.moc"
#include "model/SettingKeys.h"
