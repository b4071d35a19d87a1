#pragma once

#include <QCoreApplication>

namespace saltant {

class RemoteHost;
struct ImportResult;

// RabbitMQ's users, vhosts and permissions on the imported server, read with `rabbitmqctl list_*` (read-only) and
// compared with the broker URL the .env uses: the report says whether the user and vhost exist with full
// permissions, and names guest and the default vhost "/" when they are still there (the deploy removes them).
class RabbitmqAccounts
{
    Q_DECLARE_TR_FUNCTIONS(saltant::RabbitmqAccounts)

public:
    // Adds to result's report; returns how many commands ran.
    static int check(RemoteHost& host, ImportResult* result);
};

} // namespace saltant
