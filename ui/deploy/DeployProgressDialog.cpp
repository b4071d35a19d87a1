#include "deploy/DeployProgressDialog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace saltant {

DeployProgressDialog::DeployProgressDialog(int expectedSteps, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("deployProgressDialog"));
    setWindowTitle(tr("Deploying"));
    resize(800, 560);
    auto* layout = new QVBoxLayout(this);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("deployProgress"));
    m_progress->setRange(0, qMax(1, expectedSteps));
    m_progress->setValue(0);
    layout->addWidget(m_progress);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_steps = new QTreeWidget(splitter);
    m_steps->setObjectName(QStringLiteral("deploySteps"));
    m_steps->setRootIsDecorated(false);
    m_steps->setHeaderLabels({tr("Phase"), tr("Step")});
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_log = new QPlainTextEdit(splitter);
    m_log->setObjectName(QStringLiteral("deployLog"));
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(splitter, 1);

    m_result = new QLabel(tr("Deploying…"), this);
    m_result->setObjectName(QStringLiteral("deployResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);

    auto* buttons = new QDialogButtonBox(this);
    m_openLog = buttons->addButton(tr("Open Log"), QDialogButtonBox::ActionRole);
    m_openLog->setObjectName(QStringLiteral("openLogButton"));
    m_openLog->setEnabled(false);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelDeployButton"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("closeDeployButton"));
    m_close->setEnabled(false);
    layout->addWidget(buttons);

    connect(m_openLog, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_logPath)); });
    connect(m_cancel, &QPushButton::clicked, this, &DeployProgressDialog::reject);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
}

void DeployProgressDialog::reject()
{
    if (m_finished) {
        QDialog::reject();
        return;
    }
    if (m_cancel->isEnabled()) {
        m_cancel->setEnabled(false);
        m_result->setText(tr("Cancelling after the current step…"));
        emit cancelRequested();
    }
}

void DeployProgressDialog::addStep(const DeployStepReport& step)
{
    auto* item = new QTreeWidgetItem(m_steps, {DeployLog::phaseLabel(step.phase), step.title});
    item->setIcon(0, style()->standardIcon(step.ok ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxCritical));
    item->setToolTip(1, step.command);
    m_steps->scrollToItem(item);
    m_log->appendPlainText(DeployLog::formatStep(step).trimmed());
    if (m_progress->value() < m_progress->maximum() - 1) {
        m_progress->setValue(m_progress->value() + 1);
    }
}

void DeployProgressDialog::showResult(const DeployReport& report)
{
    m_finished = true;
    m_progress->setValue(m_progress->maximum());
    m_logPath = report.logPath;
    QString text = DeployRunner::outcomeText(report.outcome) + QStringLiteral(": ") + report.message;
    text +=
        QLatin1Char('\n') + tr("Files uploaded: %1. Handlers run: %2.").arg(report.uploaded).arg(report.handlersRun);
    if (!report.logPath.isEmpty()) {
        text += QLatin1Char('\n') + tr("Log: %1").arg(report.logPath);
    }
    m_result->setText(text);
    setWindowTitle(report.ok()                                          ? tr("Deploy Finished")
                   : report.outcome == DeployReport::Outcome::Cancelled ? tr("Deploy Cancelled")
                                                                        : tr("Deploy Failed"));
    m_openLog->setEnabled(!m_logPath.isEmpty());
    m_cancel->setEnabled(false);
    m_close->setEnabled(true);
    m_close->setDefault(true);
}

} // namespace saltant
