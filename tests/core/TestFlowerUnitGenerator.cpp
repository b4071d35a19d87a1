#include "GoldenFiles.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

namespace {

QStringList unitValues(const QString& content, const QString& key)
{
    QStringList values;
    const QRegularExpression re(QStringLiteral("^") + QRegularExpression::escape(key) + QStringLiteral("=(.*)$"),
                                QRegularExpression::MultilineOption);
    auto it = re.globalMatch(content);
    while (it.hasNext()) {
        values << it.next().captured(1);
    }
    return values;
}

// Writes the unit under dir with its generated mode and runs systemd's own parser on it; systemd-analyze warns
// about executable unit files, unknown keys and bad values, so the output must be empty.
bool systemdAccepts(const QString& dir, const GeneratedFile& unit, QString* output)
{
    const QString path =
        dir + QLatin1Char('/') + unit.remotePath.mid(unit.remotePath.lastIndexOf(QLatin1Char('/')) + 1);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(unit.content.toUtf8()) < 0) {
        *output = file.errorString();
        return false;
    }
    file.close();
    const QList<QPair<int, QFile::Permission>> bits = {
        {0400, QFile::ReadOwner}, {0200, QFile::WriteOwner}, {0100, QFile::ExeOwner},
        {0040, QFile::ReadGroup}, {0020, QFile::WriteGroup}, {0010, QFile::ExeGroup},
        {0004, QFile::ReadOther}, {0002, QFile::WriteOther}, {0001, QFile::ExeOther},
    };
    QFile::Permissions permissions;
    for (const auto& bit : bits) {
        if (unit.mode & bit.first) {
            permissions |= bit.second;
        }
    }
    file.setPermissions(permissions);
    QProcess analyze;
    analyze.setProcessChannelMode(QProcess::MergedChannels);
    analyze.start(QStringLiteral("systemd-analyze"), {QStringLiteral("verify"), path});
    if (!analyze.waitForFinished()) {
        *output = analyze.errorString();
        return false;
    }
    *output = QString::fromUtf8(analyze.readAll());
    return analyze.exitStatus() == QProcess::NormalExit && analyze.exitCode() == 0 && output->isEmpty();
}

// A stand-in executable, since systemd-analyze checks that ExecStart= points at one.
bool fakeExecutable(const QString& path)
{
    QDir().mkpath(path.left(path.lastIndexOf(QLatin1Char('/'))));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write("#!/bin/sh\n") < 0) {
        return false;
    }
    file.close();
    return file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

} // namespace

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
    QCOMPARE(unitValues(unit.content, QStringLiteral("Type")), QStringList{QStringLiteral("simple")});
    QVERIFY(unitValues(unit.content, QStringLiteral("NotifyAccess")).isEmpty());
    // SIGQUIT is uWSGI's graceful stop; Flower stops on the default SIGTERM.
    QVERIFY(unitValues(unit.content, QStringLiteral("KillSignal")).isEmpty());
    QVERIFY(!unit.content.contains(QLatin1String("SIGQUIT")));
    QVERIFY(!unit.content.contains(QLatin1String("servicectl")));
    QCOMPARE(unitValues(unit.content, QStringLiteral("WantedBy")), QStringList{QStringLiteral("multi-user.target")});
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
    QCOMPARE(unitValues(unit->content, QStringLiteral("EnvironmentFile")), QStringList{env->remotePath});
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

    const QStringList exec = unitValues(unit.content, QStringLiteral("ExecStart"));
    QCOMPARE(exec.size(), 1);
    const QStringList args = exec.first().split(QLatin1Char(' '));
    const QString port = QString::number(project.integer(QStringLiteral("flower.port")));
    // Started through the virtualenv's python: Flower 1.0 and newer as a Celery command, 0.9.x as flower -A.
    const QString app = project.text(QStringLiteral("django.celeryApp"));
    const QStringList start =
        project.text(QStringLiteral("flower.launcher")) == QLatin1String("celery")
            ? QStringList{QStringLiteral("-m"), QStringLiteral("celery"), QStringLiteral("-A"), app,
                          QStringLiteral("flower")}
            : QStringList{QStringLiteral("-m"), QStringLiteral("flower"), QStringLiteral("-A"), app};
    QCOMPARE(args.first(), project.text(QStringLiteral("django.venvDir")) + QStringLiteral("/bin/python"));
    QCOMPARE(args.mid(1, start.size()), start);
    QVERIFY(args.contains(QStringLiteral("--address=127.0.0.1")));
    QVERIFY(args.contains(QStringLiteral("--port=") + port));
    QVERIFY(args.contains(QStringLiteral("--url_prefix=") + project.text(QStringLiteral("flower.urlPrefix"))));
    QCOMPARE(unitValues(unit.content, QStringLiteral("WorkingDirectory")),
             QStringList{project.text(QStringLiteral("django.projectDir"))});
    QVERIFY(!unit.content.contains(QLatin1String("python3.6")));
    // nginx proxies to the same port.
    QVERIFY(nginx.content.contains(QStringLiteral("proxy_pass http://127.0.0.1:") + port));
}

void TestFlowerUnitGenerator::flowerOff_writesNoUnit()
{
    Project project = Project::example();
    QVERIFY(project.setValue(QStringLiteral("flower.enabled"), false));
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
    QVERIFY(fakeExecutable(dir.filePath(QStringLiteral("venv/bin/python"))));
    QVERIFY(project.setValue(QStringLiteral("django.venvDir"), dir.filePath(QStringLiteral("venv"))));
    const RenderResult result = Renderer::render(project);
    QVERIFY(result.ok());
    const GeneratedFile* unit = nullptr;
    for (const GeneratedFile& file : result.files) {
        unit = file.id == QLatin1String("flower-unit") ? &file : unit;
    }
    QVERIFY(unit);
    QString output;
    QVERIFY2(systemdAccepts(dir.path(), *unit, &output), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestFlowerUnitGenerator)
#include "TestFlowerUnitGenerator.moc"
