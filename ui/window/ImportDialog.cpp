#include "window/ImportDialog.h"

#include "common/FileDialog.h"
#include "deploy/HostKeyDialog.h"
#include "import/DirectoryServerFiles.h"
#include "import/SshImport.h"
#include "window/ImportReportTree.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QThread>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace saltant {
namespace {

// A line edit with a Browse… button after it.
QHBoxLayout* pickerRow(QLineEdit* edit, QPushButton* browse)
{
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    return row;
}

} // namespace

ImportDialog::ImportDialog(Opener opener, QWidget* parent) : QDialog(parent), m_opener(std::move(opener))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import from Server"));

    // Page 1: where the server's files are.
    auto* sourcePage = new QWidget(this);
    auto* intro = new QLabel(tr("Builds a new project from a saltant server set up by hand (as the setup guide says) "
                                "or by this tool, and reports where each value came from. Nothing on the server is "
                                "changed."),
                             sourcePage);
    intro->setWordWrap(true);

    m_fromSsh = new QRadioButton(tr("Running server over SSH"), sourcePage);
    m_fromSsh->setObjectName(QStringLiteral("importFromSsh"));
    m_fromSsh->setChecked(true);
    m_address = new QLineEdit(sourcePage);
    m_address->setObjectName(QStringLiteral("importSshAddress"));
    m_address->setPlaceholderText(tr("ssh://USER@HOST[:PORT] or USER@HOST[:PORT]"));
    m_addressError = new QLabel(sourcePage);
    m_addressError->setObjectName(QStringLiteral("importSshAddressError"));
    m_addressError->setWordWrap(true);
    m_addressError->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_addressError->hide();
    m_identity = new QLineEdit(sourcePage);
    m_identity->setObjectName(QStringLiteral("importIdentityFile"));
    m_identity->setPlaceholderText(tr("Default: ~/.ssh/id_ed25519 or the SSH agent"));
    auto* identityBrowse = new QPushButton(tr("Browse…"), sourcePage);
    identityBrowse->setObjectName(QStringLiteral("importIdentityBrowse"));
    m_knownHosts = new QLineEdit(sourcePage);
    m_knownHosts->setObjectName(QStringLiteral("importKnownHostsFile"));
    m_knownHosts->setPlaceholderText(tr("Default: ~/.ssh/known_hosts"));
    auto* knownHostsBrowse = new QPushButton(tr("Browse…"), sourcePage);
    knownHostsBrowse->setObjectName(QStringLiteral("importKnownHostsBrowse"));
    m_sudoPassword = new QLineEdit(sourcePage);
    m_sudoPassword->setObjectName(QStringLiteral("importSudoPassword"));
    m_sudoPassword->setEchoMode(QLineEdit::Password);
    m_sudoPassword->setPlaceholderText(tr("Only when USER is not root and sudo asks for one"));

    m_fromDirectory = new QRadioButton(tr("Directory of the server's files"), sourcePage);
    m_fromDirectory->setObjectName(QStringLiteral("importFromDirectory"));
    m_directory = new QLineEdit(sourcePage);
    m_directory->setObjectName(QStringLiteral("importDirectory"));
    m_directory->setPlaceholderText(tr("The files at their server paths: DIR/etc/nginx/…, DIR/home/…"));
    auto* directoryBrowse = new QPushButton(tr("Browse…"), sourcePage);
    directoryBrowse->setObjectName(QStringLiteral("importDirectoryBrowse"));

    // One form, so the labels of both sources line up.
    auto* form = new QFormLayout;
    form->addRow(m_fromSsh);
    auto* addressColumn = new QVBoxLayout;
    addressColumn->addWidget(m_address);
    addressColumn->addWidget(m_addressError);
    form->addRow(tr("Address:"), addressColumn);
    form->addRow(tr("Identity file:"), pickerRow(m_identity, identityBrowse));
    form->addRow(tr("known_hosts file:"), pickerRow(m_knownHosts, knownHostsBrowse));
    form->addRow(tr("Sudo password:"), m_sudoPassword);
    form->addRow(m_fromDirectory);
    form->addRow(tr("Directory:"), pickerRow(m_directory, directoryBrowse));

    m_busy = new QProgressBar(sourcePage);
    m_busy->setObjectName(QStringLiteral("importBusy"));
    m_busy->setRange(0, 0); // busy: no known end
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_status = new QLabel(sourcePage);
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* sourceLayout = new QVBoxLayout(sourcePage);
    sourceLayout->setContentsMargins(0, 0, 0, 0);
    sourceLayout->addWidget(intro);
    sourceLayout->addLayout(form);
    sourceLayout->addStretch(1);
    sourceLayout->addWidget(m_busy);
    sourceLayout->addWidget(m_status);

    // Page 2: the report.
    auto* reportPage = new QWidget(this);
    m_summary = new QLabel(reportPage);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_report = new QTreeWidget(reportPage);
    m_report->setObjectName(QStringLiteral("importReport"));
    m_report->setHeaderLabels({tr("Where"), tr("Item"), tr("Details")});
    m_report->setRootIsDecorated(true);
    m_report->setUniformRowHeights(true);
    m_report->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_openStatus = new QLabel(reportPage);
    m_openStatus->setObjectName(QStringLiteral("importOpenStatus"));
    m_openStatus->setWordWrap(true);
    m_openStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* reportLayout = new QVBoxLayout(reportPage);
    reportLayout->setContentsMargins(0, 0, 0, 0);
    reportLayout->addWidget(m_summary);
    reportLayout->addWidget(m_report, 1);
    reportLayout->addWidget(m_openStatus);

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("importPages"));
    m_pages->addWidget(sourcePage);
    m_pages->addWidget(reportPage);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("importCancelButton"));
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::ActionRole);
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setDefault(true);
    m_open = buttons->addButton(tr("&Open as New Project"), QDialogButtonBox::AcceptRole);
    m_open->setObjectName(QStringLiteral("importOpenButton"));
    m_open->hide();

    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_open, &QPushButton::clicked, this, &ImportDialog::openAsNewProject);
    connect(buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    connect(identityBrowse, &QPushButton::clicked, this, &ImportDialog::browseIdentity);
    connect(knownHostsBrowse, &QPushButton::clicked, this, &ImportDialog::browseKnownHosts);
    connect(directoryBrowse, &QPushButton::clicked, this, &ImportDialog::browseDirectory);
    connect(m_fromSsh, &QRadioButton::toggled, this, &ImportDialog::updateButtons);
    connect(m_address, &QLineEdit::textChanged, this, [this] {
        m_addressError->hide(); // judged again on Import, not while typing
        updateButtons();
    });
    connect(m_directory, &QLineEdit::textChanged, this, &ImportDialog::updateButtons);
    // The SSH fields belong to the SSH source, the directory field to the directory source.
    for (QWidget* widget : {static_cast<QWidget*>(m_address), static_cast<QWidget*>(m_identity),
                            static_cast<QWidget*>(identityBrowse), static_cast<QWidget*>(m_knownHosts),
                            static_cast<QWidget*>(knownHostsBrowse), static_cast<QWidget*>(m_sudoPassword)}) {
        connect(m_fromSsh, &QRadioButton::toggled, widget, &QWidget::setEnabled);
    }
    for (QWidget* widget : {static_cast<QWidget*>(m_directory), static_cast<QWidget*>(directoryBrowse)}) {
        connect(m_fromDirectory, &QRadioButton::toggled, widget, &QWidget::setEnabled);
        widget->setEnabled(false);
    }

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pages, 1);
    layout->addWidget(buttons);
    resize(960, 600);
    updateButtons();
}

ImportDialog::~ImportDialog()
{
    if (m_worker) {
        if (m_ssh) {
            m_ssh->connection().cancel();
        }
        m_worker->wait();
        delete m_worker;
    }
    m_result.secrets.wipe();
}

void ImportDialog::browseIdentity()
{
    const QString path = FileDialog::getOpenFileName(this, tr("SSH Identity File"), m_identity->text());
    if (!path.isEmpty()) {
        m_identity->setText(QDir::toNativeSeparators(path));
    }
}

void ImportDialog::browseKnownHosts()
{
    const QString path = FileDialog::getOpenFileName(this, tr("known_hosts File"), m_knownHosts->text());
    if (!path.isEmpty()) {
        m_knownHosts->setText(QDir::toNativeSeparators(path));
    }
}

void ImportDialog::browseDirectory()
{
    const QString dir =
        FileDialog::getExistingDirectory(this, tr("Directory of the Server's Files"), m_directory->text());
    if (!dir.isEmpty()) {
        m_directory->setText(QDir::toNativeSeparators(dir));
    }
}

QString ImportDialog::sshUrl() const
{
    const QString text = m_address->text().trimmed();
    return text.startsWith(QLatin1String("ssh://")) ? text : QStringLiteral("ssh://") + text;
}

bool ImportDialog::validateAddress()
{
    SshImportTarget target;
    QString error;
    if (SshImportTarget::parse(sshUrl(), &target, &error)) {
        m_addressError->hide();
        return true;
    }
    m_addressError->setText(error);
    m_addressError->show();
    return false;
}

void ImportDialog::updateButtons()
{
    const bool ready =
        m_fromSsh->isChecked() ? !m_address->text().trimmed().isEmpty() : !m_directory->text().trimmed().isEmpty();
    m_import->setEnabled(!isRunning() && ready);
    m_fromSsh->setEnabled(!isRunning());
    m_fromDirectory->setEnabled(!isRunning());
}

void ImportDialog::setBusy(bool busy, const QString& status)
{
    m_busy->setVisible(busy);
    m_status->setStyleSheet(QString());
    m_status->setText(status);
    updateButtons();
}

void ImportDialog::showError(const QString& text)
{
    m_busy->hide();
    m_status->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_status->setText(text);
    m_pages->setCurrentIndex(0);
    updateButtons();
}

void ImportDialog::runInWorker(std::function<bool()> work, void (ImportDialog::*then)())
{
    m_worker = QThread::create([this, work = std::move(work)] { m_ok = work(); });
    connect(m_worker, &QThread::finished, this, [this, then] {
        m_worker->deleteLater();
        m_worker = nullptr;
        if (m_closeWhenDone) {
            m_closeWhenDone = false;
            m_ssh.reset();
            m_result = ImportResult();
            setBusy(false, QString());
            QDialog::reject();
            return;
        }
        (this->*then)();
    });
    m_worker->start();
    updateButtons();
}

void ImportDialog::startImport()
{
    if (isRunning()) {
        return;
    }
    m_result = ImportResult();
    m_notice.clear();
    if (m_fromDirectory->isChecked()) {
        const QString dir = QDir::fromNativeSeparators(m_directory->text().trimmed());
        if (!QFileInfo(dir).isDir()) {
            showError(tr("%1 is not a directory: pick the directory that holds the server's files at their server "
                         "paths (DIR/etc/…).")
                          .arg(QDir::toNativeSeparators(dir)));
            return;
        }
        setBusy(true, tr("Reading the server's files in %1…").arg(QDir::toNativeSeparators(dir)));
        runInWorker(
            [this, dir] {
                DirectoryServerFiles files(dir);
                m_result = ServerImporter(files).run();
                return true;
            },
            &ImportDialog::onImported);
        return;
    }
    if (!validateAddress()) {
        m_address->setFocus();
        return;
    }
    SshImportTarget target;
    QString error;
    SshImportTarget::parse(sshUrl(), &target, &error);
    target.identityFile = QDir::fromNativeSeparators(m_identity->text().trimmed());
    target.knownHostsFile = QDir::fromNativeSeparators(m_knownHosts->text().trimmed());
    SecretValues auth;
    if (!m_sudoPassword->text().isEmpty()) {
        auth.set(QStringLiteral("sudo.password"), m_sudoPassword->text());
    }
    m_ssh = std::make_unique<SshImport>(target, auth);
    auth.wipe();
    setBusy(true, tr("Connecting to %1…").arg(target.url()));
    SshImport* ssh = m_ssh.get();
    runInWorker([ssh] { return ssh->connectToHost(); }, &ImportDialog::onConnected);
}

void ImportDialog::onConnected()
{
    if (!m_ok) {
        // A changed host key ends here too, with the core's message: nothing was sent.
        showError(m_ssh->connection().errorString());
        m_ssh.reset();
        return;
    }
    if (m_ssh->connection().hostKey().status == HostKeyCheck::Unknown) {
        askHostKey();
    } else {
        runSshImport(false);
    }
}

void ImportDialog::askHostKey()
{
    setBusy(true, tr("Waiting for your decision about the host key."));
    auto* dialog = new HostKeyDialog(m_ssh->connection().hostKey(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this](int result) {
        if (!m_ssh) {
            return; // the import dialog was closed meanwhile
        }
        if (result == QDialog::Accepted) {
            runSshImport(true);
            return;
        }
        m_ssh.reset();
        showError(tr("Nothing was imported: the server's host key was not trusted."));
    });
    dialog->open();
}

void ImportDialog::runSshImport(bool acceptHostKey)
{
    setBusy(true, tr("Reading the server's files (one command per file)…"));
    SshImport* ssh = m_ssh.get();
    ImportResult* result = &m_result;
    runInWorker([ssh, acceptHostKey, result] { return ssh->run(acceptHostKey, result); }, &ImportDialog::onImported);
}

void ImportDialog::onImported()
{
    if (m_ssh) {
        m_notice = m_ssh->connection().notice();
        const QString error = m_ssh->connection().errorString();
        m_ssh.reset();
        if (!m_ok) {
            showError(error);
            return;
        }
    }
    if (!m_result.ok()) {
        showError(m_result.error);
        return;
    }
    setBusy(false, QString());
    showReport();
}

void ImportDialog::showReport()
{
    const ImportReport& report = m_result.report;
    QStringList summary;
    summary << ImportReport::tr("Imported from %1: %n setting(s) from %2 file(s).", nullptr,
                                int(report.settings.size()))
                   .arg(report.origin)
                   .arg(report.filesRead.size());
    summary << tr("%n secret(s) found: they are stored in the keychain when you open the project.", nullptr,
                  int(m_result.secrets.names().size()));
    if (!report.problems.isEmpty()) {
        summary << tr("The import is partial: check the problems below by hand.");
    }
    if (!m_notice.isEmpty()) {
        summary << m_notice;
    }
    m_summary->setText(summary.join(QLatin1Char(' ')));

    ImportReportTree::fill(m_report, report);
    m_report->expandAll();
    for (int column = 0; column < 2; ++column) {
        m_report->resizeColumnToContents(column);
    }
    m_openStatus->clear();
    m_pages->setCurrentIndex(1);
    m_import->hide();
    m_open->show();
    m_open->setEnabled(true);
    m_open->setDefault(true);
    m_open->setFocus();
}

void ImportDialog::openAsNewProject()
{
    if (m_opening || !m_result.ok() || m_pages->currentIndex() != 1) {
        return;
    }
    // Storing the secrets may wait for the keychain in a local event loop: nothing here may close the dialog
    // meanwhile (reject() does nothing until it is done).
    m_opening = true;
    setEnabled(false);
    QString error;
    const bool opened = m_opener && m_opener(m_result, &error);
    m_opening = false;
    setEnabled(true);
    if (!opened) {
        m_open->setEnabled(true);
        m_openStatus->setStyleSheet(QStringLiteral("color: #c0392b;"));
        m_openStatus->setText(error);
        return;
    }
    m_result.secrets.wipe();
    accept();
}

void ImportDialog::reject()
{
    if (m_opening) {
        return; // the secrets are being stored; the dialog closes when the project is open
    }
    if (isRunning()) {
        // A connection stops at its next step; the dialog closes when the thread has finished.
        m_closeWhenDone = true;
        if (m_ssh) {
            m_ssh->connection().cancel();
        }
        m_status->setText(tr("Cancelling…"));
        return;
    }
    m_ssh.reset();
    // A host-key question still open goes with the dialog (its answer finds no connection any more).
    for (HostKeyDialog* ask : findChildren<HostKeyDialog*>()) {
        ask->reject();
    }
    m_result.secrets.wipe();
    QDialog::reject();
}

} // namespace saltant
