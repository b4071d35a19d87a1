#include "panels/ChecksPanel.h"
#include "TlsPeer.h"
#include "UiTestMain.h"
#include "MemorySecretStore.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyle>
#include <QTcpServer>
#include <QTreeWidget>
#include <memory>

using namespace saltant;

// The Server Checks panel driven by its buttons (objectName) against real peers on 127.0.0.1: a listening port and
// a closed one, names under *.invalid, a server that accepts and never answers, and TlsPeer's nginx (certificates
// valid, expiring tomorrow, for the wrong name; /flower/ behind auth_basic) and `openssl s_server` as AMQPS. Every
// name the suites touch is overridden to 127.0.0.1 or ends in .invalid, every port is mapped: nothing leaves
// loopback. Each row must show its verdict (icon and tooltip), what was found and what to do.
class TestChecksPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void preflight_localServer_everyRowPasses();
    void preflight_unresolvableName_remedyAddsDnsRecord();
    void preflight_closedPort_remedyOpensFirewall();
    void health_silentServer_timesOutAtPanelTimeLimit();
    void health_validCertificates_rightFlowerPassword_everyRowPasses();
    void health_certificateExpiringTomorrow_warns();
    void health_wrongCertificateAndPlainAmqps_fail();
    void health_flowerLogin_onlyWithPasswordFromKeychain();
    void cancel_stopsRunAndReenablesButtons();
    void cancel_whileReadingFlowerPassword_runsNothing();
    void settings_persistAcrossNewPanel();

private:
    CheckOptions healthOptions(quint16 https) const;
    CheckOptions preflightOptions(quint16 amqps) const;
    // Clicks the panel's button and waits for finished(); false when it was disabled or did not finish.
    bool runByButton(const char* name);
    QPushButton* button(const char* name) const { return m_panel->findChild<QPushButton*>(QLatin1String(name)); }
    QString status() const { return m_panel->findChild<QLabel*>(QStringLiteral("checksStatus"))->text(); }
    QStringList ids() const;
    QTreeWidgetItem* row(const QString& id) const;
    QString text(const QString& id, int column) const { return row(id) ? row(id)->text(column) : QString(); }
    // Empty when the row of id shows verdict (icon, tooltip) with consistent detail/remedy columns.
    QString rowMismatch(const QString& id, CheckVerdict verdict) const;
    int countShown(CheckVerdict verdict) const;
    QString rowsText() const;
    void setSilentTarget(const QTcpServer& silent);

    TlsPeer m_peer;
    QTcpServer m_listener;
    Project m_project;
    quint16 m_http = 0;
    quint16 m_https = 0;
    quint16 m_httpsSoon = 0;
    quint16 m_httpsWrong = 0;
    quint16 m_amqps = 0;
    std::unique_ptr<ChecksPanel> m_panel;
    std::unique_ptr<QSignalSpy> m_finished;
};

namespace {

const QStringList Names{QStringLiteral("localhost"), QStringLiteral("www.localhost")};
const QStringList HealthIds{QStringLiteral("http.site"),          QStringLiteral("http.redirect"),
                            QStringLiteral("http.flower"),        QStringLiteral("http.rabbitmq"),
                            QStringLiteral("tls.site.localhost"), QStringLiteral("tls.site.www.localhost"),
                            QStringLiteral("tls.amqps")};

QString server(quint16 port, const TlsPeer::Leaf& leaf, const QString& www, const QString& htpasswd)
{
    return QStringLiteral("server {\n    listen 127.0.0.1:%1 ssl;\n    server_name localhost www.localhost;\n"
                          "    ssl_certificate %2;\n    ssl_certificate_key %3;\n    root %4;\n"
                          "    location /flower/ { auth_basic \"Flower\"; auth_basic_user_file %5; }\n"
                          "    location /rabbitmq/ { }\n}\n")
        .arg(QString::number(port), leaf.certPath, leaf.keyPath, www, htpasswd);
}

QString verdictWord(CheckVerdict verdict)
{
    return verdict == CheckVerdict::Pass   ? QStringLiteral("Passed")
           : verdict == CheckVerdict::Warn ? QStringLiteral("Warning")
                                           : QStringLiteral("Failed");
}

QIcon verdictIcon(CheckVerdict verdict, const QStyle* style)
{
    return style->standardIcon(verdict == CheckVerdict::Pass   ? QStyle::SP_DialogApplyButton
                               : verdict == CheckVerdict::Warn ? QStyle::SP_MessageBoxWarning
                                                               : QStyle::SP_MessageBoxCritical);
}

QImage iconImage(const QIcon& icon)
{
    return icon.pixmap(16, 16).toImage().convertToFormat(QImage::Format_ARGB32).scaled(16, 16);
}

// How far apart two icons look: the sum of the channel differences of their 16x16 images.
qint64 distance(const QImage& a, const QImage& b)
{
    qint64 sum = 0;
    for (int i = 0; i < 256; ++i) {
        const QRgb p = a.pixel(i % 16, i / 16);
        const QRgb q = b.pixel(i % 16, i / 16);
        sum += qAbs(qRed(p) - qRed(q)) + qAbs(qGreen(p) - qGreen(q)) + qAbs(qBlue(p) - qBlue(q)) +
               qAbs(qAlpha(p) - qAlpha(q));
    }
    return sum;
}

// The verdict whose standard icon a row's icon is closest to: a view that drew an icon caches scaled copies in it,
// so the row's icon is matched by likeness, not equality.
CheckVerdict shownVerdict(const QIcon& icon, const QStyle* style)
{
    const QImage shown = iconImage(icon);
    CheckVerdict best = CheckVerdict::Pass;
    for (CheckVerdict verdict : {CheckVerdict::Warn, CheckVerdict::Fail}) {
        if (distance(shown, iconImage(verdictIcon(verdict, style))) <
            distance(shown, iconImage(verdictIcon(best, style)))) {
            best = verdict;
        }
    }
    return best;
}

} // namespace

#define VERIFY_ROW(id, verdict)                                                                                        \
    do {                                                                                                               \
        const QString mismatch = rowMismatch(id, verdict);                                                             \
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));                                                            \
    } while (false)

#define VERIFY_EVERY_ROW(verdict)                                                                                      \
    do {                                                                                                               \
        for (const QString& everyId : ids()) {                                                                         \
            VERIFY_ROW(everyId, verdict);                                                                              \
        }                                                                                                              \
    } while (false)

// A finished run that was not cancelled, whose failure count matches the rows shown as failed.
#define VERIFY_RUN(button)                                                                                             \
    do {                                                                                                               \
        QVERIFY2(runByButton(button), qPrintable(status()));                                                           \
        QVERIFY2(!m_finished->last().at(0).toBool(), qPrintable(status()));                                            \
        QCOMPARE(m_finished->last().at(1).toInt(), countShown(CheckVerdict::Fail));                                    \
    } while (false)

#define VERIFY_TEXT(id, column, test, expected)                                                                        \
    QVERIFY2(text(id, ChecksPanel::column).test(QStringLiteral(expected)), qPrintable(rowsText()))

void TestChecksPanel::initTestCase()
{
    QVERIFY2(m_peer.createCa(), qPrintable(m_peer.errorString()));
    TlsPeer::Leaf valid;
    TlsPeer::Leaf soon;
    TlsPeer::Leaf wrong;
    QVERIFY2(m_peer.issue(QStringLiteral("valid"), Names, TlsPeer::Validity::Valid, &valid) &&
                 m_peer.issue(QStringLiteral("soon"), Names, TlsPeer::Validity::ExpiresSoon, &soon) &&
                 m_peer.issue(QStringLiteral("wrong"), {QStringLiteral("other.localhost")}, TlsPeer::Validity::Valid,
                              &wrong),
             qPrintable(m_peer.errorString()));
    const QString htpasswd = m_peer.writeHtpasswd(QStringLiteral("AzureDiamond"), QStringLiteral("hunter2"));
    QVERIFY2(!htpasswd.isEmpty(), qPrintable(m_peer.errorString()));
    QVERIFY(m_peer.writeFile(QStringLiteral("www/index.html"), "<title>saltant</title>\n"));
    QVERIFY(m_peer.writeFile(QStringLiteral("www/flower/index.html"), "<title>Flower</title>\n"));
    QVERIFY(m_peer.writeFile(QStringLiteral("www/rabbitmq/index.html"), "<title>RabbitMQ Management</title>\n"));
    m_http = TlsPeer::freePort();
    m_https = TlsPeer::freePort();
    m_httpsSoon = TlsPeer::freePort();
    m_httpsWrong = TlsPeer::freePort();
    m_amqps = TlsPeer::freePort();
    const QString www = m_peer.path(QStringLiteral("www"));
    const QString servers =
        QStringLiteral("server {\n    listen 127.0.0.1:%1;\n    return 301 https://$host$request_uri;\n}\n")
            .arg(m_http) +
        server(m_https, valid, www, htpasswd) + server(m_httpsSoon, soon, www, htpasswd) +
        server(m_httpsWrong, wrong, www, htpasswd);
    QVERIFY2(m_peer.startNginx(servers, {m_http, m_https, m_httpsSoon, m_httpsWrong}),
             qPrintable(m_peer.errorString()));
    QVERIFY2(m_peer.startTlsServer(m_amqps, valid), qPrintable(m_peer.errorString()));
    QVERIFY(m_listener.listen(QHostAddress::LocalHost));

    m_project = Project::example();
    QVERIFY(m_project.setValue(QStringLiteral("server.domain"), QStringLiteral("localhost")));
    QVERIFY(m_project.setValue(QStringLiteral("ssh.host"), QStringLiteral("localhost")));
    // The verdict icons must differ for the row assertions to mean anything.
    for (CheckVerdict verdict : {CheckVerdict::Pass, CheckVerdict::Warn, CheckVerdict::Fail}) {
        QVERIFY(shownVerdict(verdictIcon(verdict, QApplication::style()), QApplication::style()) == verdict);
    }
}

void TestChecksPanel::init()
{
    QSettings().clear();
    m_panel = std::make_unique<ChecksPanel>();
    m_panel->setProject(m_project);
    m_finished = std::make_unique<QSignalSpy>(m_panel.get(), &ChecksPanel::finished);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestChecksPanel::cleanup()
{
    m_finished.reset();
    m_panel.reset();
}

CheckOptions TestChecksPanel::healthOptions(quint16 https) const
{
    CheckOptions o;
    o.timeoutMs = 15000;
    o.extraCaCertificates = m_peer.caCertificates();
    for (const QString& name : Names) {
        o.hostAddresses[name] = {QHostAddress(QHostAddress::LocalHost)};
    }
    o.portMap = {{80, m_http}, {443, https}, {5671, m_amqps}};
    return o;
}

CheckOptions TestChecksPanel::preflightOptions(quint16 amqps) const
{
    CheckOptions o = healthOptions(m_listener.serverPort());
    const int open = m_listener.serverPort();
    o.portMap = {{22, open}, {80, open}, {443, open}, {5671, amqps}};
    return o;
}

void TestChecksPanel::setSilentTarget(const QTcpServer& silent)
{
    CheckOptions o = healthOptions(silent.serverPort());
    o.portMap[80] = silent.serverPort();
    o.portMap[5671] = silent.serverPort();
    m_panel->setOptions(o);
}

bool TestChecksPanel::runByButton(const char* name)
{
    const qsizetype before = m_finished->size();
    QPushButton* b = button(name);
    if (!b || !b->isEnabled()) {
        return false;
    }
    b->click();
    return QTest::qWaitFor([&] { return m_finished->size() > before; }, 60000);
}

QStringList TestChecksPanel::ids() const
{
    QStringList out;
    const auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("checksList"));
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        out << list->topLevelItem(i)->data(ChecksPanel::CheckColumn, Qt::UserRole).toString();
    }
    return out;
}

QTreeWidgetItem* TestChecksPanel::row(const QString& id) const
{
    const auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("checksList"));
    const int index = ids().indexOf(id);
    return index < 0 ? nullptr : list->topLevelItem(index);
}

QString TestChecksPanel::rowMismatch(const QString& id, CheckVerdict verdict) const
{
    const QTreeWidgetItem* item = row(id);
    if (!item) {
        return id + QStringLiteral(": no row in\n") + rowsText();
    }
    const QString title = item->text(ChecksPanel::CheckColumn);
    const QString detail = item->text(ChecksPanel::DetailColumn);
    const QString remedy = item->text(ChecksPanel::RemedyColumn);
    const QString shown = item->toolTip(ChecksPanel::CheckColumn) + QStringLiteral(": ") + title +
                          QStringLiteral(" | ") + detail + QStringLiteral(" | ") + remedy;
    if (item->toolTip(ChecksPanel::CheckColumn) !=
        verdictWord(verdict) + QStringLiteral(" (") + id + QLatin1Char(')')) {
        return QStringLiteral("expected the tooltip \"%1 (%2)\": %3").arg(verdictWord(verdict), id, shown);
    }
    if (shownVerdict(item->icon(ChecksPanel::CheckColumn), m_panel->style()) != verdict) {
        return QStringLiteral("the icon is not the one for %1: %2").arg(verdictWord(verdict), shown);
    }
    if (title.isEmpty() || detail.isEmpty()) {
        return QStringLiteral("no title or detail: ") + shown;
    }
    if (remedy.isEmpty() != (verdict == CheckVerdict::Pass)) {
        return QStringLiteral("every row that did not pass has a remedy, only those: ") + shown;
    }
    if (item->toolTip(ChecksPanel::DetailColumn) != detail || item->toolTip(ChecksPanel::RemedyColumn) != remedy) {
        return QStringLiteral("the detail and remedy tooltips differ from the text: ") + shown;
    }
    return QString();
}

int TestChecksPanel::countShown(CheckVerdict verdict) const
{
    int count = 0;
    for (const QString& id : ids()) {
        count += row(id)->toolTip(ChecksPanel::CheckColumn).startsWith(verdictWord(verdict) + QLatin1Char(' ')) ? 1 : 0;
    }
    return count;
}

QString TestChecksPanel::rowsText() const
{
    QStringList lines;
    for (const QString& id : ids()) {
        lines << row(id)->toolTip(ChecksPanel::CheckColumn) + QStringLiteral(": ") +
                     text(id, ChecksPanel::DetailColumn) + QStringLiteral(" | ") + text(id, ChecksPanel::RemedyColumn);
    }
    return status() + QLatin1Char('\n') + lines.join(QLatin1Char('\n'));
}

void TestChecksPanel::preflight_localServer_everyRowPasses()
{
    m_panel->setOptions(preflightOptions(m_listener.serverPort()));
    QSignalSpy started(m_panel.get(), &ChecksPanel::started);
    QVERIFY(button("cancelButton") && !button("cancelButton")->isEnabled());
    button("preflightButton")->click();
    QCOMPARE(started.size(), 1);
    QVERIFY(!button("preflightButton")->isEnabled() && !button("healthButton")->isEnabled());
    QVERIFY(button("cancelButton")->isEnabled());
    QVERIFY2(status().startsWith(QStringLiteral("Checking")), qPrintable(status()));
    QVERIFY(m_finished->wait(60000));
    QCOMPARE(m_finished->last(), (QList<QVariant>{false, 0}));
    QCOMPARE(ids(), (QStringList{QStringLiteral("dns.localhost"), QStringLiteral("dns.www.localhost"),
                                 QStringLiteral("port.ssh"), QStringLiteral("port.http"), QStringLiteral("port.https"),
                                 QStringLiteral("port.amqps")}));
    VERIFY_EVERY_ROW(CheckVerdict::Pass);
    QCOMPARE(status(), QStringLiteral("All 6 checks passed."));
    VERIFY_TEXT("dns.www.localhost", DetailColumn, contains, "resolves to 127.0.0.1, the deploy host");
    QVERIFY(button("preflightButton")->isEnabled() && button("healthButton")->isEnabled());
    QVERIFY(!button("cancelButton")->isEnabled());
    QCOMPARE(m_panel->results().size(), 6);
}

void TestChecksPanel::preflight_unresolvableName_remedyAddsDnsRecord()
{
    Project p = m_project;
    QVERIFY(p.setValue(QStringLiteral("server.domain"), QStringLiteral("nonexistent.invalid")));
    QVERIFY(p.setValue(QStringLiteral("ssh.host"), QStringLiteral("127.0.0.1")));
    m_panel->setProject(p);
    m_panel->setOptions(preflightOptions(m_listener.serverPort()));
    VERIFY_RUN("preflightButton");
    for (const QString& name : {QStringLiteral("nonexistent.invalid"), QStringLiteral("www.nonexistent.invalid")}) {
        VERIFY_ROW(QStringLiteral("dns.") + name, CheckVerdict::Fail);
        VERIFY_TEXT(QStringLiteral("dns.") + name, DetailColumn, contains, "does not resolve");
        QCOMPARE(text(QStringLiteral("dns.") + name, ChecksPanel::RemedyColumn),
                 QStringLiteral("add an A (or ALIAS) record for %1 pointing to 127.0.0.1").arg(name));
    }
    VERIFY_ROW("port.ssh", CheckVerdict::Pass);
    // The web and broker ports are on the unresolvable name: they fail too.
    VERIFY_ROW("port.http", CheckVerdict::Fail);
    VERIFY_ROW("port.amqps", CheckVerdict::Fail);
    QCOMPARE(countShown(CheckVerdict::Fail), 5);
    QCOMPARE(status(), QStringLiteral("5 of 6 checks failed."));
}

void TestChecksPanel::preflight_closedPort_remedyOpensFirewall()
{
    m_panel->setOptions(preflightOptions(TlsPeer::freePort()));
    VERIFY_RUN("preflightButton");
    VERIFY_ROW("port.amqps", CheckVerdict::Fail);
    QCOMPARE(text("port.amqps", ChecksPanel::CheckColumn), QStringLiteral("AMQPS port"));
    VERIFY_TEXT("port.amqps", DetailColumn, startsWith, "port 5671 closed on localhost");
    QCOMPARE(text("port.amqps", ChecksPanel::RemedyColumn),
             QStringLiteral("port 5671 closed: open it in the instance's firewall/security group and check that "
                            "RabbitMQ listens on it"));
    VERIFY_ROW("port.https", CheckVerdict::Pass);
    QCOMPARE(status(), QStringLiteral("1 of 6 checks failed."));
}

void TestChecksPanel::health_silentServer_timesOutAtPanelTimeLimit()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    setSilentTarget(silent);
    auto* timeout = m_panel->findChild<QSpinBox*>(QStringLiteral("checkTimeout"));
    QVERIFY(timeout);
    timeout->setValue(1);
    QCOMPARE(m_panel->options().timeoutMs, 1000);
    VERIFY_RUN("healthButton");
    QCOMPARE(ids(), HealthIds); // no keychain: no Flower login row
    VERIFY_EVERY_ROW(CheckVerdict::Fail);
    for (const QString& id : HealthIds) {
        VERIFY_TEXT(id, DetailColumn, contains, "within 1000 ms");
    }
    VERIFY_TEXT("http.site", DetailColumn, startsWith, "no answer from https://www.localhost/");
    VERIFY_TEXT("tls.amqps", RemedyColumn, startsWith, "RabbitMQ accepts connections on port 5671 but does not answer");
    QCOMPARE(status(), QStringLiteral("7 of 7 checks failed. The Flower login was not checked: no Flower password "
                                      "from the keychain."));
    QVERIFY(silent.hasPendingConnections());
}

void TestChecksPanel::health_validCertificates_rightFlowerPassword_everyRowPasses()
{
    MemorySecretStore store(m_project.projectId());
    QVERIFY(store.writeNow(QStringLiteral("flower.password"), QStringLiteral("hunter2")).ok);
    m_panel->setSecretStore(&store);
    m_panel->setOptions(healthOptions(m_https));
    button("healthButton")->click();
    QCOMPARE(status(), QStringLiteral("Reading the Flower password from the keychain\u2026"));
    QVERIFY(!button("healthButton")->isEnabled() && button("cancelButton")->isEnabled());
    QVERIFY(m_finished->wait(60000));
    QCOMPARE(m_finished->last(), (QList<QVariant>{false, 0}));
    QStringList expected = HealthIds;
    expected.insert(3, QStringLiteral("http.flower-login"));
    QCOMPARE(ids(), expected);
    VERIFY_EVERY_ROW(CheckVerdict::Pass);
    QCOMPARE(status(), QStringLiteral("All 8 checks passed."));
    VERIFY_TEXT("http.redirect", DetailColumn, contains, "https://www.localhost/");
    VERIFY_TEXT("http.flower", DetailColumn, contains, "401");
    VERIFY_TEXT("tls.amqps", DetailColumn, contains, "Saltant Deploy Test CA");
    QVERIFY(m_panel->options().flowerPassword.isEmpty()); // the password lived only for the run
}

void TestChecksPanel::health_certificateExpiringTomorrow_warns()
{
    m_panel->setOptions(healthOptions(m_httpsSoon));
    VERIFY_RUN("healthButton");
    for (const QString& id : {QStringLiteral("tls.site.localhost"), QStringLiteral("tls.site.www.localhost")}) {
        VERIFY_ROW(id, CheckVerdict::Warn);
        VERIFY_TEXT(id, RemedyColumn, contains, "run certbot renew and check the renewal timer");
    }
    VERIFY_ROW("http.site", CheckVerdict::Pass);
    VERIFY_ROW("tls.amqps", CheckVerdict::Pass);
    QCOMPARE(countShown(CheckVerdict::Warn), 2);
    QCOMPARE(status(), QStringLiteral("All checks passed, 2 with a warning. The Flower login was not checked: no "
                                      "Flower password from the keychain."));
}

void TestChecksPanel::health_wrongCertificateAndPlainAmqps_fail()
{
    CheckOptions o = healthOptions(m_httpsWrong);
    o.portMap[5671] = m_http; // plain HTTP where TLS is expected
    m_panel->setOptions(o);
    VERIFY_RUN("healthButton");
    for (const QString& id : {QStringLiteral("tls.site.localhost"), QStringLiteral("tls.site.www.localhost")}) {
        VERIFY_ROW(id, CheckVerdict::Fail);
        VERIFY_TEXT(id, DetailColumn, contains, "is for other.localhost");
        VERIFY_TEXT(id, RemedyColumn, startsWith, "name mismatch");
    }
    VERIFY_ROW("http.site", CheckVerdict::Fail);
    VERIFY_TEXT("http.site", DetailColumn, contains, "TLS handshake failed");
    VERIFY_ROW("tls.amqps", CheckVerdict::Fail);
    VERIFY_TEXT("tls.amqps", DetailColumn, contains, "TLS handshake");
    VERIFY_TEXT("tls.amqps", RemedyColumn, contains, "RabbitMQ");
    VERIFY_ROW("http.redirect", CheckVerdict::Pass);
    QCOMPARE(status(), QStringLiteral("%1 of 7 checks failed. The Flower login was not checked: no Flower password "
                                      "from the keychain.")
                           .arg(countShown(CheckVerdict::Fail)));
}

void TestChecksPanel::health_flowerLogin_onlyWithPasswordFromKeychain()
{
    m_panel->setOptions(healthOptions(m_https));
    VERIFY_RUN("healthButton"); // no keychain at all
    QCOMPARE(ids(), HealthIds);
    QCOMPARE(status(), QStringLiteral("All 7 checks passed. The Flower login was not checked: no Flower password "
                                      "from the keychain."));

    MemorySecretStore store(m_project.projectId()); // a keychain without the Flower password
    m_panel->setSecretStore(&store);
    VERIFY_RUN("healthButton");
    QCOMPARE(ids(), HealthIds);
    QCOMPARE(store.requestCount(), 1);
    QCOMPARE(status(), QStringLiteral("All 7 checks passed. The Flower login was not checked: no Flower password "
                                      "from the keychain."));

    QVERIFY(store.writeNow(QStringLiteral("flower.password"), QStringLiteral("wrong")).ok);
    VERIFY_RUN("healthButton");
    VERIFY_ROW("http.flower-login", CheckVerdict::Fail);
    VERIFY_TEXT("http.flower-login", DetailColumn, contains, "401");
    VERIFY_TEXT("http.flower-login", RemedyColumn, contains, "keychain");
    VERIFY_ROW("http.flower", CheckVerdict::Pass);
    QCOMPARE(status(), QStringLiteral("1 of 8 checks failed."));
}

void TestChecksPanel::cancel_stopsRunAndReenablesButtons()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    setSilentTarget(silent);
    m_panel->findChild<QSpinBox*>(QStringLiteral("checkTimeout"))->setValue(300);
    button("healthButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 30000);
    QVERIFY(m_panel->isRunning());
    QVERIFY(button("cancelButton")->isEnabled());
    button("cancelButton")->click();
    QVERIFY(m_finished->wait(30000));
    QCOMPARE(m_finished->size(), 1);
    QCOMPARE(m_finished->last(), (QList<QVariant>{true, 0}));
    QCOMPARE(status(), QStringLiteral("Cancelled after 0 of 7 checks."));
    QVERIFY(ids().isEmpty());
    QVERIFY(!m_panel->isRunning());
    QVERIFY(button("preflightButton")->isEnabled() && button("healthButton")->isEnabled());
    QVERIFY(!button("cancelButton")->isEnabled());

    // The panel is ready for the next run.
    m_panel->setOptions(preflightOptions(m_listener.serverPort()));
    VERIFY_RUN("preflightButton");
    QCOMPARE(status(), QStringLiteral("All 6 checks passed."));
}

void TestChecksPanel::cancel_whileReadingFlowerPassword_runsNothing()
{
    MemorySecretStore store(m_project.projectId());
    QVERIFY(store.writeNow(QStringLiteral("flower.password"), QStringLiteral("hunter2")).ok);
    m_panel->setSecretStore(&store);
    m_panel->setOptions(healthOptions(m_https));
    QSignalSpy answered(&store, &SecretStore::finished);
    button("healthButton")->click();
    QVERIFY(m_panel->isRunning());
    button("cancelButton")->click();
    QCOMPARE(m_finished->size(), 1);
    QCOMPARE(m_finished->last(), (QList<QVariant>{true, 0}));
    QCOMPARE(status(), QStringLiteral("Cancelled."));
    QVERIFY(button("healthButton")->isEnabled());
    // The keychain's late answer starts nothing.
    QVERIFY(answered.wait(30000));
    QCoreApplication::processEvents();
    QVERIFY(!m_panel->isRunning());
    QVERIFY(ids().isEmpty());
    QCOMPARE(m_finished->size(), 1);
}

void TestChecksPanel::settings_persistAcrossNewPanel()
{
    auto* around = m_panel->findChild<QCheckBox*>(QStringLiteral("checksAroundDeploy"));
    auto* timeout = m_panel->findChild<QSpinBox*>(QStringLiteral("checkTimeout"));
    QVERIFY(around && timeout);
    QVERIFY(around->isChecked() && m_panel->checksAroundDeploy()); // on by default
    QCOMPARE(timeout->value(), 10);
    // The settings live in the test's temporary HOME (UiTestMain), never in the real one.
    QVERIFY2(QSettings().fileName().startsWith(qEnvironmentVariable("HOME") + QLatin1Char('/')),
             qPrintable(QSettings().fileName()));
    around->click();
    timeout->setValue(7);
    QVERIFY(!m_panel->checksAroundDeploy());

    ChecksPanel second;
    QVERIFY(!second.checksAroundDeploy());
    QVERIFY(!second.findChild<QCheckBox*>(QStringLiteral("checksAroundDeploy"))->isChecked());
    QCOMPARE(second.findChild<QSpinBox*>(QStringLiteral("checkTimeout"))->value(), 7);
    QCOMPARE(second.options().timeoutMs, 7000);
    second.findChild<QCheckBox*>(QStringLiteral("checksAroundDeploy"))->click();

    ChecksPanel third;
    QVERIFY(third.checksAroundDeploy());
    QCOMPARE(third.options().timeoutMs, 7000);
}

SALTANT_UI_TEST_MAIN(TestChecksPanel)
#include "TestChecksPanel.moc"
