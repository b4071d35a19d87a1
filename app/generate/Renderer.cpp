#include "generate/Renderer.h"

#include "generate/DeploySteps.h"
#include "generate/RenderPass.h"
#include "model/Validators.h"

#include <QCoreApplication>
#include <atomic>

// Generators, in the order a deploy writes their files.
#include "generate/CertbotCaGenerator.h"
#include "generate/DotenvGenerator.h"
#include "generate/EmperorIniGenerator.h"
#include "generate/EmperorUnitGenerator.h"
#include "generate/EpmdSocketGenerator.h"
#include "generate/FlowerEnvGenerator.h"
#include "generate/FlowerUnitGenerator.h"
#include "generate/NginxSiteGenerator.h"
#include "generate/PapertrailGenerator.h"
#include "generate/RabbitClassicConfigGenerator.h"
#include "generate/RabbitConfGenerator.h"
#include "generate/RabbitEnvGenerator.h"
#include "generate/RenewalHookGenerator.h"
#include "generate/VassalIniGenerator.h"
#include "generate/worker/WorkerDeploySteps.h"
#include "generate/worker/WorkerDotenvGenerator.h"
#include "generate/worker/WorkerLogShipping.h"
#include "generate/worker/WorkerUnitGenerator.h"

namespace saltant {
namespace {

std::atomic<quint64> renderCount{0};

} // namespace

const std::vector<std::unique_ptr<Generator>>& Renderer::generators()
{
    static const std::vector<std::unique_ptr<Generator>> all = [] {
        std::vector<std::unique_ptr<Generator>> g;
        g.push_back(std::make_unique<DotenvGenerator>());
        g.push_back(std::make_unique<EmperorIniGenerator>());
        g.push_back(std::make_unique<VassalIniGenerator>());
        g.push_back(std::make_unique<EmperorUnitGenerator>());
        g.push_back(std::make_unique<NginxSiteGenerator>());
        g.push_back(std::make_unique<RabbitConfGenerator>());
        g.push_back(std::make_unique<RabbitClassicConfigGenerator>());
        g.push_back(std::make_unique<RabbitEnvGenerator>());
        g.push_back(std::make_unique<EpmdSocketGenerator>());
        g.push_back(std::make_unique<FlowerEnvGenerator>());
        g.push_back(std::make_unique<FlowerUnitGenerator>());
        g.push_back(std::make_unique<RenewalHookGenerator>());
        g.push_back(std::make_unique<CertbotCaGenerator>());
        g.push_back(std::make_unique<PapertrailGenerator>());
        return g;
    }();
    return all;
}

const std::vector<std::unique_ptr<Generator>>& Renderer::workerGenerators()
{
    static const std::vector<std::unique_ptr<Generator>> all = [] {
        std::vector<std::unique_ptr<Generator>> g;
        g.push_back(std::make_unique<WorkerDotenvGenerator>());
        g.push_back(std::make_unique<WorkerUnitGenerator>());
        g.push_back(std::make_unique<WorkerLogsEnvGenerator>());
        g.push_back(std::make_unique<WorkerLogsServiceGenerator>());
        g.push_back(std::make_unique<WorkerLogsTimerGenerator>());
        return g;
    }();
    return all;
}

QList<FieldProblem> Renderer::validateSecrets(const SecretValues& secrets)
{
    QList<FieldProblem> problems;
    QStringList names = secrets.names();
    names.sort(); // one order for the messages
    for (const QString& name : names) {
        if (secrets.contains(name) && !Validators::isPrintableLine(secrets.value(name))) {
            const SecretSpec* spec = Schema::secret(name);
            problems.append({name, (spec ? spec->displayLabel() : name) +
                                       QCoreApplication::translate("Renderer", ": must be one line without "
                                                                               "control characters.")});
        }
    }
    // Flower reads FLOWER_BASIC_AUTH as a comma-separated list of user:password pairs, so a comma would split
    // the password and nobody could log in.
    const QString flowerPassword = QStringLiteral("flower.password");
    if (secrets.value(flowerPassword).contains(QLatin1Char(','))) {
        problems.append({flowerPassword, QCoreApplication::translate("Renderer", "Flower password: must not contain a "
                                                                                 "comma (Flower splits its logins at "
                                                                                 "commas).")});
    }
    return problems;
}

quint64 Renderer::renders()
{
    return renderCount.load();
}

RenderResult Renderer::render(const Project& project, const SecretValues* secrets)
{
    return render(project, secrets, nullptr);
}

RenderResult Renderer::render(const Project& project, RenderCache* cache)
{
    return render(project, nullptr, cache);
}

RenderResult Renderer::render(const Project& project, const SecretValues* secrets, RenderCache* cache)
{
    ++renderCount;
    RenderPass pass(secrets ? nullptr : cache, project);
    RenderResult result;
    result.problems = project.validate(pass.fieldProblems(project));
    if (secrets) {
        result.problems += validateSecrets(*secrets);
    }
    if (!result.problems.isEmpty()) {
        return result;
    }
    const GenerateContext context(project, secrets, &pass);
    const GenerateContext maskedContext(project);
    const auto& all = project.isWorker() ? workerGenerators() : generators();
    result.files.reserve(static_cast<qsizetype>(all.size()) + 1); // and the steps preview
    result.masked.reserve(static_cast<qsizetype>(all.size()) + 1);
    for (size_t i = 0; i < all.size(); ++i) {
        const Generator& generator = *all[i];
        GeneratedFile file;
        if (pass.generate(
                static_cast<int>(i), [&] { return generator.isEnabled(project); },
                [&] { return generator.generate(context); }, &file)) {
            result.files.append(file);
            result.masked.append(secrets && file.holdsSecrets ? generator.generate(maskedContext) : file);
        }
    }
    pass.setFiles(result.files);
    result.steps = project.isWorker() ? pass.section(RenderCache::StepSection::WorkerSteps,
                                                     [&] { return WorkerDeploySteps::build(context, result.files); })
                                      : DeploySteps::build(context, result.files, &pass);
    const GeneratedFile preview = pass.stepsPreview(context, result.steps);
    result.files.append(preview);
    result.masked.append(preview);
    return result;
}

} // namespace saltant
