// A whole deploy as a non-root login user whose privileged commands go through sudo -S, against a real sshd and the
// real sudo: the pretend server's files belong to root in a directory only root can enter, so only sudo can write
// them. Needs root (as CI runs it) to create a throw-away user and a sudoers.d drop-in, both removed after.
#include "DeployFixture.h"
#include "SshdPeer.h"
#include "ThrowawayUser.h"
#include "deploy/DeployConnection.h"
#include "deploy/DeployRunner.h"
#include "generate/Renderer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using namespace saltant;

class TestDeploySudo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    // In this order: the first leaves the server untouched, the second deploys to it.
    void wrongSudoPassword_clearError_serverUntouched();
    void deployAsSudoUser_filesOwnedByRoot_handlersRan_thenNothingToDo();

private:
    SecretValues secrets(const QString& sudoPassword) const;

    QTemporaryDir m_dir;   // the pretend server: mode 0700, root's own
    QTemporaryDir m_homes; // the user's home lives in here
    std::unique_ptr<DeployFixture> m_fixture;
    ThrowawayUser m_user; // declared before m_peer: the peer (and its sessions) go first
    std::unique_ptr<SshdPeer> m_peer;
};

void TestDeploySudo::initTestCase()
{
    qunsetenv("SSH_AUTH_SOCK");
    QVERIFY2(geteuid() == 0, "needs root to create a throw-away user with sudo rights (CI runs tests as root)");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("sudo")).isEmpty(),
             "sudo is missing: run scripts/install-deps.sh");
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid() && m_homes.isValid());
    // No ~/.ssh/config, default key or known_hosts of the real home directory.
    qputenv("HOME", m_dir.filePath(QStringLiteral("client-home")).toLocal8Bit());
    QVERIFY(QFile::setPermissions(m_homes.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                      QFile::ReadOther | QFile::ExeOther));
    m_fixture = std::make_unique<DeployFixture>(m_dir.filePath(QStringLiteral("server")));
    QString error;
    QVERIFY2(m_fixture->setUp(&error), qPrintable(error));
    QVERIFY2(m_user.create(m_homes.path(), QStringLiteral("login pw 'with' spaces"), &error), qPrintable(error));
    // sudo replaces PATH with secure_path: the recording tools come first only through the user's drop-in.
    QVERIFY2(m_user.allowSudo(&error, m_fixture->binDir() + QStringLiteral(":/usr/sbin:/usr/bin:/sbin:/bin")),
             qPrintable(error));
    m_peer = std::make_unique<SshdPeer>();
    QVERIFY2(m_peer->setPasswordAuthentication(true, &error), qPrintable(error));
    QVERIFY2(m_peer->start(&error), qPrintable(error));
    Project& p = m_fixture->project;
    QVERIFY(p.setFromString(Key::SshPort, QString::number(m_peer->port())));
    QVERIFY(p.setFromString(Key::SshUser, m_user.name()));
    QVERIFY(p.setFromString(Key::SshKnownHostsFile, m_peer->knownHostsPath()));
    // The user cannot even look at the server's files; root owns each of them.
    QCOMPARE(QFileInfo(m_fixture->path(QStringLiteral("/etc"))).owner(), QStringLiteral("root"));
    QVERIFY(QFile::permissions(m_dir.path()) == (QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                 QFile::ReadUser | QFile::WriteUser | QFile::ExeUser));
}

void TestDeploySudo::cleanupTestCase()
{
    m_peer.reset();
    m_user.remove();
}

SecretValues TestDeploySudo::secrets(const QString& sudoPassword) const
{
    SecretValues s = m_fixture->secrets();
    s.set(QStringLiteral("ssh.password"), m_user.password());
    s.set(QStringLiteral("sudo.password"), sudoPassword);
    return s;
}

void TestDeploySudo::wrongSudoPassword_clearError_serverUntouched()
{
    const QString before = m_fixture->treeSignature();
    m_fixture->clearCalls();
    DeployConnection connection(m_fixture->project, secrets(QStringLiteral("not the sudo password")));
    QVERIFY(!connection.open(nullptr));
    QCOMPARE(connection.failure(), DeployConnection::Failure::Plan);
    QVERIFY2(connection.errorString().contains(QStringLiteral("sudo rejected the password for %1 on 127.0.0.1: update "
                                                              "the sudo password in the keychain.")
                                                   .arg(m_user.name())),
             qPrintable(connection.errorString()));
    QVERIFY(!connection.errorString().contains(QStringLiteral("not the sudo password")));
    QCOMPARE(m_fixture->treeSignature(), before);
    QVERIFY2(m_fixture->calls().isEmpty(), qPrintable(m_fixture->calls().join(QLatin1Char('\n'))));
}

void TestDeploySudo::deployAsSudoUser_filesOwnedByRoot_handlersRan_thenNothingToDo()
{
    m_fixture->clearCalls();
    DeployConnection connection(m_fixture->project, secrets(m_user.password()));
    QVERIFY2(connection.open(nullptr), qPrintable(connection.errorString()));
    QCOMPARE(connection.host()->loginUser(), m_user.name());
    QVERIFY(!connection.host()->isRoot());
    const DeployReport report = DeployRunner::apply(*connection.host(), connection.plan(), connection.secrets());
    QString log;
    for (const DeployStepReport& step : report.steps) {
        log += DeployLog::formatStep(step);
    }
    QVERIFY2(report.outcome == DeployReport::Outcome::Deployed, qPrintable(report.message + QLatin1Char('\n') + log));

    const SecretValues values = connection.secrets();
    int files = 0;
    for (const GeneratedFile& file : Renderer::render(m_fixture->project, &values).files) {
        if (file.previewOnly) {
            continue;
        }
        ++files;
        QFile f(file.remotePath);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file.remotePath));
        QVERIFY2(f.readAll() == file.content.toUtf8(), qPrintable(file.remotePath));
        struct stat st = {};
        QCOMPARE(::lstat(QFile::encodeName(file.remotePath).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 07777), file.mode);
        const QFileInfo info(file.remotePath);
        QCOMPARE(info.owner(), file.owner);
        QCOMPARE(info.group(), file.group);
        QCOMPARE(file.owner, QStringLiteral("root")); // the fixture's owners are the test's user
        for (const QString& link : file.symlinks) {
            QCOMPARE(QFileInfo(link).symLinkTarget(), file.remotePath);
        }
    }
    QCOMPARE(report.uploaded, files);

    // The recording tools ran as root through sudo (secure_path), with their standard input intact after the
    // password line sudo read.
    const QStringList systemctl = m_fixture->callsOf(QStringLiteral("systemctl"));
    for (const char* call : {"systemctl daemon-reload", "systemctl restart emperor.uwsgi.service",
                             "systemctl reload-or-restart nginx.service", "systemctl restart rabbitmq-server.service",
                             "systemctl restart flower.service"}) {
        QVERIFY2(systemctl.count(QString::fromLatin1(call)) == 1, qPrintable(systemctl.join(QLatin1Char('\n'))));
    }
    QCOMPARE(m_fixture->callsOf(QStringLiteral("nginx")), QStringList{QStringLiteral("nginx -t")});
    QVERIFY2(m_fixture->callsOf(QStringLiteral("rabbitmqctl"))
                 .contains(QStringLiteral("rabbitmqctl add_user AzureDiamond <stdin:16 bytes>")),
             qPrintable(m_fixture->callsOf(QStringLiteral("rabbitmqctl")).join(QLatin1Char('\n'))));
    QVERIFY(QFileInfo(m_fixture->logPath()).owner() == QStringLiteral("root"));
    QVERIFY(!m_fixture->calls().join(QLatin1Char('\n')).contains(m_user.password()));

    // The uploads went through the user's own staging directory and were cleared from it.
    const QString staging = connection.host()->stagingDirectory();
    QCOMPARE(staging, QDir(m_user.home()).canonicalPath() + QStringLiteral("/.cache/saltant-deploy"));
    QCOMPARE(QFileInfo(staging).owner(), m_user.name());
    QVERIFY(QDir(staging).entryList({QStringLiteral("*.saltant-stage")}, QDir::Files).isEmpty());

    // Read back through sudo: nothing left to do.
    m_fixture->clearCalls();
    DeployConnection again(m_fixture->project, secrets(m_user.password()));
    QVERIFY2(again.open(nullptr), qPrintable(again.errorString()));
    const DeployReport second = DeployRunner::apply(*again.host(), again.plan(), again.secrets());
    QCOMPARE(second.outcome, DeployReport::Outcome::NothingToDo);
    QVERIFY2(m_fixture->calls().isEmpty(), qPrintable(m_fixture->calls().join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestDeploySudo)
#include "TestDeploySudo.moc"
#include "model/SettingKeys.h"
