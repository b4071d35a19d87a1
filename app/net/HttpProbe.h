#pragma once

#include "net/CheckProbe.h"

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSslError>
#include <QUrl>

namespace saltant {

// Health: one GET of a URL of the site (no redirects followed) and what its answer must be.
class HttpProbe : public CheckProbe
{
    Q_OBJECT

public:
    enum class Expect
    {
        Site,          // DJANGO_BASE_URL answers (2xx, or a redirect on the same host)
        HttpsRedirect, // plain HTTP redirects to HTTPS on the same host
        AuthChallenge, // /flower/ without credentials: 401 with a Basic challenge
        Login,         // /flower/ with the user and password: 200
        ManagementUi   // /rabbitmq/: the RabbitMQ management UI
    };

    // What came back; status is 0 when no HTTP answer arrived.
    struct Answer
    {
        int status = 0;
        QString reason;
        QByteArray location;
        QByteArray wwwAuthenticate;
        QByteArray body; // the first bytes
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QString errorString;
        QList<QSslError> sslErrors;
    };

    HttpProbe(const QString& id, const QString& title, const QUrl& url, Expect expect, const CheckOptions& options,
              QObject* parent = nullptr);
    // Credentials for Expect::Login.
    void setCredentials(const QString& user, const QString& password);

    // The verdict for an answer (id and title left empty).
    static CheckResult judge(Expect expect, const QUrl& url, const Answer& answer, const QString& user = QString());

protected:
    void run() override;
    void stop() override;
    void describeTimeout(QString* detail, QString* remedy) const override;

private:
    void send(const QHostAddress& address);
    void onFinished();

    QUrl m_url;
    Expect m_expect;
    QString m_user;
    QString m_password;
    int m_lookup = -1;
    QNetworkAccessManager m_nam;
    QPointer<QNetworkReply> m_reply;
    QList<QSslError> m_sslErrors;
};

} // namespace saltant
