#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace saltant {

// ansible-vault and ansible-playbook with the vault password on a pipe: the password is written into a pipe whose
// read end the child inherits and reads as --vault-password-file=/dev/fd/N. It is never on a command line, in the
// environment or in a file.
class AnsibleVault
{
    Q_DECLARE_TR_FUNCTIONS(saltant::AnsibleVault)

public:
    // program: "ansible-vault" (looked up on PATH) or a path.
    explicit AnsibleVault(const QString& program = QStringLiteral("ansible-vault"));

    // A vault password Ansible reads back the same from a prompt and from a file: not empty, one line, no leading
    // or trailing white space (Ansible strips a password file's).
    static bool checkPassword(const QString& password, QString* error);

    // The ciphertext ("$ANSIBLE_VAULT;1.1;AES256" and hex lines) of plaintext, encrypted with password. The
    // plaintext goes to ansible-vault's standard input.
    bool encrypt(const QByteArray& plaintext, const QString& password, QByteArray* ciphertext, QString* error) const;

    // Starts program with arguments, then --vault-password-file=/dev/fd/N, then trailing; the password readable on
    // fd N. Also used by tests to run ansible-playbook. The caller waits for the process.
    static bool start(QProcess* process, const QString& program, const QStringList& arguments,
                      const QStringList& trailing, const QString& password, QString* error);

    // The absolute path of program, or empty (error says to install ansible-core).
    static QString locate(const QString& program, QString* error);

private:
    QString m_program;
};

} // namespace saltant
