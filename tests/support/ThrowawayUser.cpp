#include "ThrowawayUser.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <unistd.h>

namespace saltant {

namespace {

bool run(const QString& program, const QStringList& arguments, const QByteArray& input, QString* error)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) {
        if (error) {
            *error = QStringLiteral("%1 did not start: %2").arg(program, process.errorString());
        }
        return false;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        if (error) {
            *error = QStringLiteral("%1 %2 failed: %3")
                         .arg(program, arguments.join(QLatin1Char(' ')),
                              QString::fromLocal8Bit(process.readAllStandardError() + process.readAllStandardOutput()));
        }
        return false;
    }
    return true;
}

} // namespace

ThrowawayUser::~ThrowawayUser()
{
    remove();
}

bool ThrowawayUser::create(const QString& parentDirectory, const QString& password, QString* error)
{
    if (geteuid() != 0) {
        if (error) {
            *error = QStringLiteral("creating a throw-away user needs root");
        }
        return false;
    }
    const QString name = QStringLiteral("sdt%1").arg(QRandomGenerator::global()->bounded(100000, 999999));
    const QString home = parentDirectory + QLatin1Char('/') + name;
    if (!run(QStringLiteral("useradd"),
             {QStringLiteral("--create-home"), QStringLiteral("--home-dir"), home, QStringLiteral("--shell"),
              QStringLiteral("/bin/sh"), QStringLiteral("--comment"), QStringLiteral("saltant-deploy test"), name},
             QByteArray(), error)) {
        return false;
    }
    m_name = name;
    m_home = home;
    m_password = password;
    // chpasswd reads "user:password" on standard input: the password never appears on a command line.
    return run(QStringLiteral("chpasswd"), {}, (name + QLatin1Char(':') + password + QLatin1Char('\n')).toUtf8(),
               error);
}

bool ThrowawayUser::allowSudo(QString* error, const QString& securePath)
{
    const QString path = QStringLiteral("/etc/sudoers.d/saltant-test-%1").arg(m_name);
    QByteArray rules = m_name.toUtf8() + " ALL=(ALL:ALL) ALL\nDefaults:" + m_name.toUtf8() + " lecture=never\n";
    if (!securePath.isEmpty()) {
        rules += "Defaults:" + m_name.toUtf8() + " secure_path=\"" + securePath.toUtf8() + "\"\n";
    }
    const QString candidate = path + QStringLiteral(".new");
    QFile file(candidate);
    if (!file.open(QIODevice::WriteOnly) || file.write(rules) != rules.size()) {
        if (error) {
            *error = QStringLiteral("cannot write %1: %2").arg(candidate, file.errorString());
        }
        return false;
    }
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::ReadGroup);
    // The name ends in ".new" (contains a dot), so sudo ignores it until it is renamed into place.
    if (!run(QStringLiteral("visudo"), {QStringLiteral("-c"), QStringLiteral("-q"), QStringLiteral("-f"), candidate},
             QByteArray(), error) ||
        !QFile::rename(candidate, path)) {
        QFile::remove(candidate);
        return false;
    }
    m_sudoersFile = path;
    return true;
}

void ThrowawayUser::remove()
{
    if (!m_sudoersFile.isEmpty()) {
        QFile::remove(m_sudoersFile);
        m_sudoersFile.clear();
    }
    if (!m_name.isEmpty()) {
        run(QStringLiteral("userdel"), {QStringLiteral("--force"), m_name}, QByteArray(), nullptr);
        m_name.clear();
    }
}

} // namespace saltant
