#include "deploy/PlanDialog.h"

#include "common/Palette.h"
#include "deploy/DiffMarks.h"
#include "generate/DeploySteps.h"
#include "plan/PlanText.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTabWidget>
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

PlanDialog::DriftChoice PlanDialog::driftChoice() const
{
    if (m_overwrite && m_overwrite->isChecked()) {
        return DriftChoice::Overwrite;
    }
    if (m_keep && m_keep->isChecked()) {
        return DriftChoice::Keep;
    }
    if (m_import && m_import->isChecked()) {
        return DriftChoice::Import;
    }
    return DriftChoice::None;
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

    // Drift: what the last deploy's manifest says about files changed on the server since.
    auto* manifest = new QLabel(this);
    manifest->setObjectName(QStringLiteral("planManifestInfo"));
    manifest->setWordWrap(true);
    manifest->setTextFormat(Qt::PlainText);
    if (plan.manifestState == Plan::ManifestState::Missing) {
        manifest->setText(tr("Drift unknown: the server has no deploy manifest yet (never deployed by Saltant Deploy, "
                             "or before drift tracking); this deploy writes the manifest."));
    } else if (plan.manifestState == Plan::ManifestState::Unreadable) {
        manifest->setText(tr("Drift unknown: the manifest of the last deploy cannot be read (%1); this deploy writes "
                             "a new manifest.")
                              .arg(plan.manifestError));
    }
    manifest->setVisible(!manifest->text().isEmpty());
    layout->addWidget(manifest);

    auto* drift = new QLabel(this);
    drift->setObjectName(QStringLiteral("planDrift"));
    drift->setWordWrap(true);
    drift->setTextFormat(Qt::PlainText);
    const QList<const PlannedFile*> drifted = plan.drifted();
    if (!drifted.isEmpty()) {
        QStringList lines{
            tr("%n file(s) changed on the server since the last deploy (%1):", nullptr, int(drifted.size()))
                .arg(plan.manifest.time.toUTC().toString(Qt::ISODate))};
        for (const PlannedFile* f : drifted) {
            lines << (f->driftKept ? tr("%1: %2 (kept: this deploy leaves it as it is)") : tr("%1: %2"))
                         .arg(f->file.remotePath, f->driftWhat);
        }
        drift->setText(lines.join(QLatin1Char('\n')));
        QPalette palette = drift->palette();
        palette.setColor(QPalette::WindowText, Palette::color(Palette::Role::Warning, palette));
        drift->setPalette(palette);
    }
    drift->setVisible(!drifted.isEmpty());
    layout->addWidget(drift);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_files = new QTreeWidget(splitter);
    m_files->setObjectName(QStringLiteral("planFiles"));
    m_files->setRootIsDecorated(false);
    m_files->setTextElideMode(Qt::ElideLeft); // a long path keeps its file name; the tooltip has all of it
    m_files->setHeaderLabels({tr("Change"), tr("File"), tr("Mode and owner")});
    for (const PlannedFile& f : plan.files) {
        auto* item = new QTreeWidgetItem(m_files);
        item->setText(ChangeColumn, changeText(f.change));
        if (f.drift == PlannedFile::Drift::ChangedOnServer) {
            item->setText(ChangeColumn, f.driftKept ? tr("%1, changed on the server (kept)").arg(changeText(f.change))
                                                    : tr("%1, changed on the server").arg(changeText(f.change)));
            item->setToolTip(ChangeColumn, tr("Changed on the server since the last deploy: %1").arg(f.driftWhat));
        }
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

    // The diff of the selected file; for a file changed on the server also its three versions and their diffs.
    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(QStringLiteral("planTabs"));
    m_diff = addTextTab("planDiff", tr("Diff"));
    m_lastDeployed = addTextTab("driftLastDeployed", tr("Last deployed"));
    m_server = addTextTab("driftServer", tr("Now on the server"));
    m_next = addTextTab("driftNext", tr("This deploy installs"));
    m_diffServer = addTextTab("driftDiffServer", tr("Last deployed → server"));
    m_diffNext = addTextTab("driftDiffNext", tr("Server → this deploy"));

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
    buttons->button(mode == Mode::Review ? QDialogButtonBox::Close : QDialogButtonBox::Cancel)
        ->setObjectName(QStringLiteral("cancelPlanButton"));
    m_confirm = buttons->addButton(tr("Deploy"), QDialogButtonBox::AcceptRole);
    if (mode == Mode::Confirm && !plan.driftOverwritten().isEmpty()) {
        addDriftChoice(layout);
    }
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
    const DriftChoice choice = driftChoice();
    const bool driftAnswered = m_overwrite == nullptr || choice != DriftChoice::None;
    m_confirm->setText(choice == DriftChoice::Keep || choice == DriftChoice::Import ? tr("Plan Again") : tr("Deploy"));
    // Keeping or importing plans again (and asks again): only overwriting needs the plan to be deployable.
    m_confirm->setEnabled(driftAnswered && (choice == DriftChoice::Keep || choice == DriftChoice::Import ||
                                            !isBlocked(m_plan, m_install->isChecked())));
}

QPlainTextEdit* PlanDialog::addTextTab(const char* objectName, const QString& title)
{
    auto* view = new QPlainTextEdit(m_tabs);
    view->setObjectName(QString::fromLatin1(objectName));
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(view, title);
    return view;
}

void PlanDialog::addDriftChoice(QLayout* layout)
{
    auto* box =
        new QGroupBox(tr("Files changed on the server since the last deploy: what should this deploy do?"), this);
    box->setObjectName(QStringLiteral("planDriftChoice"));
    auto* column = new QVBoxLayout(box);
    m_overwrite = new QRadioButton(tr("&Overwrite them: deploy as planned (the server's deploy history keeps the "
                                      "replaced versions)"),
                                   box);
    m_overwrite->setObjectName(QStringLiteral("driftOverwrite"));
    m_keep = new QRadioButton(tr("&Keep the server's version: plan again, leaving these files as they are"), box);
    m_keep->setObjectName(QStringLiteral("driftKeep"));
    m_import = new QRadioButton(tr("&Import the server's edit into the project (one change you can undo), then plan "
                                   "again"),
                                box);
    m_import->setObjectName(QStringLiteral("driftImport"));
    bool secret = false;
    for (const PlannedFile* f : m_plan.driftOverwritten()) {
        secret = secret || f->file.holdsSecrets;
    }
    if (secret) {
        // The window only sees such files masked: importing them would import placeholders.
        m_import->setEnabled(false);
        m_import->setToolTip(tr("Not for files holding secrets: the window sees their values masked. Edit the "
                                "project by hand, or keep the server's version."));
    }
    for (QRadioButton* button : {m_overwrite, m_keep, m_import}) {
        column->addWidget(button);
        connect(button, &QRadioButton::toggled, this, &PlanDialog::updateBlockers);
    }
    // Above the buttons, where the question is seen before Deploy.
    layout->addWidget(box);
}

void PlanDialog::showDiff()
{
    const int row = m_files->indexOfTopLevelItem(m_files->currentItem());
    for (QPlainTextEdit* view : {m_diff, m_lastDeployed, m_server, m_next, m_diffServer, m_diffNext}) {
        view->clear();
    }
    if (row < 0 || row >= m_plan.files.size()) {
        return;
    }
    const PlannedFile& f = m_plan.files.at(row);
    m_diff->setPlainText(f.diff.isEmpty() ? tr("No change in content.") : f.diff);
    DiffMarks::apply(m_diff);
    const bool drifted = f.drift == PlannedFile::Drift::ChangedOnServer;
    for (int tab = 1; tab < m_tabs->count(); ++tab) {
        m_tabs->setTabEnabled(tab, drifted);
    }
    if (!drifted) {
        m_tabs->setCurrentIndex(0);
        return;
    }
    // Masked by the core for files holding secrets: no secret value reaches these views.
    m_lastDeployed->setPlainText(f.deployedCopyPresent ? f.lastDeployedText
                                                       : tr("(no copy of the last deployed version on the server)"));
    m_server->setPlainText(f.serverText);
    m_next->setPlainText(f.nextText);
    m_diffServer->setPlainText(f.driftDiffServer.isEmpty()
                                   ? tr("(no copy of the last deployed version, or no difference in content)")
                                   : f.driftDiffServer);
    m_diffNext->setPlainText(f.driftDiffNext.isEmpty() ? tr("(no difference in content)") : f.driftDiffNext);
    DiffMarks::apply(m_diffServer);
    DiffMarks::apply(m_diffNext);
}

} // namespace saltant
