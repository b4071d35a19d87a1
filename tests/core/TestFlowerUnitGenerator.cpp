#include "GoldenFiles.h"
#include "SystemdUnits.h"

#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

class TestFlowerUnitGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(); }
    void golden();
    void unit_isSimpleBecauseFlowerNeverNotifies_data() { m_golden.addCaseRows(QStringLiteral("flower-unit")); }
    void unit_isSimpleBecauseFlowerNeverNotifies();
    void unit_readsCredentialsFromTheEnvironmentFileOnly_data() { m_golden.addCaseRows(QStringLiteral("flower-unit")); }
    void unit_readsCredentialsFromTheEnvironmentFileOnly();
    void flower_listensOnLoopbackUnderItsPrefix_data() { m_golden.addCaseRows(QStringLiteral("flower-unit")); }
    void flower_listensOnLoopbackUnderItsPrefix();
    void flowerOff_writesNoUnit();

    void unit_passesSystemdAnalyzeVerify_data() { m_golden.addCaseRows(QStringLiteral("flower-unit")); }
    void unit_passesSystemdAnalyzeVerify();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestFlowerUnitGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("flower-unit"), &message), qPrintable(message));
}

void TestFlowerUnitGenerator::unit_isSimpleBecauseFlowerNeverNotifies()
{
    QFETCH(QString, caseName);
    GeneratedFile unit;
    QString error;
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("flower-unit"), &unit, &error), qPrintable(error));
    QCOMPARE(unit.mode, 0644);
    QCOMPARE(SystemdUnits::values(unit.content, QStringLiteral("Type")), QStringList{QStringLiteral("simple")});
    QVERIFY(SystemdUnits::values(unit.content, QStringLiteral("NotifyAccess")).isEmpty());
    // SIGQUIT is uWSGI's graceful stop; Flower stops on the default SIGTERM.
    QVERIFY(SystemdUnits::values(unit.content, QStringLiteral("KillSignal")).isEmpty());
    QVERIFY(!unit.content.contains(QLatin1String("SIGQUIT")));
    QVERIFY(!unit.content.contains(QLatin1String("servicectl")));
    QCOMPARE(SystemdUnits::values(unit.content, QStringLiteral("WantedBy")),
             QStringList{QStringLiteral("multi-user.target")});
}

void TestFlowerUnitGenerator::unit_readsCredentialsFromTheEnvironmentFileOnly()
{
    QFETCH(QString, caseName);
    Project project;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    SecretValues secrets;
    secrets.set(QStringLiteral("flower.password"), QStringLiteral("Fl0wer-pa55"));
    const RenderResult result = Renderer::render(project, &secrets);
    QVERIFY(result.ok());
    const GeneratedFile* unit = nullptr;
    const GeneratedFile* env = nullptr;
    for (const GeneratedFile& file : result.files) {
        unit = file.id == QLatin1String("flower-unit") ? &file : unit;
        env = file.id == QLatin1String("flower-env") ? &file : env;
    }
    QVERIFY(unit && env);
    QVERIFY(!unit->holdsSecrets);
    QVERIFY(!unit->content.contains(QLatin1String("Fl0wer-pa55")));
    QVERIFY(!unit->content.contains(QLatin1String("basic_auth"), Qt::CaseInsensitive));
    QVERIFY(!unit->content.contains(QLatin1String("basic-auth"), Qt::CaseInsensitive));
    QCOMPARE(SystemdUnits::values(unit->content, QStringLiteral("EnvironmentFile")), QStringList{env->remotePath});
    QVERIFY(env->content.contains(QLatin1String("Fl0wer-pa55")));
}

void TestFlowerUnitGenerator::flower_listensOnLoopbackUnderItsPrefix()
{
    QFETCH(QString, caseName);
    Project project;
    GeneratedFile unit;
    GeneratedFile nginx;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("flower-unit"), &unit, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("nginx-site"), &nginx, &error), qPrintable(error));

    const QStringList exec = SystemdUnits::values(unit.content, QStringLiteral("ExecStart"));
    QCOMPARE(exec.size(), 1);
    const QStringList args = exec.first().split(QLatin1Char(' '));
    const QString port = QString::number(project.integer(Key::FlowerPort));
    // Started through the virtualenv's python: Flower 1.0 and newer as a Celery command, 0.9.x as flower -A.
    const QString app = project.text(Key::DjangoCeleryApp);
    const QStringList start =
        project.text(Key::FlowerLauncher) == QLatin1String("celery")
            ? QStringList{QStringLiteral("-m"), QStringLiteral("celery"), QStringLiteral("-A"), app,
                          QStringLiteral("flower")}
            : QStringList{QStringLiteral("-m"), QStringLiteral("flower"), QStringLiteral("-A"), app};
    QCOMPARE(args.first(), project.text(Key::DjangoVenvDir) + QStringLiteral("/bin/python"));
    QCOMPARE(args.mid(1, start.size()), start);
    QVERIFY(args.contains(QStringLiteral("--address=127.0.0.1")));
    QVERIFY(args.contains(QStringLiteral("--port=") + port));
    QVERIFY(args.contains(QStringLiteral("--url_prefix=") + project.text(Key::FlowerUrlPrefix)));
    QCOMPARE(SystemdUnits::values(unit.content, QStringLiteral("WorkingDirectory")),
             QStringList{project.text(Key::DjangoProjectDir)});
    QVERIFY(!unit.content.contains(QLatin1String("python3.6")));
    // nginx proxies to the same port.
    QVERIFY(nginx.content.contains(QStringLiteral("proxy_pass http://127.0.0.1:") + port));
}

void TestFlowerUnitGenerator::flowerOff_writesNoUnit()
{
    Project project = Project::example();
    QVERIFY(project.setValue(Key::FlowerEnabled, false));
    const RenderResult result = Renderer::render(project);
    QVERIFY(result.ok());
    for (const GeneratedFile& file : result.files) {
        QVERIFY(file.id != QLatin1String("flower-unit"));
        QVERIFY(file.id != QLatin1String("flower-env"));
        QVERIFY(!file.content.contains(QLatin1String("flower.service")));
    }
}

void TestFlowerUnitGenerator::unit_passesSystemdAnalyzeVerify()
{
    QFETCH(QString, caseName);
    Project project;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(SystemdUnits::writeStandIn(dir.filePath(QStringLiteral("venv/bin/python"))));
    QVERIFY(project.setValue(Key::DjangoVenvDir, dir.filePath(QStringLiteral("venv"))));
    const RenderResult result = Renderer::render(project);
    QVERIFY(result.ok());
    const GeneratedFile* unit = SystemdUnits::find(result, QStringLiteral("flower-unit"));
    QVERIFY(unit);
    QString output;
    QVERIFY2(SystemdUnits::accepts(dir.path(), *unit, &output), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestFlowerUnitGenerator)
#include "TestFlowerUnitGenerator.moc"
#include "model/SettingKeys.h"
