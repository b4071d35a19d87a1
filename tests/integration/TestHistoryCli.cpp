#include "KeyringPeer.h"
#include "SshdRig.h"
#include "deploy/DeployHistory.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <memory>

using namespace saltant;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

} // namespace

// Deploy history and rollback end to end: saltant-deploy-cli deploy/history/rollback against a real sshd (SshdRig)
// in front of a pretend server whose nginx -t is the real nginx, the secrets in gnome-keyring (KeyringPeer).
class TestHistoryCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<KeyringPeer> m_keyring;
    std::unique_ptr<SshdRig> m_rig;
    QString m_projectFile;

    KeyringPeer::Run cli(const QStringList& args) const
    {
        return m_keyring->cli(
            args + QStringList{QStringLiteral("--accept-new-host-key"), QStringLiteral("--project"), m_projectFile});
    }
    KeyringPeer::Run deploy() const
    {
        return cli({QStringLiteral("deploy"), QStringLiteral("--yes"), QStringLiteral("--no-checks")});
    }
    bool setValue(const QString& assignment) const
    {
        return m_keyring->cli({QStringLiteral("set"), assignment, QStringLiteral("--project"), m_projectFile})
                   .exitCode == 0;
    }
    QString path(const char* relative) const { return m_rig->fixture->path(QString::fromLatin1(relative)); }
    QString site() const { return path("/etc/nginx/sites-available/saltant_nginx.conf"); }
    QString state() const { return path("/var/lib/saltant-deploy"); }
    QStringList ids() const
    {
        const KeyringPeer::Run run = cli({QStringLiteral("history")});
        QStringList out;
        const QRegularExpression id(QStringLiteral("^([0-9]{17}-[0-9]{1,6})  "), QRegularExpression::MultilineOption);
        for (auto it = id.globalMatch(QString::fromUtf8(run.out)); it.hasNext();) {
            out << it.next().captured(1);
        }
        return out;
    }
    static QString both(const KeyringPeer::Run& run)
    {
        return QString::fromUtf8(run.out) + QStringLiteral("\n--- stderr:\n") + QString::fromUtf8(run.err);
    }

private slots:
    void initTestCase()
    {
        m_keyring = std::make_unique<KeyringPeer>(KeyringPeer::Mode::UnlockedKeyring);
        QString error;
        QVERIFY2(m_keyring->start(&error), qPrintable(error));
    }

    void init()
    {
        m_rig = std::make_unique<SshdRig>();
        QString error;
        QVERIFY2(m_rig->start(SshdRig::KnownHosts::Empty, &error), qPrintable(error));
        m_projectFile = m_rig->saveProject(QStringLiteral("test.saltant.json"), &error);
        QVERIFY2(!m_projectFile.isEmpty(), qPrintable(error));
        const SecretValues secrets = m_rig->fixture->secrets();
        for (const QString& name : secrets.names()) {
            const KeyringPeer::Run set = m_keyring->cli(
                {QStringLiteral("secret"), QStringLiteral("set"), name, QStringLiteral("--project"), m_projectFile},
                secrets.value(name).toUtf8() + '\n');
            QVERIFY2(set.exitCode == 0, qPrintable(name + QStringLiteral(": ") + set.describe()));
        }
    }

    void cleanup() { m_rig.reset(); }

    // Three deploys, then back two: the site is the first deploy's again, nginx -t passes, and the rollback is a
    // deploy of its own (in the history, the manifest up to date: no drift).
    void rollbackTwoDeploys_restoresTheFirstAndValidates()
    {
        KeyringPeer::Run run = deploy();
        QVERIFY2(run.exitCode == 0, qPrintable(both(run)));
        const QByteArray first = readAll(site());
        QVERIFY(setValue(QStringLiteral("nginx.clientMaxBodySize=20M")));
        run = deploy();
        QVERIFY2(run.exitCode == 0, qPrintable(both(run)));
        QVERIFY(setValue(QStringLiteral("nginx.clientMaxBodySize=30M")));
        run = deploy();
        QVERIFY2(run.exitCode == 0, qPrintable(both(run)));
        QVERIFY(readAll(site()).contains("client_max_body_size 30M;"));

        const KeyringPeer::Run history = cli({QStringLiteral("history")});
        QVERIFY2(history.exitCode == 0, qPrintable(both(history)));
        const QStringList list = ids();
        QCOMPARE(list.size(), 3); // newest first; the first deploy created every file
        QVERIFY2(history.out.contains(QByteArray(QByteArray("replaced ") + site().toUtf8())), history.out.constData());
        QVERIFY2(history.out.contains(QByteArray(QByteArray("created ") + site().toUtf8())), history.out.constData());
        // Outside every directory nginx or systemd reads: under the state directory only.
        QVERIFY(QFile::exists(DeployHistory::keptPath(state(), list.at(0), site())));

        const KeyringPeer::Run rollback =
            cli({QStringLiteral("rollback"), QStringLiteral("--to"), list.at(1), QStringLiteral("--yes")});
        QVERIFY2(rollback.exitCode == 0, qPrintable(both(rollback)));
        QVERIFY2(rollback.out.contains("nginx -t") || rollback.out.contains("nginx"), rollback.out.constData());
        QVERIFY2(readAll(site()) == first, qPrintable(both(rollback)));
        // A deploy of its own: recorded, and the manifest knows the restored files.
        QCOMPARE(ids().size(), 4);
        const KeyringPeer::Run drift = cli({QStringLiteral("drift")});
        QVERIFY2(drift.exitCode == 0, qPrintable(both(drift)));
        // The project still says 30M: the plan shows the way forward again.
        const KeyringPeer::Run plan = cli({QStringLiteral("plan")});
        QVERIFY2(plan.out.contains("client_max_body_size 30M;"), plan.out.constData());
    }

    void rollback_unknownId_saysHowToList()
    {
        KeyringPeer::Run run = deploy();
        QVERIFY2(run.exitCode == 0, qPrintable(both(run)));
        const KeyringPeer::Run rollback = cli({QStringLiteral("rollback"), QStringLiteral("--to"),
                                               QStringLiteral("20200101000000-1"), QStringLiteral("--yes")});
        QCOMPARE(rollback.exitCode, 1);
        QVERIFY2(rollback.err.contains("saltant-deploy-cli history"), qPrintable(both(rollback)));
        const KeyringPeer::Run missing = cli({QStringLiteral("rollback"), QStringLiteral("--yes")});
        QCOMPARE(missing.exitCode, 2);
    }

    void historyDepth_keepsTheNewestOnly()
    {
        QVERIFY(setValue(QStringLiteral("server.historyDepth=2")));
        for (const char* size : {"11M", "12M", "13M"}) {
            QVERIFY(setValue(QStringLiteral("nginx.clientMaxBodySize=") + QLatin1String(size)));
            const KeyringPeer::Run run = deploy();
            QVERIFY2(run.exitCode == 0, qPrintable(both(run)));
        }
        QCOMPARE(ids().size(), 2);
        QCOMPARE(QDir(DeployHistory::directory(state())).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestHistoryCli)
#include "TestHistoryCli.moc"
