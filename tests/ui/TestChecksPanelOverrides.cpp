#include "UiTestMain.h"
#include "panels/ChecksPanel.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <memory>

using namespace saltant;

// The Server Checks panel can do what `check --resolve/--port/--ca-file` can: check a new server before DNS points
// to it (the test domain has no DNS at all), through other ports, with a private CA; a wrong entry stops the run
// and says what was expected.
class TestChecksPanelOverrides : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void resolveAndPorts_reachAServerWithoutDns();
    void wrongEntry_stopsTheRunAndSaysWhatWasExpected_data();
    void wrongEntry_stopsTheRunAndSaysWhatWasExpected();

private:
    QLineEdit* field(const char* name) const { return m_panel->findChild<QLineEdit*>(QLatin1String(name)); }
    QString status() const { return m_panel->findChild<QLabel*>(QStringLiteral("checksStatus"))->text(); }
    const CheckResult* result(const QString& id) const
    {
        m_results = m_panel->results();
        for (const CheckResult& r : std::as_const(m_results)) {
            if (r.id == id) {
                return &r;
            }
        }
        return nullptr;
    }

    QTcpServer m_listener;
    std::unique_ptr<ChecksPanel> m_panel;
    mutable QList<CheckResult> m_results;
};

void TestChecksPanelOverrides::init()
{
    QVERIFY(m_listener.isListening() || m_listener.listen(QHostAddress::LocalHost));
    Project project = Project::example();
    QVERIFY(project.setValue(Key::ServerDomain, QStringLiteral("jobs.saltant.invalid")));
    QVERIFY(project.setValue(Key::SshHost, QStringLiteral("127.0.0.1")));
    m_panel = std::make_unique<ChecksPanel>();
    m_panel->setProject(project);
    CheckOptions options;
    options.timeoutMs = 3000;
    m_panel->setOptions(options);
    m_panel->show();
}

void TestChecksPanelOverrides::cleanup()
{
    m_panel.reset();
}

void TestChecksPanelOverrides::resolveAndPorts_reachAServerWithoutDns()
{
    const QString port = QString::number(m_listener.serverPort());
    field("checkResolve")
        ->setText(QStringLiteral("jobs.saltant.invalid=127.0.0.1, www.jobs.saltant.invalid=127.0.0.1"));
    field("checkPorts")->setText(QStringLiteral("22=%1 80=%1").arg(port));
    QSignalSpy finished(m_panel.get(), &ChecksPanel::finished);
    m_panel->findChild<QPushButton*>(QStringLiteral("preflightButton"))->click();
    QVERIFY(finished.wait(60000));
    for (const char* id : {"dns.jobs.saltant.invalid", "dns.www.jobs.saltant.invalid", "port.ssh", "port.http"}) {
        const CheckResult* r = result(QString::fromLatin1(id));
        QVERIFY2(r, id);
        QVERIFY2(r->verdict == CheckVerdict::Pass,
                 qPrintable(QString::fromLatin1(id) + QStringLiteral(": ") + r->detail));
    }
    QVERIFY(result(QStringLiteral("dns.jobs.saltant.invalid"))->detail.contains(QStringLiteral("127.0.0.1")));

    // Without the overrides the same names do not resolve: the fields made the difference.
    field("checkResolve")->clear();
    field("checkPorts")->clear();
    m_panel->findChild<QPushButton*>(QStringLiteral("preflightButton"))->click();
    QVERIFY(finished.wait(60000));
    QVERIFY(result(QStringLiteral("dns.jobs.saltant.invalid"))->verdict == CheckVerdict::Fail);
}

void TestChecksPanelOverrides::wrongEntry_stopsTheRunAndSaysWhatWasExpected_data()
{
    QTest::addColumn<QString>("fieldName");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("resolve without address") << QStringLiteral("checkResolve") << QStringLiteral("jobs.saltant.invalid")
                                             << QStringLiteral("Resolve jobs.saltant.invalid: expected HOST=ADDRESS");
    QTest::newRow("resolve to a name") << QStringLiteral("checkResolve") << QStringLiteral("a.invalid=b.invalid")
                                       << QStringLiteral("Resolve a.invalid=b.invalid: expected HOST=ADDRESS");
    QTest::newRow("port out of range") << QStringLiteral("checkPorts") << QStringLiteral("443=70000")
                                       << QStringLiteral("Ports 443=70000: expected SERVER=LOCAL");
    QTest::newRow("CA file without certificates") << QStringLiteral("checkCaFile") << QStringLiteral("/nonexistent.pem")
                                                  << QStringLiteral("CA file /nonexistent.pem: no PEM certificate");
}

void TestChecksPanelOverrides::wrongEntry_stopsTheRunAndSaysWhatWasExpected()
{
    QFETCH(QString, fieldName);
    QFETCH(QString, text);
    QFETCH(QString, message);
    field(fieldName.toLatin1().constData())->setText(text);
    QSignalSpy finished(m_panel.get(), &ChecksPanel::finished);
    m_panel->findChild<QPushButton*>(QStringLiteral("preflightButton"))->click();
    QCOMPARE(finished.size(), 1); // at once: nothing ran
    QCOMPARE(finished.first(), (QList<QVariant>{true, 0}));
    QVERIFY2(status().startsWith(message), qPrintable(status()));
    QVERIFY(m_panel->results().isEmpty());
    QVERIFY(!m_panel->isRunning());
}

SALTANT_UI_TEST_MAIN(TestChecksPanelOverrides)
#include "TestChecksPanelOverrides.moc"
#include "model/SettingKeys.h"
