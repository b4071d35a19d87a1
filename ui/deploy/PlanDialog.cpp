#include "deploy/PlanDialog.h"

#include "common/Palette.h"
#include "generate/DeploySteps.h"
#include "plan/PlanText.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace saltant {

bool PlanDialog::isBlocked(const Plan& plan, bool installMissing)
{
    return !plan.refusals(installMissing).isEmpty();
}

bool PlanDialog::installMissing() const
{
    return m_install->isChecked();
}

QString PlanDialog::changeText(PlannedFile::Change change)
{
    switch (change) {
    case PlannedFile::Change::New:
        return tr("New");
    case PlannedFile::Change::Changed:
        return tr("Changed");
    case PlannedFile::Change::Unchanged:
        break;
    }
    return tr("Unchanged");
}

PlanDialog::PlanDialog(const Plan& plan, QWidget* parent, Mode mode) : QDialog(parent), m_plan(plan)
{
    setObjectName(QStringLiteral("planDialog"));
    setWindowTitle(tr("Deploy to %1").arg(plan.host));
    resize(900, 640);
    auto* layout = new QVBoxLayout(this);

    auto* summary = new QLabel(PlanText::summary(plan), this);
    summary->setObjectName(QStringLiteral("planSummary"));
    summary->setWordWrap(true);
    layout->addWidget(summary);

    m_blockers = new QLabel(this);
    m_blockers->setObjectName(QStringLiteral("planBlockers"));
    m_blockers->setWordWrap(true);
    m_blockers->setTextFormat(Qt::PlainText);
    QPalette warning = m_blockers->palette();
    warning.setColor(QPalette::WindowText, Palette::color(Palette::Role::Error, warning));
    m_blockers->setPalette(warning);
    QFont bold = m_blockers->font();
    bold.setBold(true);
    m_blockers->setFont(bold);
    layout->addWidget(m_blockers);

    // What `deploy --install-missing` does on the command line: never unasked.
    m_install =
        new QCheckBox(tr("Install the missing programs first (runs the install commands above on the server)"), this);
    m_install->setObjectName(QStringLiteral("planInstallMissing"));
    bool installable = false;
    for (const MissingProgram& m : plan.missingPrograms) {
        installable = installable || !m.installCommand.isEmpty();
    }
    m_install->setVisible(installable);
    layout->addWidget(m_install);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_files = new QTreeWidget(splitter);
    m_files->setObjectName(QStringLiteral("planFiles"));
    m_files->setRootIsDecorated(false);
    m_files->setTextElideMode(Qt::ElideLeft); // a long path keeps its file name; the tooltip has all of it
    m_files->setHeaderLabels({tr("Change"), tr("File"), tr("Mode and owner")});
    for (const PlannedFile& f : plan.files) {
        auto* item = new QTreeWidgetItem(m_files);
        item->setText(ChangeColumn, changeText(f.change));
        item->setText(PathColumn, f.file.remotePath);
        // What the file will be (mode and owner), and what changes about it when that is more than its content.
        const QString target = QStringLiteral("%1 %2:%3").arg(f.file.modeString(), f.file.owner, f.file.group);
        item->setText(AttributesColumn, f.attributes.isEmpty()
                                            ? target
                                            : target + QStringLiteral(" (") + f.attributes + QLatin1Char(')'));
        item->setToolTip(PathColumn, f.file.remotePath);
        if (f.change != PlannedFile::Change::Unchanged) {
            QFont font = item->font(ChangeColumn);
            font.setBold(true);
            item->setFont(ChangeColumn, font);
            item->setForeground(
                ChangeColumn,
                Palette::color(f.change == PlannedFile::Change::New ? Palette::Role::String : Palette::Role::Warning,
                               m_files->palette()));
        }
    }
    m_files->header()->setSectionResizeMode(ChangeColumn, QHeaderView::ResizeToContents);
    m_files->header()->setSectionResizeMode(PathColumn, QHeaderView::Stretch);

    m_diff = new QPlainTextEdit(splitter);
    m_diff->setObjectName(QStringLiteral("planDiff"));
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_steps = new QListWidget(splitter);
    m_steps->setObjectName(QStringLiteral("planSteps"));
    for (const QList<DeployStep>* list : {&plan.prepare, &plan.validate, &plan.provision, &plan.handlers}) {
        for (const DeployStep& step : *list) {
            m_steps->addItem(DeploySteps::phaseTitle(step.phase) + QStringLiteral(": ") + step.title);
        }
    }
    if (m_steps->count() == 0) {
        m_steps->addItem(tr("No command will run."));
    }
    layout->addWidget(splitter, 1);

    auto* buttons =
        new QDialogButtonBox(mode == Mode::Review ? QDialogButtonBox::Close : QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(tr("Deploy"), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmDeployButton"));
    // Reviewing one host's plan: its deploy (and the choice to install) belongs to the window that listed it.
    m_confirm->setVisible(mode == Mode::Confirm);
    if (mode == Mode::Review) {
        m_install->setEnabled(false);
    }
    connect(m_install, &QCheckBox::toggled, this, &PlanDialog::updateBlockers);
    updateBlockers();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_files, &QTreeWidget::currentItemChanged, this, &PlanDialog::showDiff);
    if (m_files->topLevelItemCount() > 0) {
        m_files->setCurrentItem(m_files->topLevelItem(0));
    }
}

void PlanDialog::updateBlockers()
{
    const QStringList blocked = m_plan.refusals(m_install->isChecked());
    const QStringList installs = m_install->isChecked() ? m_plan.installs() : QStringList();
    QString text;
    if (!blocked.isEmpty()) {
        text = tr("Cannot deploy:") + QLatin1Char('\n') + blocked.join(QLatin1Char('\n'));
    }
    if (!installs.isEmpty()) {
        text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + installs.join(QLatin1Char('\n'));
    }
    m_blockers->setText(text);
    m_blockers->setVisible(!text.isEmpty());
    m_confirm->setEnabled(!isBlocked(m_plan, m_install->isChecked()));
}

void PlanDialog::showDiff()
{
    const int row = m_files->indexOfTopLevelItem(m_files->currentItem());
    m_diff->clear();
    if (row < 0 || row >= m_plan.files.size()) {
        return;
    }
    const PlannedFile& f = m_plan.files.at(row);
    m_diff->setPlainText(f.diff.isEmpty() ? tr("No change in content.") : f.diff);
    const QColor added = Palette::color(Palette::Role::String, m_diff->palette());
    const QColor removed = Palette::color(Palette::Role::Error, m_diff->palette());
    QList<QTextEdit::ExtraSelection> marks;
    for (QTextBlock block = m_diff->document()->begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        const bool header = text.startsWith(QLatin1String("+++")) || text.startsWith(QLatin1String("---"));
        if (header || !(text.startsWith(QLatin1Char('+')) || text.startsWith(QLatin1Char('-')))) {
            continue;
        }
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(block);
        mark.cursor.select(QTextCursor::LineUnderCursor);
        mark.format.setForeground(text.startsWith(QLatin1Char('+')) ? added : removed);
        marks << mark;
    }
    m_diff->setExtraSelections(marks);
}

} // namespace saltant
