#include "KeyringPeer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace saltant;

// `saltant-deploy-cli export ansible DIR` in a session with an unlocked gnome-keyring: the secrets and the vault
// password come from the keychain (or the password from --vault-password-file), the directory holds no secret in
// clear, and the vault opens with that password.
class TestAnsibleExportCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void noVaultPassword_exitTwo_nothingWritten();
    void missingSecret_exitOne_namesIt();
    void passwordFile_thenKeychain_exportOpensWithIt();
    void secretTaskVariable_comesFromTheKeychain_neverInClear();

private:
    bool store(const QString& name, const QByteArray& value);
    QStringList values() const;

    std::unique_ptr<KeyringPeer> m_peer;
    QList<QPair<QString, QByteArray>> m_secrets{
        {QStringLiteral("django.secretKey"), "django-SECRET-k3y-0123456789abcdef"},
        {QStringLiteral("django.apiToken"), "api-TOKEN-0123456789abcdef"},
        {QStringLiteral("email.password"), "smtp-PASS-0123456789abcdef"},
        {QStringLiteral("database.password"), "db-PASS-0123456789abcdef"},
        {QStringLiteral("flower.password"), "flower-PASS-0123456789abcdef"},
        {QStringLiteral("sudo.password"), "sudo-PASS-0123456789abcdef"},
    };
};

void TestAnsibleExportCli::secretTaskVariable_comesFromTheKeychain_neverInClear()
{
    // A project with a worker host whose task variable TASK_TOKEN is a secret (workers.secretEnv).
    const QString project = m_peer->home() + QStringLiteral("/fleet.saltant.json");
    const QStringList at = {QStringLiteral("--project"), project};
    QCOMPARE(m_peer->cli({QStringLiteral("new"), project}).exitCode, 0);
    QCOMPARE(m_peer->cli(QStringList{QStringLiteral("worker"), QStringLiteral("add"), QStringLiteral("w1"),
                                     QStringLiteral("--host"), QStringLiteral("10.9.9.9")} +
                         at)
                 .exitCode,
             0);
    QCOMPARE(m_peer->cli(QStringList{QStringLiteral("set"), QStringLiteral("workers.secretEnv=TASK_TOKEN")} + at)
                 .exitCode,
             0);
    QList<QPair<QString, QByteArray>> secrets = m_secrets;
    secrets.append({QStringLiteral("taskEnv.TASK_TOKEN"), "task-TOKEN-0123456789abcdef"});
    for (const auto& [name, value] : secrets) {
        const KeyringPeer::Run set =
            m_peer->cli(QStringList{QStringLiteral("secret"), QStringLiteral("set"), name} + at, value + '\n');
        QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    }
    const QString dir = m_peer->tmpDir() + QStringLiteral("/fleet");
    const KeyringPeer::Run run =
        m_peer->cli(QStringList{QStringLiteral("export"), QStringLiteral("ansible"), dir,
                                QStringLiteral("--vault-password-file"), m_peer->home() + QStringLiteral("/vault-pass")} +
                    at);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains("task-TOKEN-0123456789abcdef"), qPrintable(file.fileName()));
        ++files;
    }
    QVERIFY(files > 5);
}

void TestAnsibleExportCli::initTestCase()
{
    m_peer = std::make_unique<KeyringPeer>(KeyringPeer::Mode::UnlockedKeyring);
    QString error;
    QVERIFY2(m_peer->start(&error), qPrintable(error));
    for (const auto& secret : m_secrets) {
        QVERIFY(store(secret.first, secret.second));
    }
}

void TestAnsibleExportCli::cleanupTestCase()
{
    m_peer.reset();
}

bool TestAnsibleExportCli::store(const QString& name, const QByteArray& value)
{
    const KeyringPeer::Run set = m_peer->cli({QStringLiteral("secret"), QStringLiteral("set"), name}, value + '\n');
    if (set.exitCode != 0) {
        qWarning("%s", qPrintable(set.describe()));
    }
    return set.exitCode == 0;
}

QStringList TestAnsibleExportCli::values() const
{
    QStringList out;
    for (const auto& secret : m_secrets) {
        out << QString::fromUtf8(secret.second);
    }
    return out;
}

void TestAnsibleExportCli::noVaultPassword_exitTwo_nothingWritten()
{
    const QString dir = m_peer->tmpDir() + QStringLiteral("/none");
    const KeyringPeer::Run run = m_peer->cli({QStringLiteral("export"), QStringLiteral("ansible"), dir});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("secret set ansible.vaultPassword"), qPrintable(run.describe()));
    QVERIFY(!QFileInfo::exists(dir));
}

void TestAnsibleExportCli::missingSecret_exitOne_namesIt()
{
    // rabbitmq.password is not stored yet.
    QFile passwordFile(m_peer->home() + QStringLiteral("/vault-pass"));
    QVERIFY(passwordFile.open(QIODevice::WriteOnly));
    passwordFile.write("from-a-file\n");
    passwordFile.close();
    const QString dir = m_peer->tmpDir() + QStringLiteral("/missing");
    const KeyringPeer::Run run = m_peer->cli({QStringLiteral("export"), QStringLiteral("ansible"), dir,
                                              QStringLiteral("--vault-password-file"), passwordFile.fileName()});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("rabbitmq.password") && run.err.contains("secret set"), qPrintable(run.describe()));
    QVERIFY(!QFileInfo::exists(dir));
}

void TestAnsibleExportCli::passwordFile_thenKeychain_exportOpensWithIt()
{
    m_secrets.append({QStringLiteral("rabbitmq.password"), "rabbit-PASS-0123456789abcdef"});
    QVERIFY(store(m_secrets.constLast().first, m_secrets.constLast().second));
    const QString fromFile = m_peer->tmpDir() + QStringLiteral("/from-file");
    KeyringPeer::Run run =
        m_peer->cli({QStringLiteral("export"), QStringLiteral("ansible"), fromFile,
                     QStringLiteral("--vault-password-file"), m_peer->home() + QStringLiteral("/vault-pass")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QFile::encodeName(fromFile + QStringLiteral("/playbook.yml\n"))), run.out.constData());
    QVERIFY(run.out.contains("ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass"));

    // The keychain's password: a second export, opened with it.
    QVERIFY(store(QStringLiteral("ansible.vaultPassword"), "keychain vault pass"));
    const QString fromKeychain = m_peer->tmpDir() + QStringLiteral("/from-keychain");
    run = m_peer->cli({QStringLiteral("export"), QStringLiteral("ansible"), fromKeychain});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QFile passwordFile(m_peer->home() + QStringLiteral("/keychain-pass"));
    QVERIFY(passwordFile.open(QIODevice::WriteOnly));
    passwordFile.write("keychain vault pass\n");
    passwordFile.close();
    const KeyringPeer::Run vault =
        m_peer->run(QStringLiteral("ansible-vault"),
                    {QStringLiteral("decrypt"), QStringLiteral("--vault-password-file"), passwordFile.fileName(),
                     QStringLiteral("--output=-"), fromKeychain + QStringLiteral("/vault.yml")});
    QVERIFY2(vault.exitCode == 0, qPrintable(vault.describe()));
    QVERIFY2(vault.out.contains("saltant_secret_rabbitmq_password: !unsafe \"rabbit-PASS-0123456789abcdef\"\n"),
             vault.out.constData());
    // The file's password does not open the keychain's export.
    const KeyringPeer::Run wrong = m_peer->run(
        QStringLiteral("ansible-vault"), {QStringLiteral("decrypt"), QStringLiteral("--vault-password-file"),
                                          m_peer->home() + QStringLiteral("/vault-pass"), QStringLiteral("--output=-"),
                                          fromKeychain + QStringLiteral("/vault.yml")});
    QVERIFY(wrong.exitCode != 0);

    for (const QString& value : values() + QStringList{QStringLiteral("keychain vault pass")}) {
        const QStringList hits = KeyringPeer::filesContaining({fromFile, fromKeychain}, value.toUtf8());
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char('\n'))));
    }
}

QTEST_GUILESS_MAIN(TestAnsibleExportCli)
#include "TestAnsibleExportCli.moc"
