// A login user that really cannot write the target directories: a non-root user without sudo rights, the pretend
// server's directories owned by root with mode 0755 (as root, permission bits would not stop a write). The deploy
// must refuse with a message that says what to do, before any file, staging upload or command reached the server.
// Needs root (as CI runs it) to create the throw-away user, removed after.
#include "DeployFixture.h"
#include "SshdPeer.h"
#include "ThrowawayUser.h"
#include "deploy/DeployConnection.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>
#include <unistd.h>

using namespace saltant;

class TestDeployReadOnly : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void userWithoutSudo_targetsNotWritable_refusedWithWhatToDo_serverUntouched();

private:
    QTemporaryDir m_dir; // the pretend server and the user's home; others may enter, only root may write
    std::unique_ptr<DeployFixture> m_fixture;
    ThrowawayUser m_user; // declared before m_peer: the peer (and its sessions) go first
    std::unique_ptr<SshdPeer> m_peer;
};

void TestDeployReadOnly::initTestCase()
{
    qunsetenv("SSH_AUTH_SOCK");
    QVERIFY2(geteuid() == 0, "needs root to create a throw-away user (CI runs tests as root)");
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    qputenv("HOME", m_dir.filePath(QStringLiteral("client-home")).toLocal8Bit());
    QVERIFY(QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                    QFile::ReadOther | QFile::ExeOther));
    m_fixture = std::make_unique<DeployFixture>(m_dir.filePath(QStringLiteral("server")));
    QString error;
    QVERIFY2(m_fixture->setUp(&error), qPrintable(error));
    QVERIFY2(m_user.create(m_dir.path(), QStringLiteral("read-only pw"), &error), qPrintable(error)); // no sudo
    m_peer = std::make_unique<SshdPeer>();
    QVERIFY2(m_peer->setPasswordAuthentication(true, &error), qPrintable(error));
    QVERIFY2(m_peer->setRemotePathPrefix(m_fixture->binDir(), &error), qPrintable(error));
    QVERIFY2(m_peer->start(&error), qPrintable(error));
    Project& p = m_fixture->project;
    QVERIFY(p.setFromString(Key::SshPort, QString::number(m_peer->port())));
    QVERIFY(p.setFromString(Key::SshUser, m_user.name()));
    QVERIFY(p.setFromString(Key::SshKnownHostsFile, m_peer->knownHostsPath()));
}

void TestDeployReadOnly::cleanupTestCase()
{
    m_peer.reset();
    m_user.remove();
}

void TestDeployReadOnly::userWithoutSudo_targetsNotWritable_refusedWithWhatToDo_serverUntouched()
{
    const QString target = m_fixture->path(QStringLiteral("/etc/nginx/sites-available"));
    QVERIFY(QDir().mkpath(target));
    QCOMPARE(QFileInfo(target).owner(), QStringLiteral("root"));
    QCOMPARE(QFile::permissions(target) & (QFile::WriteGroup | QFile::WriteOther), QFile::Permissions());
    const QString before = m_fixture->treeSignature();
    m_fixture->clearCalls();

    SecretValues secrets = m_fixture->secrets();
    secrets.set(QStringLiteral("ssh.password"), m_user.password());
    secrets.set(QStringLiteral("sudo.password"), m_user.password()); // right password, but no sudo rights
    DeployConnection connection(m_fixture->project, secrets);
    QVERIFY(!connection.open(nullptr));
    QCOMPARE(connection.failure(), DeployConnection::Failure::Plan);
    const QString message = connection.errorString();
    // Who is refused where, why, and what to do about it.
    QVERIFY2(message.contains(QStringLiteral("sudo refused %1 on 127.0.0.1").arg(m_user.name())), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("may not run sudo")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("give %1 sudo rights").arg(m_user.name())), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("log in as root")), qPrintable(message));
    QVERIFY(!message.contains(m_user.password()));

    // The login user really cannot write there: the refusal is not just caution.
    QVERIFY(connection.host());
    const CommandResult touch =
        connection.host()->run(QStringLiteral("touch %1/probe").arg(SshRemoteHost::shellQuote(target)), {}, false);
    QVERIFY(touch.started);
    QVERIFY(touch.exitStatus != 0);
    QVERIFY2(touch.stdErr.contains("Permission denied"), touch.stdErr.constData());

    // Nothing reached the server: no file changed, no command of a service ran, nothing was staged.
    QCOMPARE(m_fixture->treeSignature(), before);
    QVERIFY2(m_fixture->calls().isEmpty(), qPrintable(m_fixture->calls().join(QLatin1Char('\n'))));
    QVERIFY(!QFileInfo::exists(m_user.home() + QStringLiteral("/.cache/saltant-deploy")));
}

QTEST_GUILESS_MAIN(TestDeployReadOnly)
#include "TestDeployReadOnly.moc"
#include "model/SettingKeys.h"
