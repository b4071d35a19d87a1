#include "model/Validators.h"

#include <QTest>

using namespace saltant;

namespace {

// Validators::check's message for value, or an empty string when it accepts it.
QString refusal(ValueKind kind, const QString& value)
{
    QString error;
    return Validators::check(kind, value, &error) ? QString() : error;
}

} // namespace

Q_DECLARE_METATYPE(saltant::ValueKind)

// Validators::check row by row for every ValueKind: typical values, the values at each limit (and one past it) and
// hostile ones. Whatever a value kind lets through may end up in a config file, a unit or a shell command on the
// server, so line breaks, control characters, NUL, quotes, `;`, `$(...)` and backticks are refused wherever the kind
// does not need them, and no value is unbounded.
class TestValidators : public QObject
{
    Q_OBJECT

private slots:
    void check_data();
    void check();
    void everyKind_refusesControlCharacters_data();
    void everyKind_refusesControlCharacters();
    void everyKind_refusesShellMetacharacters_data();
    void everyKind_refusesShellMetacharacters();
    void everyKind_refusesAMegabyte_data();
    void everyKind_refusesAMegabyte();
    void everyKind_hasRows();
};

namespace {

struct Kind
{
    ValueKind kind;
    const char* name;
    QString valid;
};

// Every value kind, with one value it accepts.
const QList<Kind>& kinds()
{
    static const QList<Kind> all{
        {ValueKind::FreeText, "FreeText", QStringLiteral("Saltant jobs")},
        {ValueKind::Hostname, "Hostname", QStringLiteral("jobs.example.com")},
        {ValueKind::HostOrIp, "HostOrIp", QStringLiteral("192.0.2.10")},
        {ValueKind::AllowedHost, "AllowedHost", QStringLiteral(".example.com")},
        {ValueKind::AbsolutePath, "AbsolutePath", QStringLiteral("/etc/nginx/site.conf")},
        {ValueKind::FileName, "FileName", QStringLiteral("site.conf")},
        {ValueKind::LocalPath, "LocalPath", QStringLiteral("~/.ssh/id_ed25519")},
        {ValueKind::Identifier, "Identifier", QStringLiteral("saltant_vhost")},
        {ValueKind::UnixName, "UnixName", QStringLiteral("www-data")},
        {ValueKind::PythonModule, "PythonModule", QStringLiteral("saltant.wsgi")},
        {ValueKind::Url, "Url", QStringLiteral("https://example.com/path")},
        {ValueKind::HttpsUrl, "HttpsUrl", QStringLiteral("https://acme-v02.api.letsencrypt.org/directory")},
        {ValueKind::Email, "Email", QStringLiteral("admin@example.com")},
        {ValueKind::NginxSize, "NginxSize", QStringLiteral("20M")},
        {ValueKind::TimeZone, "TimeZone", QStringLiteral("Europe/Berlin")},
        {ValueKind::UrlPathSegment, "UrlPathSegment", QStringLiteral("flower")},
        {ValueKind::SystemdUnitPath, "SystemdUnitPath", QStringLiteral("/etc/systemd/system/flower.service")},
        {ValueKind::AwsKeyId, "AwsKeyId", QStringLiteral("AKIAIOSFODNN7EXAMPLE")},
        {ValueKind::BucketName, "BucketName", QStringLiteral("saltant-media")},
    };
    return all;
}

QString repeat(char c, int n)
{
    return QString(n, QLatin1Char(c));
}

// "/" + names of 100 characters up to exactly `length` characters.
QString pathOfLength(int length)
{
    QString path;
    while (path.size() + 101 <= length) {
        path += QLatin1Char('/') + repeat('a', 100);
    }
    if (path.size() < length) {
        path += QLatin1Char('/') + repeat('b', length - path.size() - 1);
    }
    return path;
}

// A host name of exactly `length` characters: labels of 63 characters and a shorter last one.
QString hostOfLength(int length)
{
    QString host;
    while (host.size() + 64 < length) {
        host += repeat('a', 63) + QLatin1Char('.');
    }
    return host + repeat('b', length - host.size());
}

void row(ValueKind kind, const char* name, const QString& value, bool accepted)
{
    // kinds() is in enumerator order (everyKind_hasRows).
    QTest::addRow("%s: %s", kinds().at(static_cast<int>(kind)).name, name) << kind << value << accepted;
}

} // namespace

void TestValidators::check_data()
{
    QTest::addColumn<ValueKind>("kind");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("accepted");

    using K = ValueKind;
    row(K::FreeText, "words", QStringLiteral("Saltant jobs"), true);
    row(K::FreeText, "quotes and ; are text", QStringLiteral("it's \"a\"; $(not) `run`"), true);
    row(K::FreeText, "empty", QString(), true);
    row(K::FreeText, "200 characters", repeat('x', 200), true);
    row(K::FreeText, "201 characters", repeat('x', 201), false);
    row(K::FreeText, "unicode", QStringLiteral("Grüße, 日本"), true);

    row(K::Hostname, "name", QStringLiteral("jobs.example.com"), true);
    row(K::Hostname, "single label", QStringLiteral("localhost"), true);
    row(K::Hostname, "label of 63", repeat('a', 63) + QStringLiteral(".com"), true);
    row(K::Hostname, "label of 64", repeat('a', 64) + QStringLiteral(".com"), false);
    row(K::Hostname, "253 characters", hostOfLength(253), true);
    row(K::Hostname, "254 characters", hostOfLength(254), false);
    row(K::Hostname, "empty", QString(), false);
    row(K::Hostname, "leading hyphen", QStringLiteral("-jobs.example.com"), false);
    row(K::Hostname, "trailing hyphen", QStringLiteral("jobs-.example.com"), false);
    row(K::Hostname, "trailing dot", QStringLiteral("example.com."), false);
    row(K::Hostname, "empty label", QStringLiteral("jobs..example.com"), false);
    row(K::Hostname, "numeric last label", QStringLiteral("192.0.2.10"), false);
    row(K::Hostname, "underscore", QStringLiteral("my_host.example.com"), false);
    row(K::Hostname, "space", QStringLiteral("example .com"), false);
    row(K::Hostname, "IDN", QStringLiteral("bücher.example"), false);

    row(K::HostOrIp, "name", QStringLiteral("example.com"), true);
    row(K::HostOrIp, "IPv4", QStringLiteral("192.0.2.10"), true);
    row(K::HostOrIp, "IPv6", QStringLiteral("2001:db8::1"), true);
    row(K::HostOrIp, "IPv6 loopback", QStringLiteral("::1"), true);
    row(K::HostOrIp, "IPv4 out of range", QStringLiteral("256.0.2.10"), false);
    row(K::HostOrIp, "IPv6 with zone", QStringLiteral("fe80::1%eth0"), false);
    row(K::HostOrIp, "IPv6 in brackets", QStringLiteral("[::1]"), false);
    row(K::HostOrIp, "empty", QString(), false);

    row(K::AllowedHost, "name", QStringLiteral("example.com"), true);
    row(K::AllowedHost, "suffix", QStringLiteral(".example.com"), true);
    row(K::AllowedHost, "any", QStringLiteral("*"), true);
    row(K::AllowedHost, "IPv4", QStringLiteral("192.0.2.10"), true);
    row(K::AllowedHost, "IPv6 in brackets", QStringLiteral("[::1]"), true);
    row(K::AllowedHost, "bare IPv6", QStringLiteral("::1"), false);
    row(K::AllowedHost, "IPv4 in brackets", QStringLiteral("[192.0.2.10]"), false);
    row(K::AllowedHost, "wildcard label", QStringLiteral("*.example.com"), false);
    row(K::AllowedHost, "empty", QString(), false);

    row(K::AbsolutePath, "path", QStringLiteral("/etc/nginx/site.conf"), true);
    row(K::AbsolutePath, "root", QStringLiteral("/"), false);
    row(K::AbsolutePath, "relative", QStringLiteral("etc/nginx"), false);
    row(K::AbsolutePath, "trailing slash", QStringLiteral("/etc/nginx/"), false);
    row(K::AbsolutePath, "double slash", QStringLiteral("/etc//nginx"), false);
    row(K::AbsolutePath, "dot", QStringLiteral("/etc/./nginx"), false);
    row(K::AbsolutePath, "dot dot", QStringLiteral("/etc/../root"), false);
    row(K::AbsolutePath, "space", QStringLiteral("/srv/my site"), false);
    row(K::AbsolutePath, "home tilde", QStringLiteral("~/site"), false);
    row(K::AbsolutePath, "name of 255", QLatin1Char('/') + repeat('a', 255), true);
    row(K::AbsolutePath, "name of 256", QLatin1Char('/') + repeat('a', 256), false);
    row(K::AbsolutePath, "1024 characters", pathOfLength(1024), true);
    row(K::AbsolutePath, "1025 characters", pathOfLength(1025), false);

    row(K::FileName, "name", QStringLiteral("site.conf"), true);
    row(K::FileName, "all allowed", QStringLiteral("a.b_c+d@e-f"), true);
    row(K::FileName, "leading hyphen", QStringLiteral("-rf"), false);
    row(K::FileName, "dot", QStringLiteral("."), false);
    row(K::FileName, "dot dot", QStringLiteral(".."), false);
    row(K::FileName, "slash", QStringLiteral("conf.d/site"), false);
    row(K::FileName, "empty", QString(), false);
    row(K::FileName, "255 characters", repeat('a', 255), true);
    row(K::FileName, "256 characters", repeat('a', 256), false);

    row(K::LocalPath, "home", QStringLiteral("~/.ssh/id_ed25519"), true);
    row(K::LocalPath, "spaces", QStringLiteral("/home/me/My Keys/id_ed25519"), true);
    row(K::LocalPath, "empty", QString(), true);
    row(K::LocalPath, "4096 characters", repeat('a', 4096), true);
    row(K::LocalPath, "4097 characters", repeat('a', 4097), false);

    row(K::Identifier, "name", QStringLiteral("saltant_vhost"), true);
    row(K::Identifier, "dots and hyphens", QStringLiteral("a.b-c"), true);
    row(K::Identifier, "leading hyphen", QStringLiteral("-p"), false);
    row(K::Identifier, "empty", QString(), false);
    row(K::Identifier, "slash", QStringLiteral("a/b"), false);
    row(K::Identifier, "128 characters", repeat('a', 128), true);
    row(K::Identifier, "129 characters", repeat('a', 129), false);

    row(K::UnixName, "name", QStringLiteral("www-data"), true);
    row(K::UnixName, "underscore first", QStringLiteral("_apt"), true);
    row(K::UnixName, "upper case", QStringLiteral("Saltant"), false);
    row(K::UnixName, "digit first", QStringLiteral("1user"), false);
    row(K::UnixName, "hyphen first", QStringLiteral("-user"), false);
    row(K::UnixName, "empty", QString(), false);
    row(K::UnixName, "32 characters", repeat('a', 32), true);
    row(K::UnixName, "33 characters", repeat('a', 33), false);

    row(K::PythonModule, "dotted", QStringLiteral("saltant.wsgi"), true);
    row(K::PythonModule, "single", QStringLiteral("_private"), true);
    row(K::PythonModule, "empty part", QStringLiteral("saltant..wsgi"), false);
    row(K::PythonModule, "digit first", QStringLiteral("1saltant"), false);
    row(K::PythonModule, "hyphen", QStringLiteral("saltant-app.wsgi"), false);
    row(K::PythonModule, "call", QStringLiteral("__import__('os')"), false);
    row(K::PythonModule, "255 characters", repeat('a', 255), true);
    row(K::PythonModule, "256 characters", repeat('a', 256), false);

    row(K::Url, "https", QStringLiteral("https://example.com/path?q=1#top"), true);
    row(K::Url, "http with port", QStringLiteral("http://192.0.2.10:8080/"), true);
    row(K::Url, "ftp", QStringLiteral("ftp://example.com/"), false);
    row(K::Url, "javascript", QStringLiteral("javascript:alert(1)"), false);
    row(K::Url, "no host", QStringLiteral("https:///path"), false);
    row(K::Url, "space", QStringLiteral("https://example.com/a b"), false);
    row(K::Url, "non-ASCII", QStringLiteral("https://bücher.example/"), false);
    row(K::Url, "2048 characters", QStringLiteral("https://example.com/") + repeat('a', 2048 - 20), true);
    row(K::Url, "2049 characters", QStringLiteral("https://example.com/") + repeat('a', 2049 - 20), false);

    row(K::HttpsUrl, "https", QStringLiteral("https://acme-v02.api.letsencrypt.org/directory"), true);
    row(K::HttpsUrl, "http", QStringLiteral("http://example.com/"), false);
    row(K::HttpsUrl, "no scheme", QStringLiteral("example.com"), false);
    row(K::HttpsUrl, "2048 characters", QStringLiteral("https://example.com/") + repeat('a', 2048 - 20), true);
    row(K::HttpsUrl, "2049 characters", QStringLiteral("https://example.com/") + repeat('a', 2049 - 20), false);

    row(K::Email, "address", QStringLiteral("admin@example.com"), true);
    row(K::Email, "plus", QStringLiteral("admin+saltant@example.com"), true);
    row(K::Email, "no at", QStringLiteral("admin.example.com"), false);
    row(K::Email, "no local part", QStringLiteral("@example.com"), false);
    row(K::Email, "two ats", QStringLiteral("a@b@example.com"), false);
    row(K::Email, "leading hyphen", QStringLiteral("-admin@example.com"), false);
    row(K::Email, "single-label domain", QStringLiteral("admin@localhost"), true);
    row(K::Email, "local part of 64", repeat('a', 64) + QStringLiteral("@example.com"), true);
    row(K::Email, "local part of 65", repeat('a', 65) + QStringLiteral("@example.com"), false);

    row(K::NginxSize, "megabytes", QStringLiteral("20M"), true);
    row(K::NginxSize, "bytes", QStringLiteral("0"), true);
    row(K::NginxSize, "nine digits", QStringLiteral("999999999g"), true);
    row(K::NginxSize, "ten digits", QStringLiteral("1000000000"), false);
    row(K::NginxSize, "unit word", QStringLiteral("20MB"), false);
    row(K::NginxSize, "negative", QStringLiteral("-1"), false);
    row(K::NginxSize, "empty", QString(), false);

    row(K::TimeZone, "UTC", QStringLiteral("UTC"), true);
    row(K::TimeZone, "region", QStringLiteral("Europe/Berlin"), true);
    row(K::TimeZone, "three parts", QStringLiteral("America/Argentina/Buenos_Aires"), true);
    row(K::TimeZone, "offset", QStringLiteral("Etc/GMT+5"), true);
    row(K::TimeZone, "four parts", QStringLiteral("A/B/C/D"), false);
    row(K::TimeZone, "absolute", QStringLiteral("/etc/localtime"), false);
    row(K::TimeZone, "traversal", QStringLiteral("../../etc/passwd"), false);
    row(K::TimeZone, "empty", QString(), false);

    row(K::UrlPathSegment, "name", QStringLiteral("flower"), true);
    row(K::UrlPathSegment, "dot", QStringLiteral("."), false);
    row(K::UrlPathSegment, "dot dot", QStringLiteral(".."), false);
    row(K::UrlPathSegment, "slash", QStringLiteral("a/b"), false);
    row(K::UrlPathSegment, "encoded slash", QStringLiteral("a%2Fb"), false);
    row(K::UrlPathSegment, "64 characters", repeat('a', 64), true);
    row(K::UrlPathSegment, "65 characters", repeat('a', 65), false);

    row(K::SystemdUnitPath, "unit", QStringLiteral("/etc/systemd/system/flower.service"), true);
    row(K::SystemdUnitPath, "no name", QStringLiteral("/etc/systemd/system/.service"), false);
    row(K::SystemdUnitPath, "timer", QStringLiteral("/etc/systemd/system/flower.timer"), false);
    row(K::SystemdUnitPath, "relative", QStringLiteral("flower.service"), false);

    row(K::AwsKeyId, "key id", QStringLiteral("AKIAIOSFODNN7EXAMPLE"), true);
    row(K::AwsKeyId, "lower case", QStringLiteral("akiaiosfodnn7example"), false);
    row(K::AwsKeyId, "16 characters", repeat('A', 16), true);
    row(K::AwsKeyId, "15 characters", repeat('A', 15), false);
    row(K::AwsKeyId, "128 characters", repeat('A', 128), true);
    row(K::AwsKeyId, "129 characters", repeat('A', 129), false);

    row(K::BucketName, "bucket", QStringLiteral("saltant-media"), true);
    row(K::BucketName, "3 characters", QStringLiteral("abc"), true);
    row(K::BucketName, "2 characters", QStringLiteral("ab"), false);
    row(K::BucketName, "63 characters", repeat('a', 63), true);
    row(K::BucketName, "64 characters", repeat('a', 64), false);
    row(K::BucketName, "upper case", QStringLiteral("Saltant"), false);
    row(K::BucketName, "leading hyphen", QStringLiteral("-media"), false);
    row(K::BucketName, "underscore", QStringLiteral("saltant_media"), false);
}

void TestValidators::check()
{
    QFETCH(ValueKind, kind);
    QFETCH(QString, value);
    QFETCH(bool, accepted);
    const QString message = refusal(kind, value);
    QVERIFY2(message.isEmpty() == accepted, qPrintable(message.isEmpty() ? QStringLiteral("accepted") : message));
    // A refusal says what is allowed, as one sentence.
    QVERIFY2(accepted || message.endsWith(QLatin1Char('.')), qPrintable(message));
}

void TestValidators::everyKind_refusesControlCharacters_data()
{
    QTest::addColumn<ValueKind>("kind");
    QTest::addColumn<QString>("value");
    const QList<QPair<const char*, QString>> inserts{
        {"newline", QStringLiteral("\n")},
        {"carriage return", QStringLiteral("\r")},
        {"tab", QStringLiteral("\t")},
        {"NUL", QString(QChar(0))},
        {"escape", QStringLiteral("\x1b[2J")},
        {"DEL", QString(QChar(0x7f))},
        {"C1 next line", QString(QChar(0x85))},
        {"line separator", QString(QChar(0x2028))},
        {"byte order mark", QString(QChar(0xfeff))},
        {"lone surrogate", QString(QChar(0xd800))},
    };
    for (const Kind& k : kinds()) {
        for (const auto& insert : inserts) {
            QTest::addRow("%s: %s at the end", k.name, insert.first) << k.kind << k.valid + insert.second;
            QTest::addRow("%s: %s inside", k.name, insert.first)
                << k.kind << k.valid.left(1) + insert.second + k.valid.mid(1);
        }
    }
}

void TestValidators::everyKind_refusesControlCharacters()
{
    QFETCH(ValueKind, kind);
    QFETCH(QString, value);
    QVERIFY(!Validators::isPrintableLine(value));
    QVERIFY(!refusal(kind, value).isEmpty());
}

void TestValidators::everyKind_refusesShellMetacharacters_data()
{
    QTest::addColumn<ValueKind>("kind");
    QTest::addColumn<QString>("value");
    const QList<QPair<const char*, QString>> appended{
        {"single quote", QStringLiteral("'")},
        {"double quote", QStringLiteral("\"")},
        {"command substitution", QStringLiteral("$(id)")},
        {"backticks", QStringLiteral("`id`")},
        {"variable", QStringLiteral("${HOME}")},
        {"semicolon", QStringLiteral(";reboot")},
        {"pipe", QStringLiteral("|sh")},
        {"redirection", QStringLiteral(">x")},
        {"space", QStringLiteral(" x")},
        {"backslash", QStringLiteral("\\")},
    };
    for (const Kind& k : kinds()) {
        // Free text and a path on the admin's own machine never reach a shell unquoted; they may hold anything.
        if (k.kind == ValueKind::FreeText || k.kind == ValueKind::LocalPath) {
            continue;
        }
        for (const auto& a : appended) {
            // ; belongs to URLs (path parameters); the URL kinds are always quoted where they are used.
            const bool urlSemicolon =
                (k.kind == ValueKind::Url || k.kind == ValueKind::HttpsUrl) && a.second.startsWith(QLatin1Char(';'));
            if (!urlSemicolon) {
                QTest::addRow("%s: %s", k.name, a.first) << k.kind << k.valid + a.second;
            }
        }
    }
}

void TestValidators::everyKind_refusesShellMetacharacters()
{
    QFETCH(ValueKind, kind);
    QFETCH(QString, value);
    QVERIFY2(!refusal(kind, value).isEmpty(), qPrintable(value));
}

void TestValidators::everyKind_refusesAMegabyte_data()
{
    QTest::addColumn<ValueKind>("kind");
    QTest::addColumn<QString>("value");
    for (const Kind& k : kinds()) {
        QTest::addRow("%s", k.name) << k.kind << k.valid + repeat('a', 1 << 20);
    }
}

void TestValidators::everyKind_refusesAMegabyte()
{
    QFETCH(ValueKind, kind);
    QFETCH(QString, value);
    QVERIFY(!refusal(kind, value).isEmpty());
}

void TestValidators::everyKind_hasRows()
{
    // Every enumerator, in order: a new value kind must be added to kinds() (and get rows of its own).
    QCOMPARE(kinds().size(), static_cast<int>(ValueKind::BucketName) + 1);
    for (int i = 0; i < kinds().size(); ++i) {
        QCOMPARE(static_cast<int>(kinds().at(i).kind), i);
        QVERIFY2(refusal(kinds().at(i).kind, kinds().at(i).valid).isEmpty(), kinds().at(i).name);
    }
}

QTEST_GUILESS_MAIN(TestValidators)
#include "TestValidators.moc"
