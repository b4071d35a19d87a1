// SshRemoteHost against a real sshd (logged in as the test's user, root in CI): SFTP uploads, commands with input,
// exit status and output, the remote PATH of recording scripts, and connections cut in the middle.
#include "SshdPeer.h"
#include "StepGate.h"
#include "ssh/SshRemoteHost.h"
#include "ssh/SshSession.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <future>
#include <memory>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace saltant;

class TestSshRemoteHost : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void upload_roundTripsBinaryContentWithMode();
    void upload_restrictsModeOfExistingFileBeforeWriting();
    void upload_intoMissingDirectory_fails();
    void uploadAll_writesEveryFileInOneCommand();
    void uploadAll_failedFile_stopsCleanly_connectionStillUsable();
    void run_passesBinaryStdinThrough();
    void run_reportsExitStatusAndStderr();
    void run_quotesTheCommandLine();
    void run_privilegedAsRoot_needsNoSudo();
    void stagingDirectory_isPrivateUnderHome();
    void remotePathPrefix_putsRecordingScriptsFirst();
    void connectionKilledDuringCommand_returnsError();
    void connectionKilledDuringUpload_returnsError();
    void cancelDuringCommand_returnsCancelled();
    void commandTimeout_abandonsCommand();

private:
    SshTarget target() const;
    QString remotePath(const QString& name) const { return m_peer.directory() + QLatin1Char('/') + name; }

    SshdPeer m_peer;
    std::unique_ptr<SshSession> m_session;
    std::unique_ptr<SshRemoteHost> m_host;
};

SshTarget TestSshRemoteHost::target() const
{
    SshTarget target;
    target.host = m_peer.host();
    target.port = m_peer.port();
    target.user = m_peer.user();
    target.identityFile = m_peer.clientKeyPath();
    target.knownHostsFile = m_peer.knownHostsPath();
    target.globalKnownHostsFile = m_peer.directory() + QStringLiteral("/no-such-dir/ssh_known_hosts");
    target.useSshConfig = false;
    return target;
}

void TestSshRemoteHost::initTestCase()
{
    qunsetenv("SSH_AUTH_SOCK");
    QString error;
    QVERIFY2(m_peer.start(&error), qPrintable(error));
}

void TestSshRemoteHost::init()
{
    m_session = std::make_unique<SshSession>(target(), SshCredentials());
    QVERIFY2(m_session->open(), qPrintable(m_session->errorString()));
    m_host = std::make_unique<SshRemoteHost>(*m_session);
}

void TestSshRemoteHost::cleanup()
{
    m_host.reset();
    m_session.reset();
}

void TestSshRemoteHost::upload_roundTripsBinaryContentWithMode()
{
    QByteArray content;
    for (int byte = 0; byte < 256; ++byte) {
        content.append(char(byte));
    }
    for (int i = 0; i < 300 * 1024; ++i) {
        content.append(char(QRandomGenerator::global()->bounded(256)));
    }
    const QString path = remotePath(QStringLiteral("binary.bin"));
    QString error;
    QVERIFY2(m_host->upload(path, content, 0640, &error), qPrintable(error));

    QFile file(path); // the peer is on this machine: check the file itself
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(int(info.st_mode & 07777), 0640);

    QByteArray downloaded;
    bool exists = false;
    QVERIFY2(m_host->download(path, &downloaded, &exists, &error), qPrintable(error));
    QVERIFY(exists);
    QCOMPARE(downloaded, content);
    QVERIFY2(m_host->download(remotePath(QStringLiteral("absent")), &downloaded, &exists, &error), qPrintable(error));
    QVERIFY(!exists);

    // The same SFTP session serves the next upload; an empty file is a file too.
    QVERIFY2(m_host->upload(remotePath(QStringLiteral("empty")), QByteArray(), 0600, &error), qPrintable(error));
    QCOMPARE(QFileInfo(remotePath(QStringLiteral("empty"))).size(), 0);
}

void TestSshRemoteHost::upload_restrictsModeOfExistingFileBeforeWriting()
{
    const QString path = remotePath(QStringLiteral("secret.env"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("a long old content that is longer than the new one\n");
    file.close();
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0666) == 0);

    QString error;
    QVERIFY2(m_host->upload(path, QByteArray("SECRET=1\n"), 0600, &error), qPrintable(error));
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(int(info.st_mode & 07777), 0600);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("SECRET=1\n")); // truncated
}

void TestSshRemoteHost::upload_intoMissingDirectory_fails()
{
    QString error;
    QVERIFY(!m_host->upload(remotePath(QStringLiteral("no/such/dir/file")), QByteArray("x"), 0644, &error));
    QVERIFY2(error.contains(QLatin1String("does not exist")), qPrintable(error));
    QVERIFY(error.contains(QLatin1String("no/such/dir/file")));
    // The connection is still fine.
    QVERIFY2(m_host->upload(remotePath(QStringLiteral("after")), QByteArray("x"), 0644, &error), qPrintable(error));
}

void TestSshRemoteHost::uploadAll_writesEveryFileInOneCommand()
{
    QByteArray binary;
    for (int byte = 0; byte < 256; ++byte) {
        binary.append(char(byte));
    }
    for (int i = 0; i < 300 * 1024; ++i) {
        binary.append(char(QRandomGenerator::global()->bounded(256)));
    }
    // An existing file with wider permissions and a longer content: restricted and truncated.
    const QString existing = remotePath(QStringLiteral("all-existing.env"));
    QFile file(existing);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("a long old content that is longer than the new one\n");
    file.close();
    QVERIFY(::chmod(QFile::encodeName(existing).constData(), 0666) == 0);

    const QList<RemoteFile> files = {{remotePath(QStringLiteral("all-binary.bin")), binary, 0640},
                                     {existing, QByteArray("SECRET=1\n"), 0600},
                                     {remotePath(QStringLiteral("all-empty")), QByteArray(), 0600},
                                     {remotePath(QStringLiteral("all 'quoted' $name")), QByteArray("q\n"), 0600}};
    const RoundTrips before = m_session->roundTrips();
    int written = -1;
    QString error;
    QVERIFY2(m_host->uploadAll(files, &written, &error), qPrintable(error));
    QCOMPARE(written, int(files.size()));
    // One command, no SFTP.
    QCOMPARE(m_session->roundTrips().execChannels, before.execChannels + 1);
    QCOMPARE(m_session->roundTrips().sftpOperations, before.sftpOperations);
    for (const RemoteFile& f : files) {
        QFile remote(f.path);
        QVERIFY2(remote.open(QIODevice::ReadOnly), qPrintable(f.path));
        QCOMPARE(remote.readAll(), f.content);
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(f.path).constData(), &info), 0);
        QCOMPARE(int(info.st_mode & 07777), f.mode);
    }
}

void TestSshRemoteHost::uploadAll_failedFile_stopsCleanly_connectionStillUsable()
{
    const QList<RemoteFile> files = {{remotePath(QStringLiteral("first-ok")), QByteArray(100000, 'a'), 0600},
                                     {remotePath(QStringLiteral("no/such/dir/file")), QByteArray("x"), 0600},
                                     {remotePath(QStringLiteral("never")), QByteArray(200000, 'b'), 0600}};
    int written = -1;
    QString error;
    QVERIFY(!m_host->uploadAll(files, &written, &error));
    QCOMPARE(written, 1);
    QVERIFY2(error.contains(QLatin1String("no/such/dir/file")), qPrintable(error));
    QCOMPARE(QFileInfo(remotePath(QStringLiteral("first-ok"))).size(), 100000);
    QVERIFY(!QFileInfo::exists(remotePath(QStringLiteral("never"))));
    QCOMPARE(m_session->failure(), SshSession::Failure::None);
    // The connection is still fine.
    QVERIFY2(m_host->uploadAll({{remotePath(QStringLiteral("after-all")), QByteArray("x"), 0644}}, &written, &error),
             qPrintable(error));
    QCOMPARE(written, 1);
}

void TestSshRemoteHost::run_passesBinaryStdinThrough()
{
    QByteArray input;
    for (int i = 0; i < 200 * 1024; ++i) {
        input.append(char(QRandomGenerator::global()->bounded(256)));
    }
    input.append('\0');
    const CommandResult result = m_host->run(QStringLiteral("cat"), input, false);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.stdOut.size(), input.size());
    QCOMPARE(result.stdOut, input);
    QVERIFY(result.stdErr.isEmpty());

    // No input: standard input is closed at once (cat ends instead of waiting).
    const CommandResult empty = m_host->run(QStringLiteral("cat; echo done"), QByteArray(), false);
    QCOMPARE(empty.stdOut, QByteArray("done\n"));
}

void TestSshRemoteHost::run_reportsExitStatusAndStderr()
{
    const CommandResult result = m_host->run(QStringLiteral("echo out; echo err >&2; exit 3"), QByteArray(), false);
    QVERIFY(result.started);
    QVERIFY(result.error.isEmpty());
    QCOMPARE(result.exitStatus, 3);
    QVERIFY(!result.ok());
    QCOMPARE(result.stdOut, QByteArray("out\n"));
    QCOMPARE(result.stdErr, QByteArray("err\n"));

    const CommandResult missing = m_host->run(QStringLiteral("no-such-command-anywhere"), QByteArray(), false);
    QCOMPARE(missing.exitStatus, 127);
    QVERIFY(missing.stdErr.contains("not found"));
}

void TestSshRemoteHost::run_quotesTheCommandLine()
{
    const QString tricky = QStringLiteral("it's \"quoted\" $HOME `x` \\ ; & | *");
    const CommandResult result = m_host->run(QStringLiteral("printf '%s\\n' ") + SshRemoteHost::shellQuote(tricky) +
                                                 QStringLiteral(" && printf 'second line\\n'"),
                                             QByteArray(), false);
    QVERIFY2(result.ok(), qPrintable(result.error + QString::fromUtf8(result.stdErr)));
    QCOMPARE(QString::fromUtf8(result.stdOut), tricky + QStringLiteral("\nsecond line\n"));
    QCOMPARE(SshRemoteHost::shellQuote(QStringLiteral("a'b")), QStringLiteral("'a'\\''b'"));

    const CommandResult multiLine = m_host->run(QStringLiteral("x=1\nif [ \"$x\" = 1 ]; then echo yes; fi"));
    QCOMPARE(multiLine.stdOut, QByteArray("yes\n"));
}

void TestSshRemoteHost::run_privilegedAsRoot_needsNoSudo()
{
    QVERIFY2(geteuid() == 0, "the integration tests log in as root (run them as root, as CI does)");
    QVERIFY(m_host->isRoot());
    QCOMPARE(m_host->loginUser(), QStringLiteral("root"));
    const CommandResult result = m_host->run(QStringLiteral("id -u; cat"), QByteArray("input"), true);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.stdOut, QByteArray("0\ninput"));
}

void TestSshRemoteHost::stagingDirectory_isPrivateUnderHome()
{
    const QString staging = m_host->stagingDirectory();
    QCOMPARE(staging, QDir(m_peer.remoteHome()).canonicalPath() + QStringLiteral("/.cache/saltant-deploy"));
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(staging).constData(), &info), 0);
    QVERIFY(S_ISDIR(info.st_mode));
    QCOMPARE(int(info.st_mode & 07777), 0700);
    QString error;
    QVERIFY2(m_host->upload(staging + QStringLiteral("/staged"), QByteArray("x"), 0600, &error), qPrintable(error));
}

void TestSshRemoteHost::remotePathPrefix_putsRecordingScriptsFirst()
{
    const QString bin = remotePath(QStringLiteral("fake-bin"));
    QVERIFY(QDir().mkpath(bin));
    const QString record = remotePath(QStringLiteral("systemctl.calls"));
    QFile script(bin + QStringLiteral("/systemctl"));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\necho \"$*\" >> '" + record.toUtf8() + "'\n");
    script.close();
    QVERIFY(script.setPermissions(script.permissions() | QFile::ExeOwner));
    cleanup();
    QString error;
    QVERIFY2(m_peer.setRemotePathPrefix(bin, &error), qPrintable(error));
    init();

    const CommandResult result = m_host->run(QStringLiteral("systemctl restart nginx && systemctl daemon-reload"));
    QVERIFY2(result.ok(), qPrintable(result.error + QString::fromUtf8(result.stdErr)));
    QFile calls(record);
    QVERIFY(calls.open(QIODevice::ReadOnly));
    QCOMPARE(calls.readAll(), QByteArray("restart nginx\ndaemon-reload\n"));
    const CommandResult sh = m_host->run(QStringLiteral("command -v sh"));
    QCOMPARE(sh.stdOut, QByteArray("/usr/bin/sh\n")); // the rest of PATH is still there
}

void TestSshRemoteHost::connectionKilledDuringCommand_returnsError()
{
    StepGate gate(remotePath(QStringLiteral("gate")));
    gate.close();
    const QString command = gate.holdCommand(QStringLiteral("long command")) + QStringLiteral("; echo finished");
    SshRemoteHost* host = m_host.get();
    std::future<CommandResult> running =
        std::async(std::launch::async, [host, command]() { return host->run(command, QByteArray(), false); });
    QTRY_VERIFY_WITH_TIMEOUT(gate.isReached(), 30000);
    QVERIFY(m_peer.killSessionChildren() > 0);
    // Had it hung, this would wait until the held command gives up, which fails the checks below (it started).
    const CommandResult result = running.get();
    QVERIFY(!result.started);
    QVERIFY(result.stdOut.isEmpty());
    QVERIFY2(result.error.contains(QLatin1String("connection to 127.0.0.1 was lost")), qPrintable(result.error));
    QCOMPARE(m_session->failure(), SshSession::Failure::ConnectionFailed);

    // Everything afterwards fails at once instead of hanging; a new session works.
    const CommandResult after = m_host->run(QStringLiteral("true"), QByteArray(), false);
    QVERIFY(!after.started);
    QString error;
    QVERIFY(!m_host->upload(remotePath(QStringLiteral("after-kill")), QByteArray("x"), 0644, &error));
    QVERIFY(!error.isEmpty());
    cleanup();
    init();
    QVERIFY(m_host->run(QStringLiteral("true")).ok());
}

void TestSshRemoteHost::connectionKilledDuringUpload_returnsError()
{
    const QString path = remotePath(QStringLiteral("big.bin"));
    const qint64 size = 128 * 1024 * 1024;
    SshRemoteHost* host = m_host.get();
    std::future<QString> uploading = std::async(std::launch::async, [host, path, size]() {
        QString error;
        const bool uploaded = host->upload(path, QByteArray(size, 'x'), 0600, &error);
        return uploaded ? QStringLiteral("uploaded") : error;
    });
    // Once data arrives, freeze the server's side of the connection: the upload is now stuck half-way...
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() > 0, 30000);
    QVERIFY(m_peer.signalSessionChildren(SIGSTOP) > 0);
    QVERIFY2(QFileInfo(path).size() < size, "the upload finished before the connection could be cut");
    // ... and cut it.
    QVERIFY(m_peer.killSessionChildren() > 0);
    const QString error = uploading.get();
    QVERIFY2(error.contains(QLatin1String("connection to 127.0.0.1 was lost while writing")), qPrintable(error));
    QCOMPARE(m_session->failure(), SshSession::Failure::ConnectionFailed);
}

void TestSshRemoteHost::cancelDuringCommand_returnsCancelled()
{
    StepGate gate(remotePath(QStringLiteral("gate")));
    gate.close();
    const QString command = gate.holdCommand(QStringLiteral("cancelled command"));
    SshRemoteHost* host = m_host.get();
    std::future<CommandResult> running =
        std::async(std::launch::async, [host, command]() { return host->run(command, QByteArray(), false); });
    QTRY_VERIFY_WITH_TIMEOUT(gate.isReached(), 30000);
    m_session->cancel();
    const CommandResult result = running.get();
    QVERIFY(!result.started);
    QVERIFY2(result.error.startsWith(QLatin1String("Cancelled")), qPrintable(result.error));
    QVERIFY(!m_host->run(QStringLiteral("true")).started);
}

void TestSshRemoteHost::commandTimeout_abandonsCommand()
{
    cleanup();
    SshTarget impatient = target();
    impatient.commandTimeoutSeconds = 1;
    m_session = std::make_unique<SshSession>(impatient, SshCredentials());
    QVERIFY2(m_session->open(), qPrintable(m_session->errorString()));
    m_host = std::make_unique<SshRemoteHost>(*m_session);
    // Held until the end of the test (the gate opens when it goes), far beyond the 1 s the session waits.
    StepGate gate(remotePath(QStringLiteral("gate")));
    gate.close();
    const CommandResult result = m_host->run(gate.holdCommand(QStringLiteral("slow command")), QByteArray(), false);
    QVERIFY(!result.started);
    QVERIFY2(result.error.contains(QLatin1String("did not finish within 1 second")), qPrintable(result.error));
    QVERIFY(m_host->run(QStringLiteral("true"), QByteArray(), false).ok()); // the session itself is fine
}

QTEST_GUILESS_MAIN(TestSshRemoteHost)
#include "TestSshRemoteHost.moc"
