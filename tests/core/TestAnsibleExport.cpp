#include "GoldenFiles.h"
#include "export/AnsibleExport.h"
#include "export/AnsibleInventory.h"
#include "export/AnsiblePlaybook.h"
#include "export/AnsibleVault.h"
#include "export/AnsibleYaml.h"
#include "generate/Renderer.h"
#include "model/SettingKeys.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

// AnsibleExport on the worker fleet (a web server and two workers), with every secret set: the directory's parts,
// the exact bytes of every file (decrypting the encrypted ones with the real ansible-vault), no secret value in
// clear anywhere in it, values Ansible must take literally (ansible-inventory and ansible-playbook --syntax-check
// read them back), and each refusal. The playbook itself runs against a server in TestAnsibleExportPlaybook.
class TestAnsibleExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void export_writesInventoryPlaybookVaultAndEveryFile();
    void plainFiles_holdTheRenderedBytes();
    void secretFiles_encrypted_decryptToTheRenderedBytes();
    void vaultVariables_holdTheStdinSecretsLiterally();
    void noSecretValueInClearAnywhere();
    void playbook_everyStepOnce_secretsOnlyOnStdin();
    void playbook_passesAnsibleSyntaxCheck();
    void inventory_hostileValuesReadBackLiterally();
    void yaml_escapesEveryLineBreakAndControl();
    void missingSecret_refusedNamingIt();
    void secretAnsibleReadsAsData_refused();
    void badVaultPassword_refused();
    void missingAnsibleVault_saysInstallAnsibleCore();
    void foreignDirectory_refused_earlierExportReplaced();

private:
    static Project fleet();
    static SecretValues secrets();
    static QString password() { return QStringLiteral("vault-pass {{ x }} #:'\""); }
    static QByteArray read(const QString& path);
    // Runs an ansible program with the vault password on a pipe; exit code, output in *out.
    static int runAnsible(const QString& program, const QStringList& args, const QString& cwd, QByteArray* out);

    QTemporaryDir m_dir;
    QString m_out;
    AnsibleExportResult m_result;
};

Project TestAnsibleExport::fleet()
{
    return GoldenFiles::fleetProject();
}

SecretValues TestAnsibleExport::secrets()
{
    SecretValues s;
    s.set(QStringLiteral("django.secretKey"), QStringLiteral("django-SECRET-k3y-{{ lookup('pipe','id') }}"));
    s.set(QStringLiteral("django.apiToken"), QStringLiteral("api-TOKEN-abcdef0123456789"));
    s.set(QStringLiteral("email.password"), QStringLiteral("smtp-PASS-1234567890abc"));
    s.set(QStringLiteral("database.password"), QStringLiteral("db-PASS-o'ne \"two\" #3"));
    s.set(QStringLiteral("rabbitmq.password"), QStringLiteral("rabbit-PASS-{{ 7 * 7 }}-xyz"));
    s.set(QStringLiteral("flower.password"), QStringLiteral("flower-PASS-321abcdefgh"));
    s.set(QStringLiteral("aws.secretKey"), QStringLiteral("aws-SECRET/key+0123456789"));
    s.set(QStringLiteral("rollbar.token"), QStringLiteral("rollbar-TOKEN-0123456789"));
    s.set(QStringLiteral("sudo.password"), QStringLiteral("sudo-PASS-0123456789ab"));
    // The fleet's gpu-1 names HF_TOKEN in workers.secretEnv (its worker .env holds it).
    s.set(QStringLiteral("taskEnv.HF_TOKEN"), QStringLiteral("hf-TOKEN-0123456789abcdef"));
    return s;
}

QByteArray TestAnsibleExport::read(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

int TestAnsibleExport::runAnsible(const QString& program, const QStringList& args, const QString& cwd, QByteArray* out)
{
    QProcess process;
    process.setWorkingDirectory(cwd);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QString error;
    if (!AnsibleVault::start(&process, program, args, {}, password(), &error)) {
        *out = error.toUtf8();
        return -1;
    }
    process.closeWriteChannel();
    process.waitForFinished(120000);
    *out = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void TestAnsibleExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Ansible writes its local temporary files under HOME.
    qputenv("HOME", QFile::encodeName(m_dir.path()));
    m_out = m_dir.filePath(QStringLiteral("export"));
    m_result = AnsibleExport::write(fleet(), secrets(), password(), m_out);
    QVERIFY2(m_result.ok(), qPrintable(m_result.error));
}

void TestAnsibleExport::export_writesInventoryPlaybookVaultAndEveryFile()
{
    const QStringList top{QStringLiteral("vault.yml"), QStringLiteral("inventory.yml"), QStringLiteral("playbook.yml"),
                          QStringLiteral("ansible.cfg"), QStringLiteral("README.md")};
    for (const QString& name : top) {
        QVERIFY2(m_result.written.contains(name), qPrintable(name));
        QVERIFY2(QFileInfo(m_out + QLatin1Char('/') + name).isFile(), qPrintable(name));
    }
    const Project project = fleet();
    const QStringList hosts{QStringLiteral("saltant_web"), QStringLiteral("cpu-2"), QStringLiteral("gpu-1")};
    int files = 0;
    for (const QString& host : hosts) {
        const Project effective = host == QLatin1String("saltant_web") ? project : project.forWorker(host);
        const SecretValues s = secrets();
        const RenderResult rendered = Renderer::render(effective, &s);
        QVERIFY(rendered.ok());
        for (const GeneratedFile& file : AnsiblePlaybook::deployable(rendered)) {
            ++files;
            const QString relative = QStringLiteral("files/") + host + QLatin1Char('/') + file.id;
            QVERIFY2(m_result.written.contains(relative), qPrintable(relative));
        }
    }
    QCOMPARE(m_result.written.size(), files + top.size());
    const QString inventory = QString::fromUtf8(read(m_out + QStringLiteral("/inventory.yml")));
    QVERIFY(inventory.contains(QStringLiteral("    saltant_server:\n      hosts:\n        \"saltant_web\":\n")));
    QVERIFY2(inventory.contains(QStringLiteral("    saltant_workers:\n      hosts:\n        \"gpu-1\":\n")),
             qPrintable(inventory));
    QVERIFY(inventory.contains(QStringLiteral("\n        \"cpu-2\":\n")));
    const QString playbook = QString::fromUtf8(read(m_out + QStringLiteral("/playbook.yml")));
    for (const QString& host : hosts) {
        QVERIFY2(playbook.contains(QStringLiteral("\n  hosts: \"") + host + QStringLiteral("\"\n")), qPrintable(host));
    }
    const QString readme = QString::fromUtf8(read(m_out + QStringLiteral("/README.md")));
    QVERIFY(readme.contains(QStringLiteral("ansible-playbook -i inventory.yml playbook.yml --ask-vault-pass")));
}

void TestAnsibleExport::plainFiles_holdTheRenderedBytes()
{
    const SecretValues s = secrets();
    const RenderResult rendered = Renderer::render(fleet(), &s);
    int plain = 0;
    for (const GeneratedFile& file : AnsiblePlaybook::deployable(rendered)) {
        if (!file.holdsSecrets) {
            ++plain;
            QCOMPARE(read(m_out + QStringLiteral("/files/saltant_web/") + file.id), file.content.toUtf8());
        }
    }
    QVERIFY(plain >= 8);
}

void TestAnsibleExport::secretFiles_encrypted_decryptToTheRenderedBytes()
{
    const Project project = fleet();
    int encrypted = 0;
    for (const QString& host : {QStringLiteral("saltant_web"), QStringLiteral("gpu-1")}) {
        const SecretValues s = secrets();
        const RenderResult rendered =
            Renderer::render(host == QLatin1String("saltant_web") ? project : project.forWorker(host), &s);
        for (const GeneratedFile& file : AnsiblePlaybook::deployable(rendered)) {
            if (!file.holdsSecrets) {
                continue;
            }
            ++encrypted;
            const QString path = m_out + QStringLiteral("/files/") + host + QLatin1Char('/') + file.id;
            QVERIFY2(read(path).startsWith("$ANSIBLE_VAULT;1.1;AES256\n"), qPrintable(path));
            QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                     QFileDevice::Permissions());
            QByteArray plain;
            QCOMPARE(runAnsible(QStringLiteral("ansible-vault"),
                                {QStringLiteral("decrypt"), QStringLiteral("--output=-"), path}, m_out, &plain),
                     0);
            QCOMPARE(plain, file.content.toUtf8());
        }
    }
    QVERIFY(encrypted >= 3); // the web server's .env and flower.env, the worker's .env (and its log key)
}

void TestAnsibleExport::vaultVariables_holdTheStdinSecretsLiterally()
{
    QByteArray plain;
    QCOMPARE(runAnsible(QStringLiteral("ansible-vault"),
                        {QStringLiteral("decrypt"), QStringLiteral("--output=-"), QStringLiteral("vault.yml")}, m_out,
                        &plain),
             0);
    const QString vars = QString::fromUtf8(plain);
    QVERIFY2(vars.contains(QStringLiteral("saltant_secret_rabbitmq_password: !unsafe \"rabbit-PASS-{{ 7 * 7 }}-xyz\"")),
             qPrintable(vars));
    QVERIFY2(vars.contains(QStringLiteral("saltant_secret_database_password: !unsafe \"db-PASS-o'ne \\\"two\\\" #3\"")),
             qPrintable(vars));
}

void TestAnsibleExport::noSecretValueInClearAnywhere()
{
    const SecretValues s = secrets();
    QStringList values;
    for (const QString& name : s.names()) {
        values << s.value(name);
    }
    values << password();
    int scanned = 0;
    QDirIterator it(m_out, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QByteArray bytes = read(path);
        ++scanned;
        for (const QString& value : values) {
            QVERIFY2(!bytes.contains(value.toUtf8()), qPrintable(path + QStringLiteral(" holds a secret")));
        }
    }
    QCOMPARE(scanned, m_result.written.size());
}

void TestAnsibleExport::playbook_everyStepOnce_secretsOnlyOnStdin()
{
    const QString playbook = QString::fromUtf8(read(m_out + QStringLiteral("/playbook.yml")));
    const SecretValues s = secrets();
    const RenderResult rendered = Renderer::render(fleet(), &s);
    for (const DeployStep& step : rendered.steps) {
        if (step.phase == StepPhase::Files) {
            continue;
        }
        QVERIFY2(playbook.contains(AnsibleYaml::unsafe(step.command)), qPrintable(step.title));
        if (!step.stdinSecret.isEmpty()) {
            const QString stdinLine = QStringLiteral("stdin: \"{{ ") +
                                      AnsiblePlaybook::secretVariable(step.stdinSecret) + QStringLiteral(" }}\"");
            QVERIFY2(playbook.contains(AnsibleYaml::unsafe(step.command) + QStringLiteral("\n        ") + stdinLine),
                     qPrintable(step.title));
        }
    }
    QVERIFY(playbook.contains(QStringLiteral("      block:\n")));
    QVERIFY(playbook.contains(QStringLiteral("      rescue:\n")));
    QVERIFY(playbook.contains(QStringLiteral("  handlers:\n")));
    QVERIFY(playbook.contains(QStringLiteral("backup: true")));
}

void TestAnsibleExport::playbook_passesAnsibleSyntaxCheck()
{
    QByteArray out;
    const int code = runAnsible(QStringLiteral("ansible-playbook"),
                                {QStringLiteral("-i"), QStringLiteral("inventory.yml"),
                                 QStringLiteral("--syntax-check"), QStringLiteral("playbook.yml")},
                                m_out, &out);
    QVERIFY2(code == 0, out.constData());
    const int listed = runAnsible(QStringLiteral("ansible-playbook"),
                                  {QStringLiteral("-i"), QStringLiteral("inventory.yml"),
                                   QStringLiteral("--list-hosts"), QStringLiteral("playbook.yml")},
                                  m_out, &out);
    QVERIFY2(listed == 0, out.constData());
    for (const char* host : {"saltant_web", "cpu-2", "gpu-1"}) {
        QVERIFY2(out.contains(host), out.constData());
    }
}

void TestAnsibleExport::inventory_hostileValuesReadBackLiterally()
{
    Project project = fleet();
    const QString identity = QStringLiteral("/tmp/k e y's \"#: {{ lookup('pipe','id') }}/id_ed25519");
    const QString knownHosts = QStringLiteral("/tmp/known hosts's #: {{ 7 * 7 }}/known_hosts");
    QVERIFY(project.setFromString(Key::SshIdentityFile, identity));
    QVERIFY(project.setFromString(Key::SshKnownHostsFile, knownHosts));
    QVERIFY(project.setFromString(Key::SshUser, QStringLiteral("deploy")));
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("x"));
    const AnsibleExportResult result = AnsibleExport::write(project, secrets(), password(), out);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QByteArray json;
    const int code = runAnsible(
        QStringLiteral("ansible-inventory"),
        {QStringLiteral("-i"), QStringLiteral("inventory.yml"), QStringLiteral("--list"), QStringLiteral("--export")},
        out, &json);
    QVERIFY2(code == 0, json.constData());
    json = json.mid(json.indexOf('{'));
    const QJsonObject vars = QJsonDocument::fromJson(json)
                                 .object()
                                 .value(QStringLiteral("_meta"))
                                 .toObject()
                                 .value(QStringLiteral("hostvars"))
                                 .toObject()
                                 .value(QStringLiteral("saltant_web"))
                                 .toObject();
    // ansible-inventory --export shows a literal (!unsafe) value as {"__ansible_unsafe": VALUE}.
    const auto literal = [&vars](const char* name) {
        return vars.value(QLatin1String(name)).toObject().value(QStringLiteral("__ansible_unsafe")).toString();
    };
    QVERIFY(!vars.contains(QStringLiteral("ansible_ssh_private_key_file")));
    QCOMPARE(literal("ansible_user"), QStringLiteral("deploy"));
    QCOMPARE(vars.value(QStringLiteral("ansible_become")).toBool(), true);
    QCOMPARE(vars.value(QStringLiteral("ansible_port")).toInt(), fleet().integer(Key::SshPort));
    QCOMPARE(literal("ansible_ssh_common_args"), AnsibleInventory::sshArguments(identity, knownHosts));
    // What ssh makes of them after Ansible's shlex split: exactly the two paths.
    QProcess split;
    split.start(QStringLiteral("python3"),
                {QStringLiteral("-c"), QStringLiteral("import shlex, sys; print('\\0'.join(shlex.split(sys.argv[1])))"),
                 AnsibleInventory::sshArguments(identity, knownHosts)});
    QVERIFY(split.waitForFinished(30000));
    QStringList args = QString::fromUtf8(split.readAllStandardOutput()).chopped(1).split(QChar(0));
    QCOMPARE(args.size(), 6);
    QProcess ssh;
    ssh.start(QStringLiteral("ssh"), QStringList{QStringLiteral("-G")} + args + QStringList{QStringLiteral("host")});
    QVERIFY(ssh.waitForFinished(30000));
    const QString config = QString::fromUtf8(ssh.readAllStandardOutput());
    QVERIFY2(config.contains(QStringLiteral("\nidentityfile ") + identity + QLatin1Char('\n')), qPrintable(config));
    QVERIFY2(config.contains(QStringLiteral("\nuserknownhostsfile ") + knownHosts + QLatin1Char('\n')),
             qPrintable(config));
    QVERIFY(config.contains(QStringLiteral("\nstricthostkeychecking true\n")));
    // With a non-root user the play takes the sudo password from the vault.
    QVERIFY(QString::fromUtf8(read(out + QStringLiteral("/playbook.yml")))
                .contains(QStringLiteral("ansible_become_password: \"{{ saltant_secret_sudo_password }}\"")));
}

void TestAnsibleExport::yaml_escapesEveryLineBreakAndControl()
{
    QCOMPARE(AnsibleYaml::quoted(QStringLiteral("a\"b\\c\nd\te")), QStringLiteral("\"a\\\"b\\\\c\\nd\\te\""));
    QCOMPARE(AnsibleYaml::quoted(QString(QChar(0x2028)) + QChar(0x85) + QChar(0x1b) + QChar(0xfeff)),
             QStringLiteral("\"\\u2028\\u0085\\u001b\\ufeff\""));
    QCOMPARE(AnsibleYaml::unsafe(QStringLiteral("{{ x }}")), QStringLiteral("!unsafe \"{{ x }}\""));
    QCOMPARE(AnsibleYaml::plainLabel(QStringLiteral("a {{ b }} {% c %} {# d #}")), QStringLiteral("a  b   c   d "));
    QCOMPARE(AnsiblePlaybook::secretVariable(QStringLiteral("ansible.vaultPassword")),
             QStringLiteral("saltant_secret_ansible_vaultpassword"));
}

void TestAnsibleExport::missingSecret_refusedNamingIt()
{
    SecretValues s = secrets();
    s.set(QStringLiteral("rabbitmq.password"), QString());
    QTemporaryDir dir;
    const AnsibleExportResult result = AnsibleExport::write(fleet(), s, password(), dir.filePath(QStringLiteral("x")));
    QCOMPARE(result.failure, AnsibleExportResult::Failure::Secrets);
    QVERIFY2(result.error.contains(QStringLiteral("rabbitmq.password")), qPrintable(result.error));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("x"))));
}

void TestAnsibleExport::secretAnsibleReadsAsData_refused()
{
    SecretValues s = secrets();
    s.set(QStringLiteral("rabbitmq.password"), QStringLiteral("{'a':1}"));
    QTemporaryDir dir;
    const AnsibleExportResult result = AnsibleExport::write(fleet(), s, password(), dir.filePath(QStringLiteral("x")));
    QCOMPARE(result.failure, AnsibleExportResult::Failure::Secrets);
    QVERIFY2(result.error.contains(QStringLiteral("rabbitmq.password")), qPrintable(result.error));
}

void TestAnsibleExport::badVaultPassword_refused()
{
    QTemporaryDir dir;
    for (const QString& bad : {QString(), QStringLiteral(" padded"), QStringLiteral("two\nlines")}) {
        const AnsibleExportResult result =
            AnsibleExport::write(fleet(), secrets(), bad, dir.filePath(QStringLiteral("x")));
        QCOMPARE(result.failure, AnsibleExportResult::Failure::Vault);
        QVERIFY(!result.error.isEmpty());
    }
}

void TestAnsibleExport::missingAnsibleVault_saysInstallAnsibleCore()
{
    QTemporaryDir dir;
    const AnsibleExportResult result =
        AnsibleExport::write(fleet(), secrets(), password(), dir.filePath(QStringLiteral("x")),
                             QStringLiteral("ansible-vault-not-installed-here"));
    QCOMPARE(result.failure, AnsibleExportResult::Failure::Vault);
    QVERIFY2(result.error.contains(QStringLiteral("install ansible-core")), qPrintable(result.error));
}

void TestAnsibleExport::foreignDirectory_refused_earlierExportReplaced()
{
    QTemporaryDir dir;
    QFile foreign(dir.filePath(QStringLiteral("notes.txt")));
    QVERIFY(foreign.open(QIODevice::WriteOnly));
    foreign.close();
    AnsibleExportResult result = AnsibleExport::write(fleet(), secrets(), password(), dir.path());
    QCOMPARE(result.failure, AnsibleExportResult::Failure::Io);
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("notes.txt"))));
    result = AnsibleExport::write(fleet(), secrets(), password(), dir.path());
    QVERIFY2(result.ok(), qPrintable(result.error));
    // A stale file of an earlier export goes with files/.
    QFile stale(dir.filePath(QStringLiteral("files/saltant_web/stale")));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.close();
    result = AnsibleExport::write(fleet(), secrets(), password(), dir.path());
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("files/saltant_web/stale"))));
}

QTEST_GUILESS_MAIN(TestAnsibleExport)
#include "TestAnsibleExport.moc"
