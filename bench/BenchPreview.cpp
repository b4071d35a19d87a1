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

void BenchPreview::renderAfterOneChange()
{
    Project project = Project::example();
    const SettingKey key = Key::ServerDomain;
    const QString domains[] = {QStringLiteral("fictionaljobrunner.com"), QStringLiteral("fictionaljobrunner.org")};
    int flip = 0;
    qsizetype bytes = 0;
    RenderCache cache;
    QBENCHMARK
    {
        project.setValue(key, domains[flip ^= 1]);
        const RenderResult result = Renderer::render(project, &cache);
        for (const GeneratedFile& file : result.files) {
            bytes += file.content.size();
        }
    }
    QVERIFY(bytes > 0);
}

void BenchPreview::renderAfterOneLeafChange()
{
    Project project = Project::example();
    const SettingKey key = Key::NginxClientMaxBodySize;
    const QString sizes[] = {QStringLiteral("10M"), QStringLiteral("20M")};
    int flip = 0;
    qsizetype bytes = 0;
    RenderCache cache;
    QBENCHMARK
    {
        project.setValue(key, sizes[flip ^= 1]);
        const RenderResult result = Renderer::render(project, &cache);
        for (const GeneratedFile& file : result.files) {
            bytes += file.content.size();
        }
    }
    QVERIFY(bytes > 0);
}

void BenchPreview::renderWithoutCacheAfterOneChange()
{
    Project project = Project::example();
    const SettingKey key = Key::ServerDomain;
    const QString domains[] = {QStringLiteral("fictionaljobrunner.com"), QStringLiteral("fictionaljobrunner.org")};
    int flip = 0;
    qsizetype bytes = 0;
    QBENCHMARK
    {
        project.setValue(key, domains[flip ^= 1]);
        const RenderResult result = Renderer::render(project);
        for (const GeneratedFile& file : result.files) {
            bytes += file.content.size();
        }
    }
    QVERIFY(bytes > 0);
}

void BenchPreview::renderAndLintAfterOneChange()
{
    Project project = Project::example();
    const SettingKey key = Key::ServerDomain;
    const QString domains[] = {QStringLiteral("fictionaljobrunner.com"), QStringLiteral("fictionaljobrunner.org")};
    int flip = 0;
    qsizetype issues = 0;
    RenderCache cache;
    QBENCHMARK
    {
        project.setValue(key, domains[flip ^= 1]);
        const RenderResult result = Renderer::render(project, &cache);
        issues += Linter::run(LintContext{project, {}, nullptr}).size() + result.files.size();
    }
    QVERIFY(issues > 0);
}

QTEST_GUILESS_MAIN(BenchPreview)
#include "BenchPreview.moc"
