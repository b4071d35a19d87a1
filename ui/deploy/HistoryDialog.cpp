#include "deploy/HistoryDialog.h"

#include "common/MessageBox.h"
#include "common/Palette.h"
#include "deploy/DeployConnection.h"
#include "deploy/DeployProgressDialog.h"
#include "deploy/DiffMarks.h"
#include "deploy/HostConnector.h"
#include "deploy/PlanDialog.h"
#include "deploy/Rollback.h"
#include "model/SettingKeys.h"
#include "ssh/SshTarget.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace saltant {

HistoryDialog::HistoryDialog(const Project& project, const SecretValues& secrets, QWidget* parent)
    : QDialog(parent), m_connection(std::make_unique<DeployConnection>(project, secrets)),
      m_connector(new HostConnector(this, this))
{
    setObjectName(QStringLiteral("historyDialog"));
    setWindowTitle(tr("Deploy History of %1").arg(SshTarget::fromProject(project).displayName()));
    resize(900, 640);
    auto* layout = new QVBoxLayout(this);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("historyResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setVisible(false);
    layout->addWidget(m_result);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_list = new QTreeWidget(splitter);
    m_list->setObjectName(QStringLiteral("historyList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Time"), tr("Who"), tr("Deploy"), tr("Files")});
    m_list->header()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(WhoColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(IdColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(FilesColumn, QHeaderView::ResizeToContents);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &HistoryDialog::onSelected);

    auto* below = new QWidget(splitter);
    auto* column = new QVBoxLayout(below);
    column->setContentsMargins(0, 0, 0, 0);
    auto* title = new QLabel(tr("What rolling back to before the selected deploy changes:"), below);
    column->addWidget(title);
    m_notesLabel = new QLabel(below);
    m_notesLabel->setObjectName(QStringLiteral("historyNotes"));
    m_notesLabel->setWordWrap(true);
    m_notesLabel->setTextFormat(Qt::PlainText);
    m_notesLabel->setVisible(false);
    column->addWidget(m_notesLabel);
    m_diff = new QPlainTextEdit(below);
    m_diff->setObjectName(QStringLiteral("historyDiff"));
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    column->addWidget(m_diff, 1);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeHistoryButton"));
    m_rollBack = buttons->addButton(tr("&Roll Back…"), QDialogButtonBox::ActionRole);
    m_rollBack->setObjectName(QStringLiteral("rollBackButton"));
    m_rollBack->setToolTip(tr("Restore the server's files to how they were before the selected deploy, validated, "
                              "as a transaction"));
    m_rollBack->setEnabled(false);
    connect(m_rollBack, &QPushButton::clicked, this, &HistoryDialog::rollBack);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

HistoryDialog::~HistoryDialog()
{
    if (m_connector->isBusy()) {
        m_cancel.store(true);
        m_connection->cancel();
        m_connector->wait();
    }
}

bool HistoryDialog::isBusy() const
{
    return m_connector->isBusy() || m_rollingBack;
}

void HistoryDialog::reject()
{
    if (!m_rollingBack) {
        QDialog::reject();
    }
}

void HistoryDialog::setStatus(const QString& text, bool problem)
{
    setText(m_status, text, problem);
}

void HistoryDialog::setText(QLabel* label, const QString& text, bool problem)
{
    label->setText(text);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, problem ? Palette::color(Palette::Role::Error, palette)
                                                   : QDialog::palette().color(QPalette::WindowText));
    label->setPalette(palette);
    label->setVisible(!text.isEmpty());
}

void HistoryDialog::start()
{
    if (m_started) {
        return;
    }
    m_started = true;
    setStatus(tr("Connecting to %1…").arg(SshTarget::fromProject(m_connection->project()).displayName()));
    connect(m_connector, &HostConnector::hostKeyAsked, this,
            [this] { setStatus(tr("Waiting for your decision about the host key.")); });
    m_connector->connectToHost(m_connection.get(), [this](HostConnector::Connected connected, bool acceptHostKey) {
        switch (connected) {
        case HostConnector::Connected::Proceed:
            authenticate(acceptHostKey);
            return;
        case HostConnector::Connected::Rejected:
            setStatus(tr("The host key was not trusted, so nothing was sent. Close this window and open Deploy "
                         "History again to decide again."),
                      true);
            return;
        case HostConnector::Connected::Failed:
            m_connector->warnFailure(*m_connection, tr("Deploy History"));
            setStatus(m_connection->failure() == DeployConnection::Failure::HostKeyChanged
                          ? tr("Refused: the server's host key changed; nothing was sent.")
                          : tr("The history could not be read: %1").arg(m_connection->errorString()),
                      true);
            return;
        }
    });
}

void HistoryDialog::authenticate(bool acceptHostKey)
{
    setStatus(tr("Logging in…"));
    DeployConnection* connection = m_connection.get();
    m_connector->run([connection, acceptHostKey] { return connection->authenticate(acceptHostKey); },
                     [this](bool ok) {
                         if (!ok) {
                             m_connector->warnFailure(*m_connection, tr("Deploy History"));
                             setStatus(tr("The history could not be read: %1").arg(m_connection->errorString()), true);
                             return;
                         }
                         m_connected = true;
                         readHistory();
                     });
}

void HistoryDialog::readHistory()
{
    setStatus(tr("Reading the deploy history…"));
    m_planId.clear();
    updateButton();
    DeployConnection* connection = m_connection.get();
    m_connector->run(
        [this, connection] {
            m_entries.clear();
            m_problems.clear();
            return Rollback::readHistory(*connection->host(), DeployRunner::stateDirectory(connection->project()),
                                         &m_entries, &m_problems, &m_error);
        },
        [this](bool ok) {
            if (!ok) {
                const QString advice = tr("Check the connection and the state directory (server.stateDirectory), then "
                                          "open Deploy History again.");
                setStatus(m_error + QLatin1Char(' ') + advice, true);
                return;
            }
            showHistory();
        });
}

void HistoryDialog::showHistory()
{
    const QString before = selectedId();
    QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const HistoryEntry& e : std::as_const(m_entries)) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setData(TimeColumn, Qt::UserRole, e.id);
        item->setText(TimeColumn, e.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        item->setText(WhoColumn, e.who);
        item->setText(IdColumn, e.id);
        item->setText(FilesColumn, QString::number(e.files.size()));
        QStringList files;
        for (const HistoryEntry::File& f : e.files) {
            files << (f.existed ? tr("replaced %1") : tr("created %1")).arg(f.path);
        }
        item->setToolTip(FilesColumn, files.join(QLatin1Char('\n')));
        item->setToolTip(WhoColumn, tr("Project %1, Saltant Deploy %2").arg(e.project, e.toolVersion));
    }
    for (const QString& problem : std::as_const(m_problems)) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(TimeColumn, tr("An entry cannot be read: %1").arg(problem));
        item->setFirstColumnSpanned(true);
        item->setForeground(TimeColumn, Palette::color(Palette::Role::Error, m_list->palette()));
        item->setToolTip(TimeColumn, item->text(TimeColumn));
    }
    if (m_entries.isEmpty() && m_problems.isEmpty()) {
        setStatus(tr("No deploy has been recorded on this server yet. Each deploy that replaces files keeps the "
                     "versions it replaced (for the last %1 deploys, server.historyDepth), so that it can be rolled "
                     "back.")
                      .arg(m_connection->project().integer(Key::ServerHistoryDepth)));
    } else {
        setStatus(tr("Select a deploy to see what rolling back to before it changes; the newest is at the top."));
    }
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (!before.isEmpty() && m_list->topLevelItem(i)->data(TimeColumn, Qt::UserRole).toString() == before) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
        }
    }
    blocker.unblock();
    onSelected();
}

QString HistoryDialog::selectedId() const
{
    const QTreeWidgetItem* item = m_list->currentItem();
    return item ? item->data(TimeColumn, Qt::UserRole).toString() : QString();
}

void HistoryDialog::onSelected()
{
    m_diff->clear();
    m_notesLabel->clear();
    m_notesLabel->setVisible(false);
    const QString id = selectedId();
    if (!m_list->currentItem()) {
        updateButton();
        return;
    }
    if (id.isEmpty()) {
        m_diff->setPlainText(tr("This entry cannot be read, so the deploy history cannot roll back to it."));
        updateButton();
        return;
    }
    if (id == m_planId) {
        showPlan();
        return;
    }
    m_diff->setPlainText(tr("Reading the kept files…"));
    updateButton();
    if (!m_connector->isBusy() && !m_rollingBack) {
        computePlan(id);
    } // otherwise next() starts it when the worker is free
}

void HistoryDialog::computePlan(const QString& id)
{
    m_computing = id;
    DeployConnection* connection = m_connection.get();
    m_connector->run(
        [this, connection, id] {
            m_workPlan = Plan();
            m_workNotes.clear();
            m_error.clear();
            return Rollback::makePlan(*connection->host(), connection->project(), connection->secrets(), id,
                                      &m_workPlan, &m_workNotes, &m_error);
        },
        [this](bool ok) { onPlanned(ok); });
}

void HistoryDialog::onPlanned(bool ok)
{
    m_planId = m_computing;
    m_planOk = ok;
    m_plan = ok ? m_workPlan : Plan();
    m_notes = ok ? m_workNotes : QStringList{m_error};
    m_workPlan = Plan();
    if (selectedId() == m_planId) {
        showPlan();
    }
    next();
}

void HistoryDialog::next()
{
    const QString id = selectedId();
    if (!id.isEmpty() && id != m_planId && !m_connector->isBusy() && !m_rollingBack && m_connected) {
        computePlan(id);
    }
    updateButton();
}

void HistoryDialog::showPlan()
{
    if (!m_planOk) {
        m_diff->setPlainText(tr("What rolling back to before this deploy changes could not be read: %1")
                                 .arg(m_notes.join(QLatin1Char(' '))));
        updateButton();
        return;
    }
    QStringList notes = m_notes;
    notes << m_plan.refusals(false);
    m_notesLabel->setText(notes.join(QLatin1Char('\n')));
    m_notesLabel->setVisible(!notes.isEmpty());
    QStringList diffs;
    for (const PlannedFile& f : std::as_const(m_plan.files)) {
        if (f.change == PlannedFile::Change::Unchanged && f.attributes.isEmpty()) {
            continue;
        }
        QString text = f.diff;
        if (!f.attributes.isEmpty()) {
            text = tr("%1: %2").arg(f.file.remotePath, f.attributes) + QLatin1Char('\n') + text;
        }
        diffs << text;
    }
    if (diffs.isEmpty()) {
        m_diff->setPlainText(m_plan.hasWork()
                                 ? tr("No file content changes; the rollback only runs the steps of the plan.")
                                 : tr("Nothing to roll back: the server's files are already as they were before "
                                      "this deploy, or the deploy only created files."));
    } else {
        m_diff->setPlainText(diffs.join(QLatin1Char('\n')));
        DiffMarks::apply(m_diff);
    }
    updateButton();
}

void HistoryDialog::updateButton()
{
    const bool ready =
        m_connected && !m_connector->isBusy() && !m_rollingBack && !m_planId.isEmpty() && selectedId() == m_planId;
    m_rollBack->setEnabled(ready && m_plan.hasWork() && !PlanDialog::isBlocked(m_plan));
    m_list->setEnabled(!m_rollingBack);
}

void HistoryDialog::rollBack()
{
    const QString id = m_planId;
    const QTreeWidgetItem* item = m_list->currentItem();
    if (id.isEmpty() || !item || !m_rollBack->isEnabled()) {
        return;
    }
    int files = 0;
    for (const PlannedFile& f : std::as_const(m_plan.files)) {
        files += f.change != PlannedFile::Change::Unchanged || !f.attributes.isEmpty() ? 1 : 0;
    }
    const QString question =
        tr("Roll %1 back to how it was before deploy %2 (%3)?\n\nThe %n file(s) shown are restored as one "
           "transaction: staged, validated, put in place, and the services that read them reloaded; a failed "
           "validation restores them all. Changes made on the server since are overwritten. The rollback is "
           "recorded in the history, so it can be rolled back in turn.",
           nullptr, files)
            .arg(m_plan.host, id, item->text(TimeColumn));
    if (MessageBox::question(this, tr("Roll Back"), question, QMessageBox::Yes | QMessageBox::Cancel,
                             QMessageBox::Cancel) != QMessageBox::Yes) {
        return;
    }
    m_rollingBack = true;
    m_cancel.store(false);
    m_report = DeployReport();
    setText(m_result, QString());
    updateButton();
    const int expected =
        m_plan.prepare.size() + m_plan.validate.size() + m_plan.provision.size() + m_plan.handlers.size() + 4;
    m_progress = new DeployProgressDialog(expected, this);
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_progress, &DeployProgressDialog::cancelRequested, this, [this] { m_cancel.store(true); });
    m_progress->open();
    setStatus(tr("Rolling back to before deploy %1…").arg(id));

    DeployConnection* connection = m_connection.get();
    const Plan plan = m_plan;
    m_connector->run(
        [this, connection, plan] {
            DeployOptions options;
            options.cancel = &m_cancel;
            options.overwriteDrift = true; // what a rollback is for: files changed by hand since are replaced
            m_report = DeployRunner::apply(*connection->host(), plan, connection->secrets(), options,
                                           [this](const DeployStepReport& step) {
                                               QMetaObject::invokeMethod(
                                                   this,
                                                   [this, step] {
                                                       if (m_progress) {
                                                           m_progress->addStep(step);
                                                       }
                                                   },
                                                   Qt::QueuedConnection);
                                           });
            return m_report.ok();
        },
        [this](bool) { onRolledBack(); });
}

void HistoryDialog::onRolledBack()
{
    m_rollingBack = false;
    if (m_progress) {
        m_progress->showResult(m_report);
    }
    const QString id = m_planId;
    // The server changed: every plan computed so far is stale, and the rollback recorded an entry of its own.
    m_planId.clear();
    readHistory();
    if (m_report.ok()) {
        setText(m_result, tr("Rolled back to before deploy %1: %2").arg(id, m_report.message));
        return;
    }
    QString advice;
    switch (m_report.outcome) {
    case DeployReport::Outcome::ValidationFailed:
    case DeployReport::Outcome::TransactionFailed:
        advice = tr("The server's files were all restored to how they were before the rollback. Read the log, fix "
                    "the cause on the server, then roll back again.");
        break;
    case DeployReport::Outcome::ConnectionLost:
        advice = tr("Each file is either the old or the restored version. Check the connection, then roll back "
                    "again to finish the job.");
        break;
    case DeployReport::Outcome::Cancelled:
        advice = tr("The server is consistent; roll back again to finish.");
        break;
    default:
        advice = tr("Read the log for what failed, fix the cause, then roll back again.");
        break;
    }
    setText(m_result,
            tr("The rollback did not complete (%1): %2 %3")
                .arg(DeployRunner::outcomeText(m_report.outcome), m_report.message, advice),
            true);
}

} // namespace saltant
