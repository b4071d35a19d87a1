#include "forms/WorkerHostsPanel.h"

#include "common/Icons.h"
#include "common/Palette.h"
#include "document/ProjectDocument.h"
#include "document/WorkerHostKey.h"
#include "forms/FieldEditor.h"
#include "forms/WorkerHostForm.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace saltant {

WorkerHostsPanel::WorkerHostsPanel(ProjectDocument* document, QWidget* parent)
    : SectionExtension(parent), m_document(document), m_list(new QListWidget(this)), m_name(new QLineEdit(this)),
      m_error(new QLabel(this)), m_empty(new QLabel(this)), m_add(new QPushButton(tr("&Add"), this)),
      m_duplicate(new QPushButton(tr("D&uplicate"), this)), m_rename(new QPushButton(tr("Re&name"), this)),
      m_remove(new QPushButton(tr("&Remove"), this)), m_up(new QPushButton(tr("Move &up"), this)),
      m_down(new QPushButton(tr("Move do&wn"), this)), m_form(new WorkerHostForm(this))
{
    setObjectName(QStringLiteral("workerHosts"));
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 8, 0, 0);

    auto* box = new QGroupBox(tr("Hosts"), this);
    box->setObjectName(QStringLiteral("workerHostsBox"));
    auto* grid = new QGridLayout(box);
    auto* intro = new QLabel(tr("Each host runs a Celery worker with the settings above, except those it sets for "
                                "itself below. Its files are in the preview under its name."),
                             box);
    intro->setWordWrap(true);
    grid->addWidget(intro, 0, 0, 1, 2);

    m_list->setObjectName(QStringLiteral("workerHostList"));
    m_list->setAccessibleName(tr("Worker hosts"));
    m_list->setMaximumHeight(fontMetrics().height() * 9);
    grid->addWidget(m_list, 1, 0);
    m_empty->setObjectName(QStringLiteral("workerHostsEmpty"));
    m_empty->setText(tr("No worker hosts yet: the web server runs no Celery worker of its own, so add one to run jobs "
                        "(type its name, then Add)."));
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    grid->addWidget(m_empty, 2, 0, 1, 2);

    auto* buttons = new QVBoxLayout;
    const QList<QPair<QPushButton*, const char*>> named = {
        {m_duplicate, "duplicateWorkerButton"}, {m_rename, "renameWorkerButton"}, {m_remove, "removeWorkerButton"},
        {m_up, "moveWorkerUpButton"},           {m_down, "moveWorkerDownButton"},
    };
    for (const auto& [button, name] : named) {
        button->setObjectName(QString::fromLatin1(name));
        buttons->addWidget(button);
    }
    m_duplicate->setToolTip(tr("Adds a copy of the selected host with the same settings, named as typed in the name "
                               "field (or the next free name)"));
    m_rename->setToolTip(tr("Gives the selected host the name typed in the name field"));
    buttons->addStretch(1);
    grid->addLayout(buttons, 1, 1);

    auto* nameRow = new QHBoxLayout;
    m_name->setObjectName(QStringLiteral("workerNameEdit"));
    m_name->setAccessibleName(tr("Worker host name"));
    m_name->setPlaceholderText(tr("Name of a new host, e.g. gpu-1"));
    m_name->setToolTip(tr("1-32 lower-case letters, digits and hyphens, starting with a letter; it names the host in "
                          "the preview, in Celery's --hostname and in the CLI's --host"));
    nameRow->addWidget(m_name, 1);
    m_add->setObjectName(QStringLiteral("addWorkerButton"));
    nameRow->addWidget(m_add);
    grid->addLayout(nameRow, 3, 0, 1, 2);
    m_error->setObjectName(QStringLiteral("workerNameError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    grid->addWidget(m_error, 4, 0, 1, 2);
    column->addWidget(box);
    column->addWidget(m_form);

    connect(m_add, &QPushButton::clicked, this, &WorkerHostsPanel::add);
    connect(m_name, &QLineEdit::returnPressed, this, &WorkerHostsPanel::add);
    connect(m_name, &QLineEdit::textEdited, this, [this] { showError(QString()); });
    connect(m_duplicate, &QPushButton::clicked, this, &WorkerHostsPanel::duplicate);
    connect(m_rename, &QPushButton::clicked, this, &WorkerHostsPanel::rename);
    connect(m_remove, &QPushButton::clicked, this, &WorkerHostsPanel::remove);
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        showCurrentHost();
        updateButtons();
    });

    connect(m_form, &WorkerHostForm::edited, this, [this](const QString& key, const QVariant& value) {
        QString error;
        if (!m_document->setWorkerValue(m_form->host(), key, value, &error)) {
            showError(error);
        }
    });
    connect(m_form, &WorkerHostForm::editingFinished, m_document, &ProjectDocument::finishTyping);
    connect(m_form, &WorkerHostForm::useSharedRequested, this, [this](const QString& key) {
        QString error;
        if (!m_document->clearWorkerValue(m_form->host(), key, &error)) {
            showError(error);
        }
    });

    connect(m_document, &ProjectDocument::reset, this, &WorkerHostsPanel::rebuildList);
    connect(m_document, &ProjectDocument::workersChanged, this, &WorkerHostsPanel::rebuildList);
    connect(m_document, &ProjectDocument::workerChanged, this, [this](const QString& name, const QString& key) {
        if (name == m_form->host()) {
            m_form->reload(m_document->project(), key);
        }
    });
    connect(m_document, &ProjectDocument::changed, this, [this](const QString& key) {
        // A shared value: shown on the host unless it sets its own.
        m_form->reload(m_document->project(), key);
    });
    rebuildList();
}

QString WorkerHostsPanel::currentHost() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->text() : QString();
}

bool WorkerHostsPanel::selectHost(const QString& name)
{
    const QList<QListWidgetItem*> items = m_list->findItems(name, Qt::MatchExactly);
    if (items.isEmpty()) {
        return false;
    }
    m_list->setCurrentItem(items.first());
    return true;
}

void WorkerHostsPanel::rebuildList()
{
    const QString current = currentHost();
    const int row = m_list->currentRow();
    const QList<WorkerHost>& workers = m_document->project().workers();
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const WorkerHost& host : workers) {
            auto* item = new QListWidgetItem(host.name, m_list);
            item->setData(Qt::UserRole, host.name);
        }
        if (!selectHost(current) && !workers.isEmpty()) {
            m_list->setCurrentRow(qBound(0, row, static_cast<int>(workers.size()) - 1));
        }
    }
    m_list->setVisible(!workers.isEmpty());
    m_empty->setVisible(workers.isEmpty());
    updateListIcons();
    // A host that stays selected shows its settings again (undo may have changed them).
    m_shownHost.clear();
    showCurrentHost();
    updateButtons();
}

void WorkerHostsPanel::showCurrentHost()
{
    const QString host = currentHost();
    if (host == m_shownHost && !host.isEmpty()) {
        return;
    }
    m_shownHost = host;
    m_form->load(m_document->project(), host);
}

void WorkerHostsPanel::updateButtons()
{
    const int row = m_list->currentRow();
    const bool selected = row >= 0;
    m_duplicate->setEnabled(selected);
    m_rename->setEnabled(selected);
    m_remove->setEnabled(selected);
    m_up->setEnabled(selected && row > 0);
    m_down->setEnabled(selected && row + 1 < m_list->count());
}

void WorkerHostsPanel::updateListIcons()
{
    QHash<QString, const LintIssue*> worst; // issues arrive most severe first
    for (const LintIssue& issue : std::as_const(m_issues)) {
        QString host;
        if (WorkerHostKey::split(issue.field, &host) && !worst.contains(host)) {
            worst.insert(host, &issue);
        }
    }
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem* item = m_list->item(row);
        const LintIssue* issue = worst.value(item->text());
        item->setIcon(issue ? Icons::severity(issue->severity, style()) : Icons::blank());
        item->setToolTip(issue ? issue->message : QString());
    }
}

void WorkerHostsPanel::setIssues(const QList<LintIssue>& issues)
{
    m_issues = issues;
    updateListIcons();
    m_form->setIssues(issues);
}

QWidget* WorkerHostsPanel::focusTarget(const QString& key)
{
    QString host;
    QString setting;
    if (!WorkerHostKey::split(key, &host, &setting) || !selectHost(host)) {
        return nullptr;
    }
    FieldEditor* editor = setting.isEmpty() ? nullptr : m_form->editor(setting);
    return editor ? editor->input() : m_list;
}

void WorkerHostsPanel::showError(const QString& error)
{
    m_error->setText(error);
    m_error->setStyleSheet(QStringLiteral("color: ") + Palette::color(Palette::Role::Error, palette()).name() +
                           QLatin1Char(';'));
    m_error->setVisible(!error.isEmpty());
}

QString WorkerHostsPanel::copyName(const QString& host) const
{
    static const QRegularExpression numbered(QStringLiteral("^(.*)-(\\d+)$"));
    QString stem = host;
    int number = 2;
    if (const QRegularExpressionMatch match = numbered.match(host); match.hasMatch()) {
        stem = match.captured(1);
        number = match.captured(2).toInt() + 1;
    }
    for (;; ++number) {
        const QString suffix = QLatin1Char('-') + QString::number(number);
        const QString candidate = stem.left(32 - suffix.size()) + suffix;
        if (!m_document->project().worker(candidate)) {
            return candidate;
        }
    }
}

void WorkerHostsPanel::add()
{
    const QString name = m_name->text().trimmed();
    QString error;
    if (!m_document->addWorker(name, &error)) {
        showError(error);
        return;
    }
    m_name->clear();
    showError(QString());
    selectHost(name);
}

void WorkerHostsPanel::duplicate()
{
    const QString source = currentHost();
    const QString typed = m_name->text().trimmed();
    const QString copy = typed.isEmpty() ? copyName(source) : typed;
    QString error;
    if (!m_document->duplicateWorker(source, copy, &error)) {
        showError(error);
        return;
    }
    m_name->clear();
    showError(QString());
    selectHost(copy);
}

void WorkerHostsPanel::rename()
{
    const QString host = currentHost();
    const QString typed = m_name->text().trimmed();
    if (typed.isEmpty()) {
        showError(tr("Type the new name of %1 in the name field, then Rename.").arg(host));
        m_name->setFocus();
        return;
    }
    QString error;
    if (!m_document->renameWorker(host, typed, &error)) {
        showError(error);
        return;
    }
    m_name->clear();
    showError(QString());
    selectHost(typed);
}

void WorkerHostsPanel::remove()
{
    QString error;
    if (!m_document->removeWorker(currentHost(), &error)) {
        showError(error);
    }
}

void WorkerHostsPanel::move(int by)
{
    const int row = m_list->currentRow();
    QString error;
    if (!m_document->moveWorker(row, row + by, &error)) {
        showError(error);
    }
}

} // namespace saltant
