#include "GoldenFiles.h"
#include "export/LocalFile.h"
#include "generate/Renderer.h"
#include "import/DirectoryServerFiles.h"
#include "import/ServerImporter.h"
#include "model/Schema.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

namespace {

// Every secret the server's files hold, with characters each format must quote.
SecretValues sampleSecrets()
{
    SecretValues secrets;
    secrets.set(QStringLiteral("django.secretKey"), QStringLiteral("u-!+0mf3x'gpg2es=i9r5o!7g\"rf!@gt#x^(ta9p=m&$oz"));
    secrets.set(QStringLiteral("django.apiToken"), QStringLiteral("0123456789abcdef0123456789abcdef01234567"));
    secrets.set(QStringLiteral("email.password"), QStringLiteral("mail pass $HOME #1"));
    secrets.set(QStringLiteral("database.password"), QStringLiteral("db'pass\"word"));
    secrets.set(QStringLiteral("rabbitmq.password"), QStringLiteral("hunter2:/@%?#x"));
    secrets.set(QStringLiteral("flower.password"), QStringLiteral("flower:pa ss'w\"d"));
    secrets.set(QStringLiteral("rollbar.token"), QStringLiteral("rollbartoken0123456789"));
    secrets.set(QStringLiteral("aws.secretKey"), QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    return secrets;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(path.left(path.lastIndexOf(QLatin1Char('/'))));
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QStringList ids(const QList<ImportReport::Mistake>& mistakes)
{
    QStringList out;
    for (const ImportReport::Mistake& m : mistakes) {
        out << m.id;
    }
    return out;
}

const ImportReport::Setting* settingOf(const ImportReport& report, const QString& key)
{
    for (const ImportReport::Setting& s : report.settings) {
        if (s.key == key) {
            return &s;
        }
    }
    return nullptr;
}

} // namespace

class TestServerImporter : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_rendersTheSameFilesFromTheImportedProject_data() { m_golden.addCaseRows(); }
    void roundTrip_rendersTheSameFilesFromTheImportedProject();
    void guideServer_mapsEveryValueWithItsFileAndLine();
    void guideServer_reportsTheGuidesMistakesAndTheLinesADeployWouldDrop();
    void guideServer_secretsGoToTheResultNotTheProject();
    void emptyTree_isNotASaltantServer();
    void hostileFiles_giveProblemsNeverACrash();
    void linkOutOfTheTree_isRefused();
    void importEdit_takesTheUnderstoodPartAndNamesTheRest();

private:
    GoldenFiles m_golden{QStringLiteral(SALTANT_TEST_DATA "/golden")};
    const QString m_guide = QStringLiteral(SALTANT_TEST_DATA "/import/guide-server");
};

// render -> files at their server paths -> import -> render gives the same bytes, paths and secrets.
void TestServerImporter::roundTrip_rendersTheSameFilesFromTheImportedProject()
{
    QFETCH(QString, caseName);
    Project project;
    QString error;
    QVERIFY2(m_golden.loadProject(caseName, &project, &error), qPrintable(error));
    const SecretValues secrets = sampleSecrets();
    const RenderResult before = Renderer::render(project, &secrets);
    QVERIFY(before.ok());
    QTemporaryDir dir;
    QStringList written;
    QVERIFY2(LocalFile::writeTree(dir.path(), before.files, &written, &error), qPrintable(error));

    DirectoryServerFiles files(dir.path());
    const ImportResult imported = ServerImporter(files).run();
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    const QString report = imported.report.toText();
    QVERIFY2(imported.report.problems.isEmpty(), qPrintable(report));
    QVERIFY2(imported.report.unrepresented.isEmpty(), qPrintable(report));
    QVERIFY2(imported.report.mistakes.isEmpty(), qPrintable(report));

    const RenderResult after = Renderer::render(imported.project, &imported.secrets);
    QVERIFY(after.ok());
    QStringList beforeIds;
    QStringList afterIds;
    for (const GeneratedFile& f : before.files) {
        beforeIds << f.id;
    }
    for (const GeneratedFile& f : after.files) {
        afterIds << f.id;
    }
    QCOMPARE(afterIds, beforeIds);
    for (qsizetype i = 0; i < before.files.size(); ++i) {
        const GeneratedFile& a = before.files.at(i);
        const GeneratedFile& b = after.files.at(i);
        if (a.previewOnly) {
            continue;
        }
        QCOMPARE(b.remotePath, a.remotePath);
        QCOMPARE(b.symlinks, a.symlinks);
        QVERIFY2(b.content == a.content,
                 qPrintable(a.id + QLatin1Char('\n') + GoldenFiles::lineDiff(a.content, b.content)));
        QVERIFY2(imported.foundFiles.value(a.id) == a.remotePath, qPrintable(a.id));
    }
    for (const QString& name : secrets.names()) {
        if (imported.secrets.contains(name)) {
            QCOMPARE(imported.secrets.value(name), secrets.value(name));
        }
    }
    for (const char* name : {"django.secretKey", "django.apiToken", "database.password", "rabbitmq.password"}) {
        QVERIFY2(imported.secrets.value(QLatin1String(name)) == secrets.value(QLatin1String(name)), name);
    }
}

void TestServerImporter::guideServer_mapsEveryValueWithItsFileAndLine()
{
    DirectoryServerFiles files(m_guide);
    const ImportResult imported = ServerImporter(files).run();
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    const Project& p = imported.project;
    QCOMPARE(p.text(Key::ServerDomain), QStringLiteral("fictionaljobrunner.com"));
    QVERIFY(p.flag(Key::ServerWwwAlias));
    QVERIFY(p.flag(Key::ServerCanonicalWww));
    QCOMPARE(p.list(Key::ServerExtraAllowedHosts), QStringList{QStringLiteral("127.0.0.1")});
    QCOMPARE(p.text(Key::DjangoProjectDir), QStringLiteral("/home/ubuntu/saltant"));
    QCOMPARE(p.text(Key::DjangoVenvDir), QStringLiteral("/home/ubuntu/saltant/venv"));
    QCOMPARE(p.stored(Key::DjangoVenvDir).toString(), QString()); // the derived default: left to follow the project
    QCOMPARE(p.text(Key::UwsgiSocketPath), QStringLiteral("/tmp/saltant.sock"));
    QCOMPARE(p.text(Key::UwsgiBinary), QStringLiteral("/usr/local/bin/uwsgi"));
    QCOMPARE(p.text(Key::UwsgiUser), QStringLiteral("www-data"));
    QCOMPARE(p.text(Key::UwsgiLogFile), QStringLiteral("/var/log/uwsgi-emperor.log"));
    QCOMPARE(p.text(Key::NginxSiteName), QStringLiteral("saltant"));
    QCOMPARE(p.text(Key::DjangoStaticDir), QStringLiteral("/home/ubuntu/saltant/static"));
    QVERIFY(p.flag(Key::TlsEnabled));
    QCOMPARE(p.text(Key::RabbitmqConfigFormat), QStringLiteral("classic"));
    QVERIFY(p.flag(Key::RabbitmqOnNetwork));
    QVERIFY(p.flag(Key::RabbitmqTlsVerifyPeer));
    QCOMPARE(p.integer(Key::RabbitmqTlsPort), 5671);
    QCOMPARE(p.text(Key::RabbitmqAdminUser), QStringLiteral("AzureDiamond"));
    QCOMPARE(p.text(Key::RabbitmqVhost), QStringLiteral("AzureDiamond_vhost"));
    QCOMPARE(p.text(Key::FlowerLauncher), QStringLiteral("flower"));
    QCOMPARE(p.text(Key::FlowerUrlPrefix), QStringLiteral("flower"));
    QCOMPARE(p.text(Key::FlowerUser), QStringLiteral("AzureDiamond"));
    QCOMPARE(p.text(Key::FlowerPrefixMode), QStringLiteral("strip"));
    QCOMPARE(p.integer(Key::FlowerPort), 5555);
    QCOMPARE(p.text(Key::DatabaseUser), QStringLiteral("johnsmith"));

    const ImportReport::Setting* socket = settingOf(imported.report, Key::UwsgiSocketPath.name());
    QVERIFY(socket);
    QCOMPARE(socket->source.where(), QStringLiteral("/etc/uwsgi/vassals/saltant_uwsgi.ini:7"));
    const ImportReport::Setting* user = settingOf(imported.report, Key::DatabaseUser.name());
    QVERIFY(user);
    QCOMPARE(user->source.file, QStringLiteral("/home/ubuntu/saltant/.env"));
    QCOMPARE(user->source.line, 93);
    // Values the project cannot hold are named with their line, and the project keeps a valid value.
    const QString report = imported.report.toText();
    QVERIFY2(report.contains(QLatin1String("/home/ubuntu/saltant/.env:28: celery.brokerPoolLimit cannot be \"None\"")),
             qPrintable(report));
    // WORKER_RESULTS_DIRECTORY ends in a slash, which the project refuses: named, and the example's value kept.
    QVERIFY2(report.contains(QLatin1String("/home/ubuntu/saltant/.env:13: worker.resultsDirectory as found cannot be")),
             qPrintable(report));
    QVERIFY(Renderer::render(p, &imported.secrets).ok());
}

void TestServerImporter::guideServer_reportsTheGuidesMistakesAndTheLinesADeployWouldDrop()
{
    DirectoryServerFiles files(m_guide);
    const ImportResult imported = ServerImporter(files).run();
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    const QStringList mistakes = ids(imported.report.mistakes);
    for (const char* id :
         {"uwsgi-socket-in-tmp", "flower-password-on-command-line", "flower-type-notify", "certbot-nginx-rewrites"}) {
        QVERIFY2(mistakes.contains(QLatin1String(id)), id);
    }
    // The guide's extra nginx locations are lines a deploy would drop: reported with their line.
    bool regexLocation = false;
    for (const ImportReport::Unrepresented& u : imported.report.unrepresented) {
        if (u.text.startsWith(QLatin1String("location ~* /rabbitmq/api/"))) {
            regexLocation = true;
            QCOMPARE(u.source.where(), QStringLiteral("/etc/nginx/sites-available/saltant_nginx.conf:21"));
        }
        QVERIFY2(!u.text.contains(QLatin1String("hunter2")), qPrintable(u.text));
    }
    QVERIFY2(regexLocation, qPrintable(imported.report.toText()));
}

void TestServerImporter::guideServer_secretsGoToTheResultNotTheProject()
{
    DirectoryServerFiles files(m_guide);
    const ImportResult imported = ServerImporter(files).run();
    QCOMPARE(imported.secrets.value(QStringLiteral("rabbitmq.password")), QStringLiteral("hunter2"));
    QCOMPARE(imported.secrets.value(QStringLiteral("flower.password")), QStringLiteral("hunter2"));
    QCOMPARE(imported.secrets.value(QStringLiteral("database.password")), QStringLiteral("johnsmithspassword"));
    QVERIFY(imported.secrets.value(QStringLiteral("django.secretKey")).startsWith(QLatin1String("u-!+0mf3x")));
    const QString report = imported.report.toText();
    QVERIFY(!report.contains(QLatin1String("hunter2")));
    QVERIFY(!report.contains(QLatin1String("johnsmithspassword")));
    for (const FieldSpec& field : Schema::fields()) {
        const std::optional<SettingKey> key = SettingKey::parse(field.key);
        QVERIFY(key);
        QVERIFY2(!imported.project.toDisplayString(*key).contains(QLatin1String("hunter2")), qPrintable(field.key));
    }
}

void TestServerImporter::emptyTree_isNotASaltantServer()
{
    QTemporaryDir dir;
    DirectoryServerFiles files(dir.path());
    const ImportResult imported = ServerImporter(files).run();
    QVERIFY(!imported.ok());
    QVERIFY2(imported.error.contains(QLatin1String("No saltant server was found")), qPrintable(imported.error));
}

// Huge, binary, deeply nested, unbalanced and NUL-holding files give a problem for that file and a partial
// import; the importer neither crashes nor hangs.
void TestServerImporter::hostileFiles_giveProblemsNeverACrash()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QVERIFY(writeFile(root + QStringLiteral("/etc/systemd/system/emperor.uwsgi.service"),
                      "[Service]\nExecStart=/usr/bin/uwsgi --ini /etc/uwsgi/emperor.ini\n"));
    QVERIFY(writeFile(root + QStringLiteral("/etc/uwsgi/emperor.ini"), "[uwsgi]\nemperor = /etc/uwsgi/vassals\n"));
    QVERIFY(writeFile(root + QStringLiteral("/etc/uwsgi/vassals/saltant_uwsgi.ini"),
                      "[uwsgi]\nchdir = /srv/app\nsocket = /run/uwsgi/saltant.sock\n"));
    QVERIFY(writeFile(root + QStringLiteral("/srv/app/.env"), QByteArray("DEBUG=False\0\x01\x02", 15)));
    QVERIFY(
        writeFile(root + QStringLiteral("/etc/nginx/sites-enabled/deep.conf"),
                  "upstream u { server unix:/run/uwsgi/saltant.sock; }\n" + QByteArray(5000, '{') + " uwsgi_pass u;"));
    QVERIFY(writeFile(root + QStringLiteral("/etc/nginx/conf.d/huge.conf"),
                      "uwsgi_pass x;" + QByteArray(3 * 1024 * 1024, 'a')));
    QVERIFY(writeFile(root + QStringLiteral("/etc/rabbitmq/rabbitmq.config"), QByteArray(10000, '[')));
    QVERIFY(writeFile(root + QStringLiteral("/etc/systemd/system/flower.service"),
                      "[Service]\nExecStart=/v/bin/flower \"unterminated\nType=notify\n"));

    DirectoryServerFiles files(root);
    const ImportResult imported = ServerImporter(files).run();
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    const QString report = imported.report.toText();
    QVERIFY2(report.contains(QLatin1String("/srv/app/.env: /srv/app/.env holds NUL bytes")), qPrintable(report));
    QVERIFY2(report.contains(QLatin1String("/etc/nginx/sites-enabled/deep.conf:2: unexpected \"{\"")),
             qPrintable(report));
    QVERIFY2(
        report.contains(QLatin1String("/etc/nginx/conf.d/huge.conf: /etc/nginx/conf.d/huge.conf is 3145741 bytes")),
        qPrintable(report));
    QVERIFY2(report.contains(QLatin1String("/etc/rabbitmq/rabbitmq.config:")), qPrintable(report));
    QCOMPARE(imported.project.text(Key::DjangoProjectDir), QStringLiteral("/srv/app"));
}

void TestServerImporter::linkOutOfTheTree_isRefused()
{
    QTemporaryDir outer;
    QVERIFY(writeFile(outer.path() + QStringLiteral("/secret.txt"), "outside"));
    const QString root = outer.path() + QStringLiteral("/tree");
    QVERIFY(QDir().mkpath(root + QStringLiteral("/etc")));
    QVERIFY(QFile::link(QStringLiteral("../../secret.txt"), root + QStringLiteral("/etc/escape")));
    QVERIFY(QFile::link(QStringLiteral("/etc/loop"), root + QStringLiteral("/etc/loop")));
    QVERIFY(QFile::link(QStringLiteral("/etc/target"), root + QStringLiteral("/etc/absolute")));
    QVERIFY(writeFile(root + QStringLiteral("/etc/target"), "inside"));

    DirectoryServerFiles files(root);
    const ServerFile escape = files.read(QStringLiteral("/etc/escape"));
    QVERIFY(!escape.ok());
    QVERIFY2(escape.error.contains(QLatin1String("leads out of the copied tree")), qPrintable(escape.error));
    QVERIFY(escape.text.isEmpty());
    const ServerFile loop = files.read(QStringLiteral("/etc/loop"));
    QVERIFY2(loop.error.contains(QLatin1String("too many symbolic links")), qPrintable(loop.error));
    // An absolute target is a server path: it resolves inside the tree.
    const ServerFile absolute = files.read(QStringLiteral("/etc/absolute"));
    QVERIFY(absolute.ok());
    QCOMPARE(absolute.text, QStringLiteral("inside"));
    QCOMPARE(files.linkTarget(QStringLiteral("/etc/absolute")), QStringLiteral("/etc/target"));
}

// A hand edit on the server taken into the project: the values the importer understands change, the rest of the
// project (its id, SSH target, secrets) stays, and what the project cannot hold is named with its line.
void TestServerImporter::importEdit_takesTheUnderstoodPartAndNamesTheRest()
{
    Project project = Project::example();
    project.setProjectId(QStringLiteral("edit-test"));
    project.setValue(Key::SshPort, 2222);
    const SecretValues secrets = sampleSecrets();
    const RenderResult render = Renderer::render(project, &secrets);
    QString site;
    QString sitePath;
    for (const GeneratedFile& f : render.files) {
        if (f.id == QLatin1String("nginx-site")) {
            site = f.content;
            sitePath = f.remotePath;
        }
    }
    QVERIFY(!site.isEmpty());
    QString edited = site;
    edited.replace(QStringLiteral("client_max_body_size 10M;"), QStringLiteral("client_max_body_size 64M;"));
    edited.replace(
        QStringLiteral("    location /static/ {"),
        QStringLiteral("    location /media/ {\n        alias /srv/media/;\n    }\n\n    location /static/ {"));
    const ImportResult result = ServerImporter::importEdit(project, secrets, sitePath, edited);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.project.text(Key::NginxClientMaxBodySize), QStringLiteral("64M"));
    QCOMPARE(result.project.projectId(), QStringLiteral("edit-test"));
    QCOMPARE(result.project.integer(Key::SshPort), 2222);
    QVERIFY2(result.report.problems.isEmpty(), qPrintable(result.report.toText()));
    QCOMPARE(result.report.unrepresented.size(), 3);
    QCOMPARE(result.report.unrepresented.first().text, QStringLiteral("location /media/ {"));
    QCOMPARE(result.report.unrepresented.first().source.file, sitePath);
    // Everything else renders as before.
    Project expected = project;
    expected.setValue(Key::NginxClientMaxBodySize, QStringLiteral("64M"));
    const RenderResult again = Renderer::render(result.project, &secrets);
    const RenderResult wanted = Renderer::render(expected, &secrets);
    QCOMPARE(again.files.size(), wanted.files.size());
    for (qsizetype i = 0; i < again.files.size(); ++i) {
        QCOMPARE(again.files.at(i).content, wanted.files.at(i).content);
    }
}

QTEST_GUILESS_MAIN(TestServerImporter)
#include "TestServerImporter.moc"
