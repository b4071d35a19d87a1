// SshSession against a real sshd: host-key policy, authentication methods, ~/.ssh/config, network errors.
#include "SshdPeer.h"
#include "ssh/SshRemoteHost.h"
#include "ssh/SshSession.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace saltant;

class TestSshSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void knownHost_connectsAndRuns();
    void unknownHost_refusedUntilAccepted_thenKnown();
    void changedHostKey_refusedAndNothingRuns();
    void otherTypeHostKey_refused();
    void unauthorizedKey_failsNamingTriedMethods();
    void keyWithPassphrase_rightWrongMissing();
    void keyFileNotAKey_reportsKeyFile();
    void sshConfigAlias_resolvesHostPortUserIdentity();
    void sshAgent_authenticatesWithoutKeyFile();
    void closedPort_connectionRefused();
    void unresolvableHost_hostNotFound();
    void silentServer_timesOut();
    void cancelled_beforeConnecting();

private:
    SshTarget target(const SshdPeer& peer) const;
    static SshCredentials credentials(const QString& passphrase = QString(), const QString& password = QString());

    QTemporaryDir m_home;
    QByteArray m_originalHome;
    QByteArray m_originalAgent;
    std::unique_ptr<SshdPeer> m_peer;
};

void TestSshSession::initTestCase()
{
    QVERIFY(m_home.isValid());
    // ~/.ssh/config, known_hosts defaults and "~" expansion all follow HOME: point it at a throw-away directory.
    m_originalHome = qgetenv("HOME");
    m_originalAgent = qgetenv("SSH_AUTH_SOCK");
    qputenv("HOME", m_home.path().toUtf8());
    qunsetenv("SSH_AUTH_SOCK");
    m_peer = std::make_unique<SshdPeer>();
    QString error;
    QVERIFY2(m_peer->start(&error), qPrintable(error));
}

void TestSshSession::cleanupTestCase()
{
    m_peer.reset();
    qputenv("HOME", m_originalHome);
    if (!m_originalAgent.isEmpty()) {
        qputenv("SSH_AUTH_SOCK", m_originalAgent);
    }
}

SshTarget TestSshSession::target(const SshdPeer& peer) const
{
    SshTarget target;
    target.host = peer.host();
    target.port = peer.port();
    target.user = peer.user();
    target.identityFile = peer.clientKeyPath();
    target.knownHostsFile = peer.knownHostsPath();
    target.globalKnownHostsFile = m_home.filePath(QStringLiteral("no-such-dir/ssh_known_hosts"));
    target.connectTimeoutSeconds = 10;
    return target;
}

SshCredentials TestSshSession::credentials(const QString& passphrase, const QString& password)
{
    SshCredentials credentials;
    credentials.secret = [passphrase, password](const QString& name) {
        if (name == QLatin1String("ssh.passphrase")) {
            return passphrase;
        }
        return name == QLatin1String("ssh.password") ? password : QString();
    };
    return credentials;
}

void TestSshSession::knownHost_connectsAndRuns()
{
    const int descriptors = QDir(QStringLiteral("/proc/self/fd")).count();
    auto session = std::make_unique<SshSession>(target(*m_peer), credentials());
    QVERIFY2(session->open(), qPrintable(session->errorString()));
    QCOMPARE(session->hostKey().status, HostKeyCheck::Known);
    QCOMPARE(session->hostKey().fingerprint, m_peer->hostKeyFingerprint());
    QVERIFY(session->isAuthenticated());
    {
        SshRemoteHost host(*session);
        const CommandResult result = host.run(QStringLiteral("echo hello"), QByteArray(), false);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.stdOut, QByteArray("hello\n"));
        QString error;
        QVERIFY2(host.upload(m_peer->directory() + QStringLiteral("/hello"), "hello", 0644, &error), qPrintable(error));
    }
    session.reset();
    QCOMPARE(QDir(QStringLiteral("/proc/self/fd")).count(), descriptors); // socket and channels closed
}

void TestSshSession::unknownHost_refusedUntilAccepted_thenKnown()
{
    SshTarget unknown = target(*m_peer);
    unknown.knownHostsFile = m_home.filePath(QStringLiteral("fresh/.ssh/known_hosts")); // neither file nor dir yet

    SshSession first(unknown, credentials());
    QVERIFY2(first.connectToHost(), qPrintable(first.errorString()));
    QCOMPARE(first.hostKey().status, HostKeyCheck::Unknown);
    QCOMPARE(first.hostKey().fingerprint, m_peer->hostKeyFingerprint());
    QCOMPARE(first.hostKey().keyType, QStringLiteral("ssh-ed25519"));
    QVERIFY(first.hostKey().message.contains(m_peer->hostKeyFingerprint()));
    QVERIFY(!first.authenticate());
    QCOMPARE(first.failure(), SshSession::Failure::HostKeyUnknown);
    QVERIFY(!QFile::exists(unknown.knownHostsFile));

    SshSession refused(unknown, credentials());
    QVERIFY(!refused.open(false));
    QCOMPARE(refused.failure(), SshSession::Failure::HostKeyUnknown);

    SshSession accepting(unknown, credentials());
    QVERIFY(accepting.connectToHost());
    QString error;
    QVERIFY2(accepting.acceptHostKey(&error), qPrintable(error));
    QVERIFY2(accepting.authenticate(), qPrintable(accepting.errorString()));

    SshSession second(unknown, credentials());
    QVERIFY2(second.open(false), qPrintable(second.errorString()));
    QCOMPARE(second.hostKey().status, HostKeyCheck::Known);

    // OpenSSH finds the line libssh wrote.
    QProcess keygen;
    keygen.start(QStringLiteral("ssh-keygen"),
                 {QStringLiteral("-F"), QStringLiteral("[127.0.0.1]:%1").arg(m_peer->port()), QStringLiteral("-f"),
                  unknown.knownHostsFile});
    QVERIFY(keygen.waitForFinished(30000));
    QCOMPARE(keygen.exitCode(), 0);
    QVERIFY(keygen.readAllStandardOutput().contains("ssh-ed25519"));
}

void TestSshSession::changedHostKey_refusedAndNothingRuns()
{
    SshdPeer peer;
    QString error;
    QVERIFY2(peer.start(&error), qPrintable(error));
    const QString oldKnownHosts = m_home.filePath(QStringLiteral("changed_known_hosts"));
    QVERIFY(QFile::copy(peer.knownHostsPath(), oldKnownHosts));
    QVERIFY2(peer.rotateHostKey(QStringLiteral("ed25519"), &error), qPrintable(error));

    SshTarget stale = target(peer);
    stale.knownHostsFile = oldKnownHosts;
    SshSession session(stale, credentials());
    QVERIFY(!session.open(true)); // even "accept new keys" never accepts a changed one
    QCOMPARE(session.failure(), SshSession::Failure::HostKeyChanged);
    QCOMPARE(session.hostKey().status, HostKeyCheck::Changed);
    QCOMPARE(session.hostKey().fingerprint, peer.hostKeyFingerprint());
    QCOMPARE(session.hostKey().lines, QList<int>{1});
    QVERIFY2(session.errorString().contains(QLatin1String("host key changed")), qPrintable(session.errorString()));
    QVERIFY(session.errorString().contains(QLatin1String("intercepting")));
    QVERIFY(session.errorString().contains(QLatin1String("line 1")));
    QVERIFY(session.errorString().contains(peer.hostKeyFingerprint()));

    // Nothing can be sent: no authentication, no command.
    QVERIFY(!session.authenticate());
    SshRemoteHost host(session);
    const QString marker = peer.directory() + QStringLiteral("/must-not-exist");
    const CommandResult result = host.run(QStringLiteral("touch ") + marker, QByteArray(), false);
    QVERIFY(!result.started);
    QVERIFY(!result.error.isEmpty());
    QString uploadError;
    QVERIFY(!host.upload(marker, QByteArray("x"), 0644, &uploadError));
    QVERIFY(!QFile::exists(marker));
    QVERIFY2(!peer.log().contains(QLatin1String("Accepted publickey")), qPrintable(peer.log()));
    // The known_hosts file is left alone.
    QFile file(oldKnownHosts);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 1);
}

void TestSshSession::otherTypeHostKey_refused()
{
    // known_hosts holds an ECDSA key for the server, which only has an ed25519 one.
    const QString ecdsa = m_home.filePath(QStringLiteral("other_ecdsa"));
    QString error;
    QVERIFY2(SshdPeer::generateKey(ecdsa, QStringLiteral("ecdsa"), QString(), &error), qPrintable(error));
    QFile publicKey(ecdsa + QStringLiteral(".pub"));
    QVERIFY(publicKey.open(QIODevice::ReadOnly));
    const QList<QByteArray> parts = publicKey.readAll().split(' ');
    const QString knownHosts = m_home.filePath(QStringLiteral("other_known_hosts"));
    QFile file(knownHosts);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# a comment\n[127.0.0.1]:" + QByteArray::number(m_peer->port()) + ' ' + parts.at(0) + ' ' +
               parts.at(1) + '\n');
    file.close();

    SshTarget other = target(*m_peer);
    other.knownHostsFile = knownHosts;
    SshSession session(other, credentials());
    QVERIFY(!session.open(true));
    QCOMPARE(session.failure(), SshSession::Failure::HostKeyChanged);
    QCOMPARE(session.hostKey().status, HostKeyCheck::OtherType);
    QCOMPARE(session.hostKey().lines, QList<int>{2});
    QVERIFY2(session.errorString().contains(QLatin1String("another type")), qPrintable(session.errorString()));
    QVERIFY(!session.hostKey().canBeAccepted());
}

void TestSshSession::unauthorizedKey_failsNamingTriedMethods()
{
    const QString stranger = m_home.filePath(QStringLiteral("stranger_ed25519"));
    QString error;
    QVERIFY2(SshdPeer::generateKey(stranger, QStringLiteral("ed25519"), QString(), &error), qPrintable(error));
    SshTarget wrong = target(*m_peer);
    wrong.identityFile = stranger;
    SshSession session(wrong, credentials());
    QVERIFY(!session.open());
    QCOMPARE(session.failure(), SshSession::Failure::AuthenticationFailed);
    QCOMPARE(session.triedMethods(), QStringList{QStringLiteral("public key ") + stranger});
    QVERIFY2(session.errorString().contains(QLatin1String("not accepted by the server")),
             qPrintable(session.errorString()));
    QVERIFY(session.errorString().contains(stranger));
    QVERIFY(session.errorString().contains(QLatin1String("The server accepts: publickey.")));
}

void TestSshSession::keyWithPassphrase_rightWrongMissing()
{
    const QString locked = m_home.filePath(QStringLiteral("locked_ed25519"));
    QString error;
    QVERIFY2(SshdPeer::generateKey(locked, QStringLiteral("ed25519"), QStringLiteral("correct horse"), &error),
             qPrintable(error));
    QVERIFY2(m_peer->authorizeKey(locked + QStringLiteral(".pub"), &error), qPrintable(error));
    SshTarget withLockedKey = target(*m_peer);
    withLockedKey.identityFile = locked;

    SshSession right(withLockedKey, credentials(QStringLiteral("correct horse")));
    QVERIFY2(right.open(), qPrintable(right.errorString()));

    SshSession wrong(withLockedKey, credentials(QStringLiteral("battery staple")));
    QVERIFY(!wrong.open());
    QCOMPARE(wrong.failure(), SshSession::Failure::KeyFile);
    QVERIFY2(wrong.errorString().contains(QLatin1String("does not unlock")), qPrintable(wrong.errorString()));

    SshSession missing(withLockedKey, credentials());
    QVERIFY(!missing.open());
    QCOMPARE(missing.failure(), SshSession::Failure::KeyFile);
    QVERIFY2(missing.errorString().contains(QLatin1String("none is stored")), qPrintable(missing.errorString()));
}

void TestSshSession::keyFileNotAKey_reportsKeyFile()
{
    const QString garbage = m_home.filePath(QStringLiteral("garbage_key"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a key\n");
    file.close();
    SshTarget broken = target(*m_peer);
    broken.identityFile = garbage;
    SshSession session(broken, credentials());
    QVERIFY(!session.open());
    QCOMPARE(session.failure(), SshSession::Failure::KeyFile);
    QVERIFY2(session.errorString().contains(QLatin1String("is not a private key")), qPrintable(session.errorString()));

    broken.identityFile = m_home.path(); // a directory
    SshSession directory(broken, credentials());
    QVERIFY(!directory.open());
    QCOMPARE(directory.failure(), SshSession::Failure::KeyFile);
    QVERIFY(directory.errorString().contains(QLatin1String("cannot be read")));
}

void TestSshSession::sshConfigAlias_resolvesHostPortUserIdentity()
{
    QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral(".ssh"))));
    const QString aliasKey = m_home.filePath(QStringLiteral(".ssh/alias_key"));
    QFile::remove(aliasKey);
    QVERIFY(QFile::copy(m_peer->clientKeyPath(), aliasKey));
    QFile config(m_home.filePath(QStringLiteral(".ssh/config")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("Host saltant-alias\n"
                                "    HostName 127.0.0.1\n"
                                "    Port %1\n"
                                "    User %2\n"
                                "    IdentityFile ~/.ssh/alias_key\n")
                     .arg(m_peer->port())
                     .arg(m_peer->user())
                     .toUtf8());
    config.close();

    SshTarget alias = target(*m_peer);
    alias.host = QStringLiteral("saltant-alias");
    alias.port = 22;
    alias.user = QStringLiteral("ubuntu");
    alias.identityFile = QStringLiteral("~/.ssh/id_ed25519"); // the project default; absent here
    SshTarget resolved;
    QString error;
    QVERIFY2(alias.resolve(&resolved, &error), qPrintable(error));
    QCOMPARE(resolved.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(resolved.port, m_peer->port());
    QCOMPARE(resolved.user, m_peer->user());
    QCOMPARE(resolved.identityFile, aliasKey);

    SshSession session(alias, credentials());
    QVERIFY2(session.open(), qPrintable(session.errorString()));
    QCOMPARE(session.target().host, QStringLiteral("127.0.0.1"));

    // Without config files the alias means nothing.
    alias.useSshConfig = false;
    alias.connectTimeoutSeconds = 5;
    SshSession plain(alias, credentials());
    QVERIFY(!plain.open());
    QCOMPARE(plain.failure(), SshSession::Failure::HostNotFound);
    QFile::remove(config.fileName());
}

void TestSshSession::sshAgent_authenticatesWithoutKeyFile()
{
    const QString socket = m_home.filePath(QStringLiteral("agent.sock"));
    QProcess agent;
    agent.start(QStringLiteral("ssh-agent"), {QStringLiteral("-D"), QStringLiteral("-a"), socket});
    QVERIFY(agent.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(socket), 10000);
    QProcess add;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SSH_AUTH_SOCK"), socket);
    add.setProcessEnvironment(environment);
    add.start(QStringLiteral("ssh-add"), {m_peer->clientKeyPath()});
    QVERIFY(add.waitForFinished(30000));
    QCOMPARE(add.exitCode(), 0);

    qputenv("SSH_AUTH_SOCK", socket.toUtf8());
    SshTarget viaAgent = target(*m_peer);
    viaAgent.identityFile.clear();
    SshSession session(viaAgent, credentials());
    const bool opened = session.open();
    qunsetenv("SSH_AUTH_SOCK");
    agent.terminate();
    agent.waitForFinished(5000);
    QVERIFY2(opened, qPrintable(session.errorString()));
    QCOMPARE(session.triedMethods(), QStringList{QStringLiteral("ssh-agent")});
}

void TestSshSession::closedPort_connectionRefused()
{
    int port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    SshTarget closed = target(*m_peer);
    closed.port = port;
    SshSession session(closed, credentials());
    QVERIFY(!session.open());
    QCOMPARE(session.failure(), SshSession::Failure::ConnectionRefused);
    QVERIFY2(session.errorString().contains(QLatin1String("refused the connection")),
             qPrintable(session.errorString()));
}

void TestSshSession::unresolvableHost_hostNotFound()
{
    SshTarget nowhere = target(*m_peer);
    nowhere.host = QStringLiteral("no-such-host.invalid"); // RFC 2606: never resolves
    SshSession session(nowhere, credentials());
    QVERIFY(!session.open());
    QCOMPARE(session.failure(), SshSession::Failure::HostNotFound);
    QVERIFY2(session.errorString().contains(QLatin1String("could not be resolved")), qPrintable(session.errorString()));
}

void TestSshSession::silentServer_timesOut()
{
    // Accepts TCP connections (the kernel completes them) but never says a word of SSH.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    SshTarget mute = target(*m_peer);
    mute.port = silent.serverPort();
    mute.connectTimeoutSeconds = 1;
    const int descriptors = QDir(QStringLiteral("/proc/self/fd")).count();
    SshSession session(mute, credentials());
    QVERIFY(!session.open());
    QCOMPARE(session.failure(), SshSession::Failure::TimedOut);
    QCOMPARE(QDir(QStringLiteral("/proc/self/fd")).count(), descriptors); // the socket was closed
    QVERIFY2(session.errorString().contains(QLatin1String("no SSH greeting")), qPrintable(session.errorString()));
}

void TestSshSession::cancelled_beforeConnecting()
{
    SshSession session(target(*m_peer), credentials());
    session.cancel();
    QVERIFY(!session.open());
    QCOMPARE(session.failure(), SshSession::Failure::Cancelled);
    QVERIFY(!session.isConnected());
}

QTEST_GUILESS_MAIN(TestSshSession)
#include "TestSshSession.moc"
