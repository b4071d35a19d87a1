#pragma once

#include "generate/GenerateContext.h"

#include <QCoreApplication>
#include <QString>

namespace saltant {

// The shell command lines of the deploy steps that provision a Debian server beyond our files: the web group's way
// into a 0750 home, PostgreSQL's role and database, Django's migrations. Every value quoted; a secret only ever on
// standard input. DeploySteps puts them in order.
class ProvisionCommands
{
    Q_DECLARE_TR_FUNCTIONS(saltant::ProvisionCommands)

public:
    // True on the server when uWSGI (its User= and Group=) and nginx (www-data) can enter the project directory and
    // the static directory (once collectstatic made it). Ubuntu 21.04 and later create homes 0750.
    static QString webCanTraverse(const GenerateContext& c);
    // Grants the web group traverse only (setfacl g:GROUP:--x) on exactly the directories on the way that block,
    // then checks the result.
    static QString grantTraverse(const GenerateContext& c);
    // program run as the PostgreSQL superuser.
    static QString asPostgres(const QString& program);
    // Creates the role when missing and sets its password, read from standard input by `IFS= read -r pw` alone.
    static QString databaseRole(const GenerateContext& c);
    // True on the server when the database exists.
    static QString databaseExists(const GenerateContext& c);
    // True when Django starts, reaches its database and has no unapplied migration (manage: "cd … && … manage.py ").
    static QString migrationsApplied(const QString& manage);
};

} // namespace saltant
