#include "GoldenFiles.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

class TestFlowerEnvGenerator : public QObject
{
    Q_OBJECT

private slots:
    void golden_data() { m_golden.addCaseRows(); }
    void golden();
    void envFile_isPrivateAndMarkedSecret_data() { m_golden.addCaseRows(QStringLiteral("flower-env")); }
    void envFile_isPrivateAndMarkedSecret();
    void basicAuth_roundTripsHostilePasswords_data();
    void basicAuth_roundTripsHostilePasswords();
    void passwordWithComma_isRejected();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
};

void TestFlowerEnvGenerator::golden()
{
    QFETCH(QString, caseName);
    QString message;
    QVERIFY2(m_golden.verifyFile(caseName, QStringLiteral("flower-env"), &message), qPrintable(message));
}

void TestFlowerEnvGenerator::envFile_isPrivateAndMarkedSecret()
{
    QFETCH(QString, caseName);
    Project project;
    GeneratedFile env;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    QVERIFY2(m_golden.renderedFile(caseName, QStringLiteral("flower-env"), &env, &error), qPrintable(error));
    QCOMPARE(env.mode, 0600);
    QCOMPARE(env.owner, QStringLiteral("root")); // systemd reads it as root before dropping to User=
    QVERIFY(env.holdsSecrets);
    QCOMPARE(env.remotePath, project.text(Key::FlowerEnvFile));
    QVERIFY(env.content.contains(QStringLiteral("\nFLOWER_BASIC_AUTH='") + project.text(Key::FlowerUser) +
                                 QStringLiteral(":<secret:flower.password>'\n")));
}

void TestFlowerEnvGenerator::basicAuth_roundTripsHostilePasswords_data()
{
    QTest::addColumn<QString>("password");
    QTest::newRow("plain") << QStringLiteral("hunter2");
    QTest::newRow("single quote") << QStringLiteral("it's");
    QTest::newRow("double quote") << QStringLiteral("say \"hi\"");
    QTest::newRow("both quotes") << QStringLiteral("a'b\"c");
    QTest::newRow("dollar") << QStringLiteral("$HOME${X}$'");
    QTest::newRow("backslash") << QStringLiteral("back\\slash\\'\\");
    QTest::newRow("backtick") << QStringLiteral("`id`'");
    QTest::newRow("hash and semicolon") << QStringLiteral("#x ; y");
    QTest::newRow("spaces") << QStringLiteral("  lead and trail  ");
    QTest::newRow("percent") << QStringLiteral("%h%%n");
    QTest::newRow("colon") << QStringLiteral("user:pass");
    QTest::newRow("unicode") << QStringLiteral("pässwörd ✓ 密码");
}

void TestFlowerEnvGenerator::basicAuth_roundTripsHostilePasswords()
{
    // systemd's EnvironmentFile= reads '...' literally and "..." with \" \\ \` \$ unescaped, exactly as POSIX sh
    // does, so sourcing the file in sh shows the value systemd hands to Flower.
    QFETCH(QString, password);
    SecretValues secrets;
    secrets.set(QStringLiteral("flower.password"), password);
    const RenderResult result = Renderer::render(Project::example(), &secrets);
    QVERIFY(result.ok());
    QString content;
    for (const GeneratedFile& file : result.files) {
        content = file.id == QLatin1String("flower-env") ? file.content : content;
    }
    QVERIFY(!content.isEmpty());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("flower.env")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content.toUtf8());
    file.close();
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"),
             {QStringLiteral("-c"), QStringLiteral(". \"$1\" && printf %s \"$FLOWER_BASIC_AUTH\""),
              QStringLiteral("sh"), file.fileName()});
    QVERIFY(sh.waitForFinished());
    QCOMPARE(sh.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(sh.readAllStandardOutput()), QStringLiteral("AzureDiamond:") + password);
}

void TestFlowerEnvGenerator::passwordWithComma_isRejected()
{
    // Flower splits FLOWER_BASIC_AUTH at commas into several user:password pairs, so "a,b" would lock the user out.
    SecretValues secrets;
    secrets.set(QStringLiteral("flower.password"), QStringLiteral("pass,word"));
    const RenderResult result = Renderer::render(Project::example(), &secrets);
    QVERIFY(!result.ok());
    QCOMPARE(result.problems.size(), 1);
    QCOMPARE(result.problems.first().key, QStringLiteral("flower.password"));
    QVERIFY(result.problems.first().message.contains(QLatin1String("comma")));
}

QTEST_GUILESS_MAIN(TestFlowerEnvGenerator)
#include "TestFlowerEnvGenerator.moc"
#include "model/SettingKeys.h"
