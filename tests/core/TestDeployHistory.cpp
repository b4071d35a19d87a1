#include "LocalRemoteHost.h"
#include "deploy/DeployHistory.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

namespace {

HistoryEntry entry(const QString& id, const QList<HistoryEntry::File>& files)
{
    HistoryEntry e;
    e.id = id;
    e.time = QDateTime::fromString(id.left(14), QStringLiteral("yyyyMMddHHmmss"));
    e.time.setTimeSpec(Qt::UTC);
    e.who = QStringLiteral("root@server (admin@desk)");
    e.project = QStringLiteral("Fictional Job Runner");
    e.toolVersion = QStringLiteral("0.1.0");
    e.files = files;
    return e;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(path.left(path.lastIndexOf(QLatin1Char('/'))));
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

} // namespace

// The history's scripts run by a real sh in a temporary directory (LocalRemoteHost), and the rollback arithmetic.
class TestDeployHistory : public QObject
{
    Q_OBJECT

private slots:
    void json_roundTrips();
    void json_refusesBadIdsAndRelativePaths();
    void record_keepsTheReplacedVersionsAndPrunesToKeep();
    void list_newestFirst_andHostileNamesAreIgnored();
    void restoresFor_takesTheOldestReplacedVersionFromIdOn();
    void restoresFor_unknownIdSaysHowToList();
};

void TestDeployHistory::json_roundTrips()
{
    const HistoryEntry e =
        entry(QStringLiteral("20261207120000000-42"),
              {{QStringLiteral("/etc/nginx/sites-available/s.conf"), true, 0644, QStringLiteral("root"),
                QStringLiteral("root")},
               {QStringLiteral("/home/u/.env"), false, 0640, QStringLiteral("u"), QStringLiteral("www-data")}});
    HistoryEntry back;
    QString error;
    QVERIFY2(HistoryEntry::fromJson(e.toJson(), &back, &error), qPrintable(error));
    QCOMPARE(back.id, e.id);
    QCOMPARE(back.time, e.time);
    QCOMPARE(back.who, e.who);
    QCOMPARE(back.files.size(), 2);
    QCOMPARE(back.files.at(1).mode, 0640);
    QCOMPARE(back.files.at(1).existed, false);
    QCOMPARE(back.files.at(1).group, QStringLiteral("www-data"));
}

void TestDeployHistory::json_refusesBadIdsAndRelativePaths()
{
    HistoryEntry back;
    QString error;
    QVERIFY(!HistoryEntry::fromJson(entry(QStringLiteral("../../etc"), {}).toJson(), &back, &error));
    QVERIFY(!HistoryEntry::fromJson(
        entry(QStringLiteral("20261207120000000-1"), {{QStringLiteral("etc/x"), true, 0644, {}, {}}}).toJson(), &back,
        &error));
    QVERIFY(!HistoryEntry::fromJson(
        entry(QStringLiteral("20261207120000000-1"), {{QStringLiteral("/etc/../x"), true, 0644, {}, {}}}).toJson(),
        &back, &error));
    QVERIFY(!HistoryEntry::fromJson("{not json", &back, &error));
}

void TestDeployHistory::record_keepsTheReplacedVersionsAndPrunesToKeep()
{
    QTemporaryDir dir;
    const QString state = dir.filePath(QStringLiteral("state dir 'quoted'"));
    LocalRemoteHost host(dir.path());
    const QString target = QStringLiteral("/etc/site.conf");
    const QString bak = dir.filePath(QStringLiteral(".site.conf.saltant-bak"));
    for (int i = 1; i <= 4; ++i) {
        QFile::remove(bak); // as in a deploy: each backup is the inode the rename replaced, never rewritten
        QVERIFY(writeFile(bak, QByteArray("version ") + QByteArray::number(i)));
        const HistoryEntry e = entry(QStringLiteral("2026120712000") + QString::number(i) + QStringLiteral("000-7"),
                                     {{target, true, 0644, QStringLiteral("root"), QStringLiteral("root")},
                                      {QStringLiteral("/etc/new.conf"), false, 0644, {}, {}}});
        const CommandResult run =
            host.run(QStringLiteral("status=0\n") + DeployHistory::recordScript(state, e, {{target, bak}}, 3) +
                     QStringLiteral("exit $status\n"));
        QVERIFY2(run.ok(), run.stdErr.constData());
    }
    QCOMPARE(QDir(DeployHistory::directory(state)).entryList(QDir::Dirs | QDir::NoDotAndDotDot),
             (QStringList{QStringLiteral("20261207120002000-7"), QStringLiteral("20261207120003000-7"),
                          QStringLiteral("20261207120004000-7")}));
    QCOMPARE(readFile(DeployHistory::keptPath(state, QStringLiteral("20261207120003000-7"), target)),
             QByteArray("version 3"));
    QVERIFY(!QFile::exists(
        DeployHistory::keptPath(state, QStringLiteral("20261207120003000-7"), QStringLiteral("/etc/new.conf"))));

    const CommandResult list = host.run(DeployHistory::listScript(state));
    QVERIFY(list.ok());
    QStringList problems;
    const QList<HistoryEntry> entries = DeployHistory::parse(list.stdOut, &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.first().id, QStringLiteral("20261207120004000-7"));
    QCOMPARE(entries.last().id, QStringLiteral("20261207120002000-7"));
}

void TestDeployHistory::list_newestFirst_andHostileNamesAreIgnored()
{
    QTemporaryDir dir;
    LocalRemoteHost host(dir.path());
    const QString history = DeployHistory::directory(dir.path());
    QVERIFY(writeFile(history + QStringLiteral("/20261207120000000-1/meta.json"),
                      entry(QStringLiteral("20261207120000000-1"), {}).toJson()));
    QVERIFY(writeFile(history + QStringLiteral("/20261207130000000-2/meta.json"),
                      entry(QStringLiteral("20261207130000000-2"), {}).toJson()));
    QVERIFY(writeFile(history + QStringLiteral("/$(touch pwned)/meta.json"), "{}"));
    QVERIFY(writeFile(history + QStringLiteral("/20261207140000000-3/meta.json"), "{broken"));
    const CommandResult list = host.run(DeployHistory::listScript(dir.path()));
    QVERIFY(list.ok());
    QStringList problems;
    const QList<HistoryEntry> entries = DeployHistory::parse(list.stdOut, &problems);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).id, QStringLiteral("20261207130000000-2"));
    QCOMPARE(problems.size(), 1);
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("pwned"))));
    // No history yet: nothing, and no error.
    QTemporaryDir empty;
    QVERIFY(host.run(DeployHistory::listScript(empty.path())).ok());
}

void TestDeployHistory::restoresFor_takesTheOldestReplacedVersionFromIdOn()
{
    const QString a = QStringLiteral("/etc/a");
    const QString b = QStringLiteral("/etc/b");
    const QList<HistoryEntry> newestFirst = {
        entry(QStringLiteral("20261207130000000-3"), {{a, true, 0644, {}, {}}}),
        entry(QStringLiteral("20261207120000000-2"), {{a, true, 0600, {}, {}}, {b, true, 0644, {}, {}}}),
        entry(QStringLiteral("20261207110000000-1"), {{b, false, 0644, {}, {}}}),
    };
    QList<DeployHistory::Restore> restores;
    QString error;
    QVERIFY(DeployHistory::restoresFor(newestFirst, QStringLiteral("20261207120000000-2"), &restores, &error));
    QCOMPARE(restores.size(), 2);
    QCOMPARE(restores.at(0).file.path, a);
    QCOMPARE(restores.at(0).entryId, QStringLiteral("20261207120000000-2")); // before deploy 2, not before deploy 3
    QCOMPARE(restores.at(0).file.mode, 0600);
    QCOMPARE(restores.at(1).entryId, QStringLiteral("20261207120000000-2"));
    QVERIFY(DeployHistory::restoresFor(newestFirst, QStringLiteral("20261207130000000-3"), &restores, &error));
    QCOMPARE(restores.size(), 1);
    QCOMPARE(restores.at(0).entryId, QStringLiteral("20261207130000000-3"));
    QVERIFY(DeployHistory::restoresFor(newestFirst, QStringLiteral("20261207110000000-1"), &restores, &error));
    QCOMPARE(restores.size(), 2);
    QCOMPARE(restores.at(1).file.existed, false); // b did not exist before deploy 1
}

void TestDeployHistory::restoresFor_unknownIdSaysHowToList()
{
    QList<DeployHistory::Restore> restores;
    QString error;
    QVERIFY(!DeployHistory::restoresFor({}, QStringLiteral("20261207120000000-9"), &restores, &error));
    QVERIFY2(error.contains(QLatin1String("saltant-deploy-cli history")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestDeployHistory)
#include "TestDeployHistory.moc"
