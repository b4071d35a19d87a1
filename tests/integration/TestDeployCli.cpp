#include "SshdRig.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <memory>

using namespace saltant;

// saltant-deploy-cli plan/deploy end to end against a real sshd. No keychain is reachable here (no D-Bus), so the
// CLI has no secret values: the plan names the missing secrets and deploy refuses, leaving the server untouched.
class TestDeployCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SshdRig> m_rig;
    QString m_projectFile;

    int cli(const QStringList& args, QString* out, QString* err)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_rig->directory());
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("SSH_AUTH_SOCK"));
        process.setProcessEnvironment(env);
        process.setStandardInputFile(QProcess::nullDevice());
        process.start(QStringLiteral(SALTANT_BINARY_DIR "/app/saltant-deploy-cli"),
                      args + QStringList{QStringLiteral("--project"), m_projectFile});
        if (!process.waitForFinished(120000)) {
            return -1;
        }
        *out = QString::fromUtf8(process.readAllStandardOutput());
        *err = QString::fromUtf8(process.readAllStandardError());
        return process.exitCode();
    }

private slots:
    void init()
    {
        m_rig = std::make_unique<SshdRig>();
        QString error;
        QVERIFY2(m_rig->start(SshdRig::KnownHosts::Empty, &error), qPrintable(error));
        m_projectFile = m_rig->saveProject(QStringLiteral("test.saltant.json"), &error);
        QVERIFY2(!m_projectFile.isEmpty(), qPrintable(error));
    }

    void cleanup() { m_rig.reset(); }

    void plan_unknownHostKey_refusedWithoutFlag_acceptedWithIt()
    {
        QString out;
        QString err;
        QCOMPARE(cli({QStringLiteral("plan")}, &out, &err), 5);
        QVERIFY2(err.contains(m_rig->peer->hostKeyFingerprint()), qPrintable(err));
        QVERIFY(!QFile::exists(m_rig->knownHostsPath()));

        const QString before = m_rig->fixture->treeSignature();
        QCOMPARE(cli({QStringLiteral("plan"), QStringLiteral("--accept-new-host-key")}, &out, &err), 0);
        QVERIFY(QFile::exists(m_rig->knownHostsPath()));
        QVERIFY2(out.contains(QStringLiteral("saltant_nginx.conf")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("+++ ")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("Reload nginx")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("Cannot deploy")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("The secret rabbitmq.password has no value")), qPrintable(out));
        QCOMPARE(m_rig->fixture->treeSignature(), before);
        QVERIFY(m_rig->fixture->calls().isEmpty());

        // Known now: no flag needed; deploy --yes refuses for the missing secrets and changes nothing.
        QCOMPARE(cli({QStringLiteral("deploy"), QStringLiteral("--yes"), QStringLiteral("--no-checks")}, &out, &err),
                 1);
        QVERIFY2(err.contains(QStringLiteral("refused")), qPrintable(err));
        QCOMPARE(m_rig->fixture->treeSignature(), before);
        QVERIFY(m_rig->fixture->calls().isEmpty());
    }

    void deploy_withoutYes_onAPipe_refuses()
    {
        QString out;
        QString err;
        QCOMPARE(cli({QStringLiteral("deploy"), QStringLiteral("--accept-new-host-key"), QStringLiteral("--no-checks")},
                     &out, &err),
                 2);
        QVERIFY2(err.contains(QStringLiteral("--yes")), qPrintable(err));
        QVERIFY(!QFile::exists(m_rig->knownHostsPath()));
    }
};

QTEST_GUILESS_MAIN(TestDeployCli)
#include "TestDeployCli.moc"
