#include "KeyringPeer.h"
#include "model/Schema.h"
#include "secrets/SecretStore.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>
#include <memory>

using namespace saltant;

// Secrets stored in the keychain leak nowhere: with every secret set to a distinctive random value, the CLI's
// settings, render (without --with-secrets), lint and a saved project leave no file in HOME, the XDG dirs, the
// project dir or TMPDIR holding any value, and no value shows in their output or in `secret set`'s command line.
class TestSecretLeak : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void search_findsAPlantedValue();
    void secretSet_keepsTheValueOutOfCommandLineAndEnvironment();
    void everyCommand_leavesNoValueOnDisk();

private:
    QStringList roots() const { return {m_peer->home(), m_peer->tmpDir(), m_peer->runtimeDir(), m_projectDir}; }
    QStringList hits() const;

    std::unique_ptr<KeyringPeer> m_peer;
    QString m_projectDir;
    QHash<QString, QByteArray> m_values; // secret name -> value
};

void TestSecretLeak::initTestCase()
{
    m_peer = std::make_unique<KeyringPeer>(KeyringPeer::Mode::UnlockedKeyring);
    QString error;
    QVERIFY2(m_peer->start(&error), qPrintable(error));
    m_projectDir = m_peer->root() + QStringLiteral("/project");
    QVERIFY(QDir().mkpath(m_projectDir));
    // Letters and digits only: any encoding a generator could apply (URL, quoting) leaves them as they are.
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (const SecretSpec& spec : Schema::secrets()) {
        QByteArray value = "Leak";
        for (int i = 0; i < 24; ++i) {
            value += alphabet[QRandomGenerator::global()->bounded(int(sizeof(alphabet) - 1))];
        }
        m_values.insert(spec.name, value);
    }
}

void TestSecretLeak::cleanupTestCase()
{
    m_peer.reset();
}

QStringList TestSecretLeak::hits() const
{
    QStringList found;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        for (const QString& path : KeyringPeer::filesContaining(roots(), it.value())) {
            found << it.key() + QStringLiteral(" in ") + path;
        }
    }
    return found;
}

void TestSecretLeak::search_findsAPlantedValue()
{
    const QString dir = m_peer->home() + QStringLiteral("/.config/hidden-planted");
    QVERIFY(QDir().mkpath(dir));
    QFile planted(dir + QStringLiteral("/.planted"));
    QVERIFY(planted.open(QIODevice::WriteOnly));
    planted.write("prefix " + m_values.value(QStringLiteral("sudo.password")) + " suffix");
    planted.close();
    QCOMPARE(hits(), QStringList{QStringLiteral("sudo.password in ") + planted.fileName()});
    QVERIFY(QDir(dir).removeRecursively());
    QCOMPARE(hits(), QStringList());
}

void TestSecretLeak::secretSet_keepsTheValueOutOfCommandLineAndEnvironment()
{
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        QProcess process;
        process.setProcessEnvironment(m_peer->environment());
        process.setWorkingDirectory(m_projectDir);
        process.start(KeyringPeer::cliPath(), {QStringLiteral("secret"), QStringLiteral("set"), it.key()});
        QVERIFY(process.waitForStarted());
        // The CLI waits for its value on stdin: look at it while it runs (once exec has replaced the fork's
        // command line, which may lag waitForStarted() by a moment).
        const QString proc = QStringLiteral("/proc/%1/").arg(process.processId());
        const auto commandLine = [&proc]() {
            QFile file(proc + QStringLiteral("cmdline"));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QTRY_VERIFY2(commandLine().contains(it.key().toUtf8()), commandLine().constData());
        QVERIFY(commandLine().contains("saltant-deploy-cli"));
        QVERIFY(!commandLine().contains(it.value()));
        QFile environ(proc + QStringLiteral("environ"));
        QVERIFY(environ.open(QIODevice::ReadOnly));
        const QByteArray env = environ.readAll();
        QVERIFY(env.contains("HOME="));
        QVERIFY(!env.contains(it.value()));
        process.write(it.value() + '\n');
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
        QVERIFY(!output.contains(it.value()));
        QCOMPARE(m_peer->lookup(SecretStore::keyFor(QStringLiteral("example"), it.key())).out, it.value());
    }
}

void TestSecretLeak::everyCommand_leavesNoValueOnDisk()
{
    const QString project = m_projectDir + QStringLiteral("/site.saltant.json");
    const QList<QStringList> commands = {
        {QStringLiteral("new"), project},
        {QStringLiteral("settings")},
        {QStringLiteral("settings"), QStringLiteral("--project"), project},
        {QStringLiteral("render"), QStringLiteral("--out"), m_projectDir + QStringLiteral("/out")},
        {QStringLiteral("render"), QStringLiteral("--project"), project, QStringLiteral("--out"),
         m_peer->tmpDir() + QStringLiteral("/out")},
        {QStringLiteral("lint")},
        {QStringLiteral("lint"), QStringLiteral("--project"), project},
        {QStringLiteral("secret"), QStringLiteral("list")},
    };
    for (const QStringList& args : commands) {
        const KeyringPeer::Run run = m_peer->cli(args);
        const QString what = args.join(QLatin1Char(' ')) + QStringLiteral(": ") + run.describe();
        // lint exits 1 when it finds problems; anything else is a failure of the command itself.
        QVERIFY2(run.finished && (run.exitCode == 0 || (args[0] == QLatin1String("lint") && run.exitCode == 1)),
                 qPrintable(what));
        for (const QByteArray& value : std::as_const(m_values)) {
            QVERIFY2(!run.out.contains(value) && !run.err.contains(value), qPrintable(what));
        }
    }
    // The commands did what they say, so the search below looked at real output.
    QVERIFY(QFile::exists(project));
    QVERIFY(!KeyringPeer::filesContaining({m_projectDir + QStringLiteral("/out")}, "<secret:").isEmpty());
    const KeyringPeer::Run settings = m_peer->cli({QStringLiteral("settings")});
    QVERIFY(settings.out.contains("\nsecret.sudo.password=<set>\n"));

    const QStringList found = hits();
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestSecretLeak)
#include "TestSecretLeak.moc"
