#include "MemorySecretStore.h"
#include "SshdPeer.h"
#include "UiTestMain.h"
#include "common/FileDialog.h"
#include "deploy/HostKeyDialog.h"
#include "document/ProjectDocument.h"
#include "window/ImportDialog.h"
#include "window/MainWindow.h"

#include <QAction>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTreeWidget>

using namespace saltant;

// File > Import from Server…: the dialog driven by objectName in the real window: the guide's hand-made server from
// a directory (the report with FILE:LINE and the guide's mistakes, never a secret's value), Open as New Project (the
// secrets in the keychain under the new id first, then the project), an empty directory, a bad SSH address, and a
// real sshd on loopback whose unknown host key is refused.
class TestImportDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void guideServerDirectory_showsTheReport_neverASecret();
    void openAsNewProject_storesTheSecretsThenOpensTheProject();
    void openAsNewProject_keychainFails_saysSoAndDoesNotOpen();
    void emptyDirectory_saysNoServerWasFound_onTheFirstPage();
    void badSshAddress_showsTheErrorInline_andDoesNotStart();
    void unknownHostKey_rejected_importsNothing();
    void unknownHostKey_accepted_readsTheServer();
    void changedHostKey_isRefusedWithTheCoresMessage();
    void cancelWhileAskingAboutTheHostKey_closesBoth();

private:
    static QString guideServer() { return QStringLiteral(SALTANT_SOURCE_DIR "/tests/data/import/guide-server"); }
    ImportDialog* openDialog();
    // Imports directory with the dialog's widgets; waits until the import has finished.
    ImportDialog* importDirectory(const QString& directory);
    template<class T>
    static T* child(QWidget* parent, const char* name)
    {
        T* found = parent->findChild<T*>(QString::fromLatin1(name));
        if (!found) {
            qWarning("no child %s", name);
        }
        return found;
    }
    // Every text the report tree shows, one item a line.
    static QString reportText(ImportDialog* dialog);
    // Fills the SSH fields for peer, trusting knownHosts, and clicks Import.
    static void startSshImport(ImportDialog* dialog, const SshdPeer& peer, const QString& knownHosts);
    // The visible host-key question, waiting up to 60 s (null when it never came).
    static HostKeyDialog* waitForHostKeyDialog(ImportDialog* dialog);
    // Every text any label, line edit or the report of the dialog shows.
    static QString everyText(ImportDialog* dialog);

    std::unique_ptr<MemorySecretStore> m_store;
    std::unique_ptr<MainWindow> m_window;
};

void TestImportDialog::init()
{
    QSettings().clear();
    m_store = std::make_unique<MemorySecretStore>(QString());
    m_window = std::make_unique<MainWindow>();
    m_window->setSecretStore(m_store.get());
    m_window->startSession();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestImportDialog::cleanup()
{
    m_window.reset();
    m_store.reset();
}

ImportDialog* TestImportDialog::openDialog()
{
    auto* action = m_window->findChild<QAction*>(QStringLiteral("actionImportFromServer"));
    if (!action) {
        return nullptr;
    }
    action->trigger();
    auto* dialog = m_window->findChild<ImportDialog*>(QStringLiteral("importDialog"));
    if (dialog && !QTest::qWaitForWindowExposed(dialog)) {
        return nullptr;
    }
    return dialog;
}

ImportDialog* TestImportDialog::importDirectory(const QString& directory)
{
    ImportDialog* dialog = openDialog();
    if (!dialog) {
        return nullptr;
    }
    child<QRadioButton>(dialog, "importFromDirectory")->click();
    // Browse… goes through the file dialog's seam.
    FileDialog::setNextFileName(directory);
    child<QPushButton>(dialog, "importDirectoryBrowse")->click();
    if (QDir::fromNativeSeparators(child<QLineEdit>(dialog, "importDirectory")->text()) != directory) {
        return nullptr;
    }
    auto* import = child<QPushButton>(dialog, "importButton");
    if (!import->isEnabled()) {
        return nullptr;
    }
    import->click();
    QElapsedTimer timer;
    timer.start();
    while (dialog->isRunning() && timer.elapsed() < 60000) {
        QTest::qWait(20);
    }
    return dialog->isRunning() ? nullptr : dialog;
}

QString TestImportDialog::reportText(ImportDialog* dialog)
{
    QStringList lines;
    auto* tree = child<QTreeWidget>(dialog, "importReport");
    for (QTreeWidgetItemIterator it(tree); *it; ++it) {
        QStringList columns;
        for (int c = 0; c < tree->columnCount(); ++c) {
            columns << (*it)->text(c) << (*it)->toolTip(c);
        }
        lines << columns.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

QString TestImportDialog::everyText(ImportDialog* dialog)
{
    QStringList texts{reportText(dialog)};
    for (const QLabel* label : dialog->findChildren<QLabel*>()) {
        texts << label->text() << label->toolTip();
    }
    for (const QLineEdit* edit : dialog->findChildren<QLineEdit*>()) {
        texts << edit->text();
    }
    return texts.join(QLatin1Char('\n'));
}

void TestImportDialog::startSshImport(ImportDialog* dialog, const SshdPeer& peer, const QString& knownHosts)
{
    // USER@HOST:PORT without ssh:// is accepted too.
    child<QLineEdit>(dialog, "importSshAddress")
        ->setText(QStringLiteral("%1@%2:%3").arg(peer.user(), peer.host()).arg(peer.port()));
    FileDialog::setNextFileName(peer.clientKeyPath());
    child<QPushButton>(dialog, "importIdentityBrowse")->click();
    FileDialog::setNextFileName(knownHosts);
    child<QPushButton>(dialog, "importKnownHostsBrowse")->click();
    child<QPushButton>(dialog, "importButton")->click();
}

HostKeyDialog* TestImportDialog::waitForHostKeyDialog(ImportDialog* dialog)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000) {
        auto* ask = dialog->findChild<HostKeyDialog*>(QStringLiteral("hostKeyDialog"));
        if (ask && ask->isVisible()) {
            return ask;
        }
        QTest::qWait(20);
    }
    return nullptr;
}

void TestImportDialog::guideServerDirectory_showsTheReport_neverASecret()
{
    ImportDialog* dialog = importDirectory(guideServer());
    QVERIFY(dialog);
    QVERIFY2(dialog->result().ok(), qPrintable(dialog->result().error));
    QCOMPARE(child<QStackedWidget>(dialog, "importPages")->currentIndex(), 1);
    QVERIFY(child<QPushButton>(dialog, "importOpenButton")->isVisible());
    QVERIFY(!child<QPushButton>(dialog, "importButton")->isVisible());

    const QString summary = child<QLabel>(dialog, "importSummary")->text();
    QVERIFY2(summary.contains(guideServer()) && summary.contains(QLatin1String("setting")), qPrintable(summary));
    const QString report = reportText(dialog);
    // The guide's mistake with its id, a setting with FILE:LINE, a line a deploy would drop.
    QVERIFY2(report.contains(QLatin1String("flower-password-on-command-line")), qPrintable(report));
    QVERIFY2(report.contains(QLatin1String("/etc/nginx/sites-available/saltant_nginx.conf:21")), qPrintable(report));
    QVERIFY(report.contains(QLatin1String("server.domain")));
    QVERIFY(!dialog->result().report.unrepresented.isEmpty());
    QVERIFY(report.contains(dialog->result().report.unrepresented.first().text));
    // Secrets: found, never shown.
    QCOMPARE(dialog->result().secrets.value(QStringLiteral("rabbitmq.password")), QStringLiteral("hunter2"));
    const QString shown = everyText(dialog);
    QVERIFY2(!shown.contains(QLatin1String("hunter2")), qPrintable(shown));
    for (const QString& name : dialog->result().secrets.names()) {
        QVERIFY2(!shown.contains(dialog->result().secrets.value(name)), qPrintable(name));
    }
    child<QPushButton>(dialog, "importCancelButton")->click();
    QVERIFY(!dialog->isVisible());
}

void TestImportDialog::openAsNewProject_storesTheSecretsThenOpensTheProject()
{
    const QString before = m_window->document()->project().projectId();
    ImportDialog* dialog = importDirectory(guideServer());
    QVERIFY(dialog);
    QVERIFY2(dialog->result().ok(), qPrintable(dialog->result().error));
    const QString id = dialog->result().project.projectId();
    QVERIFY(!id.isEmpty() && id != before);
    child<QPushButton>(dialog, "importOpenButton")->click();

    const ProjectDocument* document = m_window->document();
    QTRY_COMPARE(document->project().projectId(), id);
    QVERIFY(document->filePath().isEmpty());
    QVERIFY(document->isDirty()); // closing asks to save it
    QCOMPARE(document->project().text(Key::ServerDomain), QStringLiteral("fictionaljobrunner.com"));
    QCOMPARE(document->project().text(Key::UwsgiSocketPath), QStringLiteral("/tmp/saltant.sock"));

    // The secrets are in the keychain under the new project's id.
    QVERIFY2(m_store->keys().contains(SecretStore::keyFor(id, QStringLiteral("rabbitmq.password"))),
             qPrintable(m_store->keys().join(QLatin1Char(' '))));
    m_store->setProjectId(id);
    const SecretResult read = m_store->readNow(QStringLiteral("rabbitmq.password"));
    QVERIFY2(read.ok, qPrintable(read.errorMessage));
    QCOMPARE(read.value, QStringLiteral("hunter2"));
    // None under the old project's.
    QVERIFY(!m_store->keys().contains(SecretStore::keyFor(before, QStringLiteral("rabbitmq.password"))));
}

void TestImportDialog::openAsNewProject_keychainFails_saysSoAndDoesNotOpen()
{
    const QString before = m_window->document()->project().projectId();
    ImportDialog* dialog = importDirectory(guideServer());
    QVERIFY(dialog);
    QVERIFY2(dialog->result().ok(), qPrintable(dialog->result().error));
    m_store->failWith(SecretErrorKind::Locked, QStringLiteral("The keyring is locked (test)."));
    auto* open = child<QPushButton>(dialog, "importOpenButton");
    open->click();
    const QString status = child<QLabel>(dialog, "importOpenStatus")->text();
    QVERIFY2(status.contains(QLatin1String("keyring is locked (test)")) && status.contains(QLatin1String("not opened")),
             qPrintable(status));
    QVERIFY(dialog->isVisible());
    QVERIFY(open->isEnabled()); // the admin may unlock the keychain and try again
    QCOMPARE(m_window->document()->project().projectId(), before);
    m_store->clearFailure();
}

void TestImportDialog::emptyDirectory_saysNoServerWasFound_onTheFirstPage()
{
    QTemporaryDir empty;
    ImportDialog* dialog = importDirectory(empty.path());
    QVERIFY(dialog);
    QVERIFY(!dialog->result().ok());
    QCOMPARE(child<QStackedWidget>(dialog, "importPages")->currentIndex(), 0);
    const QString status = child<QLabel>(dialog, "importStatus")->text();
    QVERIFY2(status.contains(QLatin1String("No saltant server was found")), qPrintable(status));
    QVERIFY(!child<QPushButton>(dialog, "importOpenButton")->isVisible());
    QVERIFY(child<QPushButton>(dialog, "importButton")->isEnabled()); // another directory may be tried
}

void TestImportDialog::badSshAddress_showsTheErrorInline_andDoesNotStart()
{
    ImportDialog* dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(child<QRadioButton>(dialog, "importFromSsh")->isChecked());
    auto* error = child<QLabel>(dialog, "importSshAddressError");
    QVERIFY(!error->isVisible());
    auto* address = child<QLineEdit>(dialog, "importSshAddress");
    QTest::keyClicks(address, QStringLiteral("ubuntu at example.com:99999"));
    child<QPushButton>(dialog, "importButton")->click();
    QVERIFY(!dialog->isRunning());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("is not an SSH address")), qPrintable(error->text()));
    QVERIFY(child<QLabel>(dialog, "importStatus")->text().isEmpty());
    QCOMPARE(child<QStackedWidget>(dialog, "importPages")->currentIndex(), 0);
    // Editing the address clears the error; both written forms are accepted.
    address->setText(QStringLiteral("ubuntu@"));
    QVERIFY(!error->isVisible());
}

void TestImportDialog::unknownHostKey_rejected_importsNothing()
{
    SshdPeer peer;
    QString error;
    QVERIFY2(peer.start(&error), qPrintable(error));
    QTemporaryDir dir;
    const QString knownHosts = dir.filePath(QStringLiteral("known_hosts")); // not there: the key is unknown
    const QString before = m_window->document()->project().projectId();

    ImportDialog* dialog = openDialog();
    QVERIFY(dialog);
    startSshImport(dialog, peer, knownHosts);
    QCOMPARE(child<QLineEdit>(dialog, "importKnownHostsFile")->text(), knownHosts);
    QVERIFY(!child<QLabel>(dialog, "importSshAddressError")->isVisible());
    QVERIFY(child<QProgressBar>(dialog, "importBusy")->isVisible());

    HostKeyDialog* ask = waitForHostKeyDialog(dialog);
    QVERIFY(ask);
    QCOMPARE(ask->findChild<QLabel*>(QStringLiteral("hostKeyFingerprint"))->text(), peer.hostKeyFingerprint());
    QVERIFY(!dialog->isRunning()); // waiting for the decision, on no thread
    ask->findChild<QPushButton*>(QStringLiteral("rejectHostKeyButton"))->click();

    QTRY_VERIFY(child<QLabel>(dialog, "importStatus")->text().contains(QLatin1String("not trusted")));
    QVERIFY(!dialog->isRunning());
    QVERIFY(!child<QProgressBar>(dialog, "importBusy")->isVisible());
    QCOMPARE(child<QStackedWidget>(dialog, "importPages")->currentIndex(), 0);
    QVERIFY(dialog->result().report.settings.isEmpty());
    QVERIFY(dialog->result().secrets.isEmpty());
    QVERIFY(!QFileInfo::exists(knownHosts)); // the key was not recorded
    QCOMPARE(m_window->document()->project().projectId(), before);
    QVERIFY(m_store->keys().isEmpty());
}

void TestImportDialog::unknownHostKey_accepted_readsTheServer()
{
    // The peer's root login sees this machine, which runs no saltant server: the core's answer, after the key was
    // trusted and the files were read over SSH.
    SshdPeer peer;
    QString error;
    QVERIFY2(peer.start(&error), qPrintable(error));
    QTemporaryDir dir;
    const QString knownHosts = dir.filePath(QStringLiteral("known_hosts"));
    ImportDialog* dialog = openDialog();
    QVERIFY(dialog);
    startSshImport(dialog, peer, knownHosts);
    HostKeyDialog* ask = waitForHostKeyDialog(dialog);
    QVERIFY(ask);
    ask->findChild<QPushButton*>(QStringLiteral("acceptHostKeyButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        !dialog->isRunning() && !child<QLabel>(dialog, "importStatus")->text().contains(QLatin1String("…")), 120000);
    QVERIFY(QFileInfo::exists(knownHosts)); // the trusted key was recorded
    const QString status = child<QLabel>(dialog, "importStatus")->text();
    QVERIFY2(status.contains(QLatin1String("No saltant server was found in ssh://")), qPrintable(status + peer.log()));
    QCOMPARE(child<QStackedWidget>(dialog, "importPages")->currentIndex(), 0);
    QVERIFY(m_store->keys().isEmpty());
}

void TestImportDialog::changedHostKey_isRefusedWithTheCoresMessage()
{
    SshdPeer peer;
    QString error;
    QVERIFY2(peer.start(&error), qPrintable(error));
    QTemporaryDir dir;
    const QString knownHosts = dir.filePath(QStringLiteral("known_hosts"));
    QVERIFY(QFile::copy(peer.knownHostsPath(), knownHosts)); // the old key
    QVERIFY2(peer.rotateHostKey(QStringLiteral("ed25519"), &error), qPrintable(error));
    ImportDialog* dialog = openDialog();
    QVERIFY(dialog);
    startSshImport(dialog, peer, knownHosts);
    QTRY_VERIFY_WITH_TIMEOUT(
        !dialog->isRunning() && !child<QLabel>(dialog, "importStatus")->text().contains(QLatin1String("…")), 60000);
    QVERIFY(!dialog->findChild<HostKeyDialog*>(QStringLiteral("hostKeyDialog"))); // never asked: refused
    const QString status = child<QLabel>(dialog, "importStatus")->text();
    QVERIFY2(status.contains(QLatin1String("host key changed")) && status.contains(QLatin1String("man-in-the-middle")),
             qPrintable(status));
    QCOMPARE(child<QStackedWidget>(dialog, "importPages")->currentIndex(), 0);
    QVERIFY(dialog->result().report.settings.isEmpty());
}

void TestImportDialog::cancelWhileAskingAboutTheHostKey_closesBoth()
{
    SshdPeer peer;
    QString error;
    QVERIFY2(peer.start(&error), qPrintable(error));
    QTemporaryDir dir;
    const QString knownHosts = dir.filePath(QStringLiteral("known_hosts"));
    const QString before = m_window->document()->project().projectId();
    QPointer<ImportDialog> dialog = openDialog();
    QVERIFY(dialog);
    startSshImport(dialog, peer, knownHosts);
    QPointer<HostKeyDialog> ask = waitForHostKeyDialog(dialog);
    QVERIFY(ask);
    child<QPushButton>(dialog, "importCancelButton")->click();
    QTRY_VERIFY(!dialog || !dialog->isVisible()); // closed (and deleted: WA_DeleteOnClose)
    QTRY_VERIFY(!ask || !ask->isVisible());
    QVERIFY(!QFileInfo::exists(knownHosts));
    QCOMPARE(m_window->document()->project().projectId(), before);
    QVERIFY(m_store->keys().isEmpty());
}

SALTANT_UI_TEST_MAIN(TestImportDialog)
#include "TestImportDialog.moc"
