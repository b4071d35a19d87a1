#include "cli/DeployCommand.h"
#include "plan/PlanDrift.h"

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
        const DriftStatus status = PlanDrift::status(context.connection->plan());
        switch (status.state) {
        case DriftStatus::State::Unknown:
        case DriftStatus::State::None:
            io.out << status.summary << Qt::endl;
            return NoDrift;
        case DriftStatus::State::Error:
            io.err << tr("drift: %1").arg(status.summary) << Qt::endl;
            return Error;
        case DriftStatus::State::Drifted:
            break;
        }
        for (const QString& line : status.files) {
            io.out << line << Qt::endl;
        }
        io.out << status.summary << Qt::endl;
        return Drifted;
    }
};

} // namespace saltant

SALTANT_REGISTER_COMMAND(DriftCommand)
