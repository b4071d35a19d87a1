#include "generate/Renderer.h"
#include "lint/Lint.h"
#include "model/Project.h"

#include <QTest>

using namespace saltant;

// What the GUI does after each keystroke: regenerate every preview through the window's RenderCache (and, second,
// re-run the lints) after one changed setting; third, the same render from nothing, for reference. Each iteration
// flips the domain (read by the nginx site, the .env, the renewal hook, the certificate steps...) so no two renders
// see the same project.
class BenchPreview : public QObject
{
    Q_OBJECT

private slots:
    void renderAfterOneChange();
    void renderAndLintAfterOneChange();
    void renderWithoutCacheAfterOneChange();
    // A setting only one file reads (the nginx body size limit): what most keystrokes cost.
    void renderAfterOneLeafChange();
};

namespace {

// Flips key between two values and renders after each flip, through cache when given (what the GUI does) or from
// nothing; adds the bytes rendered to *bytes, so the work cannot be optimised away.
void renderFlipping(SettingKey key, const QString& first, const QString& second, RenderCache* cache, qsizetype* bytes)
{
    Project project = Project::example();
    const QString values[] = {first, second};
    int flip = 0;
    QBENCHMARK
    {
        project.setValue(key, values[flip ^= 1]);
        const RenderResult result = cache ? Renderer::render(project, cache) : Renderer::render(project);
        for (const GeneratedFile& file : result.files) {
            *bytes += file.content.size();
        }
    }
}

const QString comDomain = QStringLiteral("fictionaljobrunner.com");
const QString orgDomain = QStringLiteral("fictionaljobrunner.org");

} // namespace

void BenchPreview::renderAfterOneChange()
{
    RenderCache cache;
    qsizetype bytes = 0;
    renderFlipping(Key::ServerDomain, comDomain, orgDomain, &cache, &bytes);
    QVERIFY(bytes > 0);
}

void BenchPreview::renderAfterOneLeafChange()
{
    RenderCache cache;
    qsizetype bytes = 0;
    renderFlipping(Key::NginxClientMaxBodySize, QStringLiteral("10M"), QStringLiteral("20M"), &cache, &bytes);
    QVERIFY(bytes > 0);
}

void BenchPreview::renderWithoutCacheAfterOneChange()
{
    qsizetype bytes = 0;
    renderFlipping(Key::ServerDomain, comDomain, orgDomain, nullptr, &bytes);
    QVERIFY(bytes > 0);
}

void BenchPreview::renderAndLintAfterOneChange()
{
    Project project = Project::example();
    const QString domains[] = {comDomain, orgDomain};
    int flip = 0;
    qsizetype issues = 0;
    RenderCache cache;
    QBENCHMARK
    {
        project.setValue(Key::ServerDomain, domains[flip ^= 1]);
        const RenderResult result = Renderer::render(project, &cache);
        issues += Linter::run(LintContext{project, {}, nullptr}).size() + result.files.size();
    }
    QVERIFY(issues > 0);
}

QTEST_GUILESS_MAIN(BenchPreview)
#include "BenchPreview.moc"
