#include "import/RabbitmqAccounts.h"

#include "deploy/RemoteHost.h"
#include "generate/Quote.h"
#include "import/ServerImporter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace saltant {
namespace {

const QString Source = QStringLiteral("rabbitmqctl");

// Runs `rabbitmqctl -q ARGS --formatter json` and returns its array; false with error when it fails.
bool listJson(RemoteHost& host, const QString& args, QJsonArray* out, QString* error)
{
    const CommandResult result = host.run(QStringLiteral("rabbitmqctl -q %1 --formatter json").arg(args));
    QJsonParseError parse;
    const QJsonDocument json = QJsonDocument::fromJson(result.stdOut, &parse);
    if (!result.ok() || !json.isArray()) {
        *error = result.error.isEmpty() ? QString::fromUtf8(result.stdErr).trimmed().left(300) : result.error;
        if (error->isEmpty()) {
            *error = parse.errorString();
        }
        return false;
    }
    *out = json.array();
    return true;
}

} // namespace

int RabbitmqAccounts::check(RemoteHost& host, ImportResult* result)
{
    ImportReport& report = result->report;
    const Project& project = result->project;
    const QString user = project.text(Key::RabbitmqAdminUser);
    const QString vhost = project.text(Key::RabbitmqVhost);
    QJsonArray users;
    QJsonArray vhosts;
    QString error;
    if (!listJson(host, QStringLiteral("list_users"), &users, &error) ||
        !listJson(host, QStringLiteral("list_vhosts"), &vhosts, &error)) {
        report.problems.append({{Source, 0},
                                tr("RabbitMQ's users and vhosts could not be listed (%1); check that user %2 and "
                                   "vhost %3 exist, or let the deploy create them.")
                                    .arg(error, user, vhost)});
        return 2;
    }
    QStringList userNames;
    for (const QJsonValue& u : std::as_const(users)) {
        userNames << u.toObject().value(QStringLiteral("user")).toString();
    }
    QStringList vhostNames;
    for (const QJsonValue& v : std::as_const(vhosts)) {
        vhostNames << v.toObject().value(QStringLiteral("name")).toString();
    }
    if (userNames.contains(QStringLiteral("guest"))) {
        report.mistakes.append({QStringLiteral("guest-user-kept"),
                                {Source + QStringLiteral(" list_users"), 0},
                                tr("RabbitMQ's default user guest (password guest) still exists; the deploy deletes "
                                   "it (rabbitmq.removeGuest).")});
    }
    if (vhostNames.contains(QStringLiteral("/"))) {
        report.mistakes.append({QStringLiteral("default-vhost-kept"),
                                {Source + QStringLiteral(" list_vhosts"), 0},
                                tr("RabbitMQ's default vhost \"/\" still exists; the deploy deletes it "
                                   "(rabbitmq.removeDefaultVhost).")});
    }
    if (!userNames.contains(user)) {
        report.problems.append({{Source + QStringLiteral(" list_users"), 0},
                                tr("the broker user %1 of CELERY_BROKER_URL does not exist in RabbitMQ; the deploy "
                                   "creates it.")
                                    .arg(user)});
    }
    if (!vhostNames.contains(vhost)) {
        report.problems.append({{Source + QStringLiteral(" list_vhosts"), 0},
                                tr("the vhost %1 of CELERY_BROKER_URL does not exist in RabbitMQ; the deploy creates "
                                   "it.")
                                    .arg(vhost)});
        return 2;
    }
    QJsonArray permissions;
    if (!listJson(host, QStringLiteral("list_permissions -p %1").arg(Quote::shell(vhost)), &permissions, &error)) {
        report.problems.append({{Source + QStringLiteral(" list_permissions"), 0},
                                tr("the permissions on vhost %1 could not be listed (%2).").arg(vhost, error)});
        return 3;
    }
    bool full = false;
    for (const QJsonValue& p : std::as_const(permissions)) {
        const QJsonObject o = p.toObject();
        full = full || (o.value(QStringLiteral("user")).toString() == user &&
                        o.value(QStringLiteral("configure")).toString() == QLatin1String(".*") &&
                        o.value(QStringLiteral("write")).toString() == QLatin1String(".*") &&
                        o.value(QStringLiteral("read")).toString() == QLatin1String(".*"));
    }
    if (!full) {
        report.problems.append(
            {{Source + QStringLiteral(" list_permissions"), 0},
             tr("user %1 lacks configure, write and read \".*\" on vhost %2; the deploy sets them.").arg(user, vhost)});
    }
    return 3;
}

} // namespace saltant
