#include "DeployWindowHarness.h"
#include "UiTestMain.h"
#include "common/MessageBox.h"
#include "deploy/HistoryDialog.h"
#include "deploy/HostKeyDialog.h"
#include "deploy/PlanDialog.h"
#include "document/ProjectDocument.h"
#include "model/SettingKeys.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTreeWidget>

using namespace saltant;

// Deploy > Deploy History… against a real sshd on loopback (the fixture server): the deploys the server keeps, newest
// first; for the selected one what rolling back to before it changes (diffs masked, notes); Roll Back as a
// transaction that restores the files, is recorded in the history, and re-reads the list.
class TestHistoryDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void emptyHistory_saysSo();
    void rollBack_restoresTheFirstVersion_masked_recorded();
    void rollBack_validationFails_serverUnchanged_saysWhatToDo();
    void unreadableEntry_shownAsAProblemLine();
    void unknownHostKey_askedThenRead();
    void changedHostKey_refusedNothingSent();

private:
    // The window, its project trusting the server's key (the peer's own known_hosts) unless told otherwise.
    bool openWindow(const QString& knownHosts = QString());
    PlanDialog* openPlan();
    QAction* historyAction() const { return m_h->window->findChild<QAction*>(QStringLiteral("actionDeployHistory")); }
    DeployReport deploy();
    // Opens the dialog by the window's action and waits until its list has count rows.
    HistoryDialog* openHistory(int count);
    // Selects row and waits until its plan is shown; the diff view's text.
    QString select(HistoryDialog* dialog, int row);
    QString read(const QString& path) const;
    QString sitePath() const
    {
        return m_h->fixture->path(QStringLiteral("/etc/nginx/sites-available/saltant_nginx.conf"));
    }
    static QTreeWidget* list(HistoryDialog* dialog)
    {
        return DeployWindowHarness::child<QTreeWidget>(dialog, "historyList");
    }

    std::unique_ptr<DeployWindowHarness> m_h;
};

void TestHistoryDialog::init()
{
    m_h = std::make_unique<DeployWindowHarness>();
    QString error;
    QVERIFY2(m_h->start(&error), qPrintable(error));
}

bool TestHistoryDialog::openWindow(const QString& knownHosts)
{
    QString error;
    if (!m_h->openWindow(knownHosts.isEmpty() ? m_h->peer->knownHostsPath() : knownHosts, &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

void TestHistoryDialog::cleanup()
{
    m_h->tearDown();
    m_h.reset();
}

PlanDialog* TestHistoryDialog::openPlan()
{
    m_h->deployAction()->trigger();
    return m_h->waitFor<PlanDialog>("planDialog");
}

DeployReport TestHistoryDialog::deploy()
{
    PlanDialog* plan = openPlan();
    // One thing at a time: no history (and no rollback) while a deploy runs.
    if (!plan || historyAction()->isEnabled()) {
        return DeployReport();
    }
    DeployWindowHarness::child<QPushButton>(plan, "confirmDeployButton")->click();
    auto* progress = m_h->waitFor<DeployProgressDialog>("deployProgressDialog");
    if (!progress || !QTest::qWaitFor([progress] { return progress->isFinished(); }, 120000)) {
        return DeployReport();
    }
    const DeployReport report = m_h->controller()->lastReport();
    DeployWindowHarness::closeProgress(progress);
    if (!QTest::qWaitFor([this] { return !m_h->controller()->isRunning(); }, 10000)) {
        return DeployReport();
    }
    return report;
}

HistoryDialog* TestHistoryDialog::openHistory(int count)
{
    QAction* action = historyAction();
    if (!action || !action->isEnabled()) {
        return nullptr;
    }
    action->trigger();
    auto* dialog = m_h->waitFor<HistoryDialog>("historyDialog");
    if (!dialog ||
        !QTest::qWaitFor([dialog, count] { return !dialog->isBusy() && list(dialog)->topLevelItemCount() == count; },
                         60000)) {
        return nullptr;
    }
    return dialog;
}

QString TestHistoryDialog::select(HistoryDialog* dialog, int row)
{
    list(dialog)->setCurrentItem(list(dialog)->topLevelItem(row));
    auto* diff = DeployWindowHarness::child<QPlainTextEdit>(dialog, "historyDiff");
    const auto shown = [dialog, diff] {
        return !dialog->isBusy() && !diff->toPlainText().isEmpty() &&
               !diff->toPlainText().startsWith(QStringLiteral("Reading the kept files"));
    };
    return QTest::qWaitFor(shown, 60000) ? diff->toPlainText() : QString();
}

QString TestHistoryDialog::read(const QString& path) const
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

void TestHistoryDialog::emptyHistory_saysSo()
{
    QVERIFY(openWindow());
    HistoryDialog* dialog = openHistory(0);
    QVERIFY(dialog);
    auto* status = DeployWindowHarness::child<QLabel>(dialog, "historyStatus");
    QVERIFY2(status->text().contains(QStringLiteral("No deploy has been recorded on this server yet")),
             qPrintable(status->text()));
    QVERIFY(!DeployWindowHarness::child<QPushButton>(dialog, "rollBackButton")->isEnabled());
    QPointer<HistoryDialog> guard(dialog);
    DeployWindowHarness::child<QPushButton>(dialog, "closeHistoryButton")->click();
    QVERIFY(QTest::qWaitFor([&guard] { return guard.isNull(); }, 10000));
}

void TestHistoryDialog::rollBack_restoresTheFirstVersion_masked_recorded()
{
    QVERIFY(openWindow());
    QCOMPARE(deploy().outcome, DeployReport::Outcome::Deployed);
    const QString first = read(sitePath());
    QVERIFY(first.contains(QStringLiteral("client_max_body_size 10M;")));
    // The second deploy changes the site and a file holding secrets (a new database password).
    QVERIFY(m_h->window->document()->setValue(Key::NginxClientMaxBodySize, QStringLiteral("20M")));
    const QString oldPassword = m_h->fixture->secrets().value(QStringLiteral("database.password"));
    const QString newPassword = QStringLiteral("db-pass-changed-2468");
    QVERIFY(m_h->store->writeNow(QStringLiteral("database.password"), newPassword).ok);
    QCOMPARE(deploy().outcome, DeployReport::Outcome::Deployed);
    QVERIFY(read(sitePath()).contains(QStringLiteral("client_max_body_size 20M;")));

    HistoryDialog* dialog = openHistory(2);
    QVERIFY(dialog);
    QTreeWidget* rows = list(dialog);
    const QString newer = rows->topLevelItem(0)->text(HistoryDialog::IdColumn);
    const QString older = rows->topLevelItem(1)->text(HistoryDialog::IdColumn);
    QVERIFY2(newer > older, qPrintable(newer + QStringLiteral(" / ") + older)); // newest first
    QVERIFY(!rows->topLevelItem(0)->text(HistoryDialog::WhoColumn).isEmpty());
    QVERIFY(rows->topLevelItem(0)->text(HistoryDialog::FilesColumn).toInt() > 0);
    auto* rollBack = DeployWindowHarness::child<QPushButton>(dialog, "rollBackButton");
    auto* notes = DeployWindowHarness::child<QLabel>(dialog, "historyNotes");

    // Before the first deploy there was nothing: its files are left in place, so there is nothing to roll back.
    QString diff = select(dialog, 1);
    QVERIFY2(!diff.isEmpty(), "the plan of the older entry was not shown");
    QVERIFY2(notes->text().contains(QStringLiteral("did not exist before deploy ") + older), qPrintable(notes->text()));
    QVERIFY(!rollBack->isEnabled());

    // Before the second: the site and the dotenv as the first deploy wrote them, the secrets masked.
    diff = select(dialog, 0);
    QVERIFY2(diff.contains(QStringLiteral("\n-    client_max_body_size 20M;")), qPrintable(diff));
    QVERIFY2(diff.contains(QStringLiteral("\n+    client_max_body_size 10M;")), qPrintable(diff));
    SecretValues secrets = m_h->fixture->secrets();
    secrets.set(QStringLiteral("database.password.new"), newPassword);
    for (const QString& name : secrets.names()) {
        QVERIFY2(!diff.contains(secrets.value(name)), qPrintable(name + QStringLiteral(" in clear:\n") + diff));
    }
    QVERIFY2(!diff.contains(oldPassword), qPrintable(diff));
    QVERIFY(rollBack->isEnabled());

    MessageBox::setNextAnswer(QMessageBox::Yes);
    rollBack->click();
    QVERIFY2(MessageBox::lastQuestion().contains(QStringLiteral("before deploy ") + newer),
             qPrintable(MessageBox::lastQuestion()));
    auto* progress = m_h->waitFor<DeployProgressDialog>("deployProgressDialog");
    QVERIFY(progress);
    QVERIFY(QTest::qWaitFor([progress] { return progress->isFinished(); }, 120000));
    QVERIFY2(dialog->lastReport().outcome == DeployReport::Outcome::Deployed, qPrintable(dialog->lastReport().message));
    QVERIFY(DeployWindowHarness::closeProgress(progress));
    QCOMPARE(read(sitePath()), first);

    // The rollback is a deploy of its own: the list is read again and holds it, newest first.
    QVERIFY(QTest::qWaitFor([dialog, rows] { return !dialog->isBusy() && rows->topLevelItemCount() == 3; }, 60000));
    QVERIFY(rows->topLevelItem(0)->text(HistoryDialog::IdColumn) > newer);
    auto* result = DeployWindowHarness::child<QLabel>(dialog, "historyResult");
    QVERIFY2(result->text().contains(QStringLiteral("Rolled back to before deploy ") + newer),
             qPrintable(result->text()));
    QPointer<HistoryDialog> guard(dialog);
    DeployWindowHarness::child<QPushButton>(dialog, "closeHistoryButton")->click();
    QVERIFY(QTest::qWaitFor([&guard] { return guard.isNull(); }, 10000));
    QVERIFY(m_h->deployAction()->isEnabled());
}

void TestHistoryDialog::rollBack_validationFails_serverUnchanged_saysWhatToDo()
{
    QVERIFY(openWindow());
    QCOMPARE(deploy().outcome, DeployReport::Outcome::Deployed);
    QVERIFY(m_h->window->document()->setValue(Key::NginxClientMaxBodySize, QStringLiteral("20M")));
    QCOMPARE(deploy().outcome, DeployReport::Outcome::Deployed);
    const QString second = read(sitePath());

    HistoryDialog* dialog = openHistory(2);
    QVERIFY(dialog);
    // The kept version of the site is broken: the real nginx -t refuses it, and the transaction restores the site.
    const QString newer = list(dialog)->topLevelItem(0)->text(HistoryDialog::IdColumn);
    QFile kept(
        DeployHistory::keptPath(m_h->fixture->path(QStringLiteral("/var/lib/saltant-deploy")), newer, sitePath()));
    QVERIFY2(kept.exists(), qPrintable(kept.fileName()));
    QVERIFY(kept.open(QIODevice::Append) && kept.write("this is not nginx;\n") > 0);
    kept.close();
    const QString diff = select(dialog, 0);
    QVERIFY2(diff.contains(QStringLiteral("+this is not nginx;")), qPrintable(diff));

    auto* rollBack = DeployWindowHarness::child<QPushButton>(dialog, "rollBackButton");
    QVERIFY(rollBack->isEnabled());
    MessageBox::setNextAnswer(QMessageBox::Yes);
    rollBack->click();
    auto* progress = m_h->waitFor<DeployProgressDialog>("deployProgressDialog");
    QVERIFY(progress);
    QVERIFY(QTest::qWaitFor([progress] { return progress->isFinished(); }, 120000));
    QVERIFY2(dialog->lastReport().outcome == DeployReport::Outcome::ValidationFailed,
             qPrintable(dialog->lastReport().message));
    QVERIFY(DeployWindowHarness::closeProgress(progress));
    QCOMPARE(read(sitePath()), second);
    auto* result = DeployWindowHarness::child<QLabel>(dialog, "historyResult");
    QVERIFY2(result->text().startsWith(QStringLiteral("The rollback did not complete")), qPrintable(result->text()));
    QVERIFY2(result->text().contains(QStringLiteral("then roll back again")), qPrintable(result->text()));
    // Not recorded: the list, read again, still has the two deploys.
    QVERIFY(QTest::qWaitFor([dialog] { return !dialog->isBusy(); }, 60000));
    QCOMPARE(list(dialog)->topLevelItemCount(), 2);
}

void TestHistoryDialog::unreadableEntry_shownAsAProblemLine()
{
    QVERIFY(openWindow());
    QCOMPARE(deploy().outcome, DeployReport::Outcome::Deployed);
    // An entry with an id the history lists, but whose meta.json is not JSON (cut short, or edited by hand).
    const QString broken = m_h->fixture->path(QStringLiteral("/var/lib/saltant-deploy/history/20990101000000000-1"));
    QVERIFY(QDir().mkpath(broken));
    QFile meta(broken + QStringLiteral("/meta.json"));
    QVERIFY(meta.open(QIODevice::WriteOnly) && meta.write("{\"id\": ") > 0);
    meta.close();

    HistoryDialog* dialog = openHistory(2);
    QVERIFY(dialog);
    QTreeWidgetItem* problem = list(dialog)->topLevelItem(1);
    QVERIFY2(problem->text(HistoryDialog::TimeColumn).startsWith(QStringLiteral("An entry cannot be read: ")),
             qPrintable(problem->text(HistoryDialog::TimeColumn)));
    QVERIFY(problem->isFirstColumnSpanned());
    const QString diff = select(dialog, 1);
    QVERIFY2(diff.contains(QStringLiteral("cannot be read")), qPrintable(diff));
    QVERIFY(!DeployWindowHarness::child<QPushButton>(dialog, "rollBackButton")->isEnabled());
    // The readable entry is still there and can be looked at.
    QVERIFY(!list(dialog)->topLevelItem(0)->text(HistoryDialog::IdColumn).isEmpty());
    QVERIFY(!select(dialog, 0).isEmpty());
}

void TestHistoryDialog::unknownHostKey_askedThenRead()
{
    QVERIFY(openWindow(m_h->knownHostsPath())); // not there yet: the key is unknown
    historyAction()->trigger();
    auto* hostKey = m_h->waitFor<HostKeyDialog>("hostKeyDialog");
    QVERIFY(hostKey);
    auto* dialog = m_h->window->findChild<HistoryDialog*>(QStringLiteral("historyDialog"));
    QVERIFY(dialog);
    QVERIFY2(DeployWindowHarness::child<QLabel>(dialog, "historyStatus")->text().contains(QStringLiteral("host key")),
             qPrintable(DeployWindowHarness::child<QLabel>(dialog, "historyStatus")->text()));
    QVERIFY(!QFile::exists(m_h->knownHostsPath()));
    DeployWindowHarness::child<QPushButton>(hostKey, "acceptHostKeyButton")->click();
    auto* status = DeployWindowHarness::child<QLabel>(dialog, "historyStatus");
    QVERIFY2(QTest::qWaitFor(
                 [status] { return status->text().contains(QStringLiteral("No deploy has been recorded")); }, 60000),
             qPrintable(status->text()));
    QVERIFY(QFile::exists(m_h->knownHostsPath()));
}

void TestHistoryDialog::changedHostKey_refusedNothingSent()
{
    // The project trusts the key the server has now; then the server gets a new one.
    const QString knownHosts = m_h->knownHostsPath();
    QVERIFY(QFile::copy(m_h->peer->knownHostsPath(), knownHosts));
    QString error;
    QVERIFY2(m_h->peer->rotateHostKey(QStringLiteral("ed25519"), &error), qPrintable(error));
    QVERIFY(openWindow(knownHosts));
    m_h->fixture->clearCalls();

    MessageBox::setNextAnswer(QMessageBox::Ok); // the warning is not shown
    historyAction()->trigger();
    auto* dialog = m_h->window->findChild<HistoryDialog*>(QStringLiteral("historyDialog"));
    QVERIFY(dialog);
    auto* status = DeployWindowHarness::child<QLabel>(dialog, "historyStatus");
    QVERIFY2(QTest::qWaitFor([status] { return status->text().startsWith(QStringLiteral("Refused")); }, 60000),
             qPrintable(status->text()));
    QVERIFY2(status->text().contains(QStringLiteral("host key changed")), qPrintable(status->text()));
    QVERIFY2(MessageBox::lastQuestion().contains(QStringLiteral("man-in-the-middle")),
             qPrintable(MessageBox::lastQuestion()));
    QVERIFY(!m_h->window->findChild<HostKeyDialog*>(QStringLiteral("hostKeyDialog")));
    QCOMPARE(list(dialog)->topLevelItemCount(), 0);
    QVERIFY(!DeployWindowHarness::child<QPushButton>(dialog, "rollBackButton")->isEnabled());
    QVERIFY2(m_h->fixture->calls().isEmpty(), qPrintable(m_h->fixture->calls().join(QLatin1Char('\n'))));
    QVERIFY2(!m_h->peer->log().contains(QStringLiteral("Accepted ")), qPrintable(m_h->peer->log()));
}

SALTANT_UI_TEST_MAIN(TestHistoryDialog)
#include "TestHistoryDialog.moc"
