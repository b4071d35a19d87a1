#include "LocalRemoteHost.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>

namespace saltant {

LocalRemoteHost::LocalRemoteHost(const QString& stagingDirectory)
    : m_staging(stagingDirectory), m_environment(QProcessEnvironment::systemEnvironment())
{}

void LocalRemoteHost::setPathPrefix(const QStringList& directories)
{
    const QString path = QProcessEnvironment::systemEnvironment().value(QStringLiteral("PATH"));
    m_environment.insert(QStringLiteral("PATH"), directories.join(QLatin1Char(':')) + QLatin1Char(':') + path);
}

bool LocalRemoteHost::upload(const QString& path, const QByteArray& content, int mode, QString* error)
{
    ++m_uploads;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        *error = QCoreApplication::translate("Deploy", "Cannot write %1: %2.").arg(path, file.errorString());
        return false;
    }
    file.close();
    QFileDevice::Permissions perms;
    const QFileDevice::Permission bits[] = {QFileDevice::ExeOther, QFileDevice::WriteOther, QFileDevice::ReadOther,
                                            QFileDevice::ExeGroup, QFileDevice::WriteGroup, QFileDevice::ReadGroup,
                                            QFileDevice::ExeOwner, QFileDevice::WriteOwner, QFileDevice::ReadOwner};
    for (int i = 0; i < 9; ++i) {
        if (mode & (1 << i)) {
            perms |= bits[i];
        }
    }
    if (!file.setPermissions(perms)) {
        *error = QCoreApplication::translate("Deploy", "Cannot set the mode of %1: %2.").arg(path, file.errorString());
        return false;
    }
    return true;
}

CommandResult LocalRemoteHost::run(const QString& command, const QByteArray& stdinData, bool privileged)
{
    Q_UNUSED(privileged)
    CommandResult result;
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
    if (!process.waitForStarted()) {
        result.error = process.errorString();
        return result;
    }
    process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit) {
        result.error =
            QCoreApplication::translate("Deploy", "The command did not finish: %1.").arg(process.errorString());
        return result;
    }
    result.started = true;
    result.exitStatus = process.exitCode();
    result.stdOut = process.readAllStandardOutput();
    result.stdErr = process.readAllStandardError();
    return result;
}

} // namespace saltant
