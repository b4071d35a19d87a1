#pragma once

#include "generate/DeployStep.h"
#include "generate/GenerateContext.h"
#include "generate/GeneratedFile.h"

#include <QCoreApplication>
#include <QList>

namespace saltant {

class RenderPass;
class StepList;

// The ordered commands of a deploy. The deploy-steps preview prints them; the deploy runs them.
class DeploySteps
{
    Q_DECLARE_TR_FUNCTIONS(saltant::DeploySteps)

public:
    // Through pass, each section below is kept from the cache's last render while the settings it read are
    // unchanged (RenderCache).
    static QList<DeployStep> build(const GenerateContext& context, const QList<GeneratedFile>& files,
                                   RenderPass* pass = nullptr);
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

private:
    // The sections of build(), in order: each reads only the settings its steps need.
    static QList<DeployStep> checkSteps(const GenerateContext& c);
    static QList<DeployStep> directorySteps(const GenerateContext& c, const QList<GeneratedFile>& files);
    static QList<DeployStep> traverseSteps(const GenerateContext& c);
    static QList<DeployStep> acmeSteps(const GenerateContext& c);
    static QList<DeployStep> validateSteps(const GenerateContext& c);
    static QList<DeployStep> certificateAccessSteps(const GenerateContext& c);
    static QList<DeployStep> provisionSteps(const GenerateContext& c);
    static QList<DeployStep> handlerSteps(const GenerateContext& c);
};

} // namespace saltant
