#include "net/HttpProbe.h"

#include "net/HostResolver.h"

#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QStringList>

namespace saltant {
namespace {

constexpr qint64 BodyPeek = 4096;

CheckResult verdict(CheckVerdict v, const QString& detail, const QString& remedy = QString())
{
    return CheckResult{QString(), QString(), v, detail, remedy};
}

QString statusText(const HttpProbe::Answer& answer)
{
    return answer.reason.isEmpty() ? QString::number(answer.status)
                                   : QString::number(answer.status) + QLatin1Char(' ') + answer.reason;
}

QString sslErrorText(const QList<QSslError>& errors)
{
    QStringList parts;
    for (const QSslError& error : errors) {
        parts << error.errorString();
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

HttpProbe::HttpProbe(const QString& id, const QString& title, const QUrl& url, Expect expect,
                     const CheckOptions& options, QObject* parent)
    : CheckProbe(id, title, options, parent), m_url(url), m_expect(expect)
{
    m_nam.setProxy(QNetworkProxy::NoProxy);
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

void HttpProbe::setCredentials(const QString& user, const QString& password)
{
    m_user = user;
    m_password = password;
}

void HttpProbe::run()
{
    m_lookup = HostResolver::lookup(
        m_url.host(), options(), this, [this](const QList<QHostAddress>& addresses, const QString& error) {
            m_lookup = -1;
            if (addresses.isEmpty()) {
                finish(CheckVerdict::Fail, error, tr("add an A (or ALIAS) record for %1").arg(m_url.host()));
                return;
            }
            send(addresses.first());
        });
}

void HttpProbe::send(const QHostAddress& address)
{
    // Connect to the resolved (or overridden) address and port, but speak to the real host: Host header, TLS
    // server name (SNI) and certificate verification all use the URL's name.
    const bool https = m_url.scheme() == QLatin1String("https");
    const int serverPort = m_url.port(https ? 443 : 80);
    QUrl target = m_url;
    target.setHost(address.toString());
    target.setPort(options().mappedPort(serverPort));
    QNetworkRequest request(target);
    QByteArray host = m_url.host(QUrl::FullyEncoded).toLatin1();
    if (m_url.port() != -1) {
        host += ':' + QByteArray::number(m_url.port());
    }
    request.setRawHeader("Host", host);
    request.setRawHeader("User-Agent", "saltant-deploy-check");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (https) {
        request.setPeerVerifyName(m_url.host());
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(options().extraCaCertificates);
        request.setSslConfiguration(tls);
    }
    if (m_expect == Expect::Login) {
        const QByteArray pair = (m_user + QLatin1Char(':') + m_password).toUtf8();
        request.setRawHeader("Authorization", "Basic " + pair.toBase64());
    }
    m_reply = m_nam.get(request);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) { m_sslErrors = errors; });
    connect(m_reply, &QNetworkReply::finished, this, &HttpProbe::onFinished);
}

void HttpProbe::onFinished()
{
    if (isDone() || !m_reply) {
        return;
    }
    Answer answer;
    answer.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    answer.location = m_reply->rawHeader("Location");
    answer.wwwAuthenticate = m_reply->rawHeader("WWW-Authenticate");
    answer.body = m_reply->read(BodyPeek);
    answer.error = m_reply->error();
    answer.errorString = m_reply->errorString();
    answer.sslErrors = m_sslErrors;
    const CheckResult r = judge(m_expect, m_url, answer, m_user);
    finish(r.verdict, r.detail, r.remedy);
}

void HttpProbe::stop()
{
    HostResolver::abort(m_lookup);
    m_lookup = -1;
    if (m_reply) {
        m_reply->abort();
    }
}

void HttpProbe::describeTimeout(QString* detail, QString* remedy) const
{
    *detail = tr("no answer from %1 within %2 ms").arg(m_url.toDisplayString()).arg(options().timeoutMs);
    *remedy = tr("the server does not answer in time: check nginx and the service behind it "
                 "(systemctl status nginx emperor.uwsgi flower rabbitmq-server)");
}

CheckResult HttpProbe::judge(Expect expect, const QUrl& url, const Answer& answer, const QString& user)
{
    const QString where = url.toDisplayString();
    const int serverPort = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    if (answer.status == 0) {
        switch (answer.error) {
        case QNetworkReply::ConnectionRefusedError:
            return verdict(CheckVerdict::Fail, tr("%1: port %2 refused the connection").arg(where).arg(serverPort),
                           tr("start nginx (systemctl status nginx) and open port %1 in the firewall/security group")
                               .arg(serverPort));
        case QNetworkReply::SslHandshakeFailedError:
            return verdict(
                CheckVerdict::Fail,
                tr("%1: TLS handshake failed: %2")
                    .arg(where, answer.sslErrors.isEmpty() ? answer.errorString : sslErrorText(answer.sslErrors)),
                tr("serve a valid certificate for %1 (see the certificate check)").arg(url.host()));
        default:
            return verdict(CheckVerdict::Fail, tr("%1: %2").arg(where, answer.errorString),
                           tr("check that nginx runs (systemctl status nginx) and answers on port %1").arg(serverPort));
        }
    }
    const QString status = statusText(answer);
    const QUrl location = url.resolved(QUrl::fromEncoded(answer.location));
    const bool redirect = answer.status >= 300 && answer.status < 400 && !answer.location.isEmpty();
    const bool sameHost = location.host().compare(url.host(), Qt::CaseInsensitive) == 0;
    const QString redeploy = tr("deploy again to restore the nginx site, then check it is enabled in sites-enabled");
    if (answer.status == 502 || answer.status == 503 || answer.status == 504) {
        QString service = tr("check emperor.uwsgi.service and the vassal's log (journalctl -u emperor.uwsgi)");
        if (expect == Expect::AuthChallenge || expect == Expect::Login) {
            service = tr("Flower is not answering nginx: systemctl status flower; journalctl -u flower");
        } else if (expect == Expect::ManagementUi) {
            service = tr("the management UI is not answering nginx: rabbitmq-plugins enable rabbitmq_management, "
                         "then systemctl status rabbitmq-server");
        }
        return verdict(CheckVerdict::Fail, tr("%1 answered %2").arg(where, status), service);
    }
    switch (expect) {
    case Expect::HttpsRedirect:
        if (redirect && location.scheme() == QLatin1String("https") && sameHost) {
            return verdict(CheckVerdict::Pass,
                           tr("%1 redirects (%2) to %3").arg(where, status, location.toDisplayString()));
        }
        return verdict(CheckVerdict::Fail,
                       redirect ? tr("%1 redirects (%2) to %3, not to HTTPS on %4")
                                      .arg(where, status, location.toDisplayString(), url.host())
                                : tr("%1 answered %2 instead of redirecting to HTTPS").arg(where, status),
                       tr("redirect port 80 to https://$host$request_uri in the nginx site; %1").arg(redeploy));
    case Expect::Site:
        if (answer.status >= 200 && answer.status < 300) {
            return verdict(CheckVerdict::Pass, tr("%1 answered %2").arg(where, status));
        }
        if (redirect) {
            return sameHost
                       ? verdict(CheckVerdict::Pass,
                                 tr("%1 answered %2 to %3").arg(where, status, location.toDisplayString()))
                       : verdict(
                             CheckVerdict::Warn,
                             tr("%1 redirects (%2) to another host: %3").arg(where, status, location.toDisplayString()),
                             tr("set DJANGO_BASE_URL's host (server.canonicalWww) to the one the site "
                                "redirects to, or remove the redirect"));
        }
        if (answer.status == 400) {
            return verdict(CheckVerdict::Fail, tr("%1 answered %2: Django refuses the host name").arg(where, status),
                           tr("add %1 to ALLOWED_HOSTS (server.extraAllowedHosts) and deploy").arg(url.host()));
        }
        if (answer.status == 404) {
            return verdict(CheckVerdict::Fail, tr("%1 answered %2").arg(where, status),
                           tr("nginx does not serve %1 here: check server_name; %2").arg(url.host(), redeploy));
        }
        return verdict(CheckVerdict::Fail, tr("%1 answered %2").arg(where, status),
                       tr("check the uWSGI vassal's log (journalctl -u emperor.uwsgi) and Rollbar"));
    case Expect::AuthChallenge:
        if (answer.status == 401 && answer.wwwAuthenticate.trimmed().toLower().startsWith("basic")) {
            return verdict(
                CheckVerdict::Pass,
                tr("%1 asks for a password (%2, %3)").arg(where, status, QString::fromLatin1(answer.wwwAuthenticate)));
        }
        if (answer.status == 401) {
            return verdict(CheckVerdict::Warn, tr("%1 answered %2 without a Basic challenge").arg(where, status),
                           tr("set FLOWER_BASIC_AUTH in Flower's environment file and restart Flower"));
        }
        if (answer.status >= 200 && answer.status < 400) {
            return verdict(CheckVerdict::Fail, tr("%1 answered %2 without asking for a password").arg(where, status),
                           tr("anyone can control the workers: set FLOWER_BASIC_AUTH in Flower's environment file "
                              "(deploy again) and restart Flower"));
        }
        return verdict(
            CheckVerdict::Fail, tr("%1 answered %2").arg(where, status),
            tr("nginx does not proxy Flower here: check the Flower location and flower.urlPrefix; %1").arg(redeploy));
    case Expect::Login:
        if (answer.status >= 200 && answer.status < 400) {
            return verdict(CheckVerdict::Pass, tr("%1 accepts the login of %2 (%3)").arg(where, user, status));
        }
        if (answer.status == 401 || answer.status == 403) {
            return verdict(CheckVerdict::Fail, tr("%1 refused the login of %2 (%3)").arg(where, user, status),
                           tr("the Flower password in the keychain differs from the server's: deploy again to "
                              "rewrite Flower's environment file and restart Flower"));
        }
        return verdict(CheckVerdict::Fail, tr("%1 answered %2 to the login of %3").arg(where, status, user),
                       tr("check the Flower location and flower.urlPrefix; %1").arg(redeploy));
    case Expect::ManagementUi:
        if (answer.status >= 200 && answer.status < 300) {
            if (!answer.body.contains("RabbitMQ")) {
                return verdict(CheckVerdict::Warn,
                               tr("%1 answered %2, but not with the RabbitMQ management UI").arg(where, status),
                               tr("check that the nginx location proxies to the management port and "
                                  "management.path_prefix matches"));
            }
            return verdict(CheckVerdict::Pass, tr("%1 answered %2 with the management UI").arg(where, status));
        }
        if (redirect && sameHost) {
            return verdict(CheckVerdict::Pass,
                           tr("%1 answered %2 to %3").arg(where, status, location.toDisplayString()));
        }
        return verdict(
            CheckVerdict::Fail, tr("%1 answered %2").arg(where, status),
            tr("check management.path_prefix in rabbitmq.conf and the nginx location for it; %1").arg(redeploy));
    }
    return verdict(CheckVerdict::Fail, tr("%1 answered %2").arg(where, status));
}

} // namespace saltant
