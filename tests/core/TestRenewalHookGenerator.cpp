#include "GoldenFiles.h"
#include "generate/SiteFacts.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

class TestRenewalHookGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(); }
    void golden();
    void hook_isAnExecutableShellScript_data() { m_golden.addCaseRows(QStringLiteral("renewal-hook")); }
    void hook_isAnExecutableShellScript();
    void hook_reloadsNginxAndRestartsRabbitMqForItsCertificate_data();
    void hook_reloadsNginxAndRestartsRabbitMqForItsCertificate();
    void tlsOff_writesNoHook();

private:
    // Runs the hook with sh, recording systemctl/chgrp/chmod calls instead of making them.
    static bool runHook(const QString& content, const QString& lineage, QStringList* calls, QString* error);
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

bool TestRenewalHookGenerator::runHook(const QString& content, const QString& lineage, QStringList* calls,
                                       QString* error)
{
    QTemporaryDir dir;
    const QString bin = dir.filePath(QStringLiteral("bin"));
    const QString log = dir.filePath(QStringLiteral("calls.log"));
    if (!dir.isValid() || !QDir().mkpath(bin)) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    const QStringList recorded = {QStringLiteral("systemctl"), QStringLiteral("chgrp"), QStringLiteral("chmod")};
    for (const QString& name : recorded) {
        QFile fake(bin + QLatin1Char('/') + name);
        if (!fake.open(QIODevice::WriteOnly)) {
            *error = fake.errorString();
            return false;
        }
        fake.write("#!/bin/sh\nprintf '%s\\n' \"${0##*/} $*\" >> \"$CALLS_LOG\"\n");
        fake.close();
        fake.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QFile hook(dir.filePath(QStringLiteral("hook.sh")));
    if (!hook.open(QIODevice::WriteOnly)) {
        *error = hook.errorString();
        return false;
    }
    hook.write(content.toUtf8());
    hook.close();

    QProcess sh;
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), bin + QStringLiteral(":/usr/bin:/bin"));
    env.insert(QStringLiteral("CALLS_LOG"), log);
    if (!lineage.isNull()) {
        env.insert(QStringLiteral("RENEWED_LINEAGE"), lineage);
    }
    sh.setProcessEnvironment(env);
    sh.start(QStringLiteral("/bin/sh"), {hook.fileName()});
    if (!sh.waitForFinished() || sh.exitStatus() != QProcess::NormalExit || sh.exitCode() != 0) {
        *error = QStringLiteral("hook failed: ") + QString::fromUtf8(sh.readAllStandardError());
        return false;
    }
    QFile logFile(log);
    calls->clear();
    if (logFile.open(QIODevice::ReadOnly)) {
        *calls = QString::fromUtf8(logFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    return true;
}

void TestRenewalHookGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("renewal-hook"), &message), qPrintable(message));
}

void TestRenewalHookGenerator::hook_isAnExecutableShellScript()
{
    QFETCH(QString, caseName);
    Project project;
    GeneratedFile hook;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("renewal-hook"), &hook, &error), qPrintable(error));
    QCOMPARE(hook.mode, 0755); // certbot skips hooks that are not executable
    QCOMPARE(hook.owner, QStringLiteral("root"));
    QCOMPARE(hook.remotePath, project.text(Key::TlsRenewalHook));
    QVERIFY(
        hook.remotePath.startsWith(project.text(Key::TlsLetsencryptDir) + QStringLiteral("/renewal-hooks/deploy/")));
    QVERIFY(hook.content.startsWith(QLatin1String("#!/bin/sh\n")));

    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-n")});
    QVERIFY(sh.waitForStarted());
    sh.write(hook.content.toUtf8());
    sh.closeWriteChannel();
    QVERIFY(sh.waitForFinished());
    QVERIFY2(sh.exitCode() == 0, sh.readAllStandardError().constData());
}

void TestRenewalHookGenerator::hook_reloadsNginxAndRestartsRabbitMqForItsCertificate_data()
{
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<QString>("lineage");
    QTest::addColumn<QStringList>("calls");
    const QStringList exampleCalls = {
        // Only this lineage opens to the group; live/ and archive/ only let it through (renewed files are 0600).
        QStringLiteral("chgrp ssl-cert /etc/letsencrypt/live /etc/letsencrypt/archive"),
        QStringLiteral("chmod g=x /etc/letsencrypt/live /etc/letsencrypt/archive"),
        QStringLiteral("chgrp -R ssl-cert /etc/letsencrypt/live/fictionaljobrunner.com "
                       "/etc/letsencrypt/archive/fictionaljobrunner.com"),
        QStringLiteral("chmod -R g+rX /etc/letsencrypt/live/fictionaljobrunner.com "
                       "/etc/letsencrypt/archive/fictionaljobrunner.com"),
        QStringLiteral("systemctl reload nginx.service"),
        QStringLiteral("systemctl restart rabbitmq-server.service"),
    };
    QTest::newRow("example, its lineage")
        << QStringLiteral("example") << QStringLiteral("/etc/letsencrypt/live/fictionaljobrunner.com") << exampleCalls;
    QTest::newRow("example, another lineage")
        << QStringLiteral("example") << QStringLiteral("/etc/letsencrypt/live/other.example") << QStringList();
    QTest::newRow("example, a lineage sharing its prefix")
        << QStringLiteral("example") << QStringLiteral("/etc/letsencrypt/live/fictionaljobrunner.com-0001")
        << QStringList();
    QTest::newRow("example, no lineage") << QStringLiteral("example") << QString() << QStringList();
    QTest::newRow("rabbitmq local: nginx only")
        << QStringLiteral("rabbitmq-local") << QStringLiteral("/etc/letsencrypt/live/fictionaljobrunner.com")
        << QStringList{QStringLiteral("systemctl reload nginx.service")};
    QTest::newRow("custom paths, no group grant")
        << QStringLiteral("custom-paths") << QStringLiteral("/etc/acme/live/jobs-cert")
        << QStringList{QStringLiteral("systemctl reload nginx.service"),
                       QStringLiteral("systemctl restart rabbitmq-server.service")};
}

void TestRenewalHookGenerator::hook_reloadsNginxAndRestartsRabbitMqForItsCertificate()
{
    QFETCH(QString, caseName);
    QFETCH(QString, lineage);
    QFETCH(QStringList, calls);
    GeneratedFile hook;
    QString error;
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("renewal-hook"), &hook, &error), qPrintable(error));
    QStringList made;
    QVERIFY2(runHook(hook.content, lineage, &made, &error), qPrintable(error));
    QCOMPARE(made, calls);
}

void TestRenewalHookGenerator::tlsOff_writesNoHook()
{
    Project project = Project::example();
    QVERIFY(project.setValue(Key::TlsEnabled, false));
    const RenderResult result = Renderer::render(project);
    QVERIFY(result.ok());
    for (const GeneratedFile& file : result.files) {
        QVERIFY(file.id != QLatin1String("renewal-hook"));
        QVERIFY2(!file.content.contains(QLatin1String("certbot")), qPrintable(file.id));
    }
}

QTEST_GUILESS_MAIN(TestRenewalHookGenerator)
#include "TestRenewalHookGenerator.moc"
#include "model/SettingKeys.h"
