#pragma once

#include "generate/DeployStep.h"
#include "generate/GeneratedFile.h"
#include "generate/Generator.h"
#include "generate/RenderCache.h"
#include "model/Project.h"
#include "secrets/SecretValues.h"

#include <QList>
#include <memory>
#include <vector>

namespace saltant {

struct RenderResult
{
    QList<GeneratedFile> files; // server files in deploy order, then the deploy-steps preview
    // The same files without secret values (placeholders), in the same order: what diffs may show. Rendered with
    // secrets, only the files holding secrets are generated a second time for it.
    QList<GeneratedFile> masked;
    QList<DeployStep> steps;      // the deploy's commands (DeploySteps::build()), as the preview lists them
    QList<FieldProblem> problems; // validation errors; when any, files is empty
    bool ok() const { return problems.isEmpty(); }
};

// The one registry of generators, and the entry point that turns a project into files.
class Renderer
{
public:
    // The web server's generators, and a worker host's (Project::forWorker()).
    static const std::vector<std::unique_ptr<Generator>>& generators();
    static const std::vector<std::unique_ptr<Generator>>& workerGenerators();

    // Validates the project (and the given secret values); when valid, runs every enabled generator in
    // order (a worker host's when project.isWorker()) and appends the deploy-steps preview. An invalid project renders
    // nothing: a value that cannot be represented safely never reaches a file.
    static RenderResult render(const Project& project, const SecretValues* secrets = nullptr);
    // The same (without secrets), recomputing only what the settings changed since the cache's last render read.
    static RenderResult render(const Project& project, RenderCache* cache);
    // How many times render() ran in this process (tests check that one deploy renders once).
    static quint64 renders();

    // Secret values must fit every format they are written to (one line, no control characters).
    static QList<FieldProblem> validateSecrets(const SecretValues& secrets);

private:
    static RenderResult render(const Project& project, const SecretValues* secrets, RenderCache* cache);
};

} // namespace saltant
