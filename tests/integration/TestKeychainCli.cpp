#include "KeyringPeer.h"
#include "model/ProjectFile.h"
#include "model/Schema.h"
#include "secrets/SecretStore.h"

#include <QFileInfo>
#include <QTest>
#include <memory>
#include <sys/stat.h>

using namespace saltant;

// saltant-deploy-cli's `secret`, `settings` and `render --with-secrets` against a real Secret Service
// (gnome-keyring in its own dbus-run-session with a throw-away HOME). Every step runs the CLI as a new process,
// so what one stored, the next reads back from the keychain.
class TestKeychainCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void set_thenListInNewProcess_thenDelete();
    void set_fromPipe_readsOneLineAndStripsTheNewline_data();
    void set_fromPipe_readsOneLineAndStripsTheNewline();
    void set_onTerminal_promptsWithoutEcho();
    void set_emptyValue_isUsageError();
    void set_flowerPasswordWithComma_isUsageErrorWithTheReason();
    void unknownName_exits2ListingValidNames_data();
    void unknownName_exits2ListingValidNames();
    void badUsage_exits2();
    void settings_printsSecretStatesNeverValues();
    void lint_countsStoredSecretsAsTheWindowDoes();
    void render_withSecrets_fillsValuesIn0600Files();
    void secrets_areScopedByProjectId();

private:
    static int modeOf(const QString& path)
    {
        struct stat info
        {
        };
        return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
    }
    QString keyOf(const QString& name) const { return SecretStore::keyFor(QStringLiteral("example"), name); }
    std::unique_ptr<KeyringPeer> m_peer;
};

void TestKeychainCli::initTestCase()
{
    m_peer = std::make_unique<KeyringPeer>(KeyringPeer::Mode::UnlockedKeyring);
    QString error;
    QVERIFY2(m_peer->start(&error), qPrintable(error));
    QVERIFY2(QFileInfo::exists(KeyringPeer::cliPath()), qPrintable(KeyringPeer::cliPath()));
}

void TestKeychainCli::cleanupTestCase()
{
    m_peer.reset();
}

void TestKeychainCli::set_thenListInNewProcess_thenDelete()
{
    const KeyringPeer::Run set =
        m_peer->cli({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("sudo.password")},
                    "correct horse battery staple\n");
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    QCOMPARE(set.out, QByteArray("stored sudo.password\n"));
    QVERIFY(!set.out.contains("staple") && !set.err.contains("staple"));
    // Stored where QtKeychain puts it: service saltant-deploy, key <projectId>:<name>.
    QCOMPARE(m_peer->lookup(keyOf(QStringLiteral("sudo.password"))).out, QByteArray("correct horse battery staple"));

    const KeyringPeer::Run list = m_peer->cli({QStringLiteral("secret"), QStringLiteral("list")});
    QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
    const QList<QByteArray> lines = list.out.trimmed().split('\n');
    QCOMPARE(lines.size(), Schema::secrets().size());
    for (const QByteArray& line : lines) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        QCOMPARE(fields.size(), 2);
        QVERIFY2(Schema::secret(QString::fromUtf8(fields[0])), line.constData());
        QCOMPARE(fields[1], fields[0] == "sudo.password" ? QByteArray("set") : QByteArray("unset"));
    }
    QVERIFY(!list.out.contains("staple"));

    const KeyringPeer::Run removed =
        m_peer->cli({QStringLiteral("secret"), QStringLiteral("delete"), QStringLiteral("sudo.password")});
    QVERIFY2(removed.exitCode == 0, qPrintable(removed.describe()));
    QCOMPARE(removed.out, QByteArray("deleted sudo.password\n"));
    QCOMPARE(m_peer->lookup(keyOf(QStringLiteral("sudo.password"))).out, QByteArray());
    const KeyringPeer::Run after = m_peer->cli({QStringLiteral("secret"), QStringLiteral("list")});
    QVERIFY(after.out.contains("sudo.password        unset\n"));
    const KeyringPeer::Run again =
        m_peer->cli({QStringLiteral("secret"), QStringLiteral("delete"), QStringLiteral("sudo.password")});
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.out, QByteArray("sudo.password was not stored\n"));
}

void TestKeychainCli::set_fromPipe_readsOneLineAndStripsTheNewline_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("stored");
    QTest::newRow("newline") << QByteArray("p@ss word\n") << QByteArray("p@ss word");
    QTest::newRow("no newline") << QByteArray("no-eol") << QByteArray("no-eol");
    QTest::newRow("crlf") << QByteArray("dos\r\n") << QByteArray("dos");
    QTest::newRow("two lines") << QByteArray("first\nsecond\n") << QByteArray("first");
    QTest::newRow("utf-8") << QByteArray("gr\xc3\xbc\xc3\x9f dich\n") << QByteArray("gr\xc3\xbc\xc3\x9f dich");
    QTest::newRow("trailing spaces kept") << QByteArray("  padded  \n") << QByteArray("  padded  ");
}

void TestKeychainCli::set_fromPipe_readsOneLineAndStripsTheNewline()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, stored);
    const KeyringPeer::Run set =
        m_peer->cli({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("email.password")}, input);
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    QCOMPARE(m_peer->lookup(keyOf(QStringLiteral("email.password"))).out, stored);
}

void TestKeychainCli::set_onTerminal_promptsWithoutEcho()
{
    // script(1) gives the CLI a terminal. The value is typed only after the prompt, which the CLI prints once echo
    // is off, so an echo would show in the transcript.
    QProcess process;
    process.setProcessEnvironment(m_peer->environment());
    process.setWorkingDirectory(m_peer->tmpDir());
    const QString command = KeyringPeer::cliPath() + QStringLiteral(" secret set ssh.passphrase");
    process.start(QStringLiteral("script"), {QStringLiteral("-q"), QStringLiteral("-e"), QStringLiteral("-c"), command,
                                             QStringLiteral("/dev/null")});
    QVERIFY(process.waitForStarted());
    QByteArray transcript;
    while (!transcript.contains("(not shown): ")) {
        QVERIFY2(process.waitForReadyRead(30000), transcript.constData());
        transcript += process.readAll();
    }
    QVERIFY(transcript.contains("Value for ssh.passphrase (not shown): "));
    process.write("typed-on-a-tty\r");
    QVERIFY(process.waitForFinished(60000));
    transcript += process.readAll();
    QCOMPARE(process.exitCode(), 0);
    QVERIFY2(transcript.contains("stored ssh.passphrase"), transcript.constData());
    QVERIFY2(!transcript.contains("typed-on-a-tty"), transcript.constData());
    QCOMPARE(m_peer->lookup(keyOf(QStringLiteral("ssh.passphrase"))).out, QByteArray("typed-on-a-tty"));
}

void TestKeychainCli::set_emptyValue_isUsageError()
{
    const KeyringPeer::Run set =
        m_peer->cli({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("flower.password")}, "\n");
    QCOMPARE(set.exitCode, 2);
    QVERIFY2(set.err.contains("flower.password: The value is empty"), qPrintable(set.describe()));
    QCOMPARE(m_peer->lookup(keyOf(QStringLiteral("flower.password"))).out, QByteArray());
}

void TestKeychainCli::set_flowerPasswordWithComma_isUsageErrorWithTheReason()
{
    const KeyringPeer::Run set = m_peer->cli(
        {QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("flower.password")}, "flower,pass-word\n");
    QCOMPARE(set.exitCode, 2);
    QVERIFY2(set.err.contains("flower.password: The Flower password holds a comma"), qPrintable(set.describe()));
    QVERIFY(!set.err.contains("flower,pass-word"));
    QCOMPARE(m_peer->lookup(keyOf(QStringLiteral("flower.password"))).out, QByteArray());
}

void TestKeychainCli::unknownName_exits2ListingValidNames_data()
{
    QTest::addColumn<QString>("action");
    QTest::newRow("set") << QStringLiteral("set");
    QTest::newRow("delete") << QStringLiteral("delete");
}

void TestKeychainCli::unknownName_exits2ListingValidNames()
{
    QFETCH(QString, action);
    const KeyringPeer::Run run =
        m_peer->cli({QStringLiteral("secret"), action, QStringLiteral("sudo.pasword")}, "value\n");
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith("Unknown secret \"sudo.pasword\". Valid names: "), qPrintable(run.describe()));
    for (const SecretSpec& spec : Schema::secrets()) {
        QVERIFY2(run.err.contains(spec.name.toUtf8()), qPrintable(spec.name));
    }
}

void TestKeychainCli::badUsage_exits2()
{
    const QList<QStringList> calls = {{QStringLiteral("secret")},
                                      {QStringLiteral("secret"), QStringLiteral("frobnicate")},
                                      {QStringLiteral("secret"), QStringLiteral("set")},
                                      {QStringLiteral("secret"), QStringLiteral("list"), QStringLiteral("extra")}};
    for (const QStringList& args : calls) {
        const KeyringPeer::Run run = m_peer->cli(args);
        QVERIFY2(run.exitCode == 2, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + run.describe()));
        QVERIFY(run.err.contains("Usage: saltant-deploy-cli secret set NAME | list | delete NAME"));
    }
}

void TestKeychainCli::settings_printsSecretStatesNeverValues()
{
    QVERIFY(m_peer
                ->cli({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("rollbar.token")},
                      "rollbar-token-value\n")
                .exitCode == 0);
    QVERIFY(
        m_peer->cli({QStringLiteral("secret"), QStringLiteral("delete"), QStringLiteral("aws.secretKey")}).exitCode ==
        0);
    const KeyringPeer::Run settings = m_peer->cli({QStringLiteral("settings")});
    QVERIFY2(settings.exitCode == 0, qPrintable(settings.describe()));
    QVERIFY(settings.out.contains("\nsecret.rollbar.token=<set>\n"));
    QVERIFY(settings.out.contains("\nsecret.aws.secretKey=<unset>\n"));
    for (const SecretSpec& spec : Schema::secrets()) {
        QVERIFY2(settings.out.contains(QByteArray("\nsecret." + spec.name.toUtf8() + '=')), qPrintable(spec.name));
    }
    QVERIFY(!settings.out.contains("rollbar-token-value"));
    QVERIFY(settings.err.isEmpty());
}

// missing-secret names a secret only while it is not in the keychain (it listed every one before, reading none).
void TestKeychainCli::lint_countsStoredSecretsAsTheWindowDoes()
{
    QVERIFY(m_peer->cli({QStringLiteral("secret"), QStringLiteral("delete"), QStringLiteral("flower.password")})
                .exitCode == 0);
    KeyringPeer::Run lint = m_peer->cli({QStringLiteral("lint")});
    QVERIFY2(lint.err.isEmpty(), lint.err.constData());
    const auto missing = [](const KeyringPeer::Run& run, const char* name) {
        for (const QByteArray& line : run.out.split('\n')) {
            if (line.contains(" missing-secret ") && line.contains(name)) {
                return true;
            }
        }
        return false;
    };
    QVERIFY2(missing(lint, "flower.password"), lint.out.constData());
    QVERIFY(m_peer
                ->cli({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("flower.password")},
                      "Flower-Password-4-Lint\n")
                .exitCode == 0);
    lint = m_peer->cli({QStringLiteral("lint")});
    QVERIFY2(!missing(lint, "flower.password"), lint.out.constData());
    QVERIFY(!lint.out.contains("Flower-Password-4-Lint"));
}

void TestKeychainCli::render_withSecrets_fillsValuesIn0600Files()
{
    const QByteArray value = "RabbitValue4Render";
    QVERIFY(
        m_peer
            ->cli({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("rabbitmq.password")}, value + '\n')
            .exitCode == 0);
    const QString with = m_peer->tmpDir() + QStringLiteral("/render-with");
    const KeyringPeer::Run render =
        m_peer->cli({QStringLiteral("render"), QStringLiteral("--with-secrets"), QStringLiteral("--out"), with});
    QVERIFY2(render.exitCode == 0, qPrintable(render.describe()));
    const QStringList holding = KeyringPeer::filesContaining({with}, value);
    QVERIFY2(!holding.isEmpty(), "the RabbitMQ password reached no rendered file");
    for (const QString& path : holding) {
        QCOMPARE(modeOf(path), 0600);
    }
    QVERIFY(!render.out.contains(value));

    const QString without = m_peer->tmpDir() + QStringLiteral("/render-without");
    const KeyringPeer::Run plain = m_peer->cli({QStringLiteral("render"), QStringLiteral("--out"), without});
    QVERIFY2(plain.exitCode == 0, qPrintable(plain.describe()));
    QVERIFY(KeyringPeer::filesContaining({without}, value).isEmpty());
    QVERIFY(!KeyringPeer::filesContaining({without}, "<secret:rabbitmq.password>").isEmpty());
}

void TestKeychainCli::secrets_areScopedByProjectId()
{
    QString error;
    Project a = Project::example();
    a.setProjectId(ProjectFile::newProjectId());
    Project b = Project::example();
    b.setProjectId(ProjectFile::newProjectId());
    const QString fileA = m_peer->tmpDir() + QStringLiteral("/a.saltant.json");
    const QString fileB = m_peer->tmpDir() + QStringLiteral("/b.saltant.json");
    QVERIFY2(ProjectFile::save(fileA, a, &error), qPrintable(error));
    QVERIFY2(ProjectFile::save(fileB, b, &error), qPrintable(error));

    const KeyringPeer::Run set = m_peer->cli({QStringLiteral("secret"), QStringLiteral("set"),
                                              QStringLiteral("database.password"), QStringLiteral("--project"), fileA},
                                             "db-of-a\n");
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    QCOMPARE(m_peer->lookup(SecretStore::keyFor(a.projectId(), QStringLiteral("database.password"))).out,
             QByteArray("db-of-a"));
    const KeyringPeer::Run listA =
        m_peer->cli({QStringLiteral("secret"), QStringLiteral("list"), QStringLiteral("--project"), fileA});
    const KeyringPeer::Run listB =
        m_peer->cli({QStringLiteral("secret"), QStringLiteral("list"), QStringLiteral("--project"), fileB});
    QVERIFY(listA.out.contains("database.password    set\n"));
    QVERIFY(listB.out.contains("database.password    unset\n"));
}

QTEST_GUILESS_MAIN(TestKeychainCli)
#include "TestKeychainCli.moc"
