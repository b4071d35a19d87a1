#include "KeyringPeer.h"
#include "SshdRig.h"
#include "model/ProjectFile.h"
#include "secrets/SecretStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace saltant;

namespace {

QMap<QString, QByteArray> filesBelow(const QString& root)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(root, QDir::Files | QDir::System | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        const QString link = QFileInfo(path).isSymLink() ? QFile::symLinkTarget(path) : QString();
        file.open(QIODevice::ReadOnly);
        files.insert(path.mid(root.size()), link.isEmpty() ? file.readAll() : ("-> " + link.toUtf8()));
    }
    return files;
}

} // namespace

// saltant-deploy-cli import, as an admin runs it: from a directory of a server's files and over SSH, with a real
// keychain (gnome-keyring) receiving the secrets and a real sshd for the SSH side.
class TestImportCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void fromDir_guideServer_projectWithoutSecretsAndSecretsInTheKeychain();
    void fromDir_renderImportRender_isByteIdentical();
    void fromDir_existingOut_needsForce();
    void badUsage_exits2();
    void overSsh_unknownHostKey_isRefusedWithoutAcceptNewHostKey();
    void overSsh_serverWithoutSaltant_saysSoAndWritesNothing();

private:
    KeyringPeer::Run cli(const QStringList& args) const { return m_peer->cli(args); }

    std::unique_ptr<KeyringPeer> m_peer;
    QTemporaryDir m_dir;
    const QString m_guide = QStringLiteral(SALTANT_SOURCE_DIR "/tests/data/import/guide-server");
};

void TestImportCli::initTestCase()
{
    m_peer = std::make_unique<KeyringPeer>(KeyringPeer::Mode::UnlockedKeyring);
    QString error;
    QVERIFY2(m_peer->start(&error), qPrintable(error));
}

void TestImportCli::cleanupTestCase()
{
    m_peer.reset();
}

void TestImportCli::fromDir_guideServer_projectWithoutSecretsAndSecretsInTheKeychain()
{
    const QString out = m_dir.filePath(QStringLiteral("guide.saltant.json"));
    const KeyringPeer::Run run =
        cli({QStringLiteral("import"), QStringLiteral("--from-dir"), m_guide, QStringLiteral("--out"), out});
    // Partial (values the project cannot hold): exit 1, the project written all the same.
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.out.contains("[flower-password-on-command-line]"), run.out.constData());
    QVERIFY2(run.out.contains("/etc/nginx/sites-available/saltant_nginx.conf:21: location ~* /rabbitmq/api/"),
             run.out.constData());
    QVERIFY(!run.out.contains("hunter2") && !run.err.contains("hunter2"));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray json = file.readAll();
    QVERIFY(!json.contains("hunter2"));
    QVERIFY(!json.contains("johnsmithspassword"));
    Project project;
    QString error;
    QVERIFY2(ProjectFile::load(out, &project, &error), qPrintable(error));
    QCOMPARE(project.text(Key::UwsgiSocketPath), QStringLiteral("/tmp/saltant.sock"));
    // The secrets are in the keychain under the new project's id, as `secret set` stores them.
    const QString key = SecretStore::keyFor(project.projectId(), QStringLiteral("rabbitmq.password"));
    QCOMPARE(m_peer->lookup(key).out, QByteArray("hunter2"));
    QCOMPARE(m_peer->lookup(SecretStore::keyFor(project.projectId(), QStringLiteral("database.password"))).out,
             QByteArray("johnsmithspassword"));
    // The plan's lint names the guide's socket in /tmp in the imported project.
    const KeyringPeer::Run lint = cli({QStringLiteral("lint"), QStringLiteral("--project"), out});
    QVERIFY2(lint.out.contains("uwsgi-socket-in-tmp"), qPrintable(lint.describe() + QString::fromUtf8(lint.out)));
}

// The round trip through the CLI: render -> import --from-dir -> render gives the same bytes, links included.
void TestImportCli::fromDir_renderImportRender_isByteIdentical()
{
    const QString first = m_dir.filePath(QStringLiteral("first.saltant.json"));
    QCOMPARE(cli({QStringLiteral("new"), first}).exitCode, 0);
    const QString tree = m_dir.filePath(QStringLiteral("tree"));
    const KeyringPeer::Run render1 =
        cli({QStringLiteral("render"), QStringLiteral("--project"), first, QStringLiteral("--out"), tree});
    QVERIFY2(render1.exitCode == 0, qPrintable(render1.describe()));
    QVERIFY2(render1.out.contains("/etc/nginx/sites-enabled/saltant_nginx.conf -> /etc/nginx/sites-available/"),
             render1.out.constData());

    const QString second = m_dir.filePath(QStringLiteral("second.saltant.json"));
    const KeyringPeer::Run import =
        cli({QStringLiteral("import"), QStringLiteral("--from-dir"), tree, QStringLiteral("--out"), second});
    QVERIFY2(import.exitCode == 0, qPrintable(import.describe() + QString::fromUtf8(import.out)));
    // Rendered without secrets: the placeholders are not taken for secrets.
    QVERIFY2(import.out.contains("Stored 0 secret"), import.out.constData());
    const QString again = m_dir.filePath(QStringLiteral("again"));
    const KeyringPeer::Run render2 =
        cli({QStringLiteral("render"), QStringLiteral("--project"), second, QStringLiteral("--out"), again});
    QVERIFY2(render2.exitCode == 0, qPrintable(render2.describe()));
    const QMap<QString, QByteArray> a = filesBelow(tree);
    const QMap<QString, QByteArray> b = filesBelow(again);
    QCOMPARE(b.keys(), a.keys());
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        QVERIFY2(b.value(it.key()) == it.value(), qPrintable(it.key()));
    }
}

void TestImportCli::fromDir_existingOut_needsForce()
{
    const QString out = m_dir.filePath(QStringLiteral("exists.saltant.json"));
    QFile file(out);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{}");
    file.close();
    const KeyringPeer::Run run =
        cli({QStringLiteral("import"), QStringLiteral("--from-dir"), m_guide, QStringLiteral("--out"), out});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--force"), run.err.constData());
    QFile again(out);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), QByteArray("{}"));
}

void TestImportCli::badUsage_exits2()
{
    const QString out = m_dir.filePath(QStringLiteral("bad.saltant.json"));
    QCOMPARE(cli({QStringLiteral("import"), QStringLiteral("--from-dir"), m_guide}).exitCode, 2);
    const KeyringPeer::Run url =
        cli({QStringLiteral("import"), QStringLiteral("ftp://x@y"), QStringLiteral("--out"), out});
    QCOMPARE(url.exitCode, 2);
    QVERIFY2(url.err.contains("ssh://USER@HOST"), url.err.constData());
    const KeyringPeer::Run hostile =
        cli({QStringLiteral("import"), QStringLiteral("ssh://root@x;touch /tmp/pwned"), QStringLiteral("--out"), out});
    QCOMPARE(hostile.exitCode, 2);
    QVERIFY(!QFile::exists(out));
}

void TestImportCli::overSsh_unknownHostKey_isRefusedWithoutAcceptNewHostKey()
{
    SshdRig rig;
    QString error;
    QVERIFY2(rig.start(SshdRig::KnownHosts::Empty, &error), qPrintable(error));
    const Project& p = rig.fixture->project;
    const QString out = m_dir.filePath(QStringLiteral("refused.saltant.json"));
    const KeyringPeer::Run run =
        cli({QStringLiteral("import"),
             QStringLiteral("ssh://%1@127.0.0.1:%2").arg(p.text(Key::SshUser)).arg(p.integer(Key::SshPort)),
             QStringLiteral("--identity"), p.text(Key::SshIdentityFile), QStringLiteral("--known-hosts"),
             rig.knownHostsPath(), QStringLiteral("--out"), out});
    QVERIFY2(run.exitCode == 5, qPrintable(run.describe()));
    QVERIFY(!QFile::exists(out));
}

// This machine has no saltant: the import says so (naming the address) and writes nothing.
void TestImportCli::overSsh_serverWithoutSaltant_saysSoAndWritesNothing()
{
    SshdRig rig;
    QString error;
    QVERIFY2(rig.start(SshdRig::KnownHosts::Peer, &error), qPrintable(error));
    const Project& p = rig.fixture->project;
    const QString out = m_dir.filePath(QStringLiteral("none.saltant.json"));
    const QString url = QStringLiteral("ssh://%1@127.0.0.1:%2").arg(p.text(Key::SshUser)).arg(p.integer(Key::SshPort));
    const KeyringPeer::Run run =
        cli({QStringLiteral("import"), url, QStringLiteral("--identity"), p.text(Key::SshIdentityFile),
             QStringLiteral("--known-hosts"), p.text(Key::SshKnownHostsFile), QStringLiteral("--out"), out});
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains("No saltant server was found in ssh://"), run.err.constData());
    QVERIFY(!QFile::exists(out));
}

QTEST_GUILESS_MAIN(TestImportCli)
#include "TestImportCli.moc"
