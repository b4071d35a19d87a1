#include "model/ProjectFile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

class TestProjectFile : public QObject
{
    Q_OBJECT

private slots:
    void example_roundTripsThroughJson();
    void save_thenLoad_givesSameProject();
    void toJson_isStableAndStartsWithSchemaVersion();
    void toJson_holdsNoSecretNames();
    void malformed_givesErrorNamingPath_data();
    void malformed_givesErrorNamingPath();
    void hugeInput_isRejected();
    void deeplyNested_isRejected();
    void binaryGarbage_isRejected();
    void missingSettings_takeDefaults();
    void uwsgiBinary_followsTheInstallation_unlessAnOldFileSetIt();
};

void TestProjectFile::example_roundTripsThroughJson()
{
    Project p = Project::example();
    QVERIFY(p.setValue(Key::ServerDomain, QStringLiteral("example.org")));
    QVERIFY(p.setValue(Key::UwsgiProcesses, 4));
    QVERIFY(p.setValue(Key::ServerExtraAllowedHosts,
                       QStringList{QStringLiteral("10.0.0.1"), QStringLiteral(".example.org")}));
    QVERIFY(p.setValue(Key::DjangoProjectName, QStringLiteral("Quotes \" and \\ and ünïcödé")));
    Project loaded;
    QString error;
    QVERIFY2(ProjectFile::fromJson(ProjectFile::toJson(p), &loaded, &error), qPrintable(error));
    QCOMPARE(loaded, p);
}

void TestProjectFile::save_thenLoad_givesSameProject()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("site.saltant.json"));
    Project p = Project::example();
    p.setProjectId(ProjectFile::newProjectId());
    QVERIFY(p.setValue(Key::TlsEnabled, false));
    QString error;
    QVERIFY2(ProjectFile::save(path, p, &error), qPrintable(error));
    Project loaded;
    QVERIFY2(ProjectFile::load(path, &loaded, &error), qPrintable(error));
    QCOMPARE(loaded, p);
}

void TestProjectFile::toJson_isStableAndStartsWithSchemaVersion()
{
    const QByteArray a = ProjectFile::toJson(Project::example());
    const QByteArray b = ProjectFile::toJson(Project::example());
    QCOMPARE(a, b);
    QVERIFY(a.startsWith("{\n    \"schemaVersion\": 2,\n    \"projectId\": \"example\",\n    \"server\": {\n"));
    // One setting per line: a change shows as a one-line diff.
    QVERIFY(a.contains("\n        \"domain\": \"fictionaljobrunner.com\",\n"));
}

void TestProjectFile::toJson_holdsNoSecretNames()
{
    const QByteArray json = ProjectFile::toJson(Project::example());
    QVERIFY(!json.contains("password"));
    QVERIFY(!json.contains("secretKey"));
    QVERIFY(!json.contains("token"));
}

void TestProjectFile::malformed_givesErrorNamingPath_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::newRow("truncated") << QByteArray("{\"schemaVersion\": 2, \"server\": {\"domain\": \"x")
                               << QStringLiteral("$:");
    QTest::newRow("not an object") << QByteArray("[1,2]") << QStringLiteral("$:");
    QTest::newRow("no version") << QByteArray("{}") << QStringLiteral("$.schemaVersion");
    QTest::newRow("newer schema") << QByteArray("{\"schemaVersion\": 3}") << QStringLiteral("$.schemaVersion");
    QTest::newRow("fractional version") << QByteArray("{\"schemaVersion\": 1.5}") << QStringLiteral("$.schemaVersion");
    QTest::newRow("unknown group") << QByteArray("{\"schemaVersion\": 2, \"bogus\": {}}") << QStringLiteral("$.bogus");
    QTest::newRow("unknown key") << QByteArray("{\"schemaVersion\": 2, \"nginx\": {\"bogus\": 1}}")
                                 << QStringLiteral("$.nginx.bogus");
    QTest::newRow("wrong type string") << QByteArray("{\"schemaVersion\": 2, \"server\": {\"domain\": 5}}")
                                       << QStringLiteral("$.server.domain");
    QTest::newRow("wrong type int") << QByteArray("{\"schemaVersion\": 2, \"ssh\": {\"port\": \"22\"}}")
                                    << QStringLiteral("$.ssh.port");
    QTest::newRow("fractional int") << QByteArray("{\"schemaVersion\": 2, \"ssh\": {\"port\": 22.5}}")
                                    << QStringLiteral("$.ssh.port");
    QTest::newRow("out of range") << QByteArray("{\"schemaVersion\": 2, \"ssh\": {\"port\": 70000}}")
                                  << QStringLiteral("$.ssh.port");
    QTest::newRow("negative") << QByteArray("{\"schemaVersion\": 2, \"uwsgi\": {\"processes\": -1}}")
                              << QStringLiteral("$.uwsgi.processes");
    QTest::newRow("bad choice") << QByteArray("{\"schemaVersion\": 2, \"rabbitmq\": {\"configFormat\": \"yaml\"}}")
                                << QStringLiteral("$.rabbitmq.configFormat");
    QTest::newRow("list of numbers") << QByteArray("{\"schemaVersion\": 2, \"server\": {\"extraAllowedHosts\": [1]}}")
                                     << QStringLiteral("$.server.extraAllowedHosts");
    QTest::newRow("group not object") << QByteArray("{\"schemaVersion\": 2, \"server\": 3}")
                                      << QStringLiteral("$.server");
    QTest::newRow("bool as string") << QByteArray("{\"schemaVersion\": 2, \"tls\": {\"enabled\": \"true\"}}")
                                    << QStringLiteral("$.tls.enabled");
    QTest::newRow("bad project id") << QByteArray("{\"schemaVersion\": 2, \"projectId\": \"../../etc\"}")
                                    << QStringLiteral("$.projectId");
}

void TestProjectFile::malformed_givesErrorNamingPath()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    Project p;
    QString error;
    QVERIFY(!ProjectFile::fromJson(json, &p, &error));
    QVERIFY2(error.startsWith(path), qPrintable(error));
}

void TestProjectFile::hugeInput_isRejected()
{
    QByteArray huge = "{\"schemaVersion\": 2, \"django\": {\"projectName\": \"";
    huge += QByteArray(ProjectFile::MaximumSize, 'a');
    huge += "\"}}";
    Project p;
    QString error;
    QVERIFY(!ProjectFile::fromJson(huge, &p, &error));
    QVERIFY(error.startsWith(QStringLiteral("$:")));
}

void TestProjectFile::deeplyNested_isRejected()
{
    const QByteArray nested =
        "{\"schemaVersion\": 2, \"server\": " + QByteArray(100000, '[') + QByteArray(100000, ']') + "}";
    Project p;
    QString error;
    QVERIFY(!ProjectFile::fromJson(nested, &p, &error));
    QVERIFY(error.startsWith(QStringLiteral("$")));
}

void TestProjectFile::binaryGarbage_isRejected()
{
    QByteArray garbage;
    for (int i = 0; i < 4096; ++i) {
        garbage.append(static_cast<char>((i * 7919) % 256));
    }
    Project p;
    QString error;
    QVERIFY(!ProjectFile::fromJson(garbage, &p, &error));
    QVERIFY(error.startsWith(QStringLiteral("$:")));
}

void TestProjectFile::missingSettings_takeDefaults()
{
    Project p;
    QString error;
    QVERIFY2(ProjectFile::fromJson("{\"schemaVersion\": 2, \"nginx\": {\"clientMaxBodySize\": \"20M\"}}", &p, &error),
             qPrintable(error));
    QCOMPARE(p.text(Key::NginxClientMaxBodySize), QStringLiteral("20M"));
    QCOMPARE(p.text(Key::ServerDomain), QStringLiteral("fictionaljobrunner.com"));
    QVERIFY(!p.projectId().isEmpty());
}

void TestProjectFile::uwsgiBinary_followsTheInstallation_unlessAnOldFileSetIt()
{
    Project p;
    QString error;
    // A file without the setting (older than uwsgi.install) gets the distribution's uWSGI.
    QVERIFY2(ProjectFile::fromJson("{\"schemaVersion\": 1}", &p, &error), qPrintable(error));
    QCOMPARE(p.text(Key::UwsgiInstall), QStringLiteral("distribution"));
    QCOMPARE(p.text(Key::UwsgiBinary), QStringLiteral("/usr/bin/uwsgi"));
    QVERIFY2(ProjectFile::fromJson("{\"schemaVersion\": 2, \"uwsgi\": {\"install\": \"venv\"}, "
                                   "\"django\": {\"projectDir\": \"/srv/s\"}}",
                                   &p, &error),
             qPrintable(error));
    QCOMPARE(p.text(Key::UwsgiBinary), QStringLiteral("/srv/s/venv/bin/uwsgi"));
    // An old file that wrote the former default explicitly keeps it.
    QVERIFY2(
        ProjectFile::fromJson("{\"schemaVersion\": 2, \"uwsgi\": {\"binary\": \"/usr/local/bin/uwsgi\"}}", &p, &error),
        qPrintable(error));
    QCOMPARE(p.text(Key::UwsgiBinary), QStringLiteral("/usr/local/bin/uwsgi"));
    QCOMPARE(p.text(Key::UwsgiInstall), QStringLiteral("distribution"));
}

QTEST_GUILESS_MAIN(TestProjectFile)
#include "TestProjectFile.moc"
#include "model/SettingKeys.h"
