#include "model/ProjectFile.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

// `saltant-deploy-cli set`: a headless admin changes the project file without editing JSON, validated like the
// form, written like the window's Save; a refused change writes nothing.
class TestSetCli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void set_changesTheFileAsSaveWritesIt();
    void reset_putsTheDefaultBack();
    void invalidValue_exitsTwoAndWritesNothing_data();
    void invalidValue_exitsTwoAndWritesNothing();
    void withoutProject_exitsTwo();

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Result cli(const QStringList& args)
    {
        QProcess process;
        process.start(QStringLiteral(SALTANT_BINARY_DIR "/app/saltant-deploy-cli"), args);
        Result r;
        if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit) {
            r.err = process.errorString();
            return r;
        }
        r.exitCode = process.exitCode();
        r.out = QString::fromUtf8(process.readAllStandardOutput());
        r.err = QString::fromUtf8(process.readAllStandardError());
        return r;
    }
    QByteArray bytes() const
    {
        QFile f(m_file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
};

void TestSetCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_file = m_dir->filePath(QStringLiteral("site.saltant.json"));
    const Result created = cli({QStringLiteral("new"), m_file});
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
}

void TestSetCli::set_changesTheFileAsSaveWritesIt()
{
    const Result r = cli({QStringLiteral("set"), QStringLiteral("nginx.clientMaxBodySize=20M"),
                          QStringLiteral("server.domain=jobs.example.org"), QStringLiteral("uwsgi.processes=4"),
                          QStringLiteral("--project"), m_file});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out, QStringLiteral("nginx.clientMaxBodySize=20M\nserver.domain=jobs.example.org\nuwsgi.processes=4\n"));
    Project project;
    QString error;
    QVERIFY2(ProjectFile::load(m_file, &project, &error), qPrintable(error));
    QCOMPARE(project.text(Key::ServerDomain), QStringLiteral("jobs.example.org"));
    QCOMPARE(project.integer(Key::UwsgiProcesses), 4);
    // Byte for byte what Save writes for the same project.
    const QString saved = m_dir->filePath(QStringLiteral("saved.saltant.json"));
    QVERIFY2(ProjectFile::save(saved, project, &error), qPrintable(error));
    QFile savedFile(saved);
    QVERIFY(savedFile.open(QIODevice::ReadOnly));
    QCOMPARE(bytes(), savedFile.readAll());
}

void TestSetCli::reset_putsTheDefaultBack()
{
    QCOMPARE(
        cli({QStringLiteral("set"), QStringLiteral("flower.port=5600"), QStringLiteral("--project"), m_file}).exitCode,
        0);
    const Result r =
        cli({QStringLiteral("set"), QStringLiteral("--reset"), Key::FlowerPort, QStringLiteral("--project"), m_file});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out, QStringLiteral("flower.port=5555\n"));
    const Result unknown = cli({QStringLiteral("set"), QStringLiteral("--reset"), QStringLiteral("flower.prot"),
                                QStringLiteral("--project"), m_file});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(QStringLiteral("flower.prot")), qPrintable(unknown.err));
}

void TestSetCli::invalidValue_exitsTwoAndWritesNothing_data()
{
    QTest::addColumn<QStringList>("assignments");
    QTest::addColumn<QString>("named");
    QTest::newRow("unknown key") << QStringList{QStringLiteral("nginx.clientMaxBodySise=20M")}
                                 << QStringLiteral("nginx.clientMaxBodySise");
    QTest::newRow("not a number") << QStringList{QStringLiteral("uwsgi.processes=many")} << Key::UwsgiProcesses.name();
    QTest::newRow("out of range") << QStringList{QStringLiteral("flower.port=70000")} << Key::FlowerPort.name();
    QTest::newRow("injection") << QStringList{QStringLiteral("server.domain=x.org; rm -rf /")}
                               << Key::ServerDomain.name();
    // A good change before a bad one is not written either.
    QTest::newRow("one good, one bad") << QStringList{QStringLiteral("uwsgi.processes=3"),
                                                      QStringLiteral("nginx.clientMaxBodySize=lots")}
                                       << Key::NginxClientMaxBodySize.name();
    QTest::newRow("no equals sign") << QStringList{Key::ServerDomain} << Key::ServerDomain.name();
}

void TestSetCli::invalidValue_exitsTwoAndWritesNothing()
{
    QFETCH(QStringList, assignments);
    QFETCH(QString, named);
    const QByteArray before = bytes();
    const Result r =
        cli(QStringList{QStringLiteral("set")} + assignments + QStringList{QStringLiteral("--project"), m_file});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(named), qPrintable(r.err));
    QCOMPARE(bytes(), before);
}

void TestSetCli::withoutProject_exitsTwo()
{
    const Result r = cli({QStringLiteral("set"), QStringLiteral("uwsgi.processes=3")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--project")), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestSetCli)
#include "TestSetCli.moc"
#include "model/SettingKeys.h"
