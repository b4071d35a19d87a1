#include "DeployWindowHarness.h"
#include "UiTestMain.h"
#include "common/MessageBox.h"
#include "deploy/HostKeyDialog.h"
#include "deploy/PlanDialog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QTimer>

using namespace saltant;

// The window's Deploy action against a real sshd whose host key is not the one in the project's known_hosts file:
// the man-in-the-middle warning is shown with the offered fingerprint and how to check it, and nothing is sent.
class TestDeployHostKeyChanged : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void changedHostKey_warnsAboutManInTheMiddle_sendsNothing();

private:
    std::unique_ptr<DeployWindowHarness> m_h;
    QString m_knownHosts;
};

void TestDeployHostKeyChanged::init()
{
    m_h = std::make_unique<DeployWindowHarness>();
    QString error;
    QVERIFY2(m_h->start(&error), qPrintable(error));
    // The project trusts the key the server has now; then the server gets a new one.
    m_knownHosts = m_h->knownHostsPath();
    QVERIFY(QFile::copy(m_h->peer->knownHostsPath(), m_knownHosts));
    QVERIFY2(m_h->peer->rotateHostKey(QStringLiteral("ed25519"), &error), qPrintable(error));
    QVERIFY2(m_h->openWindow(m_knownHosts, &error), qPrintable(error));
}

void TestDeployHostKeyChanged::cleanup()
{
    m_h->tearDown();
    m_h.reset();
}

void TestDeployHostKeyChanged::changedHostKey_warnsAboutManInTheMiddle_sendsNothing()
{
    QFile known(m_knownHosts);
    QVERIFY(known.open(QIODevice::ReadOnly));
    const QByteArray knownBefore = known.readAll();
    known.close();
    const QString treeBefore = m_h->fixture->treeSignature();
    m_h->fixture->clearCalls();

    // The warning is a real modal QMessageBox: read it and press OK from inside its event loop.
    QString title;
    QString text;
    QMessageBox::Icon icon = QMessageBox::NoIcon;
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || !box->isVisible()) {
            return;
        }
        answer.stop();
        title = box->windowTitle();
        text = box->text();
        icon = box->icon();
        box->button(QMessageBox::Ok)->click();
    });
    answer.start();

    QAction* deploy = m_h->deployAction();
    QVERIFY(deploy);
    deploy->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!text.isEmpty(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_h->controller()->isRunning(), 10000);

    QCOMPARE(title, QStringLiteral("Host Key Changed"));
    QCOMPARE(icon, QMessageBox::Warning);
    QCOMPARE(MessageBox::lastQuestion(), text);
    QVERIFY2(text.contains(QStringLiteral("man-in-the-middle")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Nothing was sent")), qPrintable(text));
    // The key offered now, by its fingerprint and type, and which entry of which file it contradicts.
    QVERIFY2(text.contains(QStringLiteral("ssh-ed25519 ") + m_h->peer->hostKeyFingerprint()), qPrintable(text));
    QVERIFY2(text.contains(m_knownHosts + QStringLiteral(" (line 1)")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("[127.0.0.1]:%1").arg(m_h->peer->port())), qPrintable(text));
    // How to check: compare with the server's own fingerprint, then remove the old entry.
    QVERIFY2(text.contains(QStringLiteral("ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub")), qPrintable(text));
    QVERIFY2(
        text.contains(QStringLiteral("ssh-keygen -R '[127.0.0.1]:%1' -f %2").arg(m_h->peer->port()).arg(m_knownHosts)),
        qPrintable(text));

    // Nothing was asked, planned or sent; the known key was kept.
    QVERIFY(!m_h->window->findChild<HostKeyDialog*>(QStringLiteral("hostKeyDialog")));
    QVERIFY(!m_h->window->findChild<PlanDialog*>(QStringLiteral("planDialog")));
    QVERIFY(!m_h->window->findChild<DeployProgressDialog*>(QStringLiteral("deployProgressDialog")));
    QCOMPARE(m_h->fixture->treeSignature(), treeBefore);
    QVERIFY2(m_h->fixture->calls().isEmpty(), qPrintable(m_h->fixture->calls().join(QLatin1Char('\n'))));
    // The client never even authenticated: no login, so no command and no file could have reached the server.
    QVERIFY2(!m_h->peer->log().contains(QStringLiteral("Accepted ")), qPrintable(m_h->peer->log()));
    QVERIFY(known.open(QIODevice::ReadOnly));
    QCOMPARE(known.readAll(), knownBefore);
    QVERIFY(m_h->deployAction()->isEnabled());
}

SALTANT_UI_TEST_MAIN(TestDeployHostKeyChanged)
#include "TestDeployHostKeyChanged.moc"
