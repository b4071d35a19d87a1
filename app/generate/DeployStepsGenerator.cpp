#include "generate/DeployStepsGenerator.h"

#include "generate/DeploySteps.h"
#include "model/SettingKeys.h"

namespace saltant {

GeneratedFile DeployStepsGenerator::generate(const GenerateContext& context, const QList<DeployStep>& steps)
{
    return preview(header(context) + body(steps));
}

QString DeployStepsGenerator::header(const GenerateContext& context)
{
    return QStringLiteral("#!/bin/sh\n"
                          "# Deploy steps for %1, in the order Saltant Deploy runs them over SSH.\n"
                          "# Preview only: the deploy runs each command through sudo when the SSH user is not root,\n"
                          "# uploads each file beside its target and renames it into place, validates before any\n"
                          "# reload and restores every replaced file if validation fails. Secrets are written to a\n"
                          "# command's standard input, never onto a command line. Steps marked \"when changed\" run\n"
                          "# only if one of the named files differs from what is on the server. $STAGING is the\n"
                          "# login user's upload directory (~/.cache/saltant-deploy).\n"
                          "set -eu\n")
        .arg(context.project().isWorker()
                 ? QStringLiteral("worker host %1 (%2)").arg(context.project().hostName(), context.text(Key::SshHost))
                 : context.facts().canonicalHost());
}

QString DeployStepsGenerator::body(const QList<DeployStep>& steps, std::optional<StepPhase> before)
{
    QString s;
    // Tens of kilobytes for a whole deploy: sized once, not grown step by step.
    qsizetype size = 128; // a phase's title
    for (const DeployStep& step : steps) {
        size += step.title.size() + step.command.size() + step.stdinSecret.size() + 64;
        for (const QString& trigger : step.triggeredBy) {
            size += trigger.size() + 2;
        }
    }
    s.reserve(size);
    for (const DeployStep& step : steps) {
        if (step.phase != before) {
            before = step.phase;
            s += QStringLiteral("\n## ") + DeploySteps::phaseTitle(step.phase) + QLatin1Char('\n');
        }
        s += QStringLiteral("# ") + step.title;
        if (!step.triggeredBy.isEmpty()) {
            s += QStringLiteral(" [when changed: ");
            for (qsizetype i = 0; i < step.triggeredBy.size(); ++i) {
                if (i > 0) {
                    s += QStringLiteral(", ");
                }
                s += step.triggeredBy.at(i);
            }
            s += QLatin1Char(']');
        }
        if (!step.stdinSecret.isEmpty()) {
            s += QStringLiteral(" [stdin: ") + step.stdinSecret + QLatin1Char(']');
        }
        s += QLatin1Char('\n') + step.command + QLatin1Char('\n');
    }
    return s;
}

GeneratedFile DeployStepsGenerator::preview(const QString& text)
{
    GeneratedFile file;
    file.id = QStringLiteral("deploy-steps");
    file.remotePath = QStringLiteral("deploy-steps.sh");
    file.mode = 0755;
    file.format = FileFormat::Shell;
    file.previewOnly = true;
    file.content = text;
    return file;
}

} // namespace saltant
