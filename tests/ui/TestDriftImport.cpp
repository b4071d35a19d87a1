#include "UiTestMain.h"
#include "common/MessageBox.h"
#include "deploy/DriftImport.h"
#include "document/ProjectDocument.h"
#include "generate/Renderer.h"

#include <QUndoStack>

using namespace saltant;

// The plan dialog's "Import the server's edit into the project" (DriftImport): a hand edit of the nginx site becomes
// the document's setting as one undoable change; the parts the project cannot hold are asked about first. (Against
// the sshd rig the fixture's relocated paths are not a server the importer recognises: TestDeployDriftDialog covers
// that refusal; this test uses the example project's real paths, in memory.)
class TestDriftImport : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void sizeEdit_oneUndoableChange();
    void unrepresentedLines_askedFirst_noImportsNothing();
    void unrepresentedLines_yesImportsTheRest();

private:
    // The nginx site as planned, with its server text edited (before -> after).
    PlannedFile editedSite(const QString& before, const QString& after) const;

    SecretValues m_secrets;
    std::unique_ptr<ProjectDocument> m_document;
};

void TestDriftImport::init()
{
    m_secrets = SecretValues();
    m_secrets.set(QStringLiteral("django.secretKey"), QStringLiteral("u-!+0mf3x'gpg2es=i9r5o!7g"));
    m_secrets.set(QStringLiteral("database.password"), QStringLiteral("db'pass\"word"));
    m_secrets.set(QStringLiteral("rabbitmq.password"), QStringLiteral("hunter2:/@%?#x"));
    m_secrets.set(QStringLiteral("flower.password"), QStringLiteral("flower:pa ss'w\"d"));
    m_document = std::make_unique<ProjectDocument>();
    m_document->newFromProject(Project::example());
    MessageBox::setNextAnswer(QMessageBox::NoButton);
}

PlannedFile TestDriftImport::editedSite(const QString& before, const QString& after) const
{
    PlannedFile planned;
    for (const GeneratedFile& f : Renderer::render(m_document->project(), &m_secrets).files) {
        if (f.id == QLatin1String("nginx-site")) {
            planned.file = f;
        }
    }
    planned.drift = PlannedFile::Drift::ChangedOnServer;
    planned.serverText = planned.file.content;
    planned.serverText.replace(before, after);
    return planned;
}

void TestDriftImport::sizeEdit_oneUndoableChange()
{
    const PlannedFile site =
        editedSite(QStringLiteral("client_max_body_size 10M;"), QStringLiteral("client_max_body_size 64M;"));
    QVERIFY(!site.file.id.isEmpty());
    QVERIFY(site.serverText.contains(QStringLiteral("64M")));
    const Project before = m_document->project();
    QCOMPARE(before.text(Key::NginxClientMaxBodySize), QStringLiteral("10M"));
    QString status;
    QVERIFY2(DriftImport::apply(nullptr, m_document.get(), {&site}, m_secrets, &status), qPrintable(status));
    QVERIFY2(MessageBox::lastQuestion().isEmpty() || !MessageBox::lastQuestion().contains(QStringLiteral("cannot")),
             qPrintable(MessageBox::lastQuestion()));
    QCOMPARE(m_document->project().text(Key::NginxClientMaxBodySize), QStringLiteral("64M"));
    QVERIFY2(status.contains(Key::NginxClientMaxBodySize), qPrintable(status));
    QCOMPARE(m_document->undoStack()->count(), 1);
    QVERIFY(m_document->undoStack()->undoText().contains(site.file.remotePath));
    // Nothing else changed: the project renders the server's text for the site.
    for (const GeneratedFile& f : Renderer::render(m_document->project(), &m_secrets).files) {
        if (f.id == QLatin1String("nginx-site")) {
            QCOMPARE(f.content, site.serverText);
        }
    }
    m_document->undoStack()->undo();
    QVERIFY(m_document->project() == before);
    m_document->undoStack()->redo();
    QCOMPARE(m_document->project().text(Key::NginxClientMaxBodySize), QStringLiteral("64M"));
}

void TestDriftImport::unrepresentedLines_askedFirst_noImportsNothing()
{
    const PlannedFile site = editedSite(
        QStringLiteral("client_max_body_size 10M;"),
        QStringLiteral("client_max_body_size 64M;\n    location /media/ {\n        alias /srv/media/;\n    }"));
    const Project before = m_document->project();
    MessageBox::setNextAnswer(QMessageBox::No);
    QString status;
    QVERIFY(!DriftImport::apply(nullptr, m_document.get(), {&site}, m_secrets, &status));
    const QString question = MessageBox::lastQuestion();
    QVERIFY2(question.contains(QStringLiteral("cannot hold 3 part")), qPrintable(question));
    QVERIFY2(question.contains(QStringLiteral("location /media/ {")), qPrintable(question));
    QVERIFY(m_document->project() == before);
    QCOMPARE(m_document->undoStack()->count(), 0);
    QVERIFY2(status.contains(QStringLiteral("nothing was imported")), qPrintable(status));
}

void TestDriftImport::unrepresentedLines_yesImportsTheRest()
{
    const PlannedFile site = editedSite(
        QStringLiteral("client_max_body_size 10M;"),
        QStringLiteral("client_max_body_size 64M;\n    location /media/ {\n        alias /srv/media/;\n    }"));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QString status;
    QVERIFY2(DriftImport::apply(nullptr, m_document.get(), {&site}, m_secrets, &status), qPrintable(status));
    QCOMPARE(m_document->project().text(Key::NginxClientMaxBodySize), QStringLiteral("64M"));
    QCOMPARE(m_document->undoStack()->count(), 1);
}

SALTANT_UI_TEST_MAIN(TestDriftImport)
#include "TestDriftImport.moc"
#include "model/SettingKeys.h"
