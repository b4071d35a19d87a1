#include "NginxPeer.h"
#include "TestKeys.h"
#include "generate/Renderer.h"
#include "generate/SiteFacts.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace saltant;

using Settings = QList<QPair<QString, QString>>;

namespace {

QString fileOf(const RenderResult& result, const char* id)
{
    for (const GeneratedFile& file : result.files) {
        if (file.id == QLatin1String(id)) {
            return file.content;
        }
    }
    return QString();
}

// The directives directly inside the block that opens at index `open` of `all`.
QList<NginxFlatDirective> childrenOf(const QList<NginxFlatDirective>& all, int open)
{
    QList<NginxFlatDirective> out;
    const int depth = all.at(open).depth + 1;
    for (int i = open + 1; i < all.size() && all.at(i).depth >= depth; ++i) {
        if (all.at(i).depth == depth && all.at(i).name != QLatin1String("}")) {
            out << all.at(i);
        }
    }
    return out;
}

// "name arg arg" of every directive of a block, one entry each.
QStringList flattened(const QList<NginxFlatDirective>& directives)
{
    QStringList out;
    for (const NginxFlatDirective& d : directives) {
        out << (QStringList{d.name} + d.args).join(QLatin1Char(' '));
    }
    return out;
}

// The blocks named `name` in `all`, as indexes of their opening directive.
QList<int> blocksNamed(const QList<NginxFlatDirective>& all, const char* name, int depth)
{
    QList<int> out;
    for (int i = 0; i < all.size(); ++i) {
        if (all.at(i).block && all.at(i).depth == depth && all.at(i).name == QLatin1String(name)) {
            out << i;
        }
    }
    return out;
}

// The block of `server` whose location arguments are `where` ("/static/", "= /flower"), or -1.
int locationIn(const QList<NginxFlatDirective>& all, int server, const QString& where)
{
    const int depth = all.at(server).depth + 1;
    for (int i = server + 1; i < all.size() && all.at(i).depth >= depth; ++i) {
        if (all.at(i).depth == depth && all.at(i).name == QLatin1String("location") &&
            all.at(i).args.join(QLatin1Char(' ')) == where) {
            return i;
        }
    }
    return -1;
}

} // namespace

class TestNginxSite : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void site_passesNginxT_andHasExpectedStructure_data();
    void site_passesNginxT_andHasExpectedStructure();
    void site_keepsUpstreamStaticAndProxiesConsistent_data();
    void site_keepsUpstreamStaticAndProxiesConsistent();
    void missingWebrootAndStaticDir_areNotCheckedByNginxT();
    void longServerNames_passNginxTNextToTheDefaultServer();
    void brokenSite_isRejectedByNginxT();
    void tlsSiteBeforeTheCertificateExists_isRejectedByNginxT();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<NginxPeer> m_peer; // one peer: its self-signed certificate is made once
};

void TestNginxSite::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(NginxPeer::binary()).isExecutable(), "nginx is not installed (scripts/install-deps.sh)");
    m_peer = std::make_unique<NginxPeer>(m_dir.path());
}

void TestNginxSite::site_passesNginxT_andHasExpectedStructure_data()
{
    QTest::addColumn<Settings>("settings");
    QTest::addColumn<QStringList>("locations"); // every location line, in file order, servers separated by "|"

    const QString acme = QStringLiteral("^~ /.well-known/acme-challenge/");
    const QStringList app = {QStringLiteral("/static/"),  QStringLiteral("= /rabbitmq"), QStringLiteral("/rabbitmq/"),
                             QStringLiteral("= /flower"), QStringLiteral("/flower/"),    QStringLiteral("/")};
    const QStringList appNoFlower = {QStringLiteral("/static/"), QStringLiteral("= /rabbitmq"),
                                     QStringLiteral("/rabbitmq/"), QStringLiteral("/")};
    const QStringList redirect = {acme, QStringLiteral("/"), QStringLiteral("|")};

    QTest::newRow("example: TLS, Flower native, IPv6") << Settings{} << redirect + app;
    QTest::newRow("TLS off") << Settings{{Key::TlsEnabled, QStringLiteral("false")}} << QStringList{acme} + app;
    QTest::newRow("Flower strip") << Settings{{Key::FlowerPrefixMode, QStringLiteral("strip")}} << redirect + app;
    QTest::newRow("Flower off") << Settings{{Key::FlowerEnabled, QStringLiteral("false")}} << redirect + appNoFlower;
    QTest::newRow("IPv6 off") << Settings{{Key::NginxListenIpv6, QStringLiteral("false")}} << redirect + app;
    QTest::newRow("HSTS on") << Settings{{Key::TlsHsts, QStringLiteral("true")}} << redirect + app;
    QTest::newRow("TLS off, Flower off, IPv6 off, no www") << Settings{{Key::TlsEnabled, QStringLiteral("false")},
                                                                       {Key::FlowerEnabled, QStringLiteral("false")},
                                                                       {Key::NginxListenIpv6, QStringLiteral("false")},
                                                                       {Key::ServerWwwAlias, QStringLiteral("false")}}
                                                           << QStringList{acme} + appNoFlower;
    QTest::newRow("other prefixes and paths")
        << Settings{{Key::RabbitmqManagementPrefix, QStringLiteral("mq")},
                    {Key::FlowerUrlPrefix, QStringLiteral("tasks")},
                    {Key::FlowerPrefixMode, QStringLiteral("strip")},
                    {Key::UwsgiSocketPath, QStringLiteral("/run/saltant/web.sock")},
                    {Key::DjangoStaticDir, QStringLiteral("/srv/saltant-static")},
                    {Key::NginxSiteName, QStringLiteral("jobs.example")},
                    {Key::TlsHsts, QStringLiteral("true")}}
        << redirect + QStringList{QStringLiteral("/static/"), QStringLiteral("= /mq"),   QStringLiteral("/mq/"),
                                  QStringLiteral("= /tasks"), QStringLiteral("/tasks/"), QStringLiteral("/")};
}

void TestNginxSite::site_passesNginxT_andHasExpectedStructure()
{
    QFETCH(Settings, settings);
    QFETCH(QStringList, locations);

    Project p = Project::example();
    // Only the certificate moves into the temp dir: nginx -t loads it. The webroot, static dir and
    // uwsgi_params stay where the example has them.
    QVERIFY(p.setValue(Key::TlsLetsencryptDir, m_dir.filePath(QStringLiteral("letsencrypt"))));
    for (const auto& [key, value] : settings) {
        QString error;
        QVERIFY2(p.setFromString(settingKey(key), value, &error), qPrintable(error));
    }
    const int runs = m_peer->runs();
    const NginxTestResult result = m_peer->testProject(p);
    QVERIFY2(result.ok(), qPrintable(result.output));
    QCOMPARE(m_peer->runs(), runs + 1);

    const RenderResult rendered = Renderer::render(p);
    QVERIFY(rendered.ok());
    const QString site = fileOf(rendered, "nginx-site");
    QString error;
    const QList<NginxFlatDirective> all = NginxPeer::parse(site, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QStringList found;
    const QList<int> servers = blocksNamed(all, "server", 0);
    for (int s = 0; s < servers.size(); ++s) {
        if (s > 0) {
            found << QStringLiteral("|");
        }
        for (const NginxFlatDirective& d : childrenOf(all, servers.at(s))) {
            if (d.name == QLatin1String("location")) {
                found << d.args.join(QLatin1Char(' '));
            }
        }
    }
    QCOMPARE(found, locations);
    // Line-wise too: exactly these `location` lines and `server {` lines, nothing hidden on another line.
    QCOMPARE(site.count(QRegularExpression(QStringLiteral("(?m)^server \\{$"))), servers.size());
    QCOMPARE(site.count(QRegularExpression(QStringLiteral("(?m)^    location "))),
             locations.size() - servers.size() + 1);
    QCOMPARE(blocksNamed(all, "upstream", 0).size(), 1);
    QCOMPARE(all.size(), NginxPeer::skeleton(site).size());

    const bool tls = p.flag(Key::TlsEnabled);
    const bool ipv6 = p.flag(Key::NginxListenIpv6);
    const SiteFacts facts(p);
    for (int server : servers) {
        const QStringList lines = flattened(childrenOf(all, server));
        QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^listen \\[::\\]:"))).size(), ipv6 ? 1 : 0);
        QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^listen \\d"))).size(), 1);
        QVERIFY(lines.contains(QStringLiteral("server_name ") + facts.serverNames().join(QLatin1Char(' '))));
    }
    const int app = servers.last();
    const QStringList appLines = flattened(childrenOf(all, app));
    QCOMPARE(appLines.contains(QStringLiteral("listen 443 ssl")), tls);
    QCOMPARE(appLines.contains(QStringLiteral("ssl_certificate ") + facts.fullChainPath()), tls);
    QCOMPARE(appLines.contains(QStringLiteral("ssl_certificate_key ") + facts.privateKeyPath()), tls);
    QCOMPARE(appLines.contains(QStringLiteral("add_header Strict-Transport-Security max-age=31536000 always")),
             tls && p.flag(Key::TlsHsts));
    if (tls) {
        // Plain HTTP only answers ACME challenges and redirects the rest to HTTPS.
        const int root = locationIn(all, servers.first(), QStringLiteral("/"));
        QVERIFY(root >= 0);
        QCOMPARE(flattened(childrenOf(all, root)), QStringList{QStringLiteral("return 301 https://$host$request_uri")});
    }
    const int acme = locationIn(all, servers.first(), QStringLiteral("^~ /.well-known/acme-challenge/"));
    QVERIFY(acme >= 0);
    QVERIFY(flattened(childrenOf(all, acme)).contains(QStringLiteral("root ") + p.text(Key::TlsAcmeWebroot)));
}

void TestNginxSite::site_keepsUpstreamStaticAndProxiesConsistent_data()
{
    QTest::addColumn<QString>("flowerMode");
    QTest::newRow("Flower >= 0.9.5 (native)") << QStringLiteral("native");
    QTest::newRow("Flower <= 0.9.4 (strip)") << QStringLiteral("strip");
}

void TestNginxSite::site_keepsUpstreamStaticAndProxiesConsistent()
{
    QFETCH(QString, flowerMode);
    Project p = Project::example();
    QVERIFY(p.setValue(Key::FlowerPrefixMode, flowerMode));
    const RenderResult rendered = Renderer::render(p);
    QVERIFY(rendered.ok());
    const QString site = fileOf(rendered, "nginx-site");
    const QList<NginxFlatDirective> all = NginxPeer::parse(site);
    const int app = blocksNamed(all, "server", 0).last();

    // The upstream is the socket the vassal listens on, and location / passes to that upstream.
    const QString socket = p.text(Key::UwsgiSocketPath);
    QVERIFY(fileOf(rendered, "uwsgi-vassal").contains(QStringLiteral("\nsocket = ") + socket + QLatin1Char('\n')));
    const int upstream = blocksNamed(all, "upstream", 0).first();
    QCOMPARE(flattened(childrenOf(all, upstream)), QStringList{QStringLiteral("server unix:") + socket});
    const QString upstreamName = all.at(upstream).args.first();
    const int root = locationIn(all, app, QStringLiteral("/"));
    QVERIFY(root >= 0);
    QCOMPARE(flattened(childrenOf(all, root)),
             (QStringList{QStringLiteral("uwsgi_pass ") + upstreamName,
                          QStringLiteral("include ") + p.text(Key::NginxUwsgiParams)}));

    // /static/ -> <static dir>/: both sides end in a slash, so /static/x maps to <static dir>/x.
    const int statics = locationIn(all, app, QStringLiteral("/static/"));
    QVERIFY(statics >= 0);
    QCOMPARE(flattened(childrenOf(all, statics)),
             QStringList{QStringLiteral("alias ") + p.text(Key::DjangoStaticDir) + QLatin1Char('/')});

    // RabbitMQ serves under management.path_prefix: a plain proxy_pass (no URI part) keeps the request URI,
    // %2F included; nothing rewrites.
    QVERIFY(fileOf(rendered, "rabbitmq-conf").contains(QStringLiteral("\nmanagement.path_prefix = /rabbitmq\n")));
    const int rabbit = locationIn(all, app, QStringLiteral("/rabbitmq/"));
    QVERIFY(rabbit >= 0);
    QVERIFY(flattened(childrenOf(all, rabbit)).contains(QStringLiteral("proxy_pass http://127.0.0.1:15672")));
    QVERIFY(!site.contains(QStringLiteral("%2F")));
    QVERIFY(!site.contains(QStringLiteral("rewrite")));
    QVERIFY(!site.contains(QStringLiteral("python3")));
    QVERIFY(!site.contains(QStringLiteral("site-packages")));

    // Flower >= 0.9.5 serves under --url_prefix itself: the path passes through (no URI part). Older Flower
    // needs the prefix stripped: a URI of "/" replaces the matched /flower/.
    QVERIFY(fileOf(rendered, "flower-unit").contains(QStringLiteral(" --url_prefix=flower ")));
    const int flower = locationIn(all, app, QStringLiteral("/flower/"));
    QVERIFY(flower >= 0);
    const QString pass = flowerMode == QLatin1String("native") ? QStringLiteral("proxy_pass http://127.0.0.1:5555")
                                                               : QStringLiteral("proxy_pass http://127.0.0.1:5555/");
    QCOMPARE(flattened(childrenOf(all, flower)).filter(QStringLiteral("proxy_pass")), QStringList{pass});
    const int bare = locationIn(all, app, QStringLiteral("= /flower"));
    QVERIFY(bare >= 0);
    QCOMPARE(flattened(childrenOf(all, bare)), QStringList{QStringLiteral("return 301 /flower/")});
}

void TestNginxSite::missingWebrootAndStaticDir_areNotCheckedByNginxT()
{
    Project p = Project::example();
    QVERIFY(p.setValue(Key::TlsLetsencryptDir, m_dir.filePath(QStringLiteral("letsencrypt"))));
    const QString missing = m_dir.filePath(QStringLiteral("missing"));
    QVERIFY(p.setValue(Key::TlsAcmeWebroot, QString(missing + QStringLiteral("/acme"))));
    QVERIFY(p.setValue(Key::DjangoStaticDir, QString(missing + QStringLiteral("/static"))));
    const NginxTestResult result = m_peer->testProject(p);
    QVERIFY2(result.ok(), qPrintable(result.output));
    QVERIFY(!QFileInfo::exists(missing));
}

void TestNginxSite::longServerNames_passNginxTNextToTheDefaultServer()
{
    // www.<domain> of 48+ characters does not fit nginx's default 64-byte server-name bucket; the peer's
    // Debian-like default server on port 80 makes nginx build that hash, as on a real host.
    const QString longest = QString(63, QLatin1Char('a')) + QLatin1Char('.') + QString(63, QLatin1Char('b')) +
                            QLatin1Char('.') + QString(63, QLatin1Char('c')) + QStringLiteral(".example");
    for (const QString& domain : {QStringLiteral("a-rather-long-subdomain.fictionaljobrunner.com"), longest}) {
        Project p = Project::example();
        QVERIFY(p.setValue(Key::ServerDomain, domain));
        QVERIFY(p.setValue(Key::TlsLetsencryptDir, m_dir.filePath(QStringLiteral("letsencrypt"))));
        QCOMPARE(p.validateField(Key::ServerDomain), QString());
        const NginxTestResult result = m_peer->testProject(p);
        QVERIFY2(result.ok(), qPrintable(domain + QLatin1Char(' ') + result.output));

        // Without the bucket size the generator adds, nginx refuses the names next to the default server.
        QString site = fileOf(Renderer::render(p), "nginx-site");
        QVERIFY(site.contains(QStringLiteral("\nserver_names_hash_bucket_size ")));
        site.replace(QRegularExpression(QStringLiteral("\nserver_names_hash_bucket_size \\d+;")), QString());
        const NginxTestResult without = m_peer->test(site);
        QVERIFY(!without.ok());
        QVERIFY2(without.output.contains(QStringLiteral("server_names_hash_bucket_size")), qPrintable(without.output));
    }
    // The example's names fit: no bucket size directive that could clash with one in nginx.conf.
    QVERIFY(!fileOf(Renderer::render(Project::example()), "nginx-site").contains(QStringLiteral("hash_bucket")));
}

void TestNginxSite::brokenSite_isRejectedByNginxT()
{
    // Negative controls: the harness can fail.
    Project p = Project::example();
    QVERIFY(p.setValue(Key::TlsLetsencryptDir, m_dir.filePath(QStringLiteral("letsencrypt"))));
    QVERIFY2(m_peer->testProject(p).ok(), "the example must pass before its broken copies are tried");
    const QString site = fileOf(Renderer::render(p), "nginx-site");

    QString missingSemicolon = site;
    missingSemicolon.replace(QStringLiteral("client_max_body_size 10M;"), QStringLiteral("client_max_body_size 10M"));
    QVERIFY(missingSemicolon != site);
    QString unknownDirective = site;
    unknownDirective.replace(QStringLiteral("charset utf-8;"),
                             QStringLiteral("charset utf-8;\n    bogus_directive on;"));
    QString unbalanced = site;
    unbalanced.chop(2); // the last "}\n"
    QString duplicateLocation = site;
    duplicateLocation.replace(QStringLiteral("location /rabbitmq/ {"), QStringLiteral("location /static/ {"));

    for (const QString& broken : {missingSemicolon, unknownDirective, unbalanced, duplicateLocation}) {
        const NginxTestResult result = m_peer->test(broken);
        QVERIFY2(!result.ok(), qPrintable(broken));
        QVERIFY2(result.output.contains(QStringLiteral("[emerg]")), qPrintable(result.output));
    }
    QString error;
    NginxPeer::parse(unbalanced, &error);
    QVERIFY(!error.isEmpty());
}

void TestNginxSite::tlsSiteBeforeTheCertificateExists_isRejectedByNginxT()
{
    // On a first deploy certbot has not run yet: the TLS site cannot pass nginx -t until the certificate
    // exists (the deploy must obtain it with a plain-HTTP site first).
    // The peer only provides files inside its own directory, so a certificate directory elsewhere stays missing.
    Project p = Project::example();
    QVERIFY(p.setValue(Key::TlsLetsencryptDir, QStringLiteral("/nonexistent-saltant-test/letsencrypt")));
    const NginxTestResult result = m_peer->testProject(p);
    QVERIFY(!result.ok());
    QVERIFY2(result.output.contains(QStringLiteral("fullchain.pem")), qPrintable(result.output));
    QVERIFY(!QFileInfo::exists(QStringLiteral("/nonexistent-saltant-test")));
}

QTEST_GUILESS_MAIN(TestNginxSite)
#include "TestNginxSite.moc"
#include "model/SettingKeys.h"
