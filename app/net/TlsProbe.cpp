#include "net/TlsProbe.h"

#include "net/HostResolver.h"

#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QStringList>

namespace saltant {
namespace {

CheckResult verdict(CheckVerdict v, const QString& detail, const QString& remedy = QString())
{
    return CheckResult{QString(), QString(), v, detail, remedy};
}

QString day(const QDateTime& when)
{
    return when.toUTC().date().toString(Qt::ISODate);
}

QStringList namesOf(const QSslCertificate& certificate)
{
    QStringList names = certificate.subjectAlternativeNames().values(QSsl::DnsEntry);
    if (names.isEmpty()) {
        names = certificate.subjectInfo(QSslCertificate::CommonName);
    }
    names.sort(Qt::CaseInsensitive);
    names.removeDuplicates();
    return names;
}

bool hasError(const QList<QSslError>& errors, std::initializer_list<QSslError::SslError> kinds)
{
    for (const QSslError& error : errors) {
        for (QSslError::SslError kind : kinds) {
            if (error.error() == kind) {
                return true;
            }
        }
    }
    return false;
}

} // namespace

TlsProbe::TlsProbe(const QString& id, const QString& title, const QString& host, int serverPort, const QString& service,
                   const CheckOptions& options, QObject* parent)
    : CheckProbe(id, title, options, parent), m_host(host), m_serverPort(serverPort), m_service(service)
{
    m_socket.setProxy(QNetworkProxy::NoProxy);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(options.extraCaCertificates);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket.setSslConfiguration(tls);
    connect(&m_socket, &QSslSocket::encrypted, this, [this] {
        m_chain = m_socket.peerCertificateChain();
        conclude();
    });
    // Not ignored, so the handshake fails right after this; the verdict follows in onError.
    connect(&m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        m_errors = errors;
        m_chain = m_socket.peerCertificateChain();
    });
    connect(&m_socket, &QSslSocket::errorOccurred, this, &TlsProbe::onError);
}

QString TlsProbe::endpoint() const
{
    return m_address + QLatin1Char(':') + QString::number(options().mappedPort(m_serverPort));
}

void TlsProbe::run()
{
    m_lookup = HostResolver::lookup(
        m_host, options(), this, [this](const QList<QHostAddress>& addresses, const QString& error) {
            m_lookup = -1;
            if (addresses.isEmpty()) {
                finish(CheckVerdict::Fail, error, tr("add an A (or ALIAS) record for %1").arg(m_host));
                return;
            }
            m_address = addresses.first().toString();
            m_socket.connectToHostEncrypted(m_address, quint16(options().mappedPort(m_serverPort)), m_host);
        });
}

void TlsProbe::onError(QAbstractSocket::SocketError error)
{
    if (isDone()) {
        return;
    }
    if (!m_errors.isEmpty()) {
        conclude();
        return;
    }
    if (error == QAbstractSocket::ConnectionRefusedError) {
        finish(CheckVerdict::Fail,
               tr("port %1 closed on %2 (%3 refused the connection)").arg(m_serverPort).arg(m_host, endpoint()),
               tr("port %1 closed: start %2 and open the port in the instance's firewall/security group")
                   .arg(m_serverPort)
                   .arg(m_service));
        return;
    }
    finish(CheckVerdict::Fail,
           tr("TLS handshake with %1 on port %2 (%3) failed: %4")
               .arg(m_host)
               .arg(m_serverPort)
               .arg(endpoint(), m_socket.errorString()),
           tr("make %1 speak TLS on port %2 with the Let's Encrypt certificate and check it can read it")
               .arg(m_service)
               .arg(m_serverPort));
}

void TlsProbe::conclude()
{
    const CheckResult r = judge(m_host, m_chain, m_errors, QDateTime::currentDateTimeUtc(), options().expiryWarnDays);
    finish(r.verdict, r.detail, r.remedy);
}

void TlsProbe::stop()
{
    HostResolver::abort(m_lookup);
    m_lookup = -1;
    m_socket.abort();
}

void TlsProbe::describeTimeout(QString* detail, QString* remedy) const
{
    *detail =
        tr("no TLS handshake with %1 on port %2 within %3 ms").arg(m_host).arg(m_serverPort).arg(options().timeoutMs);
    *remedy = tr("%1 accepts connections on port %2 but does not answer: check that it speaks TLS there and is not "
                 "overloaded")
                  .arg(m_service)
                  .arg(m_serverPort);
}

CheckResult TlsProbe::judge(const QString& host, const QList<QSslCertificate>& chain, const QList<QSslError>& errors,
                            const QDateTime& now, int warnDays)
{
    const QSslCertificate leaf = chain.value(0);
    const QString names = namesOf(leaf).join(QStringLiteral(", "));
    const QString renew = tr("run certbot renew and check the renewal timer (systemctl list-timers)");
    if (hasError(errors, {QSslError::HostNameMismatch})) {
        return verdict(CheckVerdict::Fail, tr("the certificate for %1 is for %2").arg(host, names),
                       tr("name mismatch: issue a certificate that covers %1 (certbot certonly --webroot -d %1) and "
                          "point the server at it")
                           .arg(host));
    }
    if (hasError(errors, {QSslError::CertificateExpired})) {
        return verdict(CheckVerdict::Fail, tr("the certificate for %1 expired on %2").arg(host, day(leaf.expiryDate())),
                       renew);
    }
    if (hasError(errors, {QSslError::CertificateNotYetValid})) {
        return verdict(CheckVerdict::Fail,
                       tr("the certificate for %1 is not valid before %2").arg(host, day(leaf.effectiveDate())),
                       tr("check the clocks of the server and of this machine (timedatectl), then reissue it"));
    }
    if (!errors.isEmpty()) {
        QStringList texts;
        for (const QSslError& error : errors) {
            texts << error.errorString();
        }
        const bool untrusted =
            hasError(errors, {QSslError::SelfSignedCertificate, QSslError::SelfSignedCertificateInChain,
                              QSslError::UnableToGetLocalIssuerCertificate, QSslError::UnableToVerifyFirstCertificate,
                              QSslError::CertificateUntrusted, QSslError::UnableToGetIssuerCertificate});
        return verdict(CheckVerdict::Fail,
                       tr("the certificate for %1 is not valid: %2").arg(host, texts.join(QStringLiteral("; "))),
                       untrusted ? tr("serve the full chain (fullchain.pem, not cert.pem) of a public CA such as "
                                      "Let's Encrypt")
                                 : renew);
    }
    if (leaf.isNull()) {
        return verdict(CheckVerdict::Fail, tr("%1 presented no certificate").arg(host),
                       tr("configure the Let's Encrypt certificate for %1").arg(host));
    }
    const qint64 seconds = now.secsTo(leaf.expiryDate());
    const int days = int(seconds / 86400);
    if (seconds <= 0) {
        return verdict(CheckVerdict::Fail, tr("the certificate for %1 expired on %2").arg(host, day(leaf.expiryDate())),
                       renew);
    }
    if (days < warnDays) {
        const QString when = days == 0   ? tr("in less than a day")
                             : days == 1 ? tr("in 1 day")
                                         : tr("in %n days", nullptr, days);
        return verdict(
            CheckVerdict::Warn, tr("the certificate for %1 expires %2, on %3").arg(host, when, day(leaf.expiryDate())),
            tr("certificate for %1 expires %2: run certbot renew and check the renewal timer").arg(host, when));
    }
    const QString issuer = leaf.issuerDisplayName();
    return verdict(
        CheckVerdict::Pass,
        tr("valid for %1 until %2 (%n days), issued by %3", nullptr, days).arg(names, day(leaf.expiryDate()), issuer));
}

} // namespace saltant
