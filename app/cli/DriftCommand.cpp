#include "cli/DeployCommand.h"

#include <QCoreApplication>

namespace saltant {

// `drift`: compare the server with the manifest of the last deploy and print every file changed on the server
// since. For cron and monitoring: exit 0 no drift (or drift unknown: never deployed by Saltant Deploy), 1 drift,
// 2 any error (bad project, cannot connect, unreadable manifest). Changes nothing.
class DriftCommand : public ProjectCommand
{
    Q_DECLARE_TR_FUNCTIONS(saltant::DriftCommand)

public:
    static constexpr int NoDrift = 0;
    static constexpr int Drifted = 1;
    static constexpr int Error = 2;

    QString name() const override { return QStringLiteral("drift"); }
    QString summary() const override
    {
        return tr("Report files changed on the server since the last deploy (exit 0 none or unknown, 1 drift, 2 "
                  "error). Changes nothing.");
    }
    void addCommandOptions(QCommandLineParser& parser) const override
    {
        parser.addOption({QStringLiteral("accept-new-host-key"),
                          tr("Trust the server's host key when it is not yet in known_hosts (a changed key is always "
                             "refused).")});
    }
    bool needsValidProject() const override { return true; }
    int runWithProject(const Project& project, const QCommandLineParser& parser, CliIo& io) const override
    {
        DeployContext context{project, nullptr, false};
        if (DeployCommand::connect(parser, io, &context) != ExitCode::Ok) {
            io.err << tr("drift: the server could not be read; drift unknown.") << Qt::endl;
            return Error;
        }
        const Plan& plan = context.connection->plan();
        switch (plan.manifestState) {
        case Plan::ManifestState::NotTracked:
        case Plan::ManifestState::Missing:
            io.out << tr("unknown: never deployed by Saltant Deploy (no manifest in %1); the next deploy records "
                         "one.")
                          .arg(plan.stateDirectory)
                   << Qt::endl;
            return NoDrift;
        case Plan::ManifestState::Unreadable:
            io.err << tr("drift: %1").arg(plan.manifestError) << Qt::endl;
            return Error;
        case Plan::ManifestState::Found:
            break;
        }
        const QList<const PlannedFile*> drifted = plan.drifted();
        const QString since = plan.manifest.time.toUTC().toString(Qt::ISODate);
        if (drifted.isEmpty()) {
            io.out << tr("no drift: %n file(s) as the last deploy (%1) left them.", nullptr, int(plan.files.size()))
                          .arg(since)
                   << Qt::endl;
            return NoDrift;
        }
        for (const PlannedFile* f : drifted) {
            io.out << f->file.remotePath << QStringLiteral(": ") << f->driftWhat << Qt::endl;
        }
        io.out << tr("%n file(s) changed on the server since the last deploy (%1); `plan` shows the changes.", nullptr,
                     int(drifted.size()))
                      .arg(since)
               << Qt::endl;
        return Drifted;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(DriftCommand)
