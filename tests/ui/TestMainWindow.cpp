#include "MemorySecretStore.h"
#include "UiTestMain.h"
#include "common/FileDialog.h"
#include "common/MessageBox.h"
#include "document/ProjectAnalyzer.h"
#include "document/ProjectDocument.h"
#include "forms/FieldEditor.h"
#include "forms/SecretEditor.h"
#include "model/ProjectFile.h"
#include "model/Schema.h"
#include "preview/LineNumberEditor.h"
#include "preview/PreviewPane.h"
#include "window/HelpDialog.h"
#include "window/MainWindow.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <memory>

using namespace saltant;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void everySetting_hasAnEditor();
    void everySection_canBeShown();
    void typingDomain_updatesNginxAndDotenvPreviews();
    void suggestion_setsTheValueAsOneUndoableEdit();
    void edit_flashesTheChangedLines();
    void typing_mergesIntoOneUndoCommand();
    void undoRedo_restoresExactPreview();
    void invalidValue_marksFieldAndKeepsLastPreview();
    void refusedValue_isNotRecorded();
    void conflictingPort_isProblem_quickFixClearsIt();
    void problemDoubleClick_focusesTheField();
    void saveThenOpen_roundTrips();
    void closeWithUnsavedChanges_asks();
    void newProject_withUnsavedChanges_asks();
    void secrets_areMaskedInThePreview();
    void secretStore_statesAndReveal();
    void brandingPicker_checksSquarePng();
    void layout_isRestoredFromSettings();
    void help_listsTheCli();

private:
    template<class T>
    T* field(const QString& key) const
    {
        return m_window->findChild<T*>(FieldEditor::objectNameFor(key));
    }
    // Selects the preview of the file whose remote path ends with suffix and returns what the editor shows.
    QString preview(const QString& suffix) const;
    QAction* action(const char* name) const { return m_window->findChild<QAction*>(QString::fromLatin1(name)); }
    void typeInto(QLineEdit* edit, const QString& text);
    bool hasIssue(const QString& field, const QString& ruleId = QString()) const;
    QTreeWidgetItem* problemItem(const QString& fieldLabel) const;

    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
};

void TestMainWindow::init()
{
    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    m_window->startSession();
    QVERIFY(UiTest::showWithAllSections(m_window.get()));
    m_window->analyzer()->refreshNow();
}

void TestMainWindow::cleanup()
{
    m_window.reset();
}

QString TestMainWindow::preview(const QString& suffix) const
{
    auto* files = m_window->findChild<QTreeWidget*>(QStringLiteral("previewFiles"));
    auto* editor = m_window->findChild<LineNumberEditor*>(QStringLiteral("previewEditor"));
    if (!files || !editor) {
        return QStringLiteral("<no preview>");
    }
    for (int i = 0; i < files->topLevelItemCount(); ++i) {
        if (files->topLevelItem(i)->text(0).endsWith(suffix)) {
            files->setCurrentItem(files->topLevelItem(i));
            return editor->toPlainText();
        }
    }
    return QStringLiteral("<no file ending with ") + suffix + QLatin1Char('>');
}

void TestMainWindow::typeInto(QLineEdit* edit, const QString& text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

bool TestMainWindow::hasIssue(const QString& field, const QString& ruleId) const
{
    const auto& issues = m_window->analyzer()->issues();
    return std::any_of(issues.cbegin(), issues.cend(), [&](const LintIssue& i) {
        return i.field == field && (ruleId.isEmpty() || i.ruleId == ruleId);
    });
}

QTreeWidgetItem* TestMainWindow::problemItem(const QString& fieldLabel) const
{
    auto* list = m_window->findChild<QTreeWidget*>(QStringLiteral("problemsList"));
    const auto items = list->findItems(fieldLabel, Qt::MatchExactly, 1);
    return items.isEmpty() ? nullptr : items.first();
}

void TestMainWindow::everySetting_hasAnEditor()
{
    for (const FieldSpec& spec : Schema::fields()) {
        QWidget* editor = field<QWidget>(spec.key);
        QVERIFY2(editor, qPrintable(spec.key));
        QCOMPARE(editor->accessibleName(), spec.displayLabel());
        QVERIFY2(!editor->toolTip().isEmpty(), qPrintable(spec.key));
        switch (spec.type) {
        case FieldType::Text:
        case FieldType::List:
            QVERIFY2(qobject_cast<QLineEdit*>(editor), qPrintable(spec.key));
            break;
        case FieldType::Integer: {
            auto* spin = qobject_cast<QSpinBox*>(editor);
            QVERIFY2(spin, qPrintable(spec.key));
            QCOMPARE(spin->minimum(), spec.minimum);
            QCOMPARE(spin->maximum(), spec.maximum);
            break;
        }
        case FieldType::Boolean:
            QVERIFY2(qobject_cast<QCheckBox*>(editor), qPrintable(spec.key));
            break;
        case FieldType::Choice:
            QVERIFY2(qobject_cast<QComboBox*>(editor), qPrintable(spec.key));
            QCOMPARE(qobject_cast<QComboBox*>(editor)->count(), spec.choices.size());
            break;
        }
        if (spec.kind == ValueKind::LocalPath) {
            QVERIFY2(m_window->findChild<QToolButton*>(QStringLiteral("browse_") +
                                                       FieldEditor::objectNameFor(spec.key).mid(6)),
                     qPrintable(spec.key));
        }
    }
    // Derived settings show the value they follow as placeholder text.
    QCOMPARE(field<QLineEdit>(Key::DjangoVenvDir)->placeholderText(), QStringLiteral("/home/ubuntu/saltant/venv"));
    // Human labels for choices.
    QCOMPARE(field<QComboBox>(Key::FlowerPrefixMode)->currentText(), QStringLiteral("0.9.5 or newer"));
}

void TestMainWindow::everySection_canBeShown()
{
    auto* sections = m_window->findChild<QListWidget*>(QStringLiteral("sectionList"));
    auto* stack = m_window->findChild<QStackedWidget*>(QStringLiteral("sectionStack"));
    QVERIFY(sections && stack);
    QCOMPARE(sections->count(), Schema::sections().size());
    for (int row = 0; row < sections->count(); ++row) {
        const QString id = Schema::sections()[row].id;
        QCOMPARE(sections->item(row)->text(), Schema::sections()[row].displayTitle());
        sections->setCurrentRow(row);
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("page_") + id);
        QVERIFY(stack->currentWidget()->isVisible());
        QCOMPARE(m_window->currentSection(), id);
        for (const FieldSpec* spec : Schema::fieldsOfSection(id)) {
            QVERIFY2(field<QWidget>(spec->key)->isVisibleTo(stack->currentWidget()), qPrintable(spec->key));
        }
    }
}

void TestMainWindow::typingDomain_updatesNginxAndDotenvPreviews()
{
    QVERIFY(preview(QStringLiteral("_nginx.conf")).contains(QStringLiteral("server_name fictionaljobrunner.com")));
    typeInto(field<QLineEdit>(Key::ServerDomain), QStringLiteral("jobs.example.org"));
    QCOMPARE(m_window->document()->project().text(Key::ServerDomain), QStringLiteral("jobs.example.org"));
    QTRY_VERIFY(preview(QStringLiteral("_nginx.conf"))
                    .contains(QStringLiteral("server_name jobs.example.org www.jobs.example.org;")));
    QTRY_VERIFY(preview(QStringLiteral("/.env"))
                    .contains(QStringLiteral("ALLOWED_HOSTS='jobs.example.org','www.jobs.example.org','127.0.0.1'")));
    QVERIFY(
        preview(QStringLiteral("/.env")).contains(QStringLiteral("DJANGO_BASE_URL='https://www.jobs.example.org'")));
    // Derived settings follow: the certificate name shows the new domain as its placeholder.
    QCOMPARE(field<QLineEdit>(Key::TlsCertName)->placeholderText(), QStringLiteral("jobs.example.org"));
}

void TestMainWindow::suggestion_setsTheValueAsOneUndoableEdit()
{
    auto* button = m_window->findChild<QToolButton*>(QStringLiteral("suggest_tls_acmeServer"));
    QVERIFY(button);
    QVERIFY(button->menu());
    const QList<QAction*> actions = button->menu()->actions();
    QCOMPARE(actions.size(), 2);
    QCOMPARE(actions.at(1)->text(), QString::fromLatin1(Schema::LetsEncryptStaging));
    const int before = m_window->document()->undoStack()->count();
    actions.at(1)->trigger();
    QCOMPARE(m_window->document()->project().text(Key::TlsAcmeServer), QString::fromLatin1(Schema::LetsEncryptStaging));
    QCOMPARE(field<QLineEdit>(Key::TlsAcmeServer)->text(), QString::fromLatin1(Schema::LetsEncryptStaging));
    QTRY_VERIFY(preview(QStringLiteral("deploy-steps.sh"))
                    .contains(QStringLiteral("--server https://acme-staging-v02.api.letsencrypt.org/directory ")));
    QCOMPARE(m_window->document()->undoStack()->count(), before + 1);
    m_window->document()->undoStack()->undo();
    QCOMPARE(m_window->document()->project().text(Key::TlsAcmeServer),
             QString::fromLatin1(Schema::LetsEncryptProduction));
}

void TestMainWindow::edit_flashesTheChangedLines()
{
    preview(QStringLiteral("_nginx.conf"));
    auto* editor = m_window->findChild<LineNumberEditor*>(QStringLiteral("previewEditor"));
    m_window->document()->setValue(Key::NginxClientMaxBodySize, QStringLiteral("64M"));
    m_window->analyzer()->refreshNow();
    const QList<int> flashed = editor->flashedLines();
    QCOMPARE(flashed.size(), 1);
    QCOMPARE(editor->document()->findBlockByNumber(flashed.first()).text().trimmed(),
             QStringLiteral("client_max_body_size 64M;"));
}

void TestMainWindow::typing_mergesIntoOneUndoCommand()
{
    QUndoStack* stack = m_window->document()->undoStack();
    typeInto(field<QLineEdit>(Key::DjangoProjectName), QStringLiteral("Job Runner"));
    QCOMPARE(stack->count(), 1);
    QVERIFY(m_window->isWindowModified());
    action("actionUndo")->trigger();
    QCOMPARE(field<QLineEdit>(Key::DjangoProjectName)->text(), QStringLiteral("Fictional Job Runner"));
    QVERIFY(!m_window->isWindowModified());
}

void TestMainWindow::undoRedo_restoresExactPreview()
{
    m_window->findChild<PreviewPane*>()->selectFile(QStringLiteral("nginx-site"));
    const QString before = preview(QStringLiteral("_nginx.conf"));
    const QString envBefore = preview(QStringLiteral("/.env"));
    typeInto(field<QLineEdit>(Key::ServerDomain), QStringLiteral("undo.example.net"));
    field<QCheckBox>(Key::NginxListenIpv6)->click();
    QTRY_VERIFY(!preview(QStringLiteral("_nginx.conf")).contains(QStringLiteral("[::]")));
    const QString after = preview(QStringLiteral("_nginx.conf"));
    QVERIFY(after != before);

    action("actionUndo")->trigger();
    action("actionUndo")->trigger();
    QTRY_COMPARE(preview(QStringLiteral("_nginx.conf")), before);
    QCOMPARE(preview(QStringLiteral("/.env")), envBefore);
    QCOMPARE(field<QLineEdit>(Key::ServerDomain)->text(), QStringLiteral("fictionaljobrunner.com"));
    QVERIFY(field<QCheckBox>(Key::NginxListenIpv6)->isChecked());

    action("actionRedo")->trigger();
    action("actionRedo")->trigger();
    QTRY_COMPARE(preview(QStringLiteral("_nginx.conf")), after);
}

void TestMainWindow::invalidValue_marksFieldAndKeepsLastPreview()
{
    const QString before = preview(QStringLiteral("_nginx.conf"));
    auto* size = field<QLineEdit>(Key::NginxClientMaxBodySize);
    auto* problem = m_window->findChild<QLabel*>(QStringLiteral("problem_nginx_clientMaxBodySize"));
    auto* banner = m_window->findChild<QLabel*>(QStringLiteral("previewBanner"));
    QVERIFY(problem && banner);
    QVERIFY(!size->property("invalid").toBool());
    m_window->showSection(QStringLiteral("nginx"));
    typeInto(size, QStringLiteral("ten megs"));
    QTRY_VERIFY(size->property("invalid").toBool());
    QVERIFY(problem->isVisible());
    QVERIFY(problem->text().startsWith(QStringLiteral("Maximum upload size")));
    QVERIFY(hasIssue(Key::NginxClientMaxBodySize, QStringLiteral("invalid-value")));
    QVERIFY(problemItem(QStringLiteral("Maximum upload size")));
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(QStringLiteral("Maximum upload size")));
    QCOMPARE(preview(QStringLiteral("_nginx.conf")), before);

    typeInto(size, QStringLiteral("20M"));
    QTRY_VERIFY(!size->property("invalid").toBool());
    QVERIFY(!problem->isVisible());
    QVERIFY(!banner->isVisible());
    QVERIFY(preview(QStringLiteral("_nginx.conf")).contains(QStringLiteral("client_max_body_size 20M;")));
}

void TestMainWindow::conflictingPort_isProblem_quickFixClearsIt()
{
    m_window->showSection(QStringLiteral("django"));
    auto* port = field<QSpinBox>(Key::EmailPort);
    port->setFocus();
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("465"));
    QCOMPARE(port->value(), 465);
    QTRY_VERIFY(port->property("invalid").toBool());
    QVERIFY(m_window->findChild<QLabel*>(QStringLiteral("problem_email_port"))->isVisible());
    QVERIFY(hasIssue(Key::EmailPort, QStringLiteral("email-tls-port-465")));

    QTreeWidgetItem* item = problemItem(QStringLiteral("SMTP port"));
    QVERIFY(item);
    item->treeWidget()->setCurrentItem(item);
    auto* fix = m_window->findChild<QPushButton*>(QStringLiteral("problemsFix"));
    QVERIFY(fix->isEnabled());
    QTest::mouseClick(fix, Qt::LeftButton);
    QCOMPARE(port->value(), 587);
    QTRY_VERIFY(!port->property("invalid").toBool());
    QVERIFY(!hasIssue(Key::EmailPort));
    QVERIFY(!problemItem(QStringLiteral("SMTP port")));

    // The fix is one undoable step.
    action("actionUndo")->trigger();
    QCOMPARE(port->value(), 465);
    QTRY_VERIFY(hasIssue(Key::EmailPort, QStringLiteral("email-tls-port-465")));
}

void TestMainWindow::refusedValue_isNotRecorded()
{
    ProjectDocument* document = m_window->document();
    const int commands = document->undoStack()->count();
    const QVariant before = document->project().stored(Key::DjangoDebug);
    QString error;
    QVERIFY(!document->setValue(Key::DjangoDebug, QStringLiteral("yes"), &error));
    QVERIFY2(error.contains(Key::DjangoDebug), qPrintable(error));
    QVERIFY(!document->setValue(QStringLiteral("no.such.setting"), true, &error));
    QVERIFY2(error.contains(QStringLiteral("no.such.setting")), qPrintable(error));
    QCOMPARE(document->undoStack()->count(), commands);
    QCOMPARE(document->project().stored(Key::DjangoDebug), before);
    QVERIFY(document->setValue(Key::DjangoDebug, !before.toBool(), &error));
    QCOMPARE(document->undoStack()->count(), commands + 1);
}

void TestMainWindow::problemDoubleClick_focusesTheField()
{
    m_window->showSection(QStringLiteral("ssh"));
    auto* debug = field<QCheckBox>(Key::DjangoDebug);
    m_window->document()->setValue(Key::DjangoDebug, true);
    QTRY_VERIFY(debug->isChecked());
    QTRY_VERIFY(problemItem(QStringLiteral("Debug mode")));
    QTreeWidgetItem* item = problemItem(QStringLiteral("Debug mode"));
    auto* list = item->treeWidget();
    list->scrollToItem(item);
    const QRect rect = list->visualItemRect(item);
    QVERIFY(list->viewport()->rect().contains(rect.center()));
    // A real double-click: press and release, then the second press arrives as a double-click.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    QCOMPARE(m_window->currentSection(), QStringLiteral("django"));
    QCOMPARE(m_window->focusWidget(), debug);

    list->setCurrentItem(problemItem(QStringLiteral("Debug mode")));
    QTest::mouseClick(m_window->findChild<QPushButton*>(QStringLiteral("problemsFix")), Qt::LeftButton);
    QTRY_VERIFY(!debug->isChecked());
    QTRY_VERIFY(!problemItem(QStringLiteral("Debug mode")));
}

void TestMainWindow::saveThenOpen_roundTrips()
{
    const QString path = m_dir.filePath(QStringLiteral("roundtrip.saltant.json"));
    typeInto(field<QLineEdit>(Key::ServerDomain), QStringLiteral("saved.example.com"));
    field<QSpinBox>(Key::UwsgiProcesses)->setValue(4);
    field<QComboBox>(Key::FlowerPrefixMode)->setCurrentIndex(1);
    typeInto(field<QLineEdit>(Key::ServerExtraAllowedHosts), QStringLiteral("10.0.0.1, .example.com"));
    const Project edited = m_window->document()->project();
    QVERIFY(m_window->isWindowModified());

    FileDialog::setNextFileName(path);
    action("actionSave")->trigger();
    QVERIFY(QFile::exists(path));
    QVERIFY(!m_window->isWindowModified());
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("roundtrip.saltant.json")));

    action("actionNew")->trigger();
    QCOMPARE(field<QLineEdit>(Key::ServerDomain)->text(), QStringLiteral("fictionaljobrunner.com"));

    FileDialog::setNextFileName(path);
    action("actionOpen")->trigger();
    QCOMPARE(m_window->document()->project(), edited);
    QCOMPARE(m_window->document()->filePath(), path);
    QCOMPARE(field<QLineEdit>(Key::ServerDomain)->text(), QStringLiteral("saved.example.com"));
    QCOMPARE(field<QSpinBox>(Key::UwsgiProcesses)->value(), 4);
    QCOMPARE(field<QComboBox>(Key::FlowerPrefixMode)->currentText(), QStringLiteral("0.9.4 or older"));
    QCOMPARE(field<QLineEdit>(Key::ServerExtraAllowedHosts)->text(), QStringLiteral("10.0.0.1, .example.com"));
    QVERIFY(!m_window->isWindowModified());
    QVERIFY(m_window->document()->undoStack()->count() == 0);
    // Opening is not an edit: the preview shows the file without flashing changed lines.
    m_window->analyzer()->refreshNow();
    QVERIFY(preview(QStringLiteral("_nginx.conf")).contains(QStringLiteral("server_name saved.example.com")));
    QVERIFY(m_window->findChild<LineNumberEditor*>(QStringLiteral("previewEditor"))->flashedLines().isEmpty());
}

void TestMainWindow::closeWithUnsavedChanges_asks()
{
    typeInto(field<QLineEdit>(Key::DjangoProjectName), QStringLiteral("Unsaved"));
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!m_window->close());
    QVERIFY(m_window->isVisible());
    QVERIFY(MessageBox::lastQuestion().contains(QStringLiteral("unsaved changes")));

    const QString path = m_dir.filePath(QStringLiteral("onclose.saltant.json"));
    MessageBox::setNextAnswer(QMessageBox::Save);
    FileDialog::setNextFileName(path);
    QVERIFY(m_window->close());
    Project saved;
    QString error;
    QVERIFY2(ProjectFile::load(path, &saved, &error), qPrintable(error));
    QCOMPARE(saved.text(Key::DjangoProjectName), QStringLiteral("Unsaved"));
}

void TestMainWindow::newProject_withUnsavedChanges_asks()
{
    typeInto(field<QLineEdit>(Key::DjangoProjectName), QStringLiteral("Keep me"));
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    action("actionNew")->trigger();
    QCOMPARE(field<QLineEdit>(Key::DjangoProjectName)->text(), QStringLiteral("Keep me"));

    MessageBox::setNextAnswer(QMessageBox::Discard);
    action("actionNew")->trigger();
    QCOMPARE(field<QLineEdit>(Key::DjangoProjectName)->text(), QStringLiteral("Fictional Job Runner"));
    QVERIFY(!m_window->isWindowModified());
    QVERIFY(m_window->close());
}

void TestMainWindow::secrets_areMaskedInThePreview()
{
    const QString env = preview(QStringLiteral("/.env"));
    QVERIFY(!env.contains(QStringLiteral("<secret:")));
    QVERIFY(env.contains(QStringLiteral("SECRET_KEY='") + QString(6, QChar(0x2022)) + QLatin1Char('\'')));
    auto* files = m_window->findChild<QTreeWidget*>(QStringLiteral("previewFiles"));
    const auto envItems = files->findItems(QStringLiteral("/.env"), Qt::MatchEndsWith, 0);
    QCOMPARE(envItems.size(), 1);
    QVERIFY(!envItems.first()->icon(0).isNull()); // the lock
    const auto steps = files->findItems(QStringLiteral("preview only"), Qt::MatchExactly, 2);
    QCOMPARE(steps.size(), 1);
}

void TestMainWindow::secretStore_statesAndReveal()
{
    const QString value = QStringLiteral("s3cr3t-django-key-for-the-test");
    MemorySecretStore store(m_window->document()->project().projectId());
    QVERIFY(store.writeNow(QStringLiteral("django.secretKey"), value).ok);
    QTRY_VERIFY(hasIssue(QStringLiteral("django.secretKey"), QStringLiteral("missing-secret")));
    m_window->setSecretStore(&store);
    QTRY_VERIFY(!hasIssue(QStringLiteral("django.secretKey"), QStringLiteral("missing-secret")));
    QVERIFY(hasIssue(QStringLiteral("database.password"), QStringLiteral("missing-secret")));
    auto* editor = m_window->findChild<SecretEditor*>(QStringLiteral("secret_django_secretKey"));
    QVERIFY(editor);
    QTRY_COMPARE(editor->state(), SecretEditor::State::Stored);

    // Storing a secret from its section's form clears its missing-secret problem.
    m_window->showSection(QStringLiteral("database"));
    auto* password = m_window->findChild<QLineEdit*>(QStringLiteral("secret_database_password_value"));
    auto* save = m_window->findChild<QPushButton*>(QStringLiteral("secret_database_password_save"));
    QVERIFY(password && save);
    QTest::keyClicks(password, QStringLiteral("a-long-database-password-0123456789"));
    QTRY_VERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY(!hasIssue(QStringLiteral("database.password"), QStringLiteral("missing-secret")));

    QVERIFY(!preview(QStringLiteral("/.env")).contains(value));
    auto* reveal = m_window->findChild<QToolButton*>(QStringLiteral("previewReveal"));
    QVERIFY(reveal && reveal->isVisible());
    reveal->click();
    QTRY_VERIFY(m_window->findChild<LineNumberEditor*>(QStringLiteral("previewEditor"))
                    ->toPlainText()
                    .contains(QStringLiteral("SECRET_KEY='") + value + QLatin1Char('\'')));
    // Another file, and back: masked again.
    preview(QStringLiteral("_nginx.conf"));
    QVERIFY(!reveal->isChecked());
    QVERIFY(!preview(QStringLiteral("/.env")).contains(value));
    m_window->setSecretStore(nullptr);
}

void TestMainWindow::brandingPicker_checksSquarePng()
{
    m_window->showSection(QStringLiteral("branding"));
    const QString wide = m_dir.filePath(QStringLiteral("wide.png"));
    const QString square = m_dir.filePath(QStringLiteral("square.png"));
    QImage image(64, 32, QImage::Format_ARGB32);
    image.fill(Qt::darkCyan);
    QVERIFY(image.save(wide));
    QVERIFY(image.copy(0, 0, 32, 32).save(square));
    auto* summary = m_window->findChild<QLabel*>(QStringLiteral("brandingPreview_logoFile_summary"));
    QVERIFY(summary);

    FileDialog::setNextFileName(wide);
    QTest::mouseClick(m_window->findChild<QToolButton*>(QStringLiteral("browse_branding_logoFile")), Qt::LeftButton);
    QCOMPARE(field<QLineEdit>(Key::BrandingLogoFile)->text(), wide);
    QVERIFY2(summary->text().contains(QStringLiteral("not square")), qPrintable(summary->text()));
    QTRY_VERIFY(hasIssue(Key::BrandingLogoFile));

    FileDialog::setNextFileName(square);
    QTest::mouseClick(m_window->findChild<QToolButton*>(QStringLiteral("browse_branding_logoFile")), Qt::LeftButton);
    QVERIFY2(summary->text().contains(QStringLiteral("square PNG")), qPrintable(summary->text()));
    QTRY_VERIFY(!hasIssue(Key::BrandingLogoFile));
}

void TestMainWindow::layout_isRestoredFromSettings()
{
    m_window->showSection(QStringLiteral("tls"));
    QVERIFY(m_window->close());
    m_window = std::make_unique<MainWindow>();
    QCOMPARE(m_window->currentSection(), QStringLiteral("tls"));
    QSettings settings;
    for (const QString& key : settings.allKeys()) {
        QVERIFY2(!key.contains(QStringLiteral("secret"), Qt::CaseInsensitive), qPrintable(key));
    }
}

void TestMainWindow::help_listsTheCli()
{
    action("actionHelp")->trigger();
    auto* dialog = m_window->findChild<HelpDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(HelpDialog::helpHtml().contains(QStringLiteral("saltant-deploy-cli render")));
    QCOMPARE(action("actionHelp")->shortcut(), QKeySequence(QKeySequence::HelpContents));
    dialog->close();
}

SALTANT_UI_TEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
