#pragma once

#include "export/AnsibleExport.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QThread;

namespace saltant {

// File > Export > Ansible…: the project (web server and worker hosts) as an Ansible inventory, playbook and vault
// (AnsibleExport, the same as `saltant-deploy-cli export ansible DIR`). The admin picks an empty directory and the
// vault password: the one stored in the keychain (ansible.vaultPassword), or one typed twice here. The export runs
// on a thread (ansible-vault takes a moment per encrypted file); the dialog then says what was written and how to
// run it, or what is wrong.
class AnsibleExportDialog : public QDialog
{
    Q_OBJECT

public:
    AnsibleExportDialog(const Project& project, const SecretValues& secrets, QWidget* parent = nullptr);
    ~AnsibleExportDialog() override;

    bool isRunning() const { return m_worker != nullptr; }
    // After an export: its result.
    const AnsibleExportResult& result() const { return m_result; }

public slots:
    void exportNow();

protected:
    void reject() override;

private:
    void browse();
    void updateButtons();
    void onFinished();

    Project m_project;
    SecretValues m_secrets;
    AnsibleExportResult m_result;
    QThread* m_worker = nullptr;
    QLineEdit* m_directory;
    QRadioButton* m_stored;
    QRadioButton* m_typed;
    QLineEdit* m_password;
    QLineEdit* m_confirm;
    QLabel* m_status;
    QPushButton* m_export;
};

} // namespace saltant
