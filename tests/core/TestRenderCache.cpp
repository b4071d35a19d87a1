#include "GoldenFiles.h"
#include "generate/RenderCache.h"
#include "generate/Renderer.h"
#include "model/Schema.h"

#include <QRandomGenerator>
#include <QTest>
#include <QTranslator>

using namespace saltant;

namespace {

// Everything a render produces, as one text: two renders are the same exactly when their descriptions are.
QString describe(const RenderResult& result)
{
    QString out;
    for (const FieldProblem& p : result.problems) {
        out += QStringLiteral("problem %1: %2\n").arg(p.key, p.message);
    }
    const auto file = [&out](const char* what, const GeneratedFile& f) {
        out += QStringLiteral("%1 %2 %3 %4 %5:%6 %7 %8 %9 [%10]\n%11\n")
                   .arg(QLatin1String(what), f.id, f.remotePath, f.modeString(), f.owner, f.group)
                   .arg(int(f.format))
                   .arg(f.holdsSecrets)
                   .arg(f.previewOnly)
                   .arg(f.symlinks.join(QLatin1Char(',')), f.content);
    };
    for (const GeneratedFile& f : result.files) {
        file("file", f);
    }
    for (const GeneratedFile& f : result.masked) {
        file("masked", f);
    }
    for (const DeployStep& s : result.steps) {
        out += QStringLiteral("step %1|%2|%3|%4|%5|%6|%7|%8|%9|%10|%11\n")
                   .arg(int(s.phase))
                   .arg(s.title, s.command, s.stdinSecret, s.stdinReaders.join(QLatin1Char(';')),
                        s.triggeredBy.join(QLatin1Char(';')), s.installCommand, s.satisfiedWhen, s.remedy,
                        s.alternativeProbe + QLatin1Char('|') + s.alternativeRemedy);
    }
    return out;
}

// Values worth trying for a field: each choice, both booleans, the ends of a range, the example's text changed
// (often invalid on purpose: an invalid project skips the generators, which the cache must survive), empty.
QList<QVariant> candidates(const FieldSpec& field, const Project& example)
{
    const QVariant original = example.stored(field.key);
    switch (field.type) {
    case FieldType::Choice: {
        QList<QVariant> values;
        for (const QString& choice : field.choices) {
            values << choice;
        }
        return values;
    }
    case FieldType::Boolean:
        return {true, false};
    case FieldType::Integer:
        return {field.minimum, field.maximum, (field.minimum + field.maximum) / 2, original};
    case FieldType::List:
        return {original, QStringList(), original.toStringList() + QStringList{QStringLiteral("extra")}};
    case FieldType::Text:
        break;
    }
    const QString text = original.toString();
    return {original,
            QString(),
            QVariant(text + QStringLiteral("x")),
            QStringLiteral("changed.example.org"),
            QStringLiteral("/srv/changed"),
            text.isEmpty() ? QStringLiteral("a") : text.left(text.size() - 1)};
}

// How many pieces an edit of the domain recomputes (domainKeystroke_recomputesOnlyWhatNamesTheSite).
constexpr int DomainPieces = 11;

bool sameRender(const Project& project, RenderCache* cache, QString* diff)
{
    const QString cached = describe(Renderer::render(project, cache));
    const QString fresh = describe(Renderer::render(project));
    if (cached != fresh) {
        *diff = GoldenFiles::lineDiff(fresh, cached);
        return false;
    }
    return true;
}

} // namespace

class TestRenderCache : public QObject
{
    Q_OBJECT

private slots:
    void everyFieldEveryValue_rendersAsWithoutCache();
    void randomEdits_renderAsWithoutCache();
    void goldenCasesInTurn_renderAsWithoutCache();
    void workerHosts_renderAsWithoutCache();
    void oneKeystroke_recomputesOnlyWhatReadIt();
    void domainKeystroke_recomputesOnlyWhatNamesTheSite();
    void aValueChangedBackAfterAnInvalidRender_isNotStale();
    void languageChange_translatesAgain();
};

void TestRenderCache::everyFieldEveryValue_rendersAsWithoutCache()
{
    const Project example = Project::example();
    RenderCache cache;
    int renders = 0;
    for (const FieldSpec& field : Schema::fields()) {
        Project project = example;
        for (const QVariant& value : candidates(field, example)) {
            if (!project.setValue(field.key, value)) {
                continue;
            }
            QString diff;
            QVERIFY2(sameRender(project, &cache, &diff),
                     qPrintable(QStringLiteral("%1 = %2:\n%3").arg(field.key.name(), value.toString(), diff)));
            ++renders;
        }
    }
    QVERIFY(renders > 300);
}

void TestRenderCache::randomEdits_renderAsWithoutCache()
{
    const Project example = Project::example();
    const QList<FieldSpec>& fields = Schema::fields();
    QRandomGenerator random(20261207);
    Project project = example;
    RenderCache cache;
    for (int i = 0; i < 600; ++i) {
        const FieldSpec& field = fields.at(random.bounded(int(fields.size())));
        const QList<QVariant> values = candidates(field, example);
        const QVariant value = values.at(random.bounded(int(values.size())));
        if (!project.setValue(field.key, value)) {
            continue;
        }
        QString diff;
        QVERIFY2(
            sameRender(project, &cache, &diff),
            qPrintable(QStringLiteral("edit %1: %2 = %3:\n%4").arg(i).arg(field.key.name(), value.toString(), diff)));
    }
}

void TestRenderCache::goldenCasesInTurn_renderAsWithoutCache()
{
    const GoldenFiles golden(QStringLiteral(SALTANT_TEST_DATA "/golden"));
    RenderCache cache;
    QStringList cases = golden.cases();
    QVERIFY(cases.size() > 3);
    cases += cases; // and again, each after a different one
    for (const QString& name : std::as_const(cases)) {
        Project project;
        QString error;
        QVERIFY2(golden.loadProject(name, &project, &error), qPrintable(error));
        QString diff;
        QVERIFY2(sameRender(project, &cache, &diff), qPrintable(name + QStringLiteral(":\n") + diff));
    }
}

void TestRenderCache::workerHosts_renderAsWithoutCache()
{
    Project project = GoldenFiles::fleetProject();
    QVERIFY(!project.workers().isEmpty());
    RenderCache serverCache;
    RenderCache workerCache;
    const QString host = project.workers().constFirst().name;
    QString diff;
    QVERIFY2(sameRender(project, &serverCache, &diff), qPrintable(diff));
    QVERIFY2(sameRender(project.forWorker(host), &workerCache, &diff), qPrintable(diff));
    // A shared worker setting, then the host list itself.
    QVERIFY(project.setValue(Key::WorkersConcurrency, 3));
    QVERIFY2(sameRender(project, &serverCache, &diff), qPrintable(diff));
    QVERIFY2(sameRender(project.forWorker(host), &workerCache, &diff), qPrintable(diff));
    QVERIFY(project.addWorker(QStringLiteral("added-1")));
    QVERIFY(project.setWorkerValue(QStringLiteral("added-1"), Key::SshHost, QStringLiteral("added-1.example.org")));
    QVERIFY2(sameRender(project, &serverCache, &diff), qPrintable(diff));
    QVERIFY(project.removeWorker(QStringLiteral("added-1")));
    QVERIFY2(sameRender(project, &serverCache, &diff), qPrintable(diff));
}

void TestRenderCache::oneKeystroke_recomputesOnlyWhatReadIt()
{
    Project project = Project::example();
    RenderCache cache;
    Renderer::render(project, &cache);
    const int everything = cache.recomputed();
    QVERIFY(everything > 100); // every field, generator and step section

    Renderer::render(project, &cache);
    QCOMPARE(cache.recomputed(), 0); // nothing changed

    // The body size limit is read by its own validation and by the nginx site only, there by the part with the
    // site's locations.
    QVERIFY(project.setValue(Key::NginxClientMaxBodySize, QStringLiteral("20M")));
    const RenderResult result = Renderer::render(project, &cache);
    QCOMPARE(cache.recomputed(), 3);
    QVERIFY(describe(result) == describe(Renderer::render(project)));
}

void TestRenderCache::domainKeystroke_recomputesOnlyWhatNamesTheSite()
{
    Project project = Project::example();
    RenderCache cache;
    Renderer::render(project, &cache);
    QVERIFY(project.setValue(Key::ServerDomain, QStringLiteral("other.example.org")));
    QString diff;
    QVERIFY2(sameRender(project, &cache, &diff), qPrintable(diff));
    // What names the domain: its field and the fields derived from it; the nginx site, the .env's broker-and-site
    // and site parts, the renewal hook, RabbitMQ's TLS files; the ACME and certificate-access steps, and their
    // and the header's text in the steps preview. The .env's worker and service parts, the nginx locations and
    // the other step sections are kept.
    QVERIFY(project.setValue(Key::ServerDomain, QStringLiteral("third.example.org")));
    QVERIFY2(sameRender(project, &cache, &diff), qPrintable(diff));
    const int domain = cache.recomputed();
    QVERIFY2(domain <= DomainPieces, qPrintable(QString::number(domain)));
}

void TestRenderCache::aValueChangedBackAfterAnInvalidRender_isNotStale()
{
    Project project = Project::example();
    RenderCache cache;
    Renderer::render(project, &cache);
    // The domain changes while another field is invalid (no file is generated), then that field is fixed: the
    // files must show the new domain although the domain did not change between the last two renders.
    QVERIFY(project.setValue(Key::ServerDomain, QStringLiteral("other.example.org")));
    QVERIFY(project.setValue(Key::NginxClientMaxBodySize, QStringLiteral("not a size")));
    QVERIFY(!Renderer::render(project, &cache).ok());
    QVERIFY(project.setValue(Key::NginxClientMaxBodySize, QStringLiteral("20M")));
    QString diff;
    QVERIFY2(sameRender(project, &cache, &diff), qPrintable(diff));
}

void TestRenderCache::languageChange_translatesAgain()
{
    Project project = Project::example();
    RenderCache cache;
    const QString english = describe(Renderer::render(project, &cache));
    QTranslator german;
    QVERIFY(german.load(QStringLiteral("saltant-deploy_de"), QStringLiteral(":/i18n")));
    QVERIFY(QCoreApplication::installTranslator(&german));
    QString diff;
    const bool same = sameRender(project, &cache, &diff);
    const QString translated = describe(Renderer::render(project, &cache));
    QCoreApplication::removeTranslator(&german);
    QVERIFY2(same, qPrintable(diff));
    QVERIFY(translated != english);
    QVERIFY2(sameRender(project, &cache, &diff), qPrintable(diff));
    QCOMPARE(describe(Renderer::render(project, &cache)), english);
}

QTEST_GUILESS_MAIN(TestRenderCache)
#include "TestRenderCache.moc"
