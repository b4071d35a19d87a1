#include "StepGate.h"

#include "RecordingTools.h"

#include <QDir>
#include <QFile>

namespace saltant {
namespace {

QString quoted(const QString& text)
{
    QString out = text;
    out.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

} // namespace

StepGate::StepGate(const QString& directory) : m_directory(directory)
{
    QDir().mkpath(m_directory);
}

StepGate::~StepGate()
{
    open();
}

bool StepGate::wrap(const QString& program, const QString& realProgram, QString* error)
{
    // mv is atomic: of two calls racing for an armed gate, exactly one takes it.
    const QString script =
        QStringLiteral("#!/bin/sh\ngate=%1\n"
                       "if [ -e \"$gate/armed-%4\" ] && mv \"$gate/armed-%4\" \"$gate/taken\" 2>/dev/null; then\n"
                       "  line=%2\n  for a in \"$@\"; do line=\"$line $a\"; done\n"
                       "  printf '%s\\n' \"$line\" > \"$gate/reached.tmp\" && mv \"$gate/reached.tmp\" "
                       "\"$gate/reached\"\n"
                       "  while [ ! -e \"$gate/open\" ]; do sleep 0.05; done\n"
                       "fi\nexec %3 \"$@\"\n")
            .arg(quoted(m_directory), quoted(program), quoted(realProgram), program);
    return RecordingTools::writeScript(m_directory + QLatin1Char('/') + program, script, error);
}

bool StepGate::arm(const QString& program, QString* error)
{
    close();
    QFile armed(m_directory + QStringLiteral("/armed-") + program);
    if (!armed.open(QIODevice::WriteOnly)) {
        if (error) {
            *error = QStringLiteral("cannot arm the gate in %1: %2").arg(m_directory, armed.errorString());
        }
        return false;
    }
    return true;
}

void StepGate::close()
{
    for (const char* name : {"open", "reached", "taken"}) {
        QFile::remove(m_directory + QLatin1Char('/') + QLatin1String(name));
    }
}

QString StepGate::holdCommand(const QString& what, int timeoutSeconds) const
{
    const QString gate = quoted(m_directory);
    return QStringLiteral("{ printf '%s\\n' %2 > %1/reached.tmp && mv %1/reached.tmp %1/reached; i=0; "
                          "while [ ! -e %1/open ]; do [ $i -ge %3 ] && exit 124; i=$((i+1)); sleep 0.05; done; }")
        .arg(gate, quoted(what), QString::number(timeoutSeconds * 20));
}

bool StepGate::isReached() const
{
    return QFile::exists(m_directory + QStringLiteral("/reached"));
}

QString StepGate::reachedBy() const
{
    QFile file(m_directory + QStringLiteral("/reached"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}

void StepGate::open()
{
    for (const QString& armed : QDir(m_directory).entryList({QStringLiteral("armed-*")}, QDir::Files)) {
        QFile::remove(m_directory + QLatin1Char('/') + armed);
    }
    QFile open(m_directory + QStringLiteral("/open"));
    open.open(QIODevice::WriteOnly);
}

} // namespace saltant
