#include "window/AnsibleExportDialog.h"

#include "common/FileDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QThread>
#include <QVBoxLayout>

namespace saltant {
namespace {

const QString VaultSecret = QStringLiteral("ansible.vaultPassword");

} // namespace

AnsibleExportDialog::AnsibleExportDialog(const Project& project, const SecretValues& secrets, QWidget* parent)
    : QDialog(parent), m_project(project), m_secrets(secrets)
{
    setObjectName(QStringLiteral("ansibleExportDialog"));
    setWindowTitle(tr("Export to Ansible"));

    auto* intro = new QLabel(tr("Writes an inventory (the server and %n worker host(s)), a playbook that installs the "
                                "same files, validates and restarts as a deploy does, and a vault encrypted with "
                                "ansible-vault holding every secret.",
                                nullptr, int(project.workers().size())),
                             this);
    intro->setWordWrap(true);

    m_directory = new QLineEdit(this);
    m_directory->setObjectName(QStringLiteral("ansibleExportDirectory"));
    m_directory->setPlaceholderText(tr("An empty directory, or one that does not exist yet"));
    auto* browseButton = new QPushButton(tr("Browse…"), this);
    browseButton->setObjectName(QStringLiteral("ansibleExportBrowse"));
    auto* directoryRow = new QHBoxLayout;
    directoryRow->addWidget(m_directory, 1);
    directoryRow->addWidget(browseButton);

    const bool stored = m_secrets.contains(VaultSecret);
    m_stored = new QRadioButton(stored ? tr("The vault password stored in the keychain")
                                       : tr("The vault password stored in the keychain (none is stored)"),
                                this);
    m_stored->setObjectName(QStringLiteral("ansibleExportStoredPassword"));
    m_stored->setEnabled(stored);
    m_typed = new QRadioButton(tr("This password:"), this);
    m_typed->setObjectName(QStringLiteral("ansibleExportTypedPassword"));
    (stored ? m_stored : m_typed)->setChecked(true);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("ansibleExportPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(QStringLiteral("ansibleExportConfirm"));
    m_confirm->setEchoMode(QLineEdit::Password);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("ansibleExportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("Directory:"), directoryRow);
    form->addRow(tr("Vault:"), m_stored);
    form->addRow(QString(), m_typed);
    form->addRow(tr("Password:"), m_password);
    form->addRow(tr("Again:"), m_confirm);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("ansibleExportButton"));
    connect(m_export, &QPushButton::clicked, this, &AnsibleExportDialog::exportNow);
    connect(buttons, &QDialogButtonBox::rejected, this, &AnsibleExportDialog::reject);
    connect(browseButton, &QPushButton::clicked, this, &AnsibleExportDialog::browse);
    for (QLineEdit* edit : {m_directory, m_password, m_confirm}) {
        connect(edit, &QLineEdit::textChanged, this, &AnsibleExportDialog::updateButtons);
    }
    connect(m_typed, &QRadioButton::toggled, this, &AnsibleExportDialog::updateButtons);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(620, sizeHint().height());
    updateButtons();
}

AnsibleExportDialog::~AnsibleExportDialog()
{
    if (m_worker) {
        m_worker->wait();
    }
}

void AnsibleExportDialog::browse()
{
    const QString dir = FileDialog::getExistingDirectory(this, tr("Export to Ansible"), m_directory->text());
    if (!dir.isEmpty()) {
        m_directory->setText(QDir::toNativeSeparators(dir));
    }
}

void AnsibleExportDialog::updateButtons()
{
    const bool typed = m_typed->isChecked();
    m_password->setEnabled(typed && !isRunning());
    m_confirm->setEnabled(typed && !isRunning());
    m_export->setEnabled(!isRunning() && !m_directory->text().trimmed().isEmpty() &&
                         (!typed || !m_password->text().isEmpty()));
}

void AnsibleExportDialog::exportNow()
{
    if (isRunning()) {
        return;
    }
    QString password = m_typed->isChecked() ? m_password->text() : m_secrets.value(VaultSecret);
    if (m_typed->isChecked() && password != m_confirm->text()) {
        m_status->setText(tr("The two passwords differ: type the same vault password twice."));
        return;
    }
    const QString dir = QDir::fromNativeSeparators(m_directory->text().trimmed());
    m_status->setText(tr("Exporting… (ansible-vault encrypts each file that holds a secret)"));
    const Project project = m_project;
    SecretValues secrets = m_secrets;
    m_worker = QThread::create([this, project, secrets, password, dir]() mutable {
        m_result = AnsibleExport::write(project, secrets, password, dir);
        password.fill(QChar(0));
        secrets.wipe();
    });
    password.fill(QChar(0));
    connect(m_worker, &QThread::finished, this, &AnsibleExportDialog::onFinished);
    m_worker->start();
    updateButtons();
}

void AnsibleExportDialog::onFinished()
{
    m_worker->deleteLater();
    m_worker = nullptr;
    m_password->clear();
    m_confirm->clear();
    if (m_result.ok()) {
        m_status->setText(tr("Wrote %n file(s). Run it: cd %1 && ansible-playbook -i inventory.yml playbook.yml "
                             "--ask-vault-pass (README.md there says more).",
                             nullptr, int(m_result.written.size()))
                              .arg(QDir::toNativeSeparators(m_directory->text().trimmed())));
    } else {
        QStringList lines = {m_result.error};
        for (const FieldProblem& problem : m_result.problems) {
            lines << problem.message;
        }
        m_status->setText(tr("Nothing was exported: %1").arg(lines.join(QLatin1Char('\n'))));
    }
    updateButtons();
}

void AnsibleExportDialog::reject()
{
    if (isRunning()) {
        return; // ansible-vault finishes in moments; the directory is never left half written by a close
    }
    QDialog::reject();
}

} // namespace saltant
