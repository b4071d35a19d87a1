// SshTarget (project settings + ~/.ssh/config through libssh's parser) and HostKeyPolicy's reading of known_hosts
// files as OpenSSH writes them (plain, hashed, comma lists). No server needed.
#include "SshdPeer.h"
#include "model/Project.h"
#include "ssh/HostKeyPolicy.h"
#include "ssh/SshTarget.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace saltant;

class TestSshTarget : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void fromProject_takesTheSshSettings();
    void resolve_withoutConfig_expandsHomeOnly();
    void resolve_configBlock_winsOverProjectDefaults();
    void resolve_otherHost_keepsProjectValues();
    void resolve_brokenConfig_fails();
    void knownHostsName_bracketsNonStandardPorts();
    void linesNaming_findsPlainListedAndHashedEntries();

private:
    void writeConfig(const QByteArray& text);

    QTemporaryDir m_home;
    QByteArray m_originalHome;
};

void TestSshTarget::initTestCase()
{
    QVERIFY(m_home.isValid());
    m_originalHome = qgetenv("HOME");
    qputenv("HOME", m_home.path().toUtf8());
    QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral(".ssh"))));
}

void TestSshTarget::cleanupTestCase()
{
    qputenv("HOME", m_originalHome);
}

void TestSshTarget::writeConfig(const QByteArray& text)
{
    QFile config(m_home.filePath(QStringLiteral(".ssh/config")));
    QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
    config.write(text);
}

void TestSshTarget::fromProject_takesTheSshSettings()
{
    Project project = Project::example();
    QVERIFY(project.setValue(Key::SshHost, QStringLiteral("deploy.example.org")));
    QVERIFY(project.setValue(Key::SshPort, 2222));
    QVERIFY(project.setValue(Key::SshUser, QStringLiteral("admin")));
    const SshTarget target = SshTarget::fromProject(project);
    QCOMPARE(target.host, QStringLiteral("deploy.example.org"));
    QCOMPARE(target.port, 2222);
    QCOMPARE(target.user, QStringLiteral("admin"));
    QCOMPARE(target.identityFile, QStringLiteral("~/.ssh/id_ed25519"));
    QCOMPARE(target.knownHostsFile, QStringLiteral("~/.ssh/known_hosts"));
    QVERIFY(target.useSshConfig);
}

void TestSshTarget::resolve_withoutConfig_expandsHomeOnly()
{
    writeConfig("Host example\n    Port 2200\n");
    SshTarget target;
    target.host = QStringLiteral("example");
    target.user = QStringLiteral("ubuntu");
    target.identityFile = QStringLiteral("~/.ssh/id_ed25519");
    target.knownHostsFile = QStringLiteral("~/.ssh/known_hosts");
    target.useSshConfig = false;
    SshTarget resolved;
    QVERIFY(target.resolve(&resolved));
    QCOMPARE(resolved.host, QStringLiteral("example"));
    QCOMPARE(resolved.port, 22);
    QCOMPARE(resolved.identityFile, m_home.filePath(QStringLiteral(".ssh/id_ed25519")));
    QCOMPARE(resolved.knownHostsFile, m_home.filePath(QStringLiteral(".ssh/known_hosts")));
}

void TestSshTarget::resolve_configBlock_winsOverProjectDefaults()
{
    writeConfig("Host prod prod-alias\n"
                "    HostName 192.0.2.10\n"
                "    Port 2200\n"
                "    User deployer\n"
                "    IdentityFile %d/.ssh/prod_%r\n"
                "Host *\n"
                "    User fallback\n");
    SshTarget target;
    target.host = QStringLiteral("prod-alias");
    target.port = 22;
    target.user = QStringLiteral("ubuntu");
    target.identityFile = QStringLiteral("~/.ssh/id_ed25519");
    SshTarget resolved;
    QString error;
    QVERIFY2(target.resolve(&resolved, &error), qPrintable(error));
    QCOMPARE(resolved.host, QStringLiteral("192.0.2.10"));
    QCOMPARE(resolved.port, 2200);
    QCOMPARE(resolved.user, QStringLiteral("deployer")); // the first value obtained wins, as in ssh(1)
    QCOMPARE(resolved.identityFile, m_home.filePath(QStringLiteral(".ssh/prod_deployer")));
    QCOMPARE(resolved.displayName(), QStringLiteral("deployer@192.0.2.10:2200"));
}

void TestSshTarget::resolve_otherHost_keepsProjectValues()
{
    writeConfig("Host prod\n    HostName 192.0.2.10\n    Port 2200\n");
    SshTarget target;
    target.host = QStringLiteral("staging.example.org");
    target.port = 2022;
    target.user = QStringLiteral("ubuntu");
    target.identityFile = QStringLiteral("/keys/id");
    SshTarget resolved;
    QVERIFY(target.resolve(&resolved));
    QCOMPARE(resolved.host, QStringLiteral("staging.example.org"));
    QCOMPARE(resolved.port, 2022);
    QCOMPARE(resolved.user, QStringLiteral("ubuntu"));
    QCOMPARE(resolved.identityFile, QStringLiteral("/keys/id"));
}

void TestSshTarget::resolve_brokenConfig_fails()
{
    writeConfig("Host prod\n    Match\n");
    SshTarget target;
    target.host = QStringLiteral("prod");
    SshTarget resolved;
    QString error;
    QVERIFY(!target.resolve(&resolved, &error));
    QVERIFY2(error.contains(m_home.filePath(QStringLiteral(".ssh/config"))), qPrintable(error));
    QFile::remove(m_home.filePath(QStringLiteral(".ssh/config")));
}

void TestSshTarget::knownHostsName_bracketsNonStandardPorts()
{
    SshTarget target;
    target.host = QStringLiteral("example.org");
    QCOMPARE(target.knownHostsName(), QStringLiteral("example.org"));
    target.port = 2222;
    QCOMPARE(target.knownHostsName(), QStringLiteral("[example.org]:2222"));
}

void TestSshTarget::linesNaming_findsPlainListedAndHashedEntries()
{
    const QString key = m_home.filePath(QStringLiteral("host_ed25519"));
    QString error;
    QVERIFY2(SshdPeer::generateKey(key, QStringLiteral("ed25519"), QString(), &error), qPrintable(error));
    QFile publicKey(key + QStringLiteral(".pub"));
    QVERIFY(publicKey.open(QIODevice::ReadOnly));
    const QByteArray keyText = publicKey.readAll().split(' ').mid(0, 2).join(' ');

    const QString path = m_home.filePath(QStringLiteral("known_hosts"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# comment\n"
               "other.org " +
               keyText +
               "\n"
               "alias.org,[example.org]:2222 " +
               keyText +
               "\n"
               "\n"
               "[example.org]:2222 " +
               keyText +
               "\n"
               "example.org " +
               keyText + "\n");
    file.close();
    QCOMPARE(HostKeyPolicy::linesNaming(path, QStringLiteral("[example.org]:2222")), (QList<int>{3, 5}));
    QCOMPARE(HostKeyPolicy::linesNaming(path, QStringLiteral("example.org")), QList<int>{6});
    QCOMPARE(HostKeyPolicy::linesNaming(path, QStringLiteral("missing.org")), QList<int>{});

    // ssh-keygen -H replaces every name by |1|salt|HMAC-SHA1 (comma lists become one line per name).
    QProcess hash;
    hash.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-H"), QStringLiteral("-f"), path});
    QVERIFY(hash.waitForFinished(30000));
    QCOMPARE(hash.exitCode(), 0);
    QFile hashed(path);
    QVERIFY(hashed.open(QIODevice::ReadOnly));
    QVERIFY(!hashed.readAll().contains("example.org"));
    const QList<int> lines = HostKeyPolicy::linesNaming(path, QStringLiteral("[example.org]:2222"));
    QCOMPARE(lines.size(), 2);
    QCOMPARE(HostKeyPolicy::linesNaming(path, QStringLiteral("example.org")).size(), 1);
    QVERIFY(!lines.contains(HostKeyPolicy::linesNaming(path, QStringLiteral("example.org")).first()));
}

QTEST_GUILESS_MAIN(TestSshTarget)
#include "TestSshTarget.moc"
