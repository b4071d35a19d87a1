#include "deploy/TransactionScript.h"
#include "plan/RemoteSnapshot.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace saltant;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

bool write(const QString& path, const QByteArray& content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

int modeOf(const QString& path)
{
    struct stat st = {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? static_cast<int>(st.st_mode & 07777) : -1;
}

} // namespace

// The deploy manifest and the last deployed copies as transaction entries, run by a real sh on local files: the
// manifest comes on standard input, a copy from the file's upload, the state directory is created 0700; a rollback
// restores the old manifest (or removes a new one); a commit marks only the managed files pending.
class TestTransactionStateFiles : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_user;
    QString m_group;

    QString path(const char* relative) const { return m_dir.path() + QString::fromLatin1(relative); }
    QString state() const { return path("/state"); }
    QString target() const { return path("/etc/site.conf"); }
    QString staged() const { return path("/staging/1-site.conf.saltant-stage"); }
    QString manifest() const { return state() + QStringLiteral("/manifest.json"); }
    QString copy() const { return state() + QStringLiteral("/deployed") + target(); }

    QList<TransactionEntry> entries() const
    {
        TransactionEntry file{target(), staged(), 0644, m_user, m_group, QString()};
        TransactionEntry copied{copy(), staged(), 0600, m_user, m_group, QString()};
        TransactionEntry recorded{manifest(), QString(), 0600, m_user, m_group, QString()};
        recorded.fromStdin = true;
        return {file, copied, recorded};
    }
    QStringList directories() const { return {state(), copy().left(copy().lastIndexOf(QLatin1Char('/')))}; }
    static int sh(const QString& script, const QByteArray& input = QByteArray(), QByteArray* err = nullptr)
    {
        QProcess p;
        p.start(QStringLiteral("sh"), {QStringLiteral("-c"), script});
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(30000)) {
            return -1;
        }
        if (err) {
            *err = p.readAllStandardError();
        }
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private slots:
    void init()
    {
        m_user = QString::fromLocal8Bit(getpwuid(getuid())->pw_name);
        m_group = QString::fromLocal8Bit(getgrgid(getgid())->gr_name);
        QVERIFY(QDir().mkpath(path("/etc")));
        QVERIFY(QDir().mkpath(path("/staging")));
        QVERIFY(QDir(state()).removeRecursively());
        QVERIFY(write(target(), "old site\n"));
        QVERIFY(write(staged(), "new site\n"));
    }

    void apply_writesManifestFromStdin_copyFromUpload_stateDirectory0700()
    {
        QByteArray err;
        QCOMPARE(
            sh(TransactionScript::apply(QStringLiteral("t1"), entries(), directories()), "{\"files\": []}\n", &err), 0);
        QVERIFY2(err.isEmpty(), err.constData());
        QCOMPARE(readAll(target()), QByteArray("new site\n"));
        QCOMPARE(readAll(copy()), QByteArray("new site\n"));
        QCOMPARE(readAll(manifest()), QByteArray("{\"files\": []}\n"));
        QCOMPARE(modeOf(state()), 0700);
        QCOMPARE(modeOf(manifest()), 0600);
        QCOMPARE(modeOf(copy()), 0600);
        QVERIFY(!QFile::exists(staged())); // uploads removed at the end
    }

    void rollback_restoresTheOldManifest_removesNewOnes()
    {
        QVERIFY(QDir().mkpath(state()));
        QVERIFY(write(manifest(), "old manifest\n"));
        QCOMPARE(sh(TransactionScript::apply(QStringLiteral("t2"), entries(), directories()), "new manifest\n"), 0);
        QCOMPARE(readAll(manifest()), QByteArray("new manifest\n"));
        QCOMPARE(sh(TransactionScript::rollback({target(), copy(), manifest()})), 0);
        QCOMPARE(readAll(target()), QByteArray("old site\n"));
        QCOMPARE(readAll(manifest()), QByteArray("old manifest\n"));
        QVERIFY(!QFile::exists(copy())); // there was none before
        for (const QString& p : {manifest(), copy()}) {
            for (const char* suffix : {"bak", "txn", "new"}) {
                QVERIFY2(!QFile::exists(RemoteSnapshot::marker(p, QString::fromLatin1(suffix))), suffix);
            }
        }
    }

    void failedApply_restoresEverything()
    {
        QVERIFY(QDir().mkpath(state()));
        QVERIFY(write(manifest(), "old manifest\n"));
        QList<TransactionEntry> broken = entries();
        broken.first().staged = path("/staging/missing.saltant-stage");
        QByteArray err;
        QVERIFY(sh(TransactionScript::apply(QStringLiteral("t3"), broken, directories()), "new manifest\n", &err) != 0);
        QVERIFY2(err.contains("every file was restored"), err.constData());
        QCOMPARE(readAll(target()), QByteArray("old site\n"));
        QCOMPARE(readAll(manifest()), QByteArray("old manifest\n"));
    }

    void commit_marksOnlyTheManagedFilesPending()
    {
        QCOMPARE(sh(TransactionScript::apply(QStringLiteral("t4"), entries(), directories()), "m\n"), 0);
        QCOMPARE(sh(TransactionScript::commit(QStringLiteral("t4"), {target()}, {copy(), manifest()})), 0);
        QCOMPARE(readAll(RemoteSnapshot::marker(target(), QStringLiteral("pending"))), QByteArray("t4\n"));
        for (const QString& p : {manifest(), copy()}) {
            for (const char* suffix : {"bak", "txn", "new", "pending"}) {
                QVERIFY2(!QFile::exists(RemoteSnapshot::marker(p, QString::fromLatin1(suffix))), suffix);
            }
        }
        QVERIFY(!QFile::exists(RemoteSnapshot::marker(target(), QStringLiteral("bak"))));
    }
};

QTEST_GUILESS_MAIN(TestTransactionStateFiles)
#include "TestTransactionStateFiles.moc"
