#pragma once

#include "generate/DeployStep.h"
#include "generate/GenerateContext.h"
#include "generate/GeneratedFile.h"

#include <QCoreApplication>
#include <QList>

namespace saltant {

class StepList;

// The ordered commands of a deploy. The deploy-steps preview prints them; the deploy runs them.
class DeploySteps
{
    Q_DECLARE_TR_FUNCTIONS(saltant::DeploySteps)

public:
    static QList<DeployStep> build(const GenerateContext& context, const QList<GeneratedFile>& files);
    // The title of a phase of the plan (plan text, plan dialog, steps preview); empty for the transaction's own
    // phases (Recover, Upload, ...). A step report names its phase with DeployLog::phaseLabel().
    static QString phaseTitle(StepPhase phase);
    // The commands that give the certificate reader group this site's lineage (live/<name> and archive/<name>,
    // recursively g+rX) and only traverse (g=x) on live/ and archive/, so the group can neither list nor read
    // other lineages. The deploy runs them; the renewal hook runs them again, since certbot writes renewed keys
    // 0600 root:root.
    static QStringList certificateGroupAccess(const GenerateContext& context);

    // The directories the files (and their links) go into, in file order, each once.
    static QStringList directoriesOf(const QList<GeneratedFile>& files);
    // The Files phase as the preview lists it: one install per file, one ln per link (the transaction does them).
    static void addFileSteps(StepList& steps, const QList<GeneratedFile>& files);
};

} // namespace saltant
