#include "TlsPeer.h"
#include "net/TlsProbe.h"

#include <QSslConfiguration>
#include <QTest>

using namespace saltant;

// TlsProbe::judge on real certificates made by a test CA (openssl CLI), verified by Qt as the probe does.
class TestCheckCertificate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void valid_passesNamingIssuerAndExpiry();
    void expiresTomorrow_warnsToRenew();
    void expiresWithinWarnDays_warnsWithDayCount();
    void expired_fails();
    void notYetValid_failsAboutClocks();
    void wrongName_failsWithMismatchRemedy();
    void unknownCa_failsAskingForFullChain();
    void noCertificate_fails();

private:
    CheckResult judgeLeaf(TlsPeer::Validity validity, const QStringList& names, const QString& host);

    TlsPeer m_peer;
    int m_serial = 0;
};

void TestCheckCertificate::initTestCase()
{
    QVERIFY2(m_peer.createCa(), qPrintable(m_peer.errorString()));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(m_peer.caCertificates());
    QSslConfiguration::setDefaultConfiguration(tls);
}

CheckResult TestCheckCertificate::judgeLeaf(TlsPeer::Validity validity, const QStringList& names, const QString& host)
{
    TlsPeer::Leaf leaf;
    if (!m_peer.issue(QStringLiteral("leaf%1").arg(++m_serial), names, validity, &leaf)) {
        return CheckResult{QString(), QString(), CheckVerdict::Pass, m_peer.errorString(), QString()};
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(leaf.certPath);
    const QList<QSslError> errors = QSslCertificate::verify(chain, host);
    return TlsProbe::judge(host, chain, errors, QDateTime::currentDateTimeUtc(), 14);
}

void TestCheckCertificate::valid_passesNamingIssuerAndExpiry()
{
    const CheckResult r =
        judgeLeaf(TlsPeer::Validity::Valid, {QStringLiteral("example.test"), QStringLiteral("www.example.test")},
                  QStringLiteral("www.example.test"));
    QVERIFY2(r.verdict == CheckVerdict::Pass, qPrintable(r.toLine()));
    QVERIFY2(r.detail.contains(QStringLiteral("example.test, www.example.test")), qPrintable(r.detail));
    QVERIFY2(r.detail.contains(QStringLiteral("Saltant Deploy Test CA")), qPrintable(r.detail));
    QVERIFY(r.remedy.isEmpty());
}

void TestCheckCertificate::expiresTomorrow_warnsToRenew()
{
    const CheckResult r = judgeLeaf(TlsPeer::Validity::ExpiresSoon, {QStringLiteral("www.example.test")},
                                    QStringLiteral("www.example.test"));
    QVERIFY2(r.verdict == CheckVerdict::Warn, qPrintable(r.toLine()));
    QVERIFY2(r.remedy.startsWith(QStringLiteral("certificate for www.example.test expires in less than a day: run "
                                                "certbot renew")),
             qPrintable(r.remedy));
}

void TestCheckCertificate::expiresWithinWarnDays_warnsWithDayCount()
{
    TlsPeer::Leaf leaf;
    QVERIFY2(
        m_peer.issue(QStringLiteral("soon"), {QStringLiteral("www.example.test")}, TlsPeer::Validity::Valid, &leaf),
        qPrintable(m_peer.errorString()));
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(leaf.certPath);
    QCOMPARE(chain.size(), 1);
    const QDateTime threeDaysBefore = chain.first().expiryDate().addDays(-3).addSecs(-60);
    const CheckResult r = TlsProbe::judge(QStringLiteral("www.example.test"), chain, {}, threeDaysBefore, 14);
    QCOMPARE(r.verdict, CheckVerdict::Warn);
    QVERIFY2(r.remedy.startsWith(QStringLiteral("certificate for www.example.test expires in 3 days: run certbot "
                                                "renew and check the renewal timer")),
             qPrintable(r.remedy));
    const CheckResult later =
        TlsProbe::judge(QStringLiteral("www.example.test"), chain, {}, chain.first().expiryDate().addDays(-20), 14);
    QCOMPARE(later.verdict, CheckVerdict::Pass);
}

void TestCheckCertificate::expired_fails()
{
    const CheckResult r =
        judgeLeaf(TlsPeer::Validity::Expired, {QStringLiteral("www.example.test")}, QStringLiteral("www.example.test"));
    QVERIFY2(r.verdict == CheckVerdict::Fail, qPrintable(r.toLine()));
    QVERIFY2(r.detail.contains(QStringLiteral("expired on 2020-02-01")), qPrintable(r.detail));
    QVERIFY2(r.remedy.contains(QStringLiteral("certbot renew")), qPrintable(r.remedy));
}

void TestCheckCertificate::notYetValid_failsAboutClocks()
{
    const CheckResult r = judgeLeaf(TlsPeer::Validity::NotYetValid, {QStringLiteral("www.example.test")},
                                    QStringLiteral("www.example.test"));
    QVERIFY2(r.verdict == CheckVerdict::Fail, qPrintable(r.toLine()));
    QVERIFY2(r.detail.contains(QStringLiteral("not valid before 2090-01-01")), qPrintable(r.detail));
    QVERIFY2(r.remedy.contains(QStringLiteral("clocks")), qPrintable(r.remedy));
}

void TestCheckCertificate::wrongName_failsWithMismatchRemedy()
{
    const CheckResult r =
        judgeLeaf(TlsPeer::Validity::Valid, {QStringLiteral("other.example.test")}, QStringLiteral("www.example.test"));
    QVERIFY2(r.verdict == CheckVerdict::Fail, qPrintable(r.toLine()));
    QVERIFY2(r.detail.contains(QStringLiteral("is for other.example.test")), qPrintable(r.detail));
    QVERIFY2(r.remedy.contains(QStringLiteral("certbot certonly --webroot -d www.example.test")), qPrintable(r.remedy));
}

void TestCheckCertificate::unknownCa_failsAskingForFullChain()
{
    TlsPeer stranger;
    QVERIFY2(stranger.createCa(), qPrintable(stranger.errorString()));
    TlsPeer::Leaf leaf;
    QVERIFY2(
        stranger.issue(QStringLiteral("stray"), {QStringLiteral("www.example.test")}, TlsPeer::Validity::Valid, &leaf),
        qPrintable(stranger.errorString()));
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(leaf.certPath);
    const QString host = QStringLiteral("www.example.test");
    const CheckResult r =
        TlsProbe::judge(host, chain, QSslCertificate::verify(chain, host), QDateTime::currentDateTimeUtc(), 14);
    QVERIFY2(r.verdict == CheckVerdict::Fail, qPrintable(r.toLine()));
    QVERIFY2(r.remedy.contains(QStringLiteral("fullchain.pem")), qPrintable(r.remedy));
}

void TestCheckCertificate::noCertificate_fails()
{
    const CheckResult r =
        TlsProbe::judge(QStringLiteral("www.example.test"), {}, {}, QDateTime::currentDateTimeUtc(), 14);
    QCOMPARE(r.verdict, CheckVerdict::Fail);
    QVERIFY(!r.remedy.isEmpty());
}

QTEST_GUILESS_MAIN(TestCheckCertificate)
#include "TestCheckCertificate.moc"
