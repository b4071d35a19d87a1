#pragma once

#include <QString>

namespace saltant {

// A Unix user that exists only for one test (root only): created with useradd, given a password with chpasswd
// (on standard input), optionally allowed to use sudo through a drop-in in /etc/sudoers.d. The destructor removes
// the drop-in and the user. The home directory is inside a directory the test owns (a QTemporaryDir).
class ThrowawayUser
{
public:
    ThrowawayUser() = default;
    ~ThrowawayUser();
    ThrowawayUser(const ThrowawayUser&) = delete;
    ThrowawayUser& operator=(const ThrowawayUser&) = delete;

    // Creates "sdt<random>" with home parentDirectory/<name> (which must be traversable by the user).
    bool create(const QString& parentDirectory, const QString& password, QString* error = nullptr);
    // "<name> ALL=(ALL:ALL) ALL" (password required), checked with visudo before it is installed. securePath, if
    // given, becomes the PATH of the user's sudo commands ("Defaults:<name> secure_path=..."), e.g. a test's
    // directory of recording tools first: sudo replaces PATH with secure_path, so that is the only way to put them
    // before the system's programs without changing how the product calls sudo.
    bool allowSudo(QString* error = nullptr, const QString& securePath = QString());
    void remove();

    QString name() const { return m_name; }
    QString home() const { return m_home; }
    QString password() const { return m_password; }

private:
    QString m_name;
    QString m_home;
    QString m_password;
    QString m_sudoersFile;
};

} // namespace saltant
