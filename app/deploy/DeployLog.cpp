#include "deploy/DeployLog.h"

#include "generate/DeploySteps.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QStandardPaths>
#include <algorithm>

namespace saltant {

QString DeployLog::mask(const QString& text, const SecretValues& secrets)
{
    QStringList values;
    for (const QString& name : secrets.names()) {
        if (secrets.contains(name)) {
            values.append(secrets.value(name));
        }
    }
    // Longest first, so a secret containing another is masked whole.
    std::sort(values.begin(), values.end(), [](const QString& a, const QString& b) { return a.size() > b.size(); });
    QString out = text;
    for (const QString& value : values) {
        out.replace(value, QStringLiteral("<secret>"));
    }
    return out;
}

QString DeployLog::directory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/logs");
}

QString DeployLog::phaseLabel(StepPhase phase)
{
    // The plan's Provision and Handlers steps show their (translated) section title; the others the English name
    // the deploy log has always shown.
    switch (phase) {
    case StepPhase::Provision:
    case StepPhase::Handlers:
        return DeploySteps::phaseTitle(phase);
    case StepPhase::Check:
        return QStringLiteral("Check");
    case StepPhase::Prepare:
        return QStringLiteral("Prepare");
    case StepPhase::Files:
        return QStringLiteral("Files");
    case StepPhase::Validate:
        return QStringLiteral("Validate");
    case StepPhase::Recover:
        return QStringLiteral("Recover");
    case StepPhase::Install:
        return QStringLiteral("Install");
    case StepPhase::Upload:
        return QStringLiteral("Upload");
    case StepPhase::Rollback:
        return QStringLiteral("Rollback");
    case StepPhase::Commit:
        return QStringLiteral("Commit");
    case StepPhase::Finish:
        return QStringLiteral("Finish");
    }
    return QString();
}

QString DeployLog::formatStep(const DeployStepReport& step)
{
    QString s = QStringLiteral("[%1] %2: %3\n")
                    .arg(phaseLabel(step.phase), step.title, step.ok ? QStringLiteral("ok") : QStringLiteral("FAILED"));
    if (!step.command.isEmpty()) {
        s += QStringLiteral("  $ ") + step.command + QLatin1Char('\n');
    }
    if (step.exitStatus >= 0) {
        s += QStringLiteral("  exit status %1\n").arg(step.exitStatus);
    }
    if (!step.error.isEmpty()) {
        s += QStringLiteral("  error: ") + step.error + QLatin1Char('\n');
    }
    const QString output = step.output.trimmed();
    if (!output.isEmpty()) {
        s += QStringLiteral("  | ") + QString(output).replace(QLatin1Char('\n'), QStringLiteral("\n  | ")) +
             QLatin1Char('\n');
    }
    return s;
}

QString DeployLog::write(const QString& planText, const QList<DeployStepReport>& steps, const QString& outcome,
                         QString* error)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString dir = directory();
    if (!QDir().mkpath(dir)) {
        *error = QCoreApplication::translate("Deploy", "Cannot create the log directory %1.").arg(dir);
        return QString();
    }
    QString text = QStringLiteral("Saltant Deploy %1, %2\n\n")
                       .arg(QCoreApplication::applicationVersion(), now.toString(Qt::ISODate));
    text += planText + QStringLiteral("\nSteps:\n");
    for (const DeployStepReport& step : steps) {
        text += formatStep(step);
    }
    text += QStringLiteral("\nOutcome: ") + outcome + QLatin1Char('\n');
    // Deploys to several hosts finish in the same millisecond: a name is taken by creating the file (NewOnly), so
    // two logs never share one.
    const QString stem = dir + QStringLiteral("/deploy-") + now.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    QString path = stem + QStringLiteral(".log");
    QFile file(path);
    for (int n = 2; !file.open(QIODevice::WriteOnly | QIODevice::NewOnly); ++n) {
        if (n > 1000) {
            *error = QCoreApplication::translate("Deploy", "Cannot write the deploy log %1: %2.")
                         .arg(path, file.errorString());
            return QString();
        }
        path = stem + QStringLiteral("-%1.log").arg(n);
        file.setFileName(path);
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(text.toUtf8()) < 0 || !file.flush()) {
        *error =
            QCoreApplication::translate("Deploy", "Cannot write the deploy log %1: %2.").arg(path, file.errorString());
        return QString();
    }
    return path;
}

} // namespace saltant
