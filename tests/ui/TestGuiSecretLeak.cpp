#include "DeployWindowHarness.h"
#include "RecordingTools.h"
#include "UiTestMain.h"
#include "common/FileDialog.h"
#include "common/MessageBox.h"
#include "deploy/HostKeyDialog.h"
#include "deploy/PlanDialog.h"
#include "document/ProjectDocument.h"
#include "forms/FieldEditor.h"
#include "forms/SecretEditor.h"
#include "generate/Renderer.h"
#include "model/Schema.h"
#include "preview/PreviewPane.h"

#include <QClipboard>
#include <QDirIterator>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QUndoStack>

using namespace saltant;

// The window keeps secrets out of everything it writes: with all of Schema::secrets() stored through the window's
// own SecretEditors (random values), revealing and hiding a file in the preview, edits with undo/redo, the Problems
// panel, Save and Save As, a full Deploy against a loopback sshd (host key, plan, progress, deploy log) and closing
// the window leave no value in any file under the test's HOME (XDG dirs, QSettings, deploy logs, the project dir;
// TMPDIR points there too), in the clipboard, in a widget's text or in a command line of the deploy. The pretend
// server's own files (DeployFixture's root: the deployed .env and friends) hold the values by design and are the only
// files not searched; the server's command lines recorded there are checked separately.
class TestGuiSecretLeak : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void search_findsPlantedValuesOutsideTheServerRoot();
    void secrets_areStoredThroughTheEditors();
    void preview_revealEditUndoRedo_thenHideMasksAgain();
    void save_andSaveAs_writeNoValue();
    void deploy_planProgressAndLogAreMasked();
    void close_leavesNoValueOnDiskOrInTheClipboard();

private:
    struct Needle
    {
        QString name;
        const char* form;
        QByteArray bytes;
    };
    QStringList hitsIn(const QString& where, const QByteArray& data) const;
    QStringList hitsInText(const QString& where, const QString& text) const { return hitsIn(where, text.toUtf8()); }
    QStringList hitsInFile(const QString& path) const;
    // Every regular file under HOME but the pretend server's root.
    QStringList filesWithValues() const;
    QStringList widgetTextWithValues() const;
    void sampleCommandLines();
    template<class T>
    T* find(const QString& name) const
    {
        return m_harness->window->findChild<T*>(name);
    }
    void typeInto(const QString& key, const QString& text);

    std::unique_ptr<DeployWindowHarness> m_harness;
    QHash<QString, QString> m_values; // secret name -> value
    QList<Needle> m_needles;
    qsizetype m_longestNeedle = 0;
    QString m_home;
    QStringList m_commandLineHits;
};

void TestGuiSecretLeak::initTestCase()
{
    // UiTestMain made HOME a temporary directory; the test's TMPDIR goes inside it, so everything this process (and
    // the sshd and fixture it starts) creates through QDir::tempPath() is searched with HOME.
    m_home = QDir::homePath();
    QVERIFY(QDir().mkpath(m_home + QStringLiteral("/tmp")));
    qputenv("TMPDIR", (m_home + QStringLiteral("/tmp")).toLocal8Bit());
    qunsetenv("SSH_AUTH_SOCK"); // the key and its passphrase, not an agent, log in
    QVERIFY2(QDir::tempPath().startsWith(m_home + QLatin1Char('/')), qPrintable(QDir::tempPath()));

    // Letters and digits only: any quoting or URL encoding a generator applies leaves them as they are.
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (const SecretSpec& spec : Schema::secrets()) {
        QString value = QStringLiteral("GuiLeak");
        for (int i = 0; i < 24; ++i) {
            value += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof(alphabet) - 1))]);
        }
        m_values.insert(spec.name, value);
        const QByteArray le(reinterpret_cast<const char*>(value.utf16()), value.size() * 2);
        QByteArray be(le.size(), '\0');
        for (qsizetype i = 0; i + 1 < le.size(); i += 2) {
            be[i] = le[i + 1];
            be[i + 1] = le[i];
        }
        m_needles << Needle{spec.name, "UTF-8", value.toUtf8()} << Needle{spec.name, "UTF-16LE", le}
                  << Needle{spec.name, "UTF-16BE", be};
        m_longestNeedle = std::max(m_longestNeedle, le.size());
    }
    QCOMPARE(m_values.size(), 12); // every secret of the schema, the Ansible vault password included

    m_harness = std::make_unique<DeployWindowHarness>();
    QString error;
    QVERIFY2(m_harness->start(&error), qPrintable(error));
    // The login key is protected by the ssh.passphrase secret: the deploy below needs that value to log in.
    const QString key = m_harness->peer->directory() + QStringLiteral("/protected_ed25519");
    QVERIFY2(
        SshdPeer::generateKey(key, QStringLiteral("ed25519"), m_values.value(QStringLiteral("ssh.passphrase")), &error),
        qPrintable(error));
    QVERIFY2(m_harness->peer->authorizeKey(key + QStringLiteral(".pub"), &error), qPrintable(error));
    // A server command whose output holds secrets: collectstatic's python prints the deployed .env (the fixture's
    // runuser, which only records, here also runs the command it is given).
    const DeployFixture& fixture = *m_harness->fixture;
    QString envPath;
    for (const GeneratedFile& file : Renderer::render(fixture.project).files) {
        envPath = file.remotePath.endsWith(QLatin1String("/.env")) ? file.remotePath : envPath;
    }
    QVERIFY(!envPath.isEmpty());
    const QString runuser = QStringLiteral("#!/bin/sh\nline=runuser\nfor a in \"$@\"; do line=\"$line $a\"; done\n"
                                           "printf '%s\\n' \"$line\" >> '%1'\n"
                                           "while [ $# -gt 0 ] && [ \"$1\" != -- ]; do shift; done\n"
                                           "[ $# -gt 0 ] && shift\nexec \"$@\"\n")
                                .arg(fixture.logPath());
    // (The plan's read-only Flower release probe, python -I -B -c ..., is answered "matches", as in the fixture.)
    const QString python = QStringLiteral("#!/bin/sh\n[ \"$1\" = -I ] && exit 0\nprintf '%s\\n' \"python $*\" >> '%1'\n"
                                          "cat '%2'\n")
                               .arg(fixture.logPath(), envPath);
    QVERIFY2(
        RecordingTools::writeScript(fixture.binDir() + QStringLiteral("/runuser"), runuser, &error) &&
            RecordingTools::writeScript(fixture.path(QStringLiteral("/home/saltant/venv/bin/python")), python, &error),
        qPrintable(error));
    QVERIFY2(m_harness->openWindow(m_harness->knownHostsPath(), &error), qPrintable(error));
}

void TestGuiSecretLeak::cleanupTestCase()
{
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    if (m_harness) {
        m_harness->tearDown();
    }
}

QStringList TestGuiSecretLeak::hitsIn(const QString& where, const QByteArray& data) const
{
    QStringList found;
    for (const Needle& needle : m_needles) {
        if (data.contains(needle.bytes)) {
            found << needle.name + QStringLiteral(" (") + QLatin1String(needle.form) + QStringLiteral(") in ") + where;
        }
    }
    return found;
}

QStringList TestGuiSecretLeak::hitsInFile(const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return file.exists() ? QStringList{QStringLiteral("unreadable: ") + path} : QStringList();
    }
    // In pieces with an overlap, so a large file is searched whole without holding it in memory.
    QStringList found;
    QByteArray tail;
    for (QByteArray piece = file.read(1 << 20); !piece.isEmpty(); piece = file.read(1 << 20)) {
        const QByteArray window = tail + piece;
        for (const QString& hit : hitsIn(path, window)) {
            if (!found.contains(hit)) {
                found << hit;
            }
        }
        tail = window.right(m_longestNeedle - 1);
    }
    return found;
}

QStringList TestGuiSecretLeak::filesWithValues() const
{
    const QString serverRoot = m_harness->fixture->root() + QLatin1Char('/');
    QStringList found;
    QDirIterator it(m_home, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        // The pretend server's files (the deployed .env, flower.env, ...) legitimately hold the values.
        if (it.fileInfo().isFile() && !path.startsWith(serverRoot)) {
            found << hitsInFile(path);
        }
    }
    return found;
}

QStringList TestGuiSecretLeak::widgetTextWithValues() const
{
    QStringList texts{m_harness->window->windowTitle(), m_harness->window->statusBar()->currentMessage(),
                      MessageBox::lastQuestion()};
    for (const QWidget* w : m_harness->window->findChildren<QWidget*>()) {
        texts << w->toolTip() << w->windowTitle() << w->accessibleName() << w->accessibleDescription();
        if (const auto* label = qobject_cast<const QLabel*>(w)) {
            texts << label->text();
        } else if (const auto* line = qobject_cast<const QLineEdit*>(w)) {
            texts << line->text() << line->placeholderText();
        } else if (const auto* edit = qobject_cast<const QPlainTextEdit*>(w)) {
            texts << edit->toPlainText();
        } else if (const auto* button = qobject_cast<const QAbstractButton*>(w)) {
            texts << button->text();
        } else if (const auto* tree = qobject_cast<const QTreeWidget*>(w)) {
            for (QTreeWidgetItemIterator item(const_cast<QTreeWidget*>(tree)); *item; ++item) {
                for (int c = 0; c < tree->columnCount(); ++c) {
                    texts << (*item)->text(c) << (*item)->toolTip(c);
                }
            }
        }
    }
    const QUndoStack* undo = m_harness->window->document()->undoStack();
    for (int i = 0; i < undo->count(); ++i) {
        texts << undo->text(i);
    }
    return hitsInText(QStringLiteral("the window's widgets"), texts.join(QLatin1Char('\n')));
}

// The command lines of every process on the machine (the remote commands of a loopback deploy are local ones).
void TestGuiSecretLeak::sampleCommandLines()
{
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString dir = it.next();
        QFile cmdline(dir + QStringLiteral("/cmdline"));
        if (it.fileName().front().isDigit() && cmdline.open(QIODevice::ReadOnly)) {
            const QByteArray line = cmdline.readAll();
            for (const QString& hit : hitsIn(dir + QStringLiteral("/cmdline: ") + QString::fromLocal8Bit(line), line)) {
                if (!m_commandLineHits.contains(hit)) {
                    m_commandLineHits << hit;
                }
            }
        }
    }
}

void TestGuiSecretLeak::typeInto(const QString& key, const QString& text)
{
    auto* edit = find<QLineEdit>(FieldEditor::objectNameFor(key));
    QVERIFY2(edit, qPrintable(key));
    QVERIFY(m_harness->window->goToField(key));
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void TestGuiSecretLeak::search_findsPlantedValuesOutsideTheServerRoot()
{
    // Where the window writes is all inside the searched tree.
    const QStringList places = {QSettings().fileName(),
                                DeployLog::directory(),
                                QDir::tempPath(),
                                QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation),
                                QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation),
                                QStandardPaths::writableLocation(QStandardPaths::CacheLocation),
                                QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation),
                                QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation),
                                m_harness->window->document()->filePath(),
                                m_harness->peer->remoteHome()};
    for (const QString& place : places) {
        QVERIFY2(place.startsWith(m_home + QLatin1Char('/')), qPrintable(place + QStringLiteral(" not under HOME")));
    }
    const QString value = m_values.value(QStringLiteral("sudo.password"));
    const QString hidden = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
                           QStringLiteral("/hidden-planted/.planted");
    const QString temp = QDir::tempPath() + QStringLiteral("/planted.bin");
    const QString server = m_harness->fixture->path(QStringLiteral("/etc/planted"));
    const auto plant = [](const QString& path, const QByteArray& content) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write("prefix " + content + " suffix") > 0;
    };
    QVERIFY(plant(hidden, value.toUtf8()));
    QVERIFY(plant(temp, QByteArray(reinterpret_cast<const char*>(value.utf16()), value.size() * 2)));
    QVERIFY(plant(server, value.toUtf8()));
    QStringList found = filesWithValues();
    found.sort();
    const QStringList expected = {QStringLiteral("sudo.password (UTF-16LE) in ") + temp,
                                  QStringLiteral("sudo.password (UTF-8) in ") + hidden};
    QVERIFY2(found == expected, qPrintable(found.join(QLatin1Char('\n'))));
    QVERIFY(QDir(QFileInfo(hidden).absolutePath()).removeRecursively());
    QVERIFY(QFile::remove(temp) && QFile::remove(server));
    found = filesWithValues();
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

void TestGuiSecretLeak::secrets_areStoredThroughTheEditors()
{
    int replaced = 0;
    for (const SecretSpec& spec : Schema::secrets()) {
        const QString name = SecretEditor::objectNameFor(spec.name);
        auto* editor = find<SecretEditor>(name);
        auto* value = find<QLineEdit>(name + QStringLiteral("_value"));
        auto* save = find<QPushButton>(name + QStringLiteral("_save"));
        QVERIFY2(editor && value && save, qPrintable(spec.name));
        QVERIFY(m_harness->window->showSection(spec.section));
        editor->refresh();
        QTRY_VERIFY2(editor->state() == SecretEditor::State::Stored ||
                         editor->state() == SecretEditor::State::NotStored,
                     qPrintable(spec.name));
        const bool stored = editor->state() == SecretEditor::State::Stored;
        QCOMPARE(save->text(), stored ? QStringLiteral("Replace") : QStringLiteral("Set"));
        replaced += stored ? 1 : 0;
        value->setFocus();
        QTest::keyClicks(value, m_values.value(spec.name));
        QVERIFY2(save->isEnabled(), qPrintable(spec.name));
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE(editor->state(), SecretEditor::State::Stored);
        QCOMPARE(m_harness->store->readNow(spec.name).value, m_values.value(spec.name));
        QVERIFY2(value->text().isEmpty(), qPrintable(spec.name));
    }
    QCOMPARE(replaced, m_harness->fixture->secrets().names().size()); // the fixture's values were replaced
    const QStringList shown = widgetTextWithValues();
    QVERIFY2(shown.isEmpty(), qPrintable(shown.join(QLatin1Char('\n'))));
}

void TestGuiSecretLeak::preview_revealEditUndoRedo_thenHideMasksAgain()
{
    PreviewPane* pane = m_harness->window->previewPane();
    auto* files = find<QTreeWidget>(QStringLiteral("previewFiles"));
    auto* reveal = find<QToolButton>(QStringLiteral("previewReveal"));
    QVERIFY(files && reveal);
    const auto envItems = files->findItems(QStringLiteral("/.env"), Qt::MatchEndsWith, 0);
    QCOMPARE(envItems.size(), 1);
    files->setCurrentItem(envItems.first());
    QVERIFY(reveal->isVisible());
    reveal->click();
    const QString secretKey = m_values.value(QStringLiteral("django.secretKey"));
    QTRY_VERIFY(pane->editor()->toPlainText().contains(secretKey));
    QVERIFY(pane->editor()->toPlainText().contains(m_values.value(QStringLiteral("database.password"))));

    // Edits while revealed (the revealed file is rendered again), a problem in the Problems panel, undo and redo.
    typeInto(Key::DjangoProjectName, QStringLiteral("Leak Check Runner"));
    QTRY_VERIFY(pane->editor()->toPlainText().contains(QStringLiteral("Leak Check Runner")));
    QVERIFY(pane->editor()->toPlainText().contains(secretKey));
    typeInto(Key::NginxClientMaxBodySize, QStringLiteral("ten megs"));
    auto* problems = find<QTreeWidget>(QStringLiteral("problemsList"));
    QTRY_VERIFY(!problems->findItems(QStringLiteral("Maximum upload size"), Qt::MatchExactly, 1).isEmpty());
    QStringList problemTexts;
    for (QTreeWidgetItemIterator item(problems); *item; ++item) {
        for (int c = 0; c < problems->columnCount(); ++c) {
            problemTexts << (*item)->text(c) << (*item)->toolTip(c);
        }
    }
    QStringList found = hitsInText(QStringLiteral("the Problems panel"), problemTexts.join(QLatin1Char('\n')));
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    QAction* undo = find<QAction>(QStringLiteral("actionUndo"));
    QAction* redo = find<QAction>(QStringLiteral("actionRedo"));
    undo->trigger();
    QTRY_VERIFY(problems->findItems(QStringLiteral("Maximum upload size"), Qt::MatchExactly, 1).isEmpty());
    undo->trigger();
    QTRY_VERIFY(!pane->editor()->toPlainText().contains(QStringLiteral("Leak Check Runner")));
    redo->trigger();
    QTRY_VERIFY(pane->editor()->toPlainText().contains(QStringLiteral("Leak Check Runner")));
    QVERIFY(pane->editor()->toPlainText().contains(secretKey));

    // The login key protected by ssh.passphrase, for the deploy below.
    typeInto(Key::SshIdentityFile, m_harness->peer->directory() + QStringLiteral("/protected_ed25519"));

    // Still the .env, still revealed after the edits: now hide it.
    QVERIFY(files->currentItem() && files->currentItem()->text(0).endsWith(QLatin1String("/.env")));
    QVERIFY(reveal->isChecked() && pane->editor()->toPlainText().contains(secretKey));
    reveal->click();
    QTRY_VERIFY(!pane->isRevealing());
    QVERIFY(!reveal->isChecked());
    const QString masked = pane->editor()->toPlainText();
    QVERIFY2(masked.contains(QStringLiteral("SECRET_KEY='") + QString(6, QChar(0x2022)) + QLatin1Char('\'')),
             qPrintable(masked));
    found = hitsInText(QStringLiteral("the preview after hiding"), masked);
    for (int i = 0; i < files->topLevelItemCount(); ++i) {
        const QString id = files->topLevelItem(i)->data(0, Qt::UserRole).toString();
        found << hitsInText(QStringLiteral("displayed text of ") + files->topLevelItem(i)->text(0),
                            pane->displayedText(id));
    }
    found << widgetTextWithValues();
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

void TestGuiSecretLeak::save_andSaveAs_writeNoValue()
{
    const QString path = m_harness->window->document()->filePath();
    QVERIFY(m_harness->window->isWindowModified());
    find<QAction>(QStringLiteral("actionSave"))->trigger();
    QVERIFY(!m_harness->window->isWindowModified());
    const QString copy = m_harness->directory() + QStringLiteral("/saved-as.saltant.json");
    FileDialog::setNextFileName(copy);
    find<QAction>(QStringLiteral("actionSaveAs"))->trigger();
    QCOMPARE(m_harness->window->document()->filePath(), copy);
    for (const QString& saved : {path, copy}) {
        QFile file(saved);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(saved));
        const QByteArray content = file.readAll();
        QVERIFY2(content.contains("Leak Check Runner") && content.contains("protected_ed25519"), qPrintable(saved));
        const QStringList found = hitsIn(saved, content);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }
}

void TestGuiSecretLeak::deploy_planProgressAndLogAreMasked()
{
    MessageBox::setNextAnswer(QMessageBox::Ok); // a failure's warning is recorded instead of blocking the test
    m_harness->deployAction()->trigger();
    auto* hostKey = m_harness->waitFor<HostKeyDialog>("hostKeyDialog");
    QVERIFY2(hostKey, qPrintable(MessageBox::lastQuestion()));
    DeployWindowHarness::child<QPushButton>(hostKey, "acceptHostKeyButton")->click();

    auto* plan = m_harness->waitFor<PlanDialog>("planDialog");
    QVERIFY2(plan, qPrintable(MessageBox::lastQuestion())); // logged in with the key's passphrase from the store
    MessageBox::setNextAnswer(QMessageBox::NoButton);
    const auto envRows = plan->files()->findItems(QStringLiteral("/.env"), Qt::MatchEndsWith, PlanDialog::PathColumn);
    QCOMPARE(envRows.size(), 1);
    plan->files()->setCurrentItem(envRows.first());
    const QString diff = plan->diffView()->toPlainText();
    QVERIFY2(diff.contains(QStringLiteral("<secret:django.secretKey>")), qPrintable(diff));
    QStringList found = hitsInText(QStringLiteral("the plan's diff"), diff);
    found << widgetTextWithValues();
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    DeployWindowHarness::child<QPushButton>(plan, "confirmDeployButton")->click();

    auto* progress = m_harness->waitFor<DeployProgressDialog>("deployProgressDialog");
    QVERIFY(progress);
    const bool finished = QTest::qWaitFor(
        [&] {
            sampleCommandLines();
            return progress->isFinished();
        },
        120000);
    QVERIFY(finished);
    const DeployReport report = m_harness->controller()->lastReport();
    QString steps;
    for (const DeployStepReport& step : report.steps) {
        steps += DeployLog::formatStep(step);
    }
    QVERIFY2(report.outcome == DeployReport::Outcome::Deployed, qPrintable(report.message + QLatin1Char('\n') + steps));
    QVERIFY2(m_commandLineHits.isEmpty(), qPrintable(m_commandLineHits.join(QLatin1Char('\n'))));
    // Every server command's arguments, as the fixture's tools recorded them (python among them).
    const QStringList calls = m_harness->fixture->calls();
    QVERIFY2(calls.contains(QStringLiteral("python manage.py collectstatic --noinput")),
             qPrintable(calls.join(QLatin1Char('\n'))));
    found = hitsInText(QStringLiteral("the server's recorded command lines"), calls.join(QLatin1Char('\n')));

    // python printed the .env: the progress dialog's log view and the log file show it masked.
    auto* logView = DeployWindowHarness::child<QPlainTextEdit>(progress, "deployLog");
    QVERIFY2(logView->toPlainText().contains(QStringLiteral("SECRET_KEY='<secret>'")),
             qPrintable(logView->toPlainText()));
    found << hitsInText(QStringLiteral("the progress dialog's log view"), logView->toPlainText());
    QFile log(report.logPath);
    QVERIFY2(report.logPath.startsWith(DeployLog::directory() + QLatin1Char('/')), qPrintable(report.logPath));
    QVERIFY2(log.open(QIODevice::ReadOnly), qPrintable(report.logPath));
    const QByteArray logText = log.readAll();
    QVERIFY2(logText.contains("SECRET_KEY='<secret>'") && logText.contains("<secret:django.secretKey>"),
             logText.constData());
    found << hitsIn(report.logPath, logText);
    found << widgetTextWithValues();
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));

    // What a user copies from the log view to report a problem.
    logView->selectAll();
    logView->copy();
    QTRY_VERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("<secret>")));
    QVERIFY(DeployWindowHarness::closeProgress(progress));
}

void TestGuiSecretLeak::close_leavesNoValueOnDiskOrInTheClipboard()
{
    QVERIFY(m_harness->window->close()); // saves geometry, layout and section in QSettings
    m_harness->window.reset();
    QSettings settings;
    QVERIFY(QFile::exists(settings.fileName()));
    const QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    QVERIFY2(recent.contains(m_harness->directory() + QStringLiteral("/saved-as.saltant.json")),
             qPrintable(recent.join(QLatin1Char(' '))));
    QVERIFY2(settings.allKeys().size() > 3, qPrintable(settings.allKeys().join(QLatin1Char(' '))));

    QStringList found = filesWithValues();
    const QMimeData* copied = QGuiApplication::clipboard()->mimeData();
    QVERIFY(copied);
    for (const QString& format : copied->formats()) {
        found << hitsIn(QStringLiteral("the clipboard as ") + format, copied->data(format));
    }
    QFile self(QStringLiteral("/proc/self/cmdline"));
    QFile environment(QStringLiteral("/proc/self/environ"));
    QVERIFY(self.open(QIODevice::ReadOnly) && environment.open(QIODevice::ReadOnly));
    found << hitsIn(QStringLiteral("the test's command line and environment"), self.readAll() + environment.readAll());
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

SALTANT_UI_TEST_MAIN(TestGuiSecretLeak)
#include "TestGuiSecretLeak.moc"
