#include "SystemdUnits.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>

namespace saltant {

QStringList SystemdUnits::values(const QString& content, const QString& key)
{
    QStringList values;
    const QRegularExpression re(QStringLiteral("^") + QRegularExpression::escape(key) + QStringLiteral("=(.*)$"),
                                QRegularExpression::MultilineOption);
    auto it = re.globalMatch(content);
    while (it.hasNext()) {
        values << it.next().captured(1);
    }
    return values;
}

bool SystemdUnits::accepts(const QString& dir, const GeneratedFile& unit, QString* output)
{
    const QString path =
        dir + QLatin1Char('/') + unit.remotePath.mid(unit.remotePath.lastIndexOf(QLatin1Char('/')) + 1);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(unit.content.toUtf8()) < 0) {
        *output = file.errorString();
        return false;
    }
    file.close();
    const QList<QPair<int, QFile::Permission>> bits = {
        {0400, QFile::ReadOwner}, {0200, QFile::WriteOwner}, {0100, QFile::ExeOwner},
        {0040, QFile::ReadGroup}, {0020, QFile::WriteGroup}, {0010, QFile::ExeGroup},
        {0004, QFile::ReadOther}, {0002, QFile::WriteOther}, {0001, QFile::ExeOther},
    };
    QFile::Permissions permissions;
    for (const auto& bit : bits) {
        if (unit.mode & bit.first) {
            permissions |= bit.second;
        }
    }
    file.setPermissions(permissions);
    QProcess analyze;
    analyze.setProcessChannelMode(QProcess::MergedChannels);
    analyze.start(QStringLiteral("systemd-analyze"), {QStringLiteral("verify"), path});
    if (!analyze.waitForFinished()) {
        *output = analyze.errorString();
        return false;
    }
    *output = QString::fromUtf8(analyze.readAll());
    return analyze.exitStatus() == QProcess::NormalExit && analyze.exitCode() == 0 && output->isEmpty();
}

bool SystemdUnits::writeStandIn(const QString& path)
{
    QDir().mkpath(path.left(path.lastIndexOf(QLatin1Char('/'))));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write("#!/bin/sh\n") < 0) {
        return false;
    }
    file.close();
    return file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

const GeneratedFile* SystemdUnits::find(const RenderResult& result, const QString& id)
{
    for (const GeneratedFile& file : result.files) {
        if (file.id == id) {
            return &file;
        }
    }
    return nullptr;
}

} // namespace saltant
