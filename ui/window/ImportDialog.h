#pragma once

#include "import/ServerImporter.h"

#include <QDialog>
#include <functional>
#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QThread;
class QTreeWidget;

namespace saltant {

class SshImport;

// File > Import from Server…: a project from a running server over SSH (SshImport, with the deploy's host-key
// policy: an unknown key is asked about with HostKeyDialog, a changed one refused) or from a directory holding the
// server's files at their server paths (DirectoryServerFiles); the same import as `saltant-deploy-cli import`.
// Page 1 picks the source; the import runs on a thread; page 2 shows the report (settings with FILE:LINE, the
// guide's mistakes, the lines a deploy would drop, problems; never a secret's value). "Open as New Project" hands
// the result to the opener, which stores the secrets in the keychain first and then opens the project.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    // Stores result's secrets under its project's id, then opens its project; false when it did not: error says
    // why (an empty error: the user cancelled, e.g. at the unsaved-changes question).
    using Opener = std::function<bool(const ImportResult& result, QString* error)>;

    explicit ImportDialog(Opener opener, QWidget* parent = nullptr);
    ~ImportDialog() override;

    bool isRunning() const { return m_worker != nullptr; }
    // After an import: its result (no project when !ok()).
    const ImportResult& result() const { return m_result; }

public slots:
    void startImport();
    void openAsNewProject();

protected:
    void reject() override;

private:
    void browseIdentity();
    void browseKnownHosts();
    void browseDirectory();
    // The address as SshImportTarget::parse() takes it ("ssh://" added when left out).
    QString sshUrl() const;
    bool validateAddress();
    void updateButtons();
    void setBusy(bool busy, const QString& status);
    void showError(const QString& text);
    // Runs work on a new thread, then `then` on this (GUI) thread with its result in m_ok.
    void runInWorker(std::function<bool()> work, void (ImportDialog::*then)());
    void onConnected();
    void askHostKey();
    void runSshImport(bool acceptHostKey);
    void onImported();
    void showReport();

    Opener m_opener;
    ImportResult m_result;
    std::unique_ptr<SshImport> m_ssh;
    QString m_notice; // the connection's notice (a trusted new host key)
    QThread* m_worker = nullptr;
    bool m_ok = false;
    bool m_closeWhenDone = false;
    bool m_opening = false; // the opener runs (it may wait for the keychain in a local event loop)

    QStackedWidget* m_pages;
    QRadioButton* m_fromSsh;
    QLineEdit* m_address;
    QLabel* m_addressError;
    QLineEdit* m_identity;
    QLineEdit* m_knownHosts;
    QLineEdit* m_sudoPassword;
    QRadioButton* m_fromDirectory;
    QLineEdit* m_directory;
    QProgressBar* m_busy;
    QLabel* m_status;
    QPushButton* m_import;
    QLabel* m_summary;
    QTreeWidget* m_report;
    QLabel* m_openStatus;
    QPushButton* m_open;
};

} // namespace saltant
