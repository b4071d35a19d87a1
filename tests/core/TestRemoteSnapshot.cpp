#include "LocalRemoteHost.h"
#include "plan/RemoteSnapshot.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

// RemoteSnapshot's script run by a real sh (LocalRemoteHost) on a directory made by the test: every kind of path,
// the markers of a transaction, contents byte for byte (all files read by one stat, cat and base64), and each check
// answered once per request even when two steps ask the same.
class TestRemoteSnapshot : public QObject
{
    Q_OBJECT

private:
    static bool write(const QString& path, const QByteArray& content, QFile::Permissions mode)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(content) == content.size() && f.setPermissions(mode);
    }

private slots:
    void everyKindAndContent_readInOneQuery()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString text = dir.filePath(QStringLiteral("site.conf"));
        const QString binary = dir.filePath(QStringLiteral("logo.bin"));
        const QString empty = dir.filePath(QStringLiteral("empty"));
        const QString link = dir.filePath(QStringLiteral("enabled.conf"));
        const QString missing = dir.filePath(QStringLiteral("missing/file"));
        const QString directory = dir.filePath(QStringLiteral("adir"));
        const QByteArray bytes("\x00\x01\xff\n\nno final newline", 22);
        QVERIFY(write(text, "server {\n}\n", QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
        QVERIFY(write(binary, bytes, QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(write(empty, QByteArray(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        QVERIFY(QFile::link(QStringLiteral("site.conf"), link));
        QVERIFY(QDir().mkpath(directory));
        // An interrupted transaction beside site.conf: its id in the txn marker, a backup.
        QVERIFY(write(RemoteSnapshot::marker(text, QStringLiteral("txn")), "20261128-1\n",
                      QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(write(RemoteSnapshot::marker(text, QStringLiteral("bak")), "old\n", QFile::ReadOwner));

        SnapshotRequest request;
        request.paths = {text, binary, empty, link, missing, directory};
        request.commands = {QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("true"),
                            QStringLiteral("test -d %1").arg(directory)};
        LocalRemoteHost host(dir.filePath(QStringLiteral("staging")));
        RemoteSnapshot snapshot;
        QString error;
        QVERIFY2(RemoteSnapshot::read(host, request, &snapshot, &error), qPrintable(error));

        const RemotePathState site = snapshot.paths.value(text);
        QCOMPARE(site.current.kind, RemoteEntry::Kind::File);
        QCOMPARE(site.current.content, QByteArray("server {\n}\n"));
        QCOMPARE(site.current.mode, 0640);
        QCOMPARE(site.backup.content, QByteArray("old\n"));
        QCOMPARE(site.transaction, QStringLiteral("20261128-1"));
        QVERIFY(site.pending.isEmpty());
        QVERIFY(!site.staged);
        QVERIFY(site.interrupted());
        QCOMPARE(site.parent, RemoteEntry::Kind::Directory);
        QCOMPARE(snapshot.paths.value(binary).current.content, bytes);
        QCOMPARE(snapshot.paths.value(binary).current.mode, 0600);
        QCOMPARE(snapshot.paths.value(empty).current.kind, RemoteEntry::Kind::File);
        QCOMPARE(snapshot.paths.value(empty).current.content, QByteArray());
        QCOMPARE(snapshot.paths.value(link).current.kind, RemoteEntry::Kind::Link);
        QCOMPARE(snapshot.paths.value(link).current.linkTarget, QStringLiteral("site.conf"));
        QCOMPARE(snapshot.paths.value(missing).current.kind, RemoteEntry::Kind::Missing);
        QCOMPARE(snapshot.paths.value(missing).parent, RemoteEntry::Kind::Missing);
        QCOMPARE(snapshot.paths.value(directory).current.kind, RemoteEntry::Kind::Directory);
        QCOMPARE(snapshot.commandOk, (QList<bool>{true, false, true, true}));
        // The owner is the user running the query.
        QVERIFY(!snapshot.paths.value(text).current.owner.isEmpty());
    }

    void sameCheckTwice_runsOnce()
    {
        SnapshotRequest request;
        request.commands = {QStringLiteral("echo x >> counter"), QStringLiteral("echo x >> counter")};
        const QString script = RemoteSnapshot::script(request);
        QCOMPARE(script.count(QStringLiteral("echo x >> counter")), 1);
    }

    void sizesThatDoNotAddUp_areAnError()
    {
        SnapshotRequest request;
        request.paths = {QStringLiteral("/etc/a")};
        RemoteSnapshot snapshot;
        QString error;
        const QByteArray head = "cur F\nbak N\nnew N\ntxn N\npending N\nparent D\nfiles 1\n644 root root 5\n";
        QVERIFY(RemoteSnapshot::parse(head + QByteArray("hello").toBase64() + "\nend\n", request, &snapshot, &error));
        QCOMPARE(snapshot.paths.value(QStringLiteral("/etc/a")).current.content, QByteArray("hello"));
        QCOMPARE(snapshot.paths.value(QStringLiteral("/etc/a")).current.mode, 0644);
        // The file shrank between stat and cat, or could not be read: not silently short content.
        QVERIFY(!RemoteSnapshot::parse(head + QByteArray("hell").toBase64() + "\nend\n", request, &snapshot, &error));
        QVERIFY(error.contains(QStringLiteral("incomplete")));
        // Fewer stat lines than files.
        QVERIFY(!RemoteSnapshot::parse("cur F\nbak N\nnew N\ntxn N\npending N\nparent D\nfiles 2\n", request, &snapshot,
                                       &error));
    }
};

QTEST_GUILESS_MAIN(TestRemoteSnapshot)
#include "TestRemoteSnapshot.moc"
