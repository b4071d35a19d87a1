#pragma once

#include "net/CheckOptions.h"
#include "net/CheckProbe.h"
#include "model/Project.h"

#include <QCoreApplication>
#include <QList>

namespace saltant {

// Which checks a project gets. Preflight (before the first deploy): DNS of every server name against the deploy
// host, and the ports the guide opens (SSH, 80, 443, AMQPS). Health (after a deploy, DESIGN §3 step 6): the
// site, its HTTP->HTTPS redirect, /flower/, /rabbitmq/ and the certificates of the site and of AMQPS.
class CheckSuite
{
    Q_DECLARE_TR_FUNCTIONS(CheckSuite)

public:
    enum class Kind
    {
        Preflight,
        Health
    };

    // New, unstarted probes in report order, parented to parent.
    static QList<CheckProbe*> build(Kind kind, const Project& project, const CheckOptions& options,
                                    QObject* parent = nullptr);
    // The ids build() would use, in the same order (for tests and the UI's placeholders).
    static QStringList ids(Kind kind, const Project& project, const CheckOptions& options);

private:
    static QList<CheckProbe*> preflight(const Project& project, const CheckOptions& options, QObject* parent);
    static QList<CheckProbe*> health(const Project& project, const CheckOptions& options, QObject* parent);
};

} // namespace saltant
