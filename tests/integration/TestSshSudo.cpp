// A non-root login user: password authentication and privileged commands through sudo -S, against a real sshd and
// the real sudo. Needs root (as CI runs it) to create a throw-away user and a sudoers.d drop-in, both removed after.
#include "SshdPeer.h"
#include "ThrowawayUser.h"
#include "ssh/SshRemoteHost.h"
#include "ssh/SshSession.h"

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

class TestSshSudo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void passwordLogin_rightPasswordAccepted_wrongOneNamed();
    void unprivilegedCommand_runsAsLoginUser();
    void privilegedCommand_rightSudoPassword_runsAsRootWithInput();
    void privilegedCommand_wrongSudoPassword_refusedAndNotRun();
    void privilegedCommand_noSudoPassword_saysWhatIsMissing();
    void stagingDirectory_inLoginUsersHome();
    void upload_whereTheUserMayNotWrite_permissionDenied();

private:
    SshTarget target() const;
    static SshCredentials credentials(const QString& password, const QString& sudoPassword);

    QTemporaryDir m_dir;
    ThrowawayUser m_user; // declared before m_peer: the peer (and its sessions) go first
    std::unique_ptr<SshdPeer> m_peer;
};

void TestSshSudo::initTestCase()
{
    qunsetenv("SSH_AUTH_SOCK");
    QVERIFY2(geteuid() == 0, "needs root to create a throw-away user with sudo rights (CI runs tests as root)");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("sudo")).isEmpty(),
             "sudo is missing: run scripts/install-deps.sh");
    QVERIFY(m_dir.isValid());
    // The user's home lives in here: let it through.
    QVERIFY(QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                    QFile::ReadOther | QFile::ExeOther));
    QString error;
    QVERIFY2(m_user.create(m_dir.path(), QStringLiteral("login pw 'with' spaces"), &error), qPrintable(error));
    QVERIFY2(m_user.allowSudo(&error), qPrintable(error));
    m_peer = std::make_unique<SshdPeer>();
    QVERIFY2(m_peer->setPasswordAuthentication(true, &error), qPrintable(error));
    QVERIFY2(m_peer->start(&error), qPrintable(error));
}

void TestSshSudo::cleanupTestCase()
{
    m_peer.reset();
    m_user.remove();
}

SshTarget TestSshSudo::target() const
{
    SshTarget target;
    target.host = m_peer->host();
    target.port = m_peer->port();
    target.user = m_user.name();
    target.knownHostsFile = m_peer->knownHostsPath();
    target.globalKnownHostsFile = m_dir.filePath(QStringLiteral("no-such-dir/ssh_known_hosts"));
    target.useSshConfig = false;
    return target;
}

SshCredentials TestSshSudo::credentials(const QString& password, const QString& sudoPassword)
{
    SshCredentials credentials;
    credentials.secret = [password, sudoPassword](const QString& name) {
        if (name == QLatin1String("ssh.password")) {
            return password;
        }
        return name == QLatin1String("sudo.password") ? sudoPassword : QString();
    };
    return credentials;
}

void TestSshSudo::passwordLogin_rightPasswordAccepted_wrongOneNamed()
{
    SshSession right(target(), credentials(m_user.password(), QString()));
    QVERIFY2(right.open(), qPrintable(right.errorString()));
    QCOMPARE(right.triedMethods(), QStringList{QStringLiteral("password")});

    SshSession wrong(target(), credentials(QStringLiteral("not the password"), QString()));
    QVERIFY(!wrong.open());
    QCOMPARE(wrong.failure(), SshSession::Failure::AuthenticationFailed);
    QVERIFY2(wrong.errorString().contains(QLatin1String("password (rejected by the server")),
             qPrintable(wrong.errorString()));
    QVERIFY(wrong.errorString().contains(m_user.name()));

    SshSession none(target(), credentials(QString(), QString()));
    QVERIFY(!none.open());
    QVERIFY2(none.errorString().contains(QLatin1String("password (none stored in the keychain)")),
             qPrintable(none.errorString()));
}

void TestSshSudo::unprivilegedCommand_runsAsLoginUser()
{
    SshSession session(target(), credentials(m_user.password(), QString()));
    QVERIFY2(session.open(), qPrintable(session.errorString()));
    SshRemoteHost host(session);
    QCOMPARE(host.loginUser(), m_user.name());
    QVERIFY(!host.isRoot());
    const CommandResult result = host.run(QStringLiteral("id -un"), QByteArray(), false);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.stdOut, m_user.name().toUtf8() + '\n');
}

void TestSshSudo::privilegedCommand_rightSudoPassword_runsAsRootWithInput()
{
    // The sudo password differs from nothing else here, but must never reach the command's input or output.
    SshSession session(target(), credentials(m_user.password(), m_user.password()));
    QVERIFY2(session.open(), qPrintable(session.errorString()));
    SshRemoteHost host(session);
    const CommandResult result = host.run(QStringLiteral("id -u; cat"), QByteArray("line one\nline two\n"), true);
    QVERIFY2(result.ok(), qPrintable(result.error + QString::fromUtf8(result.stdErr)));
    QCOMPARE(result.stdOut, QByteArray("0\nline one\nline two\n"));
    QVERIFY(!result.stdErr.contains(SshRemoteHost::sudoPromptMarker()));
    QVERIFY(!result.stdErr.contains(m_user.password().toUtf8()));

    // Exit status and stderr of the command itself come through sudo.
    const CommandResult failing = host.run(QStringLiteral("echo oops >&2; exit 4"), QByteArray(), true);
    QVERIFY(failing.started);
    QCOMPARE(failing.exitStatus, 4);
    QVERIFY(failing.stdErr.contains("oops"));
}

void TestSshSudo::privilegedCommand_wrongSudoPassword_refusedAndNotRun()
{
    SshSession session(target(), credentials(m_user.password(), QStringLiteral("wrong sudo password")));
    QVERIFY2(session.open(), qPrintable(session.errorString()));
    SshRemoteHost host(session);
    const QString marker = m_dir.filePath(QStringLiteral("ran-as-root"));
    const CommandResult result = host.run(QStringLiteral("touch '%1'").arg(marker), QByteArray(), true);
    QVERIFY(!result.started);
    QCOMPARE(result.error, QStringLiteral("sudo rejected the password for %1 on 127.0.0.1: update the sudo password "
                                          "in the keychain.")
                               .arg(m_user.name()));
    QVERIFY(!QFile::exists(marker));
}

void TestSshSudo::privilegedCommand_noSudoPassword_saysWhatIsMissing()
{
    SshSession session(target(), credentials(m_user.password(), QString()));
    QVERIFY2(session.open(), qPrintable(session.errorString()));
    SshRemoteHost host(session);
    const CommandResult result = host.run(QStringLiteral("true"), QByteArray(), true);
    QVERIFY(!result.started);
    QVERIFY2(result.error.contains(QLatin1String("asks %1 for a password, and none is stored").arg(m_user.name())),
             qPrintable(result.error));
}

void TestSshSudo::stagingDirectory_inLoginUsersHome()
{
    SshSession session(target(), credentials(m_user.password(), QString()));
    QVERIFY2(session.open(), qPrintable(session.errorString()));
    SshRemoteHost host(session);
    const QString staging = host.stagingDirectory();
    QCOMPARE(staging, QDir(m_user.home()).canonicalPath() + QStringLiteral("/.cache/saltant-deploy"));
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(staging).constData(), &info), 0);
    QCOMPARE(int(info.st_mode & 07777), 0700);
    QCOMPARE(QFileInfo(staging).owner(), m_user.name());
    QString error;
    QVERIFY2(host.upload(staging + QStringLiteral("/file"), QByteArray("x"), 0600, &error), qPrintable(error));
    QCOMPARE(QFileInfo(staging + QStringLiteral("/file")).owner(), m_user.name());
}

void TestSshSudo::upload_whereTheUserMayNotWrite_permissionDenied()
{
    SshSession session(target(), credentials(m_user.password(), QString()));
    QVERIFY2(session.open(), qPrintable(session.errorString()));
    SshRemoteHost host(session);
    const QString forbidden = m_peer->directory() + QStringLiteral("/not-yours");
    QString error;
    QVERIFY(!host.upload(forbidden, QByteArray("x"), 0644, &error));
    QVERIFY2(error.contains(QLatin1String("permission denied for %1").arg(m_user.name())), qPrintable(error));
    QVERIFY(!QFile::exists(forbidden));
}

QTEST_GUILESS_MAIN(TestSshSudo)
#include "TestSshSudo.moc"
